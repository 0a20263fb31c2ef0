"""The preview's builds: one full build kept in memory, then only what a save changed.

`mkdocs serve` builds the whole site again after every save: at 2,000 documents that is minutes
for one corrected comma. MkDocs' own dirty builds (`--dirty`, `File.is_modified`) do not help
here: every document page is generated, and a generated file always counts as modified; the
configuration, the content model, every page's Markdown and the navigation are made again anyway;
the other pages keep a stale menu; and the server holds every request until the build ends.

A session runs the same build (MkDocs' `build`, our plugins, Material's templates) once, keeps
what it made (configuration, plugins, files, navigation, template environment, every page's
search entries), and after a save:

- loads the content model again, parsing only the saved files (documents plugin's loader);
- asks the model which pages show what changed (ldkb.render.dependencies) and which pages'
  menus changed (navsig.py), makes only those pages' Markdown again and passes them through
  MkDocs' own page steps (material/mkdocs_build.py: every plugin event, the same template), each written to a side file then renamed over the old one;
- then writes the search index and the other end-of-build files from the kept entries.

A change that reaches every page (a registry, `mkdocs.yml`, a template or asset, a hand-written
page, the set of documents, content errors appearing or going, the build date) gets a full
build into a new folder, swapped in when done. Either way the pages are the ones a full build of
the same content makes (tests/test_preview_equivalence.py).
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ldkb.graph.effect import build_date
from ldkb.graph.relations import graph_of
from ldkb.graph.linking import linker_of
from ldkb.model.corpus import DOCS_DIR, Corpus
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.render.dependencies import (SUMMARY, TITLE, Inputs, added_and_removed, changed_inputs, page_inputs,
                                      pages_showing)

from ..documents.plugin import DocumentsPlugin
from ..graph.plugin import GraphPlugin
from ..search import indexer
from ..shared import GeneratedPages, get_corpus
from ..material.mkdocs_build import build_page, build_static_templates, populate_page, written_to
from ..navsig import OUTSIDE, nav_signatures

log = logging.getLogger("mkdocs.plugins.ldkb.preview")

CAPTURE = "ldkb-preview"
# Folders an end-of-build step writes whole (the split search index): swapped in at once.
WHOLE_FOLDERS = {indexer.SHARDS_DIR, "pagefind"}


class _Capture(BasePlugin):
    """Added to each full build's plugins: keeps what MkDocs makes and does not return (the
    files, the navigation, the template environment) and each page's search entries."""

    def __init__(self) -> None:
        super().__init__()
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.entries: dict[str, list[dict[str, Any]]] = {}  # page -> its entries in Material's index
        self._start = 0
        # After the full build: a page made again takes its entries out of Material's index
        # (kept here per page), or the index would grow by them at every update.
        self.trim = False

    @event_priority(-1000)
    def on_files(self, files, *, config):
        self.files = files
        return files

    @event_priority(-1000)
    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env, *, config, files):
        self.env = env
        return env

    @event_priority(1000)  # before the search plugins add the page's entries
    def on_page_context(self, context, *, page, config, nav):
        index = _material_index(config)
        self._start = len(index.entries) if index is not None else 0
        return context

    @event_priority(1000)  # after on_page_context: the page's entries are the last ones added
    def on_post_page(self, output, *, page, config):
        index = _material_index(config)
        if index is not None:
            self.entries[page.file.src_uri] = index.entries[self._start:]
            if self.trim:
                del index.entries[self._start:]
        return output


