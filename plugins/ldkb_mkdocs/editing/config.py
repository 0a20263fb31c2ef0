from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ldkb.render.nav_order import GUIDE_ORDER


class EditingConfig(Config):
    # Read the change history from git (one `git log` per build); off: no dates shown.
    git = c.Type(bool, default=True)
    # Longest change history listed on a document page.
    history_limit = c.Type(int, default=30)
    # Folder of the editors' guide inside docs/, and the title of its navigation section.
    guide_dir = c.Type(str, default="huong-dan-bien-tap")
    guide_title = c.Type(str, default="Hướng dẫn biên tập")
    # The guide's pages in working order, by file name inside guide_dir ("*": any other page).
    guide_order = c.ListOfItems(c.Type(str), default=list(GUIDE_ORDER))
    # Marker replaced by the field reference generated from plugins/ldkb/model/schema.py.
    field_reference_marker = c.Type(str, default="<!-- ldkb:field-reference -->")
    # Generated pages built from one registry file: site path prefix -> file in the repository.
    # Other generated pages (built from all documents) link to the guide instead.
    sources = c.Type(dict, default={
        "don-vi/": "content/don-vi.yml",
        "phong-trao/": "content/phong-trao.yml",
        "thuat-ngu/": "content/thuat-ngu.yml",
    })
    # Compiled theme templates kept between builds (folder in the repository, ignored by git);
    # empty: compile them on every build.
    template_cache = c.Type(str, default=".cache/jinja")
