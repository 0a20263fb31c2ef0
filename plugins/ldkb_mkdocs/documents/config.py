from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ldkb.render.nav_order import MEMBER_ORDER


class DocumentsConfig(Config):
    # Folder of the content model, relative to mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # Where generated document pages live in the site: /van-ban/<slug>/.
    section = c.Type(str, default="van-ban")
    # Nav groups larger than this are split by year, keeping every page's nav small.
    nav_group_size = c.Type(int, default=60)
    # Empty each page's Markdown and HTML once it is written: MkDocs keeps them until the build
    # ends, though nothing reads them after (~740 MB at 2,000 documents). Off only to compare.
    release_written_pages = c.Type(bool, default=True)
    # Order of the menu's top entries, by file or folder (ldkb/render/nav_order.py): members'
    # pages first, the editors' guide last; "@van-ban-chinh" is the main document (cai-dat.yml).
    nav_order = c.ListOfItems(c.Type(str), default=list(MEMBER_ORDER))
