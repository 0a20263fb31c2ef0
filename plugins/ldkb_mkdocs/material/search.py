"""Material's search plugin and search worker, as our search plugin uses them.

Read from Material 9.8.1 (material/plugins/search/plugin.py, templates/base.html, the worker
templates/assets/javascripts/workers/search.<hash>.min.js). None of this is documented:
tests/adapters/test_material.py checks each piece against the installed Material.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

from material.plugins.search import plugin as material_search
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Where Material writes its index (on_post_build, priority 0), which we rewrite after it.
INDEX_PATH = "search/search_index.json"
# The worker the pages load: a hashed file name, next to which ours must sit (Material's relative
# paths to its lunr language files start from there).
WORKER_RE = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
# The page's settings, with the worker's URL under "search" (base.html).
_CONFIG_SCRIPT_RE = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# The keys Material writes in the index's "config", in this order (SearchIndex.generate_search_index).
INDEX_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")


def search_plugin(config: MkDocsConfig) -> BasePlugin[Any] | None:
    return config.plugins.get("material/search") or config.plugins.get("search")


def require_search_plugin(config: MkDocsConfig) -> None:
    if search_plugin(config) is None:
        raise PluginError("Plugin `ldkb-search` cần plugin `search` của Material trong mkdocs.yml.")


def search_index(config: MkDocsConfig) -> Any | None:
    """Material's SearchIndex of this build (its `entries` list is what it will write), None when
    its search plugin is off. The plugin makes it in on_config."""
    plugin = search_plugin(config)
    index = getattr(plugin, "search_index", None)
    return index if plugin is not None and index is not None and plugin.config.enabled else None


def set_separator(config: MkDocsConfig, separator: str) -> None:
    """Material's word separator for lunr's index: ours. Must run before Material's on_config,
    which reads it into the SearchIndex it makes there (and fills in a language default when
    empty). mkdocs.yml may leave it out; a different one there is refused, not overridden."""
    plugin = search_plugin(config)
    if plugin is None:
        return
    given = plugin.config.get("separator")
    if given and given != separator:
        raise PluginError(
            "mkdocs.yml đặt `separator` riêng cho plugin `search`; kho dùng quy tắc tách từ chung của "
            "ldkb.text.words cho mọi cách tìm kiếm. Cách sửa: xoá dòng `separator` trong mkdocs.yml."
        )
    plugin.config["separator"] = separator


def segments_chinese() -> bool:
    """Whether Material's parser would segment Chinese text with jieba (our section reader does not)."""
    return material_search.jieba is not None


def worker_name(files: Files) -> str:
    """The file name of Material's search worker in this build."""
    worker = next((f for f in files if WORKER_RE.fullmatch(f.src_uri)), None)
    if worker is None:
        raise PluginError("Không tìm thấy tệp search worker của Material (assets/javascripts/workers/search.*.min.js).")
    return worker.src_uri.rsplit("/", 1)[-1]


def point_page_at_worker(output: str, worker_path: str, warn: Callable[[], None]) -> str:
    """The page's `__config` with its search worker URL pointing at ours (same folder, so the
    relative prefix Material computed is kept); `warn()` when the page has no such URL."""

    def swap(m: re.Match[str]) -> str:
        data = json.loads(m.group(2))
        search = data.get("search")
        if not search or not WORKER_RE.search(search):
            warn()
            return m.group(0)
        data["search"] = WORKER_RE.sub(worker_path, search)
        return m.group(1) + json.dumps(data, ensure_ascii=False) + m.group(3)

    return _CONFIG_SCRIPT_RE.sub(swap, output, count=1)


def skip_page(page: Page) -> None:
    """Material's search plugin adds no entry for this page (we made its entries) but still strips
    its `data-search-*` attributes: SearchIndex.add_entry_from_context returns early on
    `search.exclude` in the page's meta; SearchPlugin.on_page_context strips them after it."""
    search = page.meta.get("search") or {}
    page.meta["search"] = {**search, "exclude": True}


def excluded(page: Page) -> bool:
    return bool((page.meta.get("search") or {}).get("exclude"))


def entries_by_material(content: str, toc: dict[str, str], url: str, title: str,
                        meta: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Material's own entries for a page, from plain values: its parser run on a stand-in page.
    `toc` keeps each heading id's first URL in pre-order, so a flat list finds the same item as
    Material's `_find_toc_by_id` walking the real tree."""
    index = material_search.SearchIndex()
    flat = [SimpleNamespace(id=key, url=value, children=[]) for key, value in toc.items()]
    index.add_entry_from_context(SimpleNamespace(content=content, toc=flat, url=url, title=title, meta=meta))
    return list(index.entries)


def add_by_material(index: Any, content: str, page: Page) -> None:
    """Material's parser on `content` (a cut-down page) with the page's own table of contents."""
    index.add_entry_from_context(SimpleNamespace(
        content=content, toc=page.toc, url=page.url, title=page.title, meta=page.meta))


def offline_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on (the index is then inlined for file:// pages)."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(offline is not None and offline.config.get("enabled"))
