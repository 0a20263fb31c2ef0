from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GraphConfig(Config):
    # Wrap glossary abbreviations in <abbr title="…"> on every page (Material shows tooltips).
    abbreviations = c.Type(bool, default=True)
    # Turn citations of documents into links on every page, hand-written ones included.
    link_citations = c.Type(bool, default=True)
    # schema.org `Legislation` JSON-LD on each document page.
    json_ld = c.Type(bool, default=True)
    # On a build, link the document pages in a second process while MkDocs converts the pages
    # (same site; off: in the build's own process, as while previewing).
    background = c.Type(bool, default=True)
    # ... for sites of at least this many document pages: below, starting a process costs more
    # than it saves (the real collection: 13).
    background_min_pages = c.Type(int, default=100)