def _material_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build (None without Material's search)."""
    material = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(material, "search_index", None)
    return index if material is not None and index is not None and material.config.enabled else None


@dataclass
class Update:
    """What one build or update did."""

    full: bool
    reason: str = ""
    pages: list[str] = field(default_factory=list)  # sources of the pages made again (incremental)
    urls: list[str] = field(default_factory=list)  # their addresses in the site
    seconds: float = 0.0
    failed: str | None = None  # the error, when the build failed (the previous site stays)
    removed: list[str] = field(default_factory=list)  # addresses of pages an update removed


@dataclass
class _State:
    config: MkDocsConfig
    capture: _Capture
    files: Files  # what the full build made (the capture's), kept up to date by the updates
    nav: Navigation
    env: jinja2.Environment
    corpus: Corpus
    site: Path
    date: object
    navsigs: dict[str, str]
    inputs: Inputs | None = None  # page_inputs of `corpus`, made once the site is up
    static_stale: bool = False  # 404.html and the sitemap to write again (menu changed)
    # page -> (its entries, its part of the search index)
    index: dict[str, tuple[list[dict[str, Any]], indexer.PageIndex]] = field(default_factory=dict)


class PreviewSession:
    """Builds the site of `config_file` for the preview server at `serve_url`, into folders
    under `workdir` (one per full build)."""

    def __init__(self, config_file: Path | str, serve_url: str, workdir: Path | str) -> None:
        self.config_file = Path(config_file).resolve()
        self.project = self.config_file.parent
        self.serve_url = serve_url
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.state: _State | None = None
        self._started = False
        self._builds = 0
        # Told the new site folder after each full build, before the old one is deleted.
        self.on_site: Callable[[Path], None] | None = None

    def _state(self) -> _State:
        """The kept build (the methods that call this run after a full build)."""
        if self.state is None:
            raise RuntimeError("chưa có bản dựng đầy đủ")
        return self.state

    @property
    def site(self) -> Path | None:
        return self.state.site if self.state is not None else None

    def watched(self) -> tuple[list[Path], list[Path]]:
        """The folders and files whose changes reach the site: as `mkdocs serve` watches them."""
        config = load_config(config_file=str(self.config_file))
        folders = [Path(config.docs_dir)] + [Path(w) for w in config.watch]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        return folders, [self.config_file]

    # -- full builds ---------------------------------------------------------------------
    def _config(self, site: Path) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), site_dir=str(site), strict=False)
        if not self._started:
            # As `mkdocs serve`: plugins that define on_startup are kept across rebuilds.
            config.plugins.on_startup(command="serve", dirty=False)
            self._started = True
        config.site_url = self.serve_url
        return config

    def build_full(self, reason: str = "") -> Update:
        t0 = time.perf_counter()
        self._builds += 1
        # What the previous build froze (below) is collectable again while this one runs.
        gc.unfreeze()
        site = Path(tempfile.mkdtemp(prefix=f"site-{self._builds}-", dir=self.workdir))
        capture = _Capture()
        try:
            config = self._config(site)
            config.plugins[CAPTURE] = capture
            build(config, serve_url=self.serve_url)
        except BaseException as exc:  # noqa: BLE001 - a failed build keeps the previous site
            shutil.rmtree(site, ignore_errors=True)
            if isinstance(exc, KeyboardInterrupt):
                raise
            return Update(True, reason, seconds=time.perf_counter() - t0, failed=_message(exc))
        capture.trim = True
        corpus = get_corpus(config)
        if capture.files is None or capture.nav is None or capture.env is None:
            shutil.rmtree(site, ignore_errors=True)
            return Update(True, reason, seconds=time.perf_counter() - t0, failed="MkDocs không chạy hết các bước dựng")
        old, self.state = self.state, _State(config, capture, capture.files, capture.nav, capture.env, corpus, site,
                                             (build_date(), corpus.today), nav_signatures(capture.nav))
        if self.on_site is not None:
            self.on_site(site)  # the server answers from the new folder from now on
        if old is not None:
            _release(old.corpus)
            shutil.rmtree(old.site, ignore_errors=True)
        seconds = time.perf_counter() - t0
        # The build's millions of objects live until the next full build: collected once, then
        # frozen, so that the collections an update triggers do not walk them all again and
        # again (2,000 documents: the open data took 7.8 s instead of 0.6 s).
        gc.collect()
        gc.freeze()
        return Update(True, reason, seconds=seconds)

    def prepare(self, stop=None) -> None:
        """What the next update compares with, and each page's part of the search index, made
        while nobody waits (after a full build); `stop()` true: a save came, stop here."""
        st = self.state
        if st is None:
            return
        if st.inputs is None:
            st.inputs = self._inputs(st.corpus)
        search = st.config.plugins.get("ldkb-search")
        if search is not None and getattr(search, "fast", False) and _material_index(st.config) is not None:
            self._page_indexes(search, stop)

    def _inputs(self, corpus: Corpus) -> Inputs:
        generated: set[str] = set()
        for plugin in self._state().config.plugins.values():
            pages = getattr(plugin, "pages", None)
            if isinstance(pages, GeneratedPages):
                generated |= pages.uris
        return page_inputs(corpus, DOCUMENTS_DIR, self._handwritten(), generated)

    def _section(self) -> str:
        return DOCUMENTS_DIR

    def _handwritten(self) -> dict[str, str]:
        out = {}
        for f in self._state().files.documentation_pages():
            if f.generated_by is None and f.abs_src_path:
                out[f.src_uri] = Path(f.abs_src_path).read_text(encoding="utf-8-sig")
        return out

    # -- after a save --------------------------------------------------------------------
    def update(self, changed: set[Path]) -> Update:
        """Bring the site up to date with the files in `changed` (saved, added or removed)."""
        st = self.state
        if st is None:
            return self.build_full("chưa có bản dựng")
        reason = self._needs_full(changed)
        if reason:
            return self.build_full(reason)
        t0 = time.perf_counter()
        old = st.corpus
        new = _documents_plugin(st.config).reload_corpus()
        moved = added_and_removed(old, new)
        if moved is None:
            return self.build_full("tệp văn bản đổi số, ký hiệu hoặc đổi tên")
        if old.log.errors != new.log.errors:
            return self.build_full("danh sách lỗi nội dung thay đổi")
        if (build_date(), new.today) != st.date:
            return self.build_full("sang ngày mới")
        self._use_corpus(new)
        if st.inputs is None:
            st.inputs = self._inputs(old)
        files = st.files
        self._gone_urls: list[str] = []
        came, gone = self._sync_pages(new, every=True) if any(moved) else (set(), set())
        inputs = self._inputs(new)
        diff = changed_inputs(old, new, st.inputs, inputs, self._section())
        sources = {uri for uri in pages_showing(diff, st.inputs, inputs)
                   if files.get_file_from_path(uri) is not None}
        if came or gone:
            # Citations of a document added or removed become links or text in whatever shows
            # them: the pages made from the texts of several documents, the hand-written pages.
            sources |= {f.src_uri for f in files.documentation_pages()
                        if f.generated_by is None or not self._is_document_page(f.src_uri)}
        else:  # a family of pages (a unit's pages by year) may have gained or lost one
            came, gone = self._sync_pages(new, every=False, touched=sources)
            sources -= gone
        st.corpus, st.inputs = new, inputs
        _release(old)
        for uri in sorted(came):  # first: the menu shows their titles
            self._populate(uri)
        for uri in sorted(sources - came):
            self._populate(uri)
        sources |= came
        if came or gone or any(name in (TITLE, SUMMARY) for _, name in diff):
            sources |= self._renavigate(sources)
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if f.src_uri in sources and f.page is not None]
        self._write(pages)
        return Update(False, "", [p.file.src_uri for p in pages], [p.url for p in pages],
                      time.perf_counter() - t0, removed=self._gone_urls)

    def _use_corpus(self, corpus: Corpus) -> None:
        """The model every plugin of the kept build reads from now on: the documents plugin's, and
        the graph and linker the graph plugin keeps for the build (both kept on the model)."""
        config = self._state().config
        _documents_plugin(config).corpus = corpus
        graph = config.plugins.get("ldkb-graph")
        if isinstance(graph, GraphPlugin):
            graph.graph, graph.linker = graph_of(corpus), linker_of(corpus)

    def _is_document_page(self, uri: str) -> bool:
        section = self._section() + "/"
        return uri.startswith(section) and uri.count("/") == 1 and uri != section + "index.md"

    def _sync_pages(self, corpus: Corpus, every: bool, touched: AbstractSet[str] = frozenset()) -> tuple[set[str], set[str]]:
        """The site's files after the set of generated pages changed: with `every` (documents
        added or removed) each page-making plugin's pages for the new model, else the families
        of the `touched` pages (a unit's pages by year) made again. A new page's file goes where a
        full build would put it; a removed page's file and output go. Returns (added, removed)."""
        st = self._state()
        config, files = st.config, st.files
        came: set[str] = set()
        gone: set[str] = set()
        for name, plugin in config.plugins.items():
            pages = getattr(plugin, "pages", None)
            if not isinstance(pages, GeneratedPages):
                continue
            before = list(pages.makers)
            if every and hasattr(plugin, "page_makers"):
                pages.reset(plugin.page_makers(corpus, files, config), corpus, pages.not_in_nav)
            else:
                for family in {pages.family_of[u] for u in touched if u in pages.family_of}:
                    pages.refresh(family, corpus)
            after = list(pages.makers)
            for uri in sorted(set(before) - set(after)):
                file = files.get_file_from_path(uri)
                if file is not None:
                    files.remove(file)
                    self._remove_output(file.abs_dest_path)
                    self._gone_urls.append(file.url)
                st.capture.entries.pop(uri, None)
                st.index.pop(uri, None)
                gone.add(uri)
            known = set(before)
            for i, uri in enumerate(after):
                if uri in known:
                    continue
                if uri in pages.family_of:
                    pages.not_in_nav.add(uri)  # a family's further page: reached from its first one
                file = File.generated(config, uri, content="", inclusion=pages.inclusion(uri))
                file.generated_by = name
                _insert_after(files, after[i - 1] if i else None, file)
                Page(None, file, config)
                came.add(uri)
        if came or gone:
            editing = config.plugins.get("ldkb-editing")
            if editing is not None:  # where each page comes from ("Sửa trang này"), new pages too
                editing.on_files(files, config=config)
        return came, gone

    @staticmethod
    def _remove_output(path: str) -> None:
        out = Path(path)
        out.unlink(missing_ok=True)
        try:
            out.parent.rmdir()  # van-ban/<slug>/ once empty
        except OSError:
            pass

    def finish(self) -> None:
        """The end of the build again after an update: the search index from every page's
        entries, the open data, 404.html and the sitemap if the menu changed. Written to a side
        folder, then renamed into the site (file by file; a folder the index replaces whole, at
        once)."""
        st = self._state()
        config = st.config
        search = config.plugins.get("ldkb-search")
        material = _material_index(config)
        ours = search is not None and material is not None and getattr(search, "fast", False)
        # Those two write the index from all pages at once: done here from the pages' kept parts.
        skip = {search, config.plugins.get("material/search"), config.plugins.get("search")} if ours else set()
        side = Path(tempfile.mkdtemp(prefix="post-", dir=self.workdir))
        site_dir = config.site_dir
        try:
            config.site_dir = str(side)
            if st.static_stale:
                build_static_templates(config, st.env, st.files, st.nav)
            for method in config.plugins.events["post_build"]:
                if getattr(method, "__self__", None) not in skip:
                    method(config=config)
            if ours:
                self._write_search_index(side, search, material)
        finally:
            config.site_dir = site_dir
        for path in sorted(p for p in side.iterdir()):
            dest = st.site / path.name
            if path.name in WHOLE_FOLDERS and path.is_dir():
                old = dest.with_name(dest.name + ".old")
                if dest.exists():
                    os.replace(dest, old)
                os.replace(path, dest)
                shutil.rmtree(old, ignore_errors=True)
                continue
            for file in sorted(f for f in ([path] if path.is_file() else path.rglob("*")) if f.is_file()):
                target = st.site / file.relative_to(side)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(file, target)
        shutil.rmtree(side, ignore_errors=True)
        st.static_stale = False

    def _page_indexes(self, search, stop=None) -> list | None:
        """Each page's part of the search index, kept while its entries are the same (made
        again for the pages an update made again); None if `stop()` said to stop first."""
        st = self._state()
        options = search._options(st.config)
        enricher = None
        out = []
        for f in st.files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            raw = st.capture.entries.get(f.src_uri)
            if raw is None:
                continue
            kept = st.index.get(f.src_uri)
            if kept is None or kept[0] is not raw:
                if stop is not None and stop():
                    return None
                if enricher is None:
                    enricher = indexer.enricher_for(st.corpus, options)
                kept = st.index[f.src_uri] = (raw, indexer.page_index(raw, enricher))
            out.append(kept[1])
        return out

    def _write_search_index(self, side: Path, search, material) -> None:
        options = search._options(self._state().config)
        text, lines = indexer.finish_pages(str(side), options, material.config, self._page_indexes(search) or [])
        path = side / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for line in lines:
            log.info(line)

    def _needs_full(self, changed: set[Path]) -> str:
        """Why the saved files need a full build ("" when an update will do). A document file
        saved: an update. A file no build reads (a temporary file renamed away, a stray file in
        the content folder): nothing. Anything else: a full build."""
        st = self._state()
        content = Path(st.corpus.root).resolve()
        inputs = {Path(f.abs_src_path).resolve() for f in st.files if f.abs_src_path}
        for path in changed:
            path = Path(path).resolve()
            if path.is_relative_to(content):
                if path.suffix not in (".yml", ".yaml"):
                    continue  # the loader reads YAML files only
                if path.parent != content / DOCS_DIR:
                    return f"danh mục {path.name} thay đổi"
            elif path.exists() or path in inputs or path == self.config_file:
                return f"tệp {path.name} thay đổi"
        return ""

    def _populate(self, uri: str) -> None:
        """A page's Markdown made again (generated pages) and read through MkDocs' page steps."""
        st = self._state()
        file = st.files.get_file_from_path(uri)
        if file is None or file.page is None:
            raise KeyError(uri)  # the pages to make are the site's
        for plugin in st.config.plugins.values():
            pages = getattr(plugin, "pages", None)
            if isinstance(pages, GeneratedPages) and uri in pages.makers:
                file.content_string = pages.make(uri, st.corpus)
                break
        populate_page(file.page, st.config, st.files)

    def _renavigate(self, done: set[str]) -> set[str]:
        """The menu made again (titles, dates and types order and group documents); the pages
        whose menu or footer links changed, read again if they were not."""
        st = self._state()
        config, files = st.config, st.files
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        sigs = nav_signatures(nav)
        changed = set()
        for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            uri = f.src_uri
            if sigs.get(uri, sigs[OUTSIDE]) != st.navsigs.get(uri, st.navsigs[OUTSIDE]):
                changed.add(uri)
        if changed or sigs[OUTSIDE] != st.navsigs[OUTSIDE]:
            st.static_stale = True  # 404.html shows the menu too
        st.navsigs = sigs
        st.nav = nav
        for uri in sorted(changed - done):
            self._populate(uri)
        return changed

    def _write(self, pages: list[Page]) -> None:
        """Each page through MkDocs' template step into a side file, renamed over the old one
        (a request never reads half a page)."""
        st = self._state()
        config, files = st.config, st.files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        side = Path(tempfile.mkdtemp(prefix="pages-", dir=self.workdir))
        moves = []
        try:
            for i, page in enumerate(pages):
                with written_to(page.file, side / f"{i}.html"):
                    build_page(page, config, doc_files, st.nav, st.env)
                moves.append((side / f"{i}.html", Path(page.file.abs_dest_path)))
            for tmp, real in moves:
                if tmp.exists():
                    real.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp, real)
        finally:
            shutil.rmtree(side, ignore_errors=True)

    def close(self) -> None:
        if self.state is not None:
            self.state.config.plugins.on_shutdown()
            shutil.rmtree(self.state.site, ignore_errors=True)
            self.state = None


def _insert_after(files: Files, before: str | None, file: File) -> None:
    """`file` into `files` right after the file `before` (first if None): MkDocs' files keep
    the order they were added in, and a full build adds a plugin's pages in its order."""
    tail = list(files)
    if before is not None:
        names = [f.src_uri for f in tail]
        tail = tail[names.index(before) + 1:] if before in names else []
    for f in tail:
        files.remove(f)
    files.append(file)
    for f in tail:
        files.append(f)


def _release(corpus: Corpus) -> None:
    """What a model derived and kept on itself (graph, linker, lists) refers back to it: dropped,
    so that a replaced model is freed at once, frozen or not, not left to the cyclic collector."""
    for key in [k for k in corpus.__dict__ if k.startswith("_ldkb_")]:
        del corpus.__dict__[key]
    corpus.previous = None


def _documents_plugin(config: MkDocsConfig) -> DocumentsPlugin:
    plugin = config.plugins["ldkb-documents"]
    if not isinstance(plugin, DocumentsPlugin):
        raise TypeError("ldkb-documents")
    return plugin


def _message(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


__all__ = ["PreviewSession", "Update"]
