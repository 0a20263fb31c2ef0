"""Load the content model and give every document its generated page."""
from __future__ import annotations

import gc
from collections import defaultdict
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ldkb.model.corpus import Corpus, load_corpus
from ldkb.model.errors import ContentInvalid
from ldkb.util.gc_pause import FreezeEvery
from ldkb.export.open_data import documents_json, dumps
from ldkb.render.document_page import document_markdown, errors_admonition, index_markdown
from ldkb.render.nav_order import MAIN, arrange
from ldkb.render.printables_page import PRINT_PAGE, printables_markdown
from ldkb.text.normalize import sort_key, toc_slug

from ..shared import GeneratedPages, get_corpus, nav_key, project_root, put_generated, relink, set_corpus
from .config import DocumentsConfig

# Pages between two freezes, in each of MkDocs' passes (Markdown, then templates): each freeze
# collects what is not frozen yet (~200 pages' objects, a few ms).
FREEZE_EVERY_PAGES = 200

log = get_plugin_logger(__name__)


class DocumentsPlugin(BasePlugin[DocumentsConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds because on_startup is defined.
        self.serving = False
        self.pages = GeneratedPages()
        self.gc_paused = False
        self.freezer: FreezeEvery | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        content = project_root(config) / self.config.content_dir
        # No cyclic GC until on_pre_build: loading the model and the other plugins' set-up
        # (the graph) make long-lived objects only, which each GC pass would walk again.
        # (A preview whose config failed after this point is still paused: keep the flag.)
        self.gc_paused = self.gc_paused or gc.isenabled()
        gc.disable()
        try:
            # While previewing, a broken file must not stop the server: the
            # errors are shown on the pages instead (see on_page_markdown).
            corpus = load_corpus(content, strict=not self.serving)
        except ContentInvalid as exc:
            self._resume_gc()
            raise PluginError(str(exc)) from None
        for item in corpus.log.warnings:
            log.info(item.format())
        for item in corpus.log.errors:
            log.error(item.format())
        set_corpus(config, corpus)
        # Vietnamese headings of hand-written pages keep their letters (`Đoàn viên` -> `doan-vien`,
        # not Markdown's `oan-vien`); set here so mkdocs.yml stays plain YAML for other tools.
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", toc_slug)
        return config

    @event_priority(-100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The content model and the graph (built in on_config) live for the whole build; without
        # this every full garbage collection walks all of them again, a cost that grows with N
        # times the collections made (~6 % of a 2,000-document build). Not while previewing:
        # frozen objects are never freed, and each rebuild loads a new model.
        self._resume_gc()
        if not self.serving:
            gc.freeze()
            # Each page's objects stay until the build ends: freeze them as it goes too.
            self.freezer = FreezeEvery(FREEZE_EVERY_PAGES)

    def on_build_error(self, *, error: Exception) -> None:
        self._resume_gc()

    def _resume_gc(self) -> None:
        if self.gc_paused:
            self.gc_paused = False
            gc.enable()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        corpus = get_corpus(config)
        section = self.config.section
        pages = {f"{section}/index.md": index_markdown(corpus)}
        for doc in corpus.documents:
            pages[f"{section}/{doc.slug}.md"] = document_markdown(doc, corpus, preview=self.serving)
        # The one list of printables; sizes and page counts are written in once the PDFs exist.
        pages[PRINT_PAGE] = printables_markdown(corpus)
        for uri, text in pages.items():
            put_generated(files, config, uri, text)
        self.pages.reset(pages)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        corpus = get_corpus(config)
        section = self._find_section(nav.items)
        by_uri = {p.file.src_uri: p for p in nav.pages}
        main = corpus.main_document
        # The main document is an entry of its own, right after the home page (nav_order).
        main_page = by_uri.get(f"{self.config.section}/{main.slug}.md") if main is not None else None
        if section is not None:
            section.title = "Văn bản"
            index = by_uri.get(f"{self.config.section}/index.md")
            groups: dict[str, list[Page]] = defaultdict(list)
            for doc in corpus.sorted_documents():
                page = by_uri.get(f"{self.config.section}/{doc.slug}.md")
                if page is not None and page is not main_page:
                    groups[doc.loai].append(page)
            children: list = [index] if index else []
            for loai in sorted(groups, key=sort_key):
                children.append(self._group(loai, groups[loai], corpus))
            section.children = children
            for child in children:
                child.parent = section
        if main_page is not None and section is not None:
            main_page.parent = None
            nav.items.append(main_page)
        order = tuple(self.config.nav_order)
        nav.items = arrange(nav.items, lambda item: MAIN if item is main_page else nav_key(item), order)
        relink(nav)
        return nav

    def _find_section(self, items) -> Section | None:
        for item in items:
            if isinstance(item, Section):
                pages = [c for c in item.children if isinstance(c, Page)]
                if any(p.file.src_uri.startswith(self.config.section + "/") for p in pages):
                    return item
                found = self._find_section(item.children)
                if found is not None:
                    return found
        return None

    def _group(self, title: str, pages: list[Page], corpus: Corpus) -> Section:
        """A nav section per type; split by year when large, and a large year by month, so no
        page carries a huge nav (Material lists every sibling of the page in its menu: a year
        of 90 plans would put 90 links in each of those 90 pages)."""
        limit = self.config.nav_group_size
        if len(pages) <= limit:
            return _section(title, list(pages))
        dates = {}
        for p in pages:
            d = corpus.by_slug(Path(p.file.src_uri).stem)
            dates[p.file.src_uri] = d.ngay_ban_hanh if d is not None else None

        def by_month(ps: list[Page]) -> list:
            if len(ps) <= limit or any(dates[p.file.src_uri] is None for p in ps):
                return list(ps)
            months: dict[int, list[Page]] = defaultdict(list)
            for p in ps:
                months[dates[p.file.src_uri].month].append(p)
            return [_section(f"Tháng {m}", months[m]) for m in sorted(months)]

        years: dict[str, list[Page]] = defaultdict(list)
        for p in pages:
            d = dates[p.file.src_uri]
            years[str(d.year) if d else "Chưa rõ năm"].append(p)
        return _section(title, [_section(f"Năm {y}" if y[0].isdigit() else y, by_month(ps))
                                for y, ps in sorted(years.items())])

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        corpus = get_corpus(config)
        markdown = self.pages.set_aside(markdown, page)  # raw HTML skips Markdown (speed)
        if corpus.log.errors:  # only while previewing: a build stops in on_config
            return errors_admonition(corpus) + markdown
        return markdown

    @event_priority(100)  # before other plugins read the page (citation links, search, reader fixes)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Raw HTML back, `ldkb:` links resolved: right even without ldkb-graph.
        if self.freezer is not None:
            self.freezer.tick()
        return self.pages.put_back(html, page, files)

    @event_priority(-100)  # after every plugin that reads the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.freezer is not None:
            self.freezer.tick()
        if self.config.release_written_pages:
            # The search index and the menus took what they need before the page was written.
            # Empty strings, not None: MkDocs' Page.title reads `markdown is None` as "not read
            # yet", and with an empty `content` it still prefers the title found when rendering.
            page.markdown = ""
            page.content = ""
            if page.file.generated_by is not None:
                page.file.content_string = ""
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        corpus = get_corpus(config)
        out = Path(config.site_dir) / "api" / "documents.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = documents_json(corpus, base_url=config.site_url or "/")
        out.write_text(dumps(data), encoding="utf-8")  # = json.dumps(data, ensure_ascii=False, indent=1)


def _section(title: str, children: list) -> Section:
    sec = Section(title, children)
    for child in children:
        child.parent = sec
    return sec
