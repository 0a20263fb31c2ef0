"""Knowledge graph pages, citation links, abbreviation tooltips and JSON-LD.

Thin adapter: the graph, the pages and the HTML pass live in `ldkb` (graph.py,
render_graph.py, render_units.py, render_terms.py, linkify.py, jsonld.py).
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ldkb.render import jsonld
from ldkb.graph.relations import graph_of
from ldkb.graph.linking import linker_of, resolve_links
from ldkb.graph.md_citations import markdown_problems
from ldkb.render.graph_pages import GRAPH_PAGE, TIMELINE_PAGE, graph_markdown, timeline_markdown
from ldkb.render.term_pages import (
    CAMPAIGNS_DIR,
    GLOSSARY_PAGE,
    MAINTENANCE_PAGE,
    campaign_markdown,
    campaigns_index_markdown,
    glossary_markdown,
    maintenance_markdown,
)
from ldkb.render.raw_blocks import RAW_MARK_PREFIX, splice_raw_html
from ldkb.render.unit_pages import MATRIX_PAGE, UNITS_DIR, matrix_markdown, unit_markdown, units_index_markdown

from ..background import BackgroundError, can_fork
from ..shared import GeneratedPages, get_corpus, page_href, unlink_absent, warn_missing
from .config import GraphConfig
from .prelink import Prelinked

log = get_plugin_logger(__name__)

_SECTION_TITLES = {UNITS_DIR: "Đơn vị", CAMPAIGNS_DIR: "Phong trào thi đua", "bao-tri": "Bảo trì"}


class GraphPlugin(BasePlugin[GraphConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds because on_startup is defined; per-build state is set in on_config.
        self.serving = False
        self.pages = GeneratedPages()
        self.prelinked: Prelinked | None = None
        self.linked_ahead: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        graph_of(get_corpus(config))  # built now, while the documents plugin keeps GC paused
        self.linked_ahead = set()
        return config

    # The graph and the linker are the corpus's own (graph_of, linker_of), looked up where they
    # are used: the preview may put a corpus loaded again after a save in the build's place.
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        corpus = get_corpus(config)
        makers = self.page_makers(corpus, files, config)
        for p in self._site_problems(corpus):
            # A preview must keep running (the maintenance page lists them); a build fails on them.
            (log.info if self.serving else log.warning)(p.format())
        self.pages.reset(makers)
        # The maintenance page is for editors: reachable by link, not in the readers' menu.
        self.pages.put_all(files, config, corpus, not_in_nav=frozenset({MAINTENANCE_PAGE}))
        return files

    def page_makers(self, corpus, files: Files, config: MkDocsConfig) -> dict:
        """The pages this plugin makes for `corpus`, in order, each with what makes it (also
        asked by the preview when documents are added or removed)."""
        # Hand-written pages: their citations are checked here, with file and line.
        handwritten = []
        for f in files.documentation_pages():
            if f.generated_by is None and f.abs_src_path:
                text = Path(f.abs_src_path).read_text(encoding="utf-8-sig")
                handwritten.append((text, f"{Path(config.docs_dir).name}/{f.src_uri}"))

        def site_problems(corpus) -> list:
            problems = list(graph_of(corpus).problems)
            for text, name in handwritten:
                problems += markdown_problems(text, name, corpus)
            return problems

        self._site_problems = site_problems
        makers = {
            f"{UNITS_DIR}/index.md": units_index_markdown,
            MATRIX_PAGE: matrix_markdown,
            f"{CAMPAIGNS_DIR}/index.md": campaigns_index_markdown,
            GLOSSARY_PAGE: glossary_markdown,
            TIMELINE_PAGE: timeline_markdown,
            GRAPH_PAGE: graph_markdown,
            MAINTENANCE_PAGE: lambda corpus: maintenance_markdown(site_problems(corpus)),
        }
        for unit in corpus.units.values():
            makers[f"{UNITS_DIR}/{unit.ma}.md"] = partial(_unit_page, unit.ma)
        for campaign in corpus.campaigns:
            makers[f"{CAMPAIGNS_DIR}/{campaign.ma}.md"] = partial(_campaign_page, campaign.ma)
        return makers

    # Last: every plugin's files are in and the pages are in their final order.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._start_prelinking(files, get_corpus(config))

        def walk(items):
            for item in items:
                if isinstance(item, Section):
                    pages = [c for c in item.children if isinstance(c, Page)]
                    folder = pages[0].file.src_uri.split("/")[0] if pages else ""
                    if folder in _SECTION_TITLES and all(p.file.src_uri.startswith(folder + "/") for p in pages):
                        item.title = _SECTION_TITLES[folder]
                    walk(item.children)

        walk(nav.items)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.set_aside(markdown, page)  # raw HTML skips Markdown (speed)

    def _start_prelinking(self, files: Files, corpus) -> None:
        # The pages whose raw HTML is set aside: the documents' pages and this plugin's own.
        pages: dict[str, str | None] = {}
        for f in files.documentation_pages():
            if f.generated_by is None:
                continue
            doc = _document_of(f.src_uri, corpus)
            if doc is not None or f.src_uri in self.pages.uris:
                pages[f.src_uri] = doc.slug if doc is not None else None
        use = (self.config.link_citations and self.config.background and not self.serving and can_fork()
               and len(pages) >= self.config.background_min_pages)
        self.prelinked = Prelinked(linker_of(corpus), files, self.config.abbreviations, pages) if use else None

    # A page linked ahead: before the documents plugin (priority 100) and this one (0) put its
    # blocks back, this links only what Python-Markdown made of the page and puts in the blocks
    # the worker linked; the rest of the page's handling goes on as for any page.
    @event_priority(110)
    def _link_ahead(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.prelinked is None:
            return html
        uri = page.file.src_uri
        try:
            linked = self.prelinked.blocks(uri)
        except BackgroundError as exc:
            log.debug(f"Tiến trình chạy nền:\n{exc}")  # the worker's traceback, with --verbose
            raise PluginError(f"Gắn liên kết trích dẫn thất bại: {str(exc).strip().splitlines()[-1]}") from None
        if linked is None or html.count(RAW_MARK_PREFIX) != len(linked[0]):
            return html  # not the page the worker had (then linked whole, below)
        blocks, missing = linked
        result = linker_of(get_corpus(config)).process(unlink_absent(html, files), page_href(page.file, files),
                                     _document_of(uri, get_corpus(config)), abbreviations=self.config.abbreviations)
        warn_missing(uri, missing + result.missing_pages)
        self.linked_ahead.add(uri)
        return splice_raw_html(result.html, blocks)

    @event_priority(0)
    def _link(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        html = self.pages.put_back(html, page, files)  # our pages: raw HTML back, `ldkb:` links resolved
        corpus = get_corpus(config)
        self_doc = _document_of(uri, corpus)
        if uri not in self.linked_ahead:
            href = page_href(page.file, files)
            # Any page's `ldkb:` placeholders left (hand-written raw HTML): resolved even without citation links.
            if self.config.link_citations:
                result = linker_of(corpus).process(html, href, self_doc, abbreviations=self.config.abbreviations)
            else:
                result = resolve_links(html, href)
            warn_missing(uri, result.missing_pages)
            html = result.html
        if self_doc is not None and self.config.json_ld:
            site = (config.site_url or "").rstrip("/")

            def url_of(doc):
                return f"{site}/{doc.url}" if site else None

            html += jsonld.script_tag(jsonld.legislation(self_doc, graph_of(corpus), url_of))
        return html

    on_page_content = CombinedEvent(_link_ahead, _link)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self._stop_prelinking()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_prelinking()

    def _stop_prelinking(self) -> None:
        if self.prelinked is not None:
            prelinked, self.prelinked = self.prelinked, None
            prelinked.close()


def _unit_page(ma: str, corpus) -> str:
    return unit_markdown(corpus.units[ma], corpus)


def _campaign_page(ma: str, corpus) -> str:
    return campaign_markdown(next(c for c in corpus.campaigns if c.ma == ma), corpus)


def _document_of(uri: str, corpus):
    """The document whose generated page `uri` is (`van-ban/117-kh-ldld.md`), else None."""
    if uri.startswith("van-ban/") and uri.count("/") == 1:
        return corpus.by_slug(uri[len("van-ban/"):-3])
    return None
