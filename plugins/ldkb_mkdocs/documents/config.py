from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


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
