"""Options of `ldkb-graph` (mkdocs.yml)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GraphConfig(Config):
    abbreviations: bool = c.Type(bool, default=True)
    """Wrap glossary abbreviations in <abbr title="…"> on every page (Material shows tooltips)."""

    link_citations: bool = c.Type(bool, default=True)
    """Turn citations of documents into links on every page, hand-written ones included."""

    json_ld: bool = c.Type(bool, default=True)
    """schema.org `Legislation` JSON-LD on each document page."""

    background: bool = c.Type(bool, default=True)
    """On a build, link the document pages in a second process while MkDocs converts the pages
    (same site; off: in the build's own process, as while previewing)."""

    background_min_pages: int = c.Type(int, default=100)
    """... for sites of at least this many document pages: below, starting a process costs more
    than it saves (the real collection: 13)."""
