"""Knowledge graph pages, citation links, abbreviation tooltips and JSON-LD.

Thin adapter: the graph, the pages and the HTML pass live in `ldkb` (graph/relations.py,
graph/linking.py, render/graph_pages.py, render/unit_pages.py, render/term_pages.py, render/jsonld.py).
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ldkb.export.task_files import write_task_files
from ldkb.graph.linking import Linker, linker_of, resolve_links
from ldkb.graph.md_citations import markdown_problems
from ldkb.graph.relations import Graph, graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.model.schema import VanBan
from ldkb.render import jsonld
from ldkb.render.graph_pages import GRAPH_PAGE, TIMELINE_PAGE, graph_markdown, timeline_markdown
from ldkb.render.nav_groups import FOLDER_TITLES
from ldkb.render.nav_order import by_name
from ldkb.render.raw_blocks import RAW_MARK_PREFIX, splice_raw_html
from ldkb.render.term_pages import (
    CAMPAIGNS_DIR,
    GLOSSARY_PAGE,
    MAINTENANCE_PAGE,
    campaign_markdown,
    campaigns_index_markdown,
    glossary_markdown,
    maintenance_markdown,
)
from ldkb.render.task_pages import matrix_pages, upcoming_pages
from ldkb.render.unit_pages import MATRIX_PAGE, UNITS_DIR, UPCOMING_PAGE, unit_page, unit_pages, units_index_markdown

from ..background import BackgroundError, can_fork
from ..material.mkdocs_nav import relink, sections, set_children
from ..shared import Family, GeneratedPages, family_lister, file_reuse, get_corpus, page_href, unlink_absent, warn_missing
from .config import GraphConfig
from .prelink import Prelinked

log = get_plugin_logger(__name__)



class GraphPlugin(BasePlugin[GraphConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds (on_startup is defined, so MkDocs keeps this object).
        self.serving = False
        # Per build, set again in on_config.
        self.graph: Graph | None = None
        self.linker: Linker | None = None
        self.pages = GeneratedPages()
        self.prelinked: Prelinked | None = None
        self.linked_ahead: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        corpus = get_corpus(config)
        # The corpus's own (kept on it): the preview puts a model loaded again after a save in
        # the build's place, with its graph and linker (preview/session.py).
        self.graph = graph_of(corpus)
        self.linker = linker_of(corpus)
        self.pages = GeneratedPages()
        self.prelinked = None
        self.linked_ahead = set()
        return config

    def _graph(self) -> Graph:
        assert self.graph is not None, "made in on_config"
        return self.graph

    def _linker(self) -> Linker:
        assert self.linker is not None, "made in on_config"
        return self.linker

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        corpus = get_corpus(config)
        makers = self.page_makers(corpus, files, config)
        for p in self._site_problems(corpus):
            # A preview must keep running (the maintenance page lists them); a build fails on them.
            (log.info if self.serving else log.warning)(p.format())
        # The maintenance page is for editors, and the further pages of "Ai làm gì", "Việc sắp đến
        # hạn" and a unit's checklist (by year) are reached from their first page: reachable by
        # link, not in the readers' menu.
        self.pages.reset(makers, corpus, listed=family_lister(config))
        in_menu = {f"{UNITS_DIR}/index.md", MATRIX_PAGE, UPCOMING_PAGE, f"{CAMPAIGNS_DIR}/index.md", GLOSSARY_PAGE,
                   TIMELINE_PAGE, GRAPH_PAGE}
        in_menu |= {unit_page(unit.ma) for unit in corpus.units.values()}
        in_menu |= {f"{CAMPAIGNS_DIR}/{campaign.ma}.md" for campaign in corpus.campaigns}
        self.pages.not_in_nav = self.pages.uris - in_menu
        self.pages.put_all(files, config, corpus)
        return files

    def page_makers(self, corpus: Corpus, files: Files, config: MkDocsConfig) -> dict:
        """The pages this plugin makes, in order, each with what makes it from a content model, or
        a family of pages made together (also asked by the preview after a save)."""
        # Hand-written pages: their citations are checked here, with file and line.
        handwritten = []
        for f in files.documentation_pages():
            if f.generated_by is None and f.abs_src_path:
                text = Path(f.abs_src_path).read_text(encoding="utf-8-sig")
                handwritten.append((text, f"{Path(config.docs_dir).name}/{f.src_uri}"))

        def site_problems(corpus: Corpus) -> list:
            problems = list(graph_of(corpus).problems)
            for text, name in handwritten:
                problems += markdown_problems(text, name, corpus)
            return problems

        self._site_problems = site_problems
        makers: dict = {
            f"{UNITS_DIR}/index.md": units_index_markdown,
            # Each family's pages are listed by the inputs of its first page (dependencies.py).
            "matrix": Family("matrix", matrix_pages, decided_by=MATRIX_PAGE),
            "upcoming": Family("upcoming", upcoming_pages, decided_by=UPCOMING_PAGE),
            f"{CAMPAIGNS_DIR}/index.md": campaigns_index_markdown,
            GLOSSARY_PAGE: glossary_markdown,
            TIMELINE_PAGE: timeline_markdown,
            GRAPH_PAGE: graph_markdown,
            MAINTENANCE_PAGE: lambda corpus: maintenance_markdown(site_problems(corpus)),
        }
        for unit in corpus.units.values():
            makers[f"unit:{unit.ma}"] = Family(f"unit:{unit.ma}", partial(_unit_pages, unit.ma),
                                                decided_by=unit_page(unit.ma))
        for campaign in corpus.campaigns:
            makers[f"{CAMPAIGNS_DIR}/{campaign.ma}.md"] = partial(_campaign_page, campaign.ma)
        return makers

    # Last: every plugin's files are in and the pages are in their final order.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._start_prelinking(files, get_corpus(config))
        corpus = get_corpus(config)
        # Units and campaigns are listed by their names in Vietnamese order, not by file name.
        names = {unit_page(u.ma): u.ten for u in corpus.units.values()}
        names.update({f"{CAMPAIGNS_DIR}/{c.ma}.md": c.ten for c in corpus.campaigns})
        for sec in sections(nav.items):
            pages = [c for c in sec.children if isinstance(c, Page)]
            folder = pages[0].file.src_uri.split("/")[0] if pages else ""
            if folder in FOLDER_TITLES and all(p.file.src_uri.startswith(folder + "/") for p in pages):
                sec.title = FOLDER_TITLES[folder]
                if len(pages) == len(sec.children):
                    ordered: list[Page] = by_name(pages, lambda p: p.file.src_uri, names)
                    set_children(sec, ordered)
        relink(nav)
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
        self.prelinked = Prelinked(self._linker(), files, self.config.abbreviations, pages) if use else None

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
        result = self._linker().process(unlink_absent(html, files), page_href(page.file, files),
                                     _document_of(uri, get_corpus(config)), abbreviations=self.config.abbreviations)
        warn_missing(uri, missing + result.missing_pages)
        self.linked_ahead.add(uri)
        return splice_raw_html(result.html, blocks)

    @event_priority(0)
    def _link(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        html = self.pages.put_back(html, page, files)  # our pages: raw HTML back, `ldkb:` links resolved
        self_doc = _document_of(uri, get_corpus(config))
        if uri not in self.linked_ahead:
            href = page_href(page.file, files)
            # Any page's `ldkb:` placeholders left (hand-written raw HTML): resolved even without citation links.
            if self.config.link_citations:
                result = self._linker().process(html, href, self_doc, abbreviations=self.config.abbreviations)
            else:
                result = resolve_links(html, href)
            warn_missing(uri, result.missing_pages)
            html = result.html
        if self_doc is not None and self.config.json_ld:
            site = (config.site_url or "").rstrip("/")

            def url_of(doc):
                return f"{site}/{doc.url}" if site else None

            html += jsonld.script_tag(jsonld.legislation(self_doc, self._graph(), url_of))
        return html

    on_page_content = CombinedEvent(_link_ahead, _link)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Calendars (.ics) and the units' report forms (.docx), linked from the unit pages: left
        # to the publishing build (the preview says so on every page, like the PDFs); with
        # ldkb-cache, those whose page's inputs did not change are the previous build's.
        if self.serving:
            return
        write_task_files(get_corpus(config), Path(config.site_dir), config.site_url or "",
                         made=file_reuse(config))

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self._stop_prelinking()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_prelinking()

    def _stop_prelinking(self) -> None:
        if self.prelinked is not None:
            prelinked, self.prelinked = self.prelinked, None
            prelinked.close()


def _document_of(uri: str, corpus: Corpus) -> VanBan | None:
    """The document whose generated page `uri` is (`van-ban/117-kh-ldld.md`), else None."""
    if uri.startswith(DOCUMENTS_DIR + "/") and uri.count("/") == 1:
        return corpus.by_slug(uri[len(DOCUMENTS_DIR) + 1:-3])
    return None


def _unit_pages(ma: str, corpus: Corpus) -> dict[str, str]:
    return unit_pages(corpus.units[ma], corpus)


def _campaign_page(ma: str, corpus: Corpus) -> str:
    return campaign_markdown(next(c for c in corpus.campaigns if c.ma == ma), corpus)
