from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    # Make Material's search entries with ldkb.search.sections (one regex pass) instead of its
    # HTMLParser; same index, byte for byte (tests/test_search_sections.py builds both ways).
    fast_sections = c.Type(bool, default=True)
    # Folder of the generated document pages (as in ldkb-documents).
    section = c.Type(str, default="van-ban")
    # Generated pages whose sections quote documents: indexed as their introduction and
    # section headings only (Material never parses the quoted text), ranked below documents.
    derived_pages = c.ListOfItems(c.Type(str), default=[
        "don-vi/", "phong-trao/", "so-do-van-ban/", "ai-lam-gi/", "dong-thoi-gian/", "viec-sap-den-han/"])
    # Where our assets go in the site. The worker must sit next to Material's worker so
    # that Material's relative paths to its lunr language files still resolve.
    worker_path = c.Type(str, default="assets/javascripts/workers/ldkb-search.js")
    css_path = c.Type(str, default="assets/ldkb/search.css")
    # Search engine on the published site. `auto`: shards (static sharded syllable index,
    # ldkb.search.shards) once lunr's index would be too big for a phone, lunr otherwise;
    # `pagefind` stays selectable (ldkb.search.pagefind). The offline copy (file://) always
    # uses lunr. See docs/tim-kiem.md.
    engine = c.Choice(("auto", "lunr", "shards", "pagefind"), default="auto")
    # `auto` switches to shards above this gzip size of lunr's index (26 KB for the real
    # collection, 5.5 MB at 2,000 synthetic documents).
    split_above_gzip = c.Type(int, default=1_000_000)
    # With shards or Pagefind, search_index.json keeps only its config: phones never fetch
    # lunr's index.
    split_slim_index = c.Type(bool, default=True)
    # Shards: sections per chunk file (texts fetched for the candidates a query shows).
    shards_chunk = c.Type(int, default=32)
    # On a build, make the index in a second process while MkDocs renders the pages (same
    # index; off: in the build's own process, as while previewing).
    background = c.Type(bool, default=True)
    # ... for sites of at least this many pages: below, starting a process costs more than it
    # saves (the real collection: 35 pages).
    background_min_pages = c.Type(int, default=100)
