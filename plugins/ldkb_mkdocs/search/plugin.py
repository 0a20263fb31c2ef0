"""Vietnamese-aware search on top of Material's lunr search (see ldkb.search.index).

- points Material's `__config.search` worker URL at our wrapper worker, which gets the word and
  tone rules of ldkb.text.words (lunr's `separator` is set from the same rules);
- makes Material's index entries itself (ldkb_mkdocs.material.search_sections: the same entries
  as Material's HTMLParser, in a fraction of the time); overview pages go in as introduction and
  headings only;
- rewrites search/search_index.json after Material writes it (priority -50), before the
  offline plugin inlines it into search_index.js (priority -100), so the offline copy
  (file://, iframe-worker shim shipped by ldkb-reader) searches the same way;
- on the published site of a large collection (setting `engine`, ldkb.search.engine), writes a
  split index instead (ldkb.search.shards, or ldkb.search.pagefind) and leaves search_index.json
  its config only.

On a build (not while previewing) the entries and the index are made in the build's background
worker (../background.py, indexer.py) while MkDocs renders the other pages. Every use of
Material's internals goes through ldkb_mkdocs.material.search.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ldkb.search.engine import EngineSettings
from ldkb.search.index import is_overview, overview_html
from ldkb.search.keys import browser_glossary
from ldkb.text.words import WORD_SEPARATORS, browser_rules

from ..background import Background, BackgroundError, can_fork
from ..material import search as material
from ..material.search_sections import toc_urls
from ..shared import get_corpus, put_generated
from . import indexer
from .config import SearchConfig

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).with_name("assets")


class LdkbSearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds (on_startup is defined, so MkDocs keeps this object).
        self.serving = False
        # Per build, set again in on_config / on_files / on_pre_build.
        self.material_worker: str | None = None
        self.fast = False
        self.background: Background | None = None
        self.options: indexer.Options | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # Before Material's search plugin (priority 0) reads its separator in its own on_config.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        material.require_search_plugin(config)
        material.set_separator(config, WORD_SEPARATORS)
        if self.config.css_path not in [str(x) for x in config.extra_css]:
            config.extra_css.append(self.config.css_path)
        self.material_worker = None
        self.fast = False
        self.background = None
        self.options = None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.material_worker = material.worker_name(files)
        wrapper = f"self.LDKB_MATERIAL_WORKER = {json.dumps(self.material_worker)};\n"
        wrapper += f"self.LDKB_RULES = {json.dumps(browser_rules(), ensure_ascii=False)};\n"
        glossary = browser_glossary(get_corpus(config).glossary)
        wrapper += f"self.LDKB_GLOSSARY = {json.dumps(glossary, ensure_ascii=False)};\n"
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
        self.fast = self.config.fast_sections and not material.segments_chinese()
        use = self.fast and self.config.background and not self.serving and can_fork()
        self.background = Background() if use and pages >= self.config.background_min_pages else None
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.options = self._options(config)
        index = material.search_index(config)
        indexer.prepare(get_corpus(config), self.options, index.config if index is not None else None)

    @event_priority(-100)  # after the plugins that make pages
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Fork now, before MkDocs turns every page into HTML (on_env comes after that): the
        # worker then shares only the content model with this process. Forked at the first page
        # instead, it shared all the converted pages (~1.2 GB at 2,000 documents), which
        # copy-on-write then duplicated page by page as this process went on.
        if self.background is not None:
            self.background.start()
            # With ldkb-cache: the worker reads the previous build's kept parts meanwhile.
            cache = config.plugins.get("ldkb-cache")
            previous = cache.previous_search_parts() if cache is not None else None
            if previous is not None:
                self.background.call(indexer.prefetch_parts, *previous)
                self.background.flush()
        return nav

    # Before Material's search plugin (priority 0): we make its index entries for the page and
    # Material then skips the page. A page our tokenizer is not sure of gets Material's own parser.
    @event_priority(10)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        index = material.search_index(config)
        if index is None or material.excluded(page):
            return context
        overview = is_overview(page.url, derived=tuple(self.config.derived_pages))
        if self.fast:
            args = (page.content or "", toc_urls(page.toc), page.url, str(page.title), page.meta, overview)
            if self.background is not None:
                # With ldkb-cache, the page's part of the index is kept between builds.
                cache = config.plugins.get("ldkb-cache")
                part = cache.search_part(page.file.src_uri) if cache is not None else None
                if part is not None:
                    where, stored = part  # a stored part: the page itself need not be sent
                    self.background.call(indexer.add_page_cached, where, *(() if stored else args))
                else:
                    self.background.call(indexer.add_page, *args)
            else:
                entries, fell_back = indexer.page_entries_or_material(*args)
                index.entries.extend(entries)
                if fell_back:
                    _log_fallback(page.url)
        elif overview:  # Material's parser on the cut-down page (the reference the tests compare with)
            material.add_by_material(index, overview_html(page.content or ""), page)
        else:
            return context
        material.skip_page(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        def warn() -> None:
            log.warning(f"Trang {page.file.src_uri}: không đổi được search worker (cấu hình Material đã khác).")

        return material.point_page_at_worker(output, self.config.worker_path, warn)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a static template: it never passes through on_post_page, and searched with
        # Material's worker (no folding, no symbols) until this.
        if not template_name.endswith(".html"):
            return output_content

        def warn() -> None:
            log.warning(f"{template_name}: không đổi được search worker (cấu hình Material đã khác).")

        return material.point_page_at_worker(output_content, self.config.worker_path, warn)

    # With the worker, the index is asked for first thing, so that the worker finishes it while
    # the other plugins do their end-of-build work (open data, Material's own index file).
    @event_priority(100)
    def _request_index(self, *, config: MkDocsConfig) -> None:
        if self.background is not None:
            self.background.request(indexer.finish, config.site_dir, self.options, None)

    # After Material's search plugin wrote the index, before the offline plugin copies it.
    @event_priority(-50)
    def _write_index(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / material.INDEX_PATH
        if not path.is_file():
            raise PluginError("Không thấy search/search_index.json: plugin `search` phải đứng trước `ldkb-search`.")
        assert self.options is not None  # set in on_pre_build
        written = json.loads(path.read_text(encoding="utf-8"))
        if self.background is None:
            text, lines, fallbacks = indexer.finish(config.site_dir, self.options, written)
        else:
            try:
                text, lines, fallbacks = self.background.collect()
            except BackgroundError as exc:
                log.debug(f"Tiến trình chạy nền:\n{exc}")  # the worker's traceback, with --verbose
                raise PluginError(f"Lập chỉ mục tìm kiếm thất bại: {str(exc).strip().splitlines()[-1]}") from None
            finally:
                self.background.close()
            if not indexer.matches_worker(written):
                raise PluginError("Chỉ mục tìm kiếm của Material khác với chỉ mục tiến trình chạy nền đã "
                                  "lập; đặt `background: false` cho plugin `ldkb-search` và báo lỗi này.")
        path.write_text(text, encoding="utf-8")
        for url in fallbacks:
            _log_fallback(url)
        for line in lines:
            log.info(line)

    on_post_build = CombinedEvent(_request_index, _write_index)

    def _options(self, config: MkDocsConfig) -> indexer.Options:
        return indexer.Options(
            engine=EngineSettings(engine=self.config.engine, split_above_gzip=self.config.split_above_gzip,
                                  offline=material.offline_enabled(config)),
            split_slim_index=self.config.split_slim_index, shards_chunk=self.config.shards_chunk,
            worker_path=self.config.worker_path, derived=tuple(self.config.derived_pages),
            page_boosts=tuple((str(k), float(v)) for k, v in self.config.page_boosts.items()))

    def on_build_error(self, *, error: Exception) -> None:
        if self.background is not None:
            self.background.close()


def _log_fallback(url: str) -> None:
    log.debug(f"Trang {url}: chỉ mục tìm kiếm dùng bộ đọc HTML của Material.")
