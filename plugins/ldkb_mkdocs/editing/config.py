"""Options of `ldkb-editing` (mkdocs.yml)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ldkb.render.nav_order import GUIDE_ORDER


class EditingConfig(Config):
    git: bool = c.Type(bool, default=True)
    """Read the change history from git (one `git log` per build); off: no dates shown."""

    history_limit: int = c.Type(int, default=30)
    """Longest change history listed on a document page."""

    guide_dir: str = c.Type(str, default="huong-dan-bien-tap")
    """Folder of the editors' guide inside docs/."""

    guide_title: str = c.Type(str, default="Hướng dẫn biên tập")
    """Title of the guide's menu section."""

    guide_order: list[str] = c.ListOfItems(c.Type(str), default=list(GUIDE_ORDER))
    """The guide's pages in working order, by file name inside guide_dir ("*": any other page)."""

    field_reference_marker: str = c.Type(str, default="<!-- ldkb:field-reference -->")
    """Marker replaced by the field reference generated from plugins/ldkb/model/schema.py."""

    sources: dict[str, str] = c.Type(dict, default={
        "don-vi/": "content/don-vi.yml",
        "phong-trao/": "content/phong-trao.yml",
        "thuat-ngu/": "content/thuat-ngu.yml",
    })
    """Generated pages built from one registry file: site path prefix -> file in the repository.
    Other generated pages (built from all documents) link to the guide instead."""

    template_cache: str = c.Type(str, default=".cache/jinja")
    """Compiled theme templates kept between builds (folder in the repository, ignored by git);
    empty: compile them on every build."""
