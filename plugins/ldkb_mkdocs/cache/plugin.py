"""Reuse the previous build's pages whose inputs did not change (`make build`, CI).

A site build makes every page twice over: Markdown into HTML (then citation links, footers, …)
and HTML into the theme's page (the menu, the table of contents). Both are reused from the
previous build when what decides them is the same, keyed by content hashes in `.cache/site/`
(util/keyed_store.py):

- a generated page's content is reused when what the content model says its inputs are
  (ldkb.render.dependencies: the document itself, the titles and parts its links name, …) and
  everything every page depends on (configuration, code, theme, registries, the set of
  documents and pages) are the same. The page is then not made: its Markdown is its front
  matter only, so converting it costs nothing, and the kept HTML and table of contents are put
  back after the other plugins' content steps (the footer, with its git dates, is made anew);
- any page's final HTML is reused when its content, table of contents, metadata, addresses
  and menu (navsig.py) are the same: the theme then renders an empty template, and the kept
  page is written instead.

Only a build without warnings keeps what it made (a strict build fails on them anyway); the
pages it did not use are removed. The output is the same, byte for byte, as a build without
the cache (tools/same_output.py; tests/test_site_cache.py).
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable
from functools import partial
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE

import ldkb
from ldkb.graph.stored_model import StoredModel
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.render.dependencies import input_digests, page_inputs
from ldkb.util.keyed_store import KeyedStore

from .. import navsig
from ..material.mkdocs_build import instead_of_render
from ..shared import Family, get_corpus, project_root, set_document_reader, set_family_lister, set_file_reuse, set_reuse
from .config import CacheConfig

log = get_plugin_logger(__name__)

FORMAT = "ldkb-site-cache-4"
ENV = "LDKB_SITE_CACHE"
EMPTY_TEMPLATE = "ldkb-cached-page.html"
_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe", "Pygments")


def _digest(*parts) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        # A page's HTML is hashed as it is (repr would copy and escape megabytes of it).
        if isinstance(part, str):
            h.update(b"s")
            h.update(part.encode("utf-8", errors="surrogatepass"))
        else:
            h.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _tree(folder: Path | None) -> str:
    """Digest of every file under `folder` (names and bytes)."""
    if folder is None or not folder.is_dir():
        return ""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(hashlib.blake2b(path.read_bytes(), digest_size=20).digest())
    return h.hexdigest()


def _environment() -> tuple:
    """The variables the configuration and the plugins read (mkdocs.yml's !ENV, build date)."""
    return tuple(sorted((k, v) for k, v in os.environ.items()
                        if (k.startswith("LDKB_") and k != ENV) or k in ("CI_PROJECT_URL", "SOURCE_DATE_EPOCH")))


def _content_outside_documents(root: Path) -> list:
    """The registries, settings and progress records: every file of the content folder but the
    documents (what every page may show)."""
    return [(p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != DOCUMENTS_DIR]


def _toc(items) -> tuple:
    return tuple((i.title, i.id, i.level, _toc(i.children)) for i in items)


def _nothing_to_render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a page whose content is reused (put back in on_page_content)."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class CachePlugin(BasePlugin[CacheConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.store: KeyedStore | None = None
        self.model: StoredModel | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Before the documents plugin (100) loads the content model: it reads unchanged document
    # files from the stored model. Between it and the graph plugin (0): the graph reuses the
    # stored scans of their texts.
    @event_priority(200)
    def _model_reader(self, config: MkDocsConfig) -> MkDocsConfig:
        self.model = None
        if self._active():
            root = project_root(config)
            self.model = StoredModel(root / self.config.model_dir, _tree(Path(ldkb.__file__).parent))
            set_document_reader(config, self.model.read)
        return config

    @event_priority(50)
    def _model_scans(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.model is not None:
            self.model.prepare_graph(get_corpus(config))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.model is not None:  # the graph is built: what was parsed anew, with its scan, kept
            set_document_reader(config, None)
            reused = self.model.read_from_store
            done = self.model.save(get_corpus(config))
            log.info(f"Mô hình nội dung: {reused} tệp văn bản lấy từ bộ nhớ đệm, {done['added']} tệp đọc mới.")
            self.model = None

    def _active(self) -> bool:
        """`ldkb build` (`make build`, CI) asks for the cache (LDKB_SITE_CACHE=1); a plain
        `mkdocs build` (tests, the benchmark's builds from nothing) and a preview do not."""
        return (not self.serving and self.config.enabled and os.environ.get(ENV) == "1"
                and not os.environ.get("LDKB_NO_SITE_CACHE"))

    @event_priority(-200)  # after the documents plugin loaded the content model
    def _pages(self, config: MkDocsConfig) -> MkDocsConfig:
        self.store = None
        self.content_keys: dict[str, str] = {}  # generated pages to make and keep: key of their content
        self.reused: dict[str, str] = {}  # generated pages whose content is reused: its key
        self.page_keys: dict[str, str] = {}  # pages whose final HTML is to keep: its key
        self.reused_pages: dict[str, str] = {}  # pages whose final HTML is reused: its key
        self.search_keys: dict[str, str] = {}  # page -> key of its part of the search index
        self.nav: Navigation | None = None
        self.reused_files = 0  # files beside the pages (task files) taken from the previous build
        if not self._active():
            return config
        folder = project_root(config) / self.config.cache_dir / _digest(_environment())[:12]
        self.store = KeyedStore(folder)
        self._config = config
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        return config

    # -- contents ---------------------------------------------------------------------
    on_config = CombinedEvent(_model_reader, _model_scans, _pages)

    @event_priority(200)  # before the plugins that make pages: a reused page is not made
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.store is None:
            return files
        corpus = get_corpus(config)
        handwritten = {f.src_uri: f.content_string for f in files.documentation_pages() if f.generated_by is None}
        custom = config.theme.custom_dir
        self.common = _digest(
            FORMAT, sys.version, [(p, metadata.version(p)) for p in _PACKAGES],
            _tree(Path(ldkb.__file__).parent), _tree(Path(__file__).resolve().parents[1]),
            Path(config.config_file_path).read_bytes(), _environment(), _tree(Path(custom) if custom else None),
            _content_outside_documents(Path(corpus.root)),
            [(d.slug, d.file, d.so_ky_hieu, d.ma) for d in corpus.documents],
            sorted(f.src_uri for f in files))
        self.digests = input_digests(corpus, page_inputs(corpus, DOCUMENTS_DIR, handwritten))
        set_reuse(config, self._reuse)
        set_file_reuse(config, self._file)
        set_family_lister(config, self._family)
        return files

    def _family(self, family: Family, make: Callable[[], list[str]]) -> list[str]:
        """A family's pages as the previous build listed them while the inputs of the page that
        decides them are the same (its pages are then made only if one of them is not reused)."""
        assert self.store is not None and family.decided_by is not None
        key = _digest("family", self.common, family.name, self.digests[family.decided_by])
        data = self.store.get(key)
        if data is not None:
            found: list[str] = pickle.loads(data)
            return found
        uris = make()
        self.store.put(key, pickle.dumps(uris, protocol=pickle.HIGHEST_PROTOCOL))
        return uris

    def _reuse(self, uri: str) -> str | None:
        """A generated page's Markdown when its content is reused: its front matter only (title,
        description), so that nothing is converted; None: the page is made and its content kept.
        Its key: everything every page depends on and what the content model says this page's
        inputs are (ldkb.render.dependencies), the Markdown being made from those alone."""
        if self.store is None:
            return None
        key = _digest("content", self.common, uri, self.digests[uri])
        data = self.store.get(key)
        if data is None:
            self.content_keys[uri] = key
            return None
        self.reused[uri] = key
        return pickle.loads(data)[0]

    def _file(self, rel: str, page: str, make: Callable[[], bytes | None]) -> bytes | None:
        """A file written beside the pages (export/task_files.py): the previous build's bytes when
        the page that decides it shows the same inputs (its digest), else made and kept."""
        if self.store is None:
            return make()
        key = _digest("file", self.common, rel, self.digests[page])
        data = self.store.get(key)
        if data is not None:
            self.reused_files += 1
            found: bytes | None = pickle.loads(data)
            return found
        made = make()
        self.store.put(key, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        return made

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.store is not None and page.file.src_uri in self.reused:
            # Nothing to convert: MkDocs' Markdown step is skipped for this page (its own
            # `render`, shadowed on this page object only); the content is put back below.
            instead_of_render(page, partial(_nothing_to_render, page))
        return page

    # Before the footer (ldkb-editing, -100), after every other content step (links, fixes):
    # what is kept is the content as the content model makes it; the footer is made each time.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.store is None:
            return html
        uri = page.file.src_uri
        key = self.reused.get(uri)
        if key is not None:
            data = self.store.get(key)
            if data is None:
                raise PluginError(f"Bộ nhớ đệm trang `{self.config.cache_dir}` bị xoá giữa chừng; hãy xây dựng lại.")
            _, html, page.toc, page.present_anchor_ids = pickle.loads(data)
            return html
        key = self.content_keys.get(uri)
        if key is not None:
            front = YAML_RE.match(page.file.content_string)
            self.store.put(key, pickle.dumps((front.group(0) if front else "", html, page.toc, page.present_anchor_ids),
                                             protocol=pickle.HIGHEST_PROTOCOL))
        return html

    # -- whole pages --------------------------------------------------------------------
    @event_priority(-1000)  # the menu as every plugin left it
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-1000)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files):
        if self.store is None or self.nav is None:
            return env
        menus = navsig.nav_signatures(self.nav)
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            uri = file.src_uri
            key = _digest("page", self.common, uri, page.content, _toc(page.toc), sorted(page.meta.items(), key=str),
                          page.title, page.url, page.canonical_url, page.edit_url,
                          menus.get(uri, menus[navsig.OUTSIDE]))
            # The page's part of the search index is made from the same (ldkb-search).
            self.search_keys[uri] = _digest("search", key)
            if not self.store.has(key):
                self.page_keys[uri] = key
            else:
                self.store.used.add(key)
                self.reused_pages[uri] = key
                page.meta["template"] = EMPTY_TEMPLATE  # the theme renders nothing for it
        loaders: list[jinja2.BaseLoader] = [jinja2.DictLoader({EMPTY_TEMPLATE: ""})]
        env.loader = jinja2.ChoiceLoader(loaders + ([env.loader] if env.loader is not None else []))
        return env

    @event_priority(5)  # after ldkb-search read the page for its entries (10), before Material's (0)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.store is not None and page.file.src_uri in self.reused_pages:
            page.content = ""  # the theme does not show it: nothing left to read in it
        return context

    @event_priority(-1000)  # after every plugin's page step: the page as it is written
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.store is None:
            return output
        uri = page.file.src_uri
        key = self.reused_pages.get(uri)
        if key is not None:
            data = self.store.get(key)
            if data is None:
                raise PluginError(f"Bộ nhớ đệm trang `{self.config.cache_dir}` bị xoá giữa chừng; hãy xây dựng lại.")
            return data.decode("utf-8")
        key = self.page_keys.get(uri)
        if key is not None:
            self.store.put(key, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def search_part(self, uri: str) -> tuple[tuple[str, str, str], bool] | None:
        """For ldkb-search's background worker: ((key, store folder, stage folder), whether it
        is stored) of the page's part of the search index (indexer.add_page_cached); None
        without a cache. A stored part needs nothing of the page sent to the worker."""
        store = self.store
        key = self.search_keys.get(uri) if store is not None else None
        if store is None or key is None:
            return None
        found = store.has(key)
        store.used.add(key)
        return (key, str(store.folder), str(store.stage)), found

    # -- the end ------------------------------------------------------------------------
    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.store is None:
            return
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        set_reuse(config, None)
        set_file_reuse(config, None)
        set_family_lister(config, None)
        if self.warnings.count:
            self.store.abandon()  # a strict build fails on them: nothing of it is kept
            return
        done = self.store.commit()
        log.info(f"Bộ nhớ đệm trang: dùng lại nội dung {len(self.reused)} trang, "
                 f"{len(self.reused_pages)} trang hoàn chỉnh, {self.reused_files} tệp lịch và mẫu báo cáo; "
                 f"lưu {done['added']} mục mới, bỏ {done['removed']} mục cũ.")

    def on_build_error(self, *, error: Exception) -> None:
        if self.store is not None:
            set_reuse(self._config, None)
            set_file_reuse(self._config, None)
            set_family_lister(self._config, None)
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.store.abandon()
            self.store = None
