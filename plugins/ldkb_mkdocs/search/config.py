"""Options of `ldkb-search` (mkdocs.yml). The documents' folder is the core setting
ldkb.model.folders.DOCUMENTS_DIR; the word separator is ldkb.text.words (set on Material's search)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    fast_sections: bool = c.Type(bool, default=True)
    """Make Material's search entries with ldkb_mkdocs.material.search_sections (one regex pass)
    instead of its HTMLParser; same index, byte for byte (tests build both ways)."""

    derived_pages: list[str] = c.ListOfItems(c.Type(str), default=[
        "don-vi/", "phong-trao/", "so-do-van-ban/", "ai-lam-gi/", "dong-thoi-gian/", "ban-in/",
        "viec-sap-den-han/"])
    """Generated pages whose sections quote documents: indexed as their introduction and section
    headings only (Material never parses the quoted text), ranked below documents."""

    page_boosts: dict[str, float] = c.Type(dict, default={
        "": 0.3, "huong-dan-bien-tap/": 0.5, "phong-trao/": 0.5, "bao-tri/": 0.1})
    """Pages ranked lower than their words alone would put them, by path ("" is the home page):
    pages that point to documents rather than say things. Documents themselves: 3 with their
    text, 0.02 without (ldkb.search.index)."""

    worker_path: str = c.Type(str, default="assets/javascripts/workers/ldkb-search.js")
    """Where our search worker goes in the site. It must sit next to Material's worker so that
    Material's relative paths to its lunr language files still resolve."""

    css_path: str = c.Type(str, default="assets/ldkb/search.css")
    """Where our search styles go in the site."""

    engine: str = c.Choice(("auto", "lunr", "shards", "pagefind"), default="auto")
    """Search engine on the published site. `auto`: shards (static sharded syllable index,
    ldkb.search.shards) once lunr's index would be too big for a phone, lunr otherwise; `pagefind`
    stays selectable (ldkb.search.pagefind; needs the test group's `pagefind` package). The
    offline copy (file://) always uses lunr. See docs-dev/tim-kiem.md."""

    split_above_gzip: int = c.Type(int, default=1_000_000)
    """`auto` switches to shards above this gzip size of lunr's index (26 KB for the real
    collection, 5.5 MB at 2,000 synthetic documents)."""

    split_slim_index: bool = c.Type(bool, default=True)
    """With shards or Pagefind, search_index.json keeps only its config: phones never fetch
    lunr's index."""

    shards_chunk: int = c.Type(int, default=32)
    """Shards: sections per chunk file (texts fetched for the candidates a query shows)."""

    background: bool = c.Type(bool, default=True)
    """On a build, make the index in a second process while MkDocs renders the pages (same index;
    off: in the build's own process, as while previewing)."""

    background_min_pages: int = c.Type(int, default=100)
    """... for sites of at least this many pages: below, starting a process costs more than it
    saves (the real collection: 35 pages)."""
