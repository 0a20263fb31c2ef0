"""Vietnamese-aware search on top of Material's lunr search (see ldkb.search_index).

- points Material's `__config.search` worker URL at our wrapper worker;
- gives Material's index the overview pages as introduction and headings only, and has
  Material skip them (it would parse all their copied document text);
- rewrites search/search_index.json after Material writes it (priority -50), before the
  offline plugin inlines it into search_index.js (priority -100), so the offline copy
  (file://, iframe-worker shim shipped by ldkb-reader) searches the same way;
- on the published site of a large collection (setting `engine`), writes a split index instead
  (ldkb.search_shards, or ldkb.search_pagefind) and leaves search_index.json its config only.
"""
from __future__ import annotations

import json
import posixpath
import re
import zlib
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from material.plugins.search import plugin as _material_search
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ldkb.search_index import enrich, is_overview, overview_html
from ldkb.search_pagefind import write_bundle
from ldkb.search_sections import page_entries, toc_urls
from ldkb.search_shards import write_shards

from ..shared import get_corpus, put_generated
from .config import SearchConfig

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).with_name("assets")
# Site folder of the shard index (engine `shards`).
SHARDS_DIR = "search-shards"
_WORKER_RE = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
# Characters of lunr's index compressed at a time when choosing the engine.
_SLICE = 1 << 20
_CONFIG_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class LdkbSearchPlugin(BasePlugin[SearchConfig]):
    material_worker: str | None = None

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
        return files

    # Before Material's search plugin (priority 0): we make its index entries for the page
    # (ldkb.search_sections: the same entries as its HTMLParser, in a fraction of the time) and
    # Material then skips the page (page meta search.exclude) but still strips its
    # data-search-* attributes. Overview pages go in as their heading entries only. A page the
    # fast tokenizer is not sure of is left to Material's own parser.
    @event_priority(10)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        material = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(material, "search_index", None)
        search = page.meta.get("search") or {}
        if index is None or not material.config.enabled or search.get("exclude"):
            return context
        overview = is_overview(page.url, section=self.config.section,
                               derived=tuple(self.config.derived_pages))
        fast = self.config.fast_sections and _material_search.jieba is None
        if not (overview or fast):
            return context
        content = overview_html(page.content) if overview else page.content
        entries = None
        if fast:
            try:
                entries = page_entries(content, toc_urls(page.toc), page.url, page.title, page.meta)
            except Exception:  # noqa: BLE001 - Material's parser fails the same way, let it say so
                entries = None
            if entries is None:
                log.debug(f"Trang {page.file.src_uri}: chỉ mục tìm kiếm dùng bộ đọc HTML của Material.")
        if entries is not None:
            index.entries.extend(entries)
        elif overview:
            index.add_entry_from_context(SimpleNamespace(
                content=content, toc=page.toc, url=page.url, title=page.title, meta=page.meta))
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

    # After Material's search plugin wrote the index, before the offline plugin copies it.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if not path.is_file():
            raise PluginError("Không thấy search/search_index.json: plugin `search` phải đứng trước `ldkb-search`.")
        data = json.loads(path.read_text(encoding="utf-8"))
        enrich(data, get_corpus(config), section=self.config.section,
               derived=tuple(self.config.derived_pages))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        engine = self._engine(config, text)
        if engine == "pagefind":
            text = self._pagefind(config, data)
        elif engine == "shards":
            text = self._shards(config, data)
        path.write_text(text, encoding="utf-8")

    def _engine(self, config: MkDocsConfig, index_text: str) -> str:
        """lunr, shards or pagefind (setting `engine`); the offline copy (file://) is always lunr."""
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is not None and offline.config.get("enabled"):
            return "lunr"
        if self.config.engine != "auto":
            return self.config.engine
        # Only whether lunr's index passes the threshold gzipped matters: compress it in slices
        # and stop once it does (at 2,000 documents, after a fifth of the text). Same deflate
        # stream and size as gzip.compress(level 6): its 18 header and trailer bytes added.
        limit = self.config.split_above_gzip
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        size = 18
        for start in range(0, len(index_text), _SLICE):
            size += len(deflate.compress(index_text[start:start + _SLICE].encode("utf-8")))
            if size > limit:
                return "shards"
        size += len(deflate.flush())
        return "shards" if size > limit else "lunr"

    def _pagefind(self, config: MkDocsConfig, data: dict) -> str:
        """Write the Pagefind bundle; returns the search_index.json text that points the worker at it."""
        stats = write_bundle(data, Path(config.site_dir) / "pagefind")
        log.info(f"Tìm kiếm: Pagefind, {stats['records']} mục, {stats['bytes']:,} B.")
        return self._point_worker(data, "ldkb_pagefind", "pagefind/pagefind.js")

    def _shards(self, config: MkDocsConfig, data: dict) -> str:
        """Write the shard index; returns the search_index.json text that points the worker at it."""
        stats = write_shards(data, Path(config.site_dir) / SHARDS_DIR, chunk=self.config.shards_chunk)
        log.info(f"Tìm kiếm: chỉ mục chia mảnh, {stats['sections']} mục, {stats['files']} tệp.")
        # Versioned, as the manifest's name is fixed.
        return self._point_worker(data, "ldkb_shards", f"{SHARDS_DIR}/manifest.json", f"?v={stats['version']}")

    def _point_worker(self, data: dict, key: str, site_path: str, query: str = "") -> str:
        """search_index.json text telling the worker where the split index is (relative to the
        worker, which loads it); without lunr's documents unless `split_slim_index` is off."""
        data["config"][key] = posixpath.relpath(site_path, posixpath.dirname(self.config.worker_path)) + query
        if self.config.split_slim_index:
            data = {**data, "docs": []}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
