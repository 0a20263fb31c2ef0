"""Options of `ldkb-documents` (mkdocs.yml). The documents' folder is not one of them: it is the
core setting ldkb.model.folders.DOCUMENTS_DIR, the same for the content and the site."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ldkb.render.nav_order import MEMBER_ORDER


class DocumentsConfig(Config):
    content_dir: str = c.Type(str, default="content")
    """Folder of the content model, relative to mkdocs.yml."""

    nav_group_size: int = c.Type(int, default=60)
    """Menu groups larger than this are split by year (and a year by month), keeping every
    page's menu small."""

    release_written_pages: bool = c.Type(bool, default=True)
    """Empty each page's Markdown and HTML once it is written: MkDocs keeps them until the build
    ends, though nothing reads them after (~740 MB at 2,000 documents). Off only to compare."""

    nav_order: list[str] = c.ListOfItems(c.Type(str), default=list(MEMBER_ORDER))
    """Order of the menu's top entries, by file or folder (ldkb/render/nav_order.py): members'
    pages first, the editors' guide last; "@van-ban-chinh" is the main document (cai-dat.yml)."""
