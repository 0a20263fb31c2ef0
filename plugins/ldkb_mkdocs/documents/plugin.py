"""Load the content model and give every document its generated page."""
from __future__ import annotations

import gc
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ldkb.export.open_data import documents_json, dumps
from ldkb.export.reuse import make_now
from ldkb.model.corpus import Corpus, load_corpus
from ldkb.model.corpus_cache import CorpusLoader
from ldkb.model.errors import ContentInvalid
from ldkb.model.folders import DOCUMENTS_DIR, document_page
from ldkb.model.schema import VanBan
from ldkb.render.dependencies import OPEN_DATA
from ldkb.render.document_page import document_markdown, errors_admonition, index_markdown
from ldkb.render.nav_groups import SECTION_TITLE, NavGroup, document_groups
from ldkb.render.nav_order import MAIN, arrange
from ldkb.render.printables_page import PRINT_PAGE, printables_markdown
from ldkb.text.normalize import toc_slug
from ldkb.util.gc_pause import FreezeEvery

from ..material.mkdocs_nav import NavItem, nav_key, relink, release_page, section, sections, set_children
from ..material.versions import check_versions
from ..shared import GeneratedPages, document_reader, file_reuse, get_corpus, project_root
from .config import DocumentsConfig

# Pages between two freezes, in each of MkDocs' passes (Markdown, then templates): each freeze
# collects what is not frozen yet (~200 pages' objects, a few ms).
FREEZE_EVERY_PAGES = 200

log = get_plugin_logger(__name__)


class DocumentsPlugin(BasePlugin[DocumentsConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds (on_startup is defined, so MkDocs keeps this object).
        self.serving = False
        self.gc_paused = False  # a preview whose config failed after pausing is still paused
        # Per build, set again in on_config.
        self.corpus: Corpus | None = None  # read by the other plugins through shared.get_corpus
        self.pages = GeneratedPages()
        self.freezer: FreezeEvery | None = None
        # While previewing: the content folder loaded again at each rebuild, parsing only the
        # files that changed since the previous one (model/corpus_cache.py).
        self.loader: CorpusLoader | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        check_versions()  # first thing of a build: the theme's internals we rely on
        self.corpus = None
        self.pages = GeneratedPages()
        self.freezer = None
        content = project_root(config) / self.config.content_dir
        # No cyclic GC until on_pre_build: loading the model and the other plugins' set-up
        # (the graph) make long-lived objects only, which each GC pass would walk again.
        self.gc_paused = self.gc_paused or gc.isenabled()
        gc.disable()
        try:
            # While previewing, a broken file must not stop the server: the
            # errors are shown on the pages instead (see on_page_markdown).
            corpus = (self.reload_corpus(content) if self.serving
                      else load_corpus(content, reader=document_reader(config)))
        except ContentInvalid as exc:
            self._resume_gc()
            raise PluginError(str(exc)) from None
        for item in corpus.log.warnings:
            log.info(item.format())
        for item in corpus.log.errors:
            log.error(item.format())
        self.corpus = corpus
        # Vietnamese headings of hand-written pages keep their letters (`Đoàn viên` -> `doan-vien`,
        # not Markdown's `oan-vien`); set here so mkdocs.yml stays plain YAML for other tools.
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", toc_slug)
        return config

    def reload_corpus(self, content: Path | None = None) -> Corpus:
        """The content model as the files are now (not strict), reusing unchanged files: each
        rebuild of a preview, and the preview's updates after a save (ldkb_mkdocs/preview)."""
        if content is not None and (self.loader is None or self.loader.root != content):
            self.loader = CorpusLoader(content)
        assert self.loader is not None, "loaded in on_config"
        return self.loader.load()

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
        self.pages.reset(self.page_makers(corpus, files, config), corpus)
        self.pages.put_all(files, config, corpus)
        return files

    def page_makers(self, corpus: Corpus, files: Files, config: MkDocsConfig) -> dict:
        """The pages this plugin makes, in order, each with what makes it from a content model
        (also asked by the preview when documents are added or removed)."""
        makers: dict = {f"{DOCUMENTS_DIR}/index.md": index_markdown}
        for doc in corpus.documents:
            makers[f"{document_page(doc.slug)}.md"] = partial(_document_page, doc.slug, self.serving)
        # The one list of printables; sizes and page counts are written in once the PDFs exist.
        makers[PRINT_PAGE] = printables_markdown
        return makers

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        corpus = get_corpus(config)
        found = self._find_section(nav.items)
        by_uri = {p.file.src_uri: p for p in nav.pages}
        main = corpus.main_document
        # The main document is an entry of its own, right after the home page (nav_order).
        main_page = by_uri.get(f"{document_page(main.slug)}.md") if main is not None else None
        if found is not None:
            found.title = SECTION_TITLE
            index = by_uri.get(f"{DOCUMENTS_DIR}/index.md")
            listed = [doc for doc in corpus.sorted_documents()
                      if f"{document_page(doc.slug)}.md" in by_uri and doc is not main]

            def item(node: NavGroup | VanBan) -> NavItem:
                if isinstance(node, NavGroup):
                    return section(node.title, [item(child) for child in node.children])
                return by_uri[f"{document_page(node.slug)}.md"]

            groups = [item(group) for group in document_groups(listed, self.config.nav_group_size)]
            set_children(found, [index, *groups] if index else groups)
            if main_page is not None:
                main_page.parent = None
                nav.items.append(main_page)
        order = tuple(self.config.nav_order)
        nav.items = arrange(nav.items, lambda item: MAIN if item is main_page else nav_key(item), order)
        relink(nav)
        return nav

    @staticmethod
    def _find_section(items: list) -> Section | None:
        """The menu section holding the document pages (its direct pages are under van-ban/)."""
        for sec in sections(items):
            pages = [c for c in sec.children if isinstance(c, Page)]
            if any(p.file.src_uri.startswith(DOCUMENTS_DIR + "/") for p in pages):
                return sec
        return None

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
            release_page(page)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        corpus = get_corpus(config)
        out = Path(config.site_dir) / OPEN_DATA
        out.parent.mkdir(parents=True, exist_ok=True)

        def make() -> bytes:
            data = documents_json(corpus, base_url=config.site_url or "/")
            return dumps(data).encode("utf-8")  # = json.dumps(data, ensure_ascii=False, indent=1)

        # With ldkb-cache: the previous build's while its inputs are the same (dependencies.py).
        text = (file_reuse(config) or make_now)(OPEN_DATA, OPEN_DATA, make)
        assert text is not None
        out.write_bytes(text)


def _document_page(slug: str, preview: bool, corpus: Corpus) -> str:
    doc = corpus.by_slug(slug)
    if doc is None:
        raise KeyError(slug)  # the pages are made for the documents of this same model
    return document_markdown(doc, corpus, preview=preview)
