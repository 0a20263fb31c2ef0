"""Vietnamese-aware search on top of Material's lunr search (see ldkb.search.index).

- points Material's `__config.search` worker URL at our wrapper worker;
- makes Material's index entries itself (ldkb.search.sections: the same entries as Material's
  HTMLParser, in a fraction of the time); overview pages go in as introduction and headings only;
- rewrites search/search_index.json after Material writes it (priority -50), before the
  offline plugin inlines it into search_index.js (priority -100), so the offline copy
  (file://, iframe-worker shim shipped by ldkb-reader) searches the same way;
- on the published site of a large collection (setting `engine`), writes a split index instead
  (ldkb.search.shards, or ldkb.search.pagefind) and leaves search_index.json its config only.

On a build (not while previewing) the entries and the index are made in the build's background
worker (../background.py, indexer.py) while MkDocs renders the other pages.
"""
from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from material.plugins.search import plugin as _material_search
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ldkb.search.index import is_overview, overview_html
from ldkb.search.sections import toc_urls

from ..background import Background, BackgroundError, can_fork
from ..shared import get_corpus, put_generated
from . import indexer
from .config import SearchConfig

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).with_name("assets")
_WORKER_RE = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class LdkbSearchPlugin(BasePlugin[SearchConfig]):
    material_worker: str | None = None
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "material/search" not in config.plugins and "search" not in config.plugins:
            raise PluginError("Plugin `ldkb-search` cần plugin `search` của Material trong mkdocs.yml.")
        if self.config.css_path not in [str(x) for x in config.extra_css]:
            config.extra_css.append(self.config.css_path)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        worker = next((f for f in files if _WORKER_RE.fullmatch(f.src_uri)), None)
        if worker is None:
            raise PluginError("Không tìm thấy tệp search worker của Material (assets/javascripts/workers/search.*.min.js).")
        self.material_worker = PurePosixPath(worker.src_uri).name
        wrapper = f"self.LDKB_MATERIAL_WORKER = {json.dumps(self.material_worker)};\n"
        wrapper += (ASSETS / "search-worker.js").read_text(encoding="utf-8")
        generated = {
            self.config.worker_path: wrapper,
            self.config.css_path: (ASSETS / "search.css").read_text(encoding="utf-8"),
        }
        for uri, text in generated.items():
            put_generated(files, config, uri, text, InclusionLevel.NOT_IN_NAV)
        # After the plugins that generate pages (listed before this one in mkdocs.yml). While
        # previewing, entries go straight into Material's index, which keeps the other pages'
        # entries across `--dirty` rebuilds; a process would not pay for itself there.
        pages = sum(1 for _ in files.documentation_pages())
        # The worker makes every page's entries: only with our section reader (fast_sections).
        self.fast = self.config.fast_sections and _material_search.jieba is None
        use = self.fast and self.config.background and not self.serving and can_fork()
        self.background = Background() if use and pages >= self.config.background_min_pages else None
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.options = self._options(config)
        index = _material_index(config)
        indexer.prepare(get_corpus(config), self.options, index.config if index is not None else None)

    @event_priority(-100)  # after the plugins that make pages
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        # Fork now, before MkDocs turns every page into HTML (on_env comes after that): the
        # worker then shares only the content model with this process. Forked at the first page
        # instead, it shared all the converted pages (~1.2 GB at 2,000 documents), which
        # copy-on-write then duplicated page by page as this process went on.
        if self.background is not None:
            self.background.start()
        return nav

    # Before Material's search plugin (priority 0): we make its index entries for the page and
    # Material then skips the page (page meta search.exclude) but still strips its
    # data-search-* attributes. A page our tokenizer is not sure of gets Material's own parser.
    @event_priority(10)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        index = _material_index(config)
        search = page.meta.get("search") or {}
        if index is None or search.get("exclude"):
            return context
        overview = is_overview(page.url, section=self.config.section,
                               derived=tuple(self.config.derived_pages))
        if self.fast:
            args = (page.content, toc_urls(page.toc), page.url, str(page.title), page.meta, overview)
            if self.background is not None:
                self.background.call(indexer.add_page, *args)
            else:
                entries, fell_back = indexer.page_entries_or_material(*args)
                index.entries.extend(entries)
                if fell_back:
                    _log_fallback(page.url)
        elif overview:  # Material's parser on the cut-down page (the reference the tests compare with)
            index.add_entry_from_context(SimpleNamespace(
                content=overview_html(page.content), toc=page.toc, url=page.url, title=page.title, meta=page.meta))
        else:
            return context
        page.meta["search"] = {**search, "exclude": True}
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        def swap(m: re.Match) -> str:
            data = json.loads(m.group(2))
            search = data.get("search")
            if not search or not _WORKER_RE.search(search):
                log.warning(f"Trang {page.file.src_uri}: không đổi được search worker (cấu hình Material đã khác).")
                return m.group(0)
            # Same folder as Material's worker, so the relative prefix is kept.
            data["search"] = _WORKER_RE.sub(self.config.worker_path, search)
            return m.group(1) + json.dumps(data, ensure_ascii=False) + m.group(3)

        return _CONFIG_RE.sub(swap, output, count=1)

    # With the worker, the index is asked for first thing, so that the worker finishes it while
    # the other plugins do their end-of-build work (open data, Material's own index file).
    @event_priority(100)
    def _request_index(self, *, config: MkDocsConfig) -> None:
        if self.background is not None:
            self.background.request(indexer.finish, config.site_dir, self.options, None)

    # After Material's search plugin wrote the index, before the offline plugin copies it.
    @event_priority(-50)
    def _write_index(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            raise PluginError("Không thấy search/search_index.json: plugin `search` phải đứng trước `ldkb-search`.")
        material = json.loads(path.read_text(encoding="utf-8"))
        if self.background is None:
            text, lines, fallbacks = indexer.finish(config.site_dir, self.options, material)
        else:
            try:
                text, lines, fallbacks = self.background.collect()
            except BackgroundError as exc:
                log.debug(f"Tiến trình chạy nền:\n{exc}")  # the worker's traceback, with --verbose
                raise PluginError(f"Lập chỉ mục tìm kiếm thất bại: {str(exc).strip().splitlines()[-1]}") from None
            finally:
                self.background.close()
            if not indexer.matches_worker(material):
                raise PluginError("Chỉ mục tìm kiếm của Material khác với chỉ mục tiến trình chạy nền đã "
                                  "lập; đặt `background: false` cho plugin `ldkb-search` và báo lỗi này.")
        path.write_text(text, encoding="utf-8")
        for url in fallbacks:
            _log_fallback(url)
        for line in lines:
            log.info(line)

    on_post_build = CombinedEvent(_request_index, _write_index)

    def _options(self, config: MkDocsConfig) -> indexer.Options:
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        return indexer.Options(
            engine=self.config.engine, split_above_gzip=self.config.split_above_gzip,
            split_slim_index=self.config.split_slim_index, shards_chunk=self.config.shards_chunk,
            worker_path=self.config.worker_path, section=self.config.section,
            derived=tuple(self.config.derived_pages),
            offline=bool(offline is not None and offline.config.get("enabled")),
            page_boosts=tuple((str(k), float(v)) for k, v in self.config.page_boosts.items()))

    def on_build_error(self, *, error: Exception) -> None:
        background = getattr(self, "background", None)
        if background is not None:
            background.close()


def _log_fallback(url: str) -> None:
    log.debug(f"Trang {url}: chỉ mục tìm kiếm dùng bộ đọc HTML của Material.")


def _material_index(config: MkDocsConfig):
    """Material's search index of this build, None when its search plugin is off."""
    material = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(material, "search_index", None)
    return index if index is not None and material.config.enabled else None
