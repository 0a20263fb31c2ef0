"""The search index of one build: Material's entries page by page, then ours added and the
index written (lunr's search_index.json, or a split index).

These functions run in the build's background worker (../background.py) when there is one, so
they take and return small picklable values; `_build` is the worker's state for one build,
set by `prepare` in the main process before the worker forks (the content model is shared,
not sent). Inline, the same functions run in the main process.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from ldkb.model.corpus import Corpus
from ldkb.search.engine import EngineSettings, GrowingIndex, dumps, engine_for_text, fixed_engine
from ldkb.search.index import FIELDS, Enricher, overview_html

from ..material.search import INDEX_CONFIG_KEYS, entries_by_material
from ..material.search_sections import page_entries

# Site folder of the shard index (engine `shards`).
SHARDS_DIR = "search-shards"


@dataclass(frozen=True)
class Options:
    """What writing the index needs of the plugins' settings (small: sent to the worker)."""

    engine: EngineSettings
    split_slim_index: bool
    shards_chunk: int
    worker_path: str
    derived: tuple[str, ...]


_build: dict[str, Any] = {}


def prepare(corpus: Corpus, options: Options, material_config: dict[str, Any] | None = None) -> None:
    """In the main process, before the worker starts: this build's content model, and the
    config Material will write (so the worker knows the index text's beginning)."""
    _build.clear()
    _build.update(enricher=Enricher(corpus, derived=options.derived),
                  entries=[], fallbacks=[], options=options, shards=None, engine=None, growing=None)
    if material_config is not None:
        config = _build["config"] = _written_config({k: material_config[k] for k in INDEX_CONFIG_KEYS})
        _build["growing"] = GrowingIndex(options.engine, config)


def _written_config(config: dict[str, Any]) -> dict[str, Any]:
    """`config` as search_index.json ends up with it: Material's JSON read back (it writes with
    default=str), our fields added."""
    config = json.loads(json.dumps(config, default=str))
    config.setdefault("fields", {}).update(FIELDS)
    return config


def page_entries_or_material(content: str, toc: dict[str, str], url: str, title: str, meta: Mapping[str, Any],
                             overview: bool) -> tuple[list[dict[str, Any]], bool]:
    """Material's entries for one page: ours (material.search_sections), or Material's own parser
    for a page our tokenizer is not sure of (then True). Overview pages give their headings only."""
    if overview:
        content = overview_html(content)
    try:
        entries = page_entries(content, toc, url, title, meta)
    except Exception:  # noqa: BLE001 - Material's parser fails the same way: let it say so
        entries = None
    if entries is None:
        return entries_by_material(content, toc, url, title, meta), True
    return entries, False


def add_page(*args: Any) -> None:
    """Worker side: one page's entries, enriched and kept in page order (the worker runs calls in
    order), or given straight to the shard index once that is the engine."""
    entries, fell_back = page_entries_or_material(*args)
    enrich = _build["enricher"].entry
    for entry in entries:  # now, while MkDocs renders other pages, not all at the end
        enrich(entry)
    if fell_back:
        _build["fallbacks"].append(args[2])
    if _build["engine"] is None:
        _build["engine"] = _early_engine(entries)
        if _build["engine"] == "shards":
            # Decided: the entries so far go to the shard index, and lunr's index will keep
            # none (`split_slim_index`), so they need not be kept (memory at 2,000 documents).
            from ldkb.search.shards import ShardBuilder  # numpy: only for a large collection

            _build["shards"] = ShardBuilder(_build["options"].shards_chunk)
            entries = _build["entries"] + entries
            _build["entries"] = []
    if _build["shards"] is not None:
        for entry in entries:
            _build["shards"].add(entry)
        if not _build["options"].split_slim_index:
            _build["entries"] += entries
    else:
        _build["entries"] += entries


def _early_engine(entries: list[dict[str, Any]]) -> str | None:
    """The engine, once it can be known before the last page: the one set, or `shards` when
    (`auto`) lunr's index text so far already passes the threshold gzipped."""
    options: Options = _build["options"]
    fixed = fixed_engine(options.engine)
    if fixed is not None:
        return fixed
    growing: GrowingIndex | None = _build["growing"]
    return None if growing is None else growing.add(entries)  # no config known: decided at the end


def finish(site: str, options: Options, material: dict[str, Any] | None) -> tuple[str, list[str], list[str]]:
    """The search index completed: Material's (`material`, as written in search_index.json;
    None in the worker, which made every page's entries and knows Material's config) with the
    pages kept here, enriched, and the split index written if that is the engine. Returns the
    text for search_index.json, the lines to log and the pages (URLs) that needed Material's
    parser."""
    if material is None:
        data = {"config": json.loads(dumps(_build["config"])), "docs": []}
    else:
        data = material
        data.setdefault("config", {}).setdefault("fields", {}).update(FIELDS)
        data.setdefault("docs", [])
    docs = data["docs"]  # pages Material indexed itself (all of them inline)
    builder = _build["shards"] if material is None else None  # it has the worker's pages only
    for entry in docs:
        _build["enricher"].entry(entry)
    docs += _build["entries"]  # the worker's pages, already enriched
    # Decided early (shards), or now: in the worker the text was compressed as it grew (all of it
    # when no early decision was made), so only its end is left to compress.
    if builder is not None:
        engine = "shards"
    elif material is None and _build["engine"] is None and _build["growing"] is not None:
        engine = _build["growing"].finish()
    else:
        engine = engine_for_text(options.engine, dumps(data))
    lines: list[str] = []
    text = None
    if engine == "pagefind":
        from ldkb.search.pagefind import write_bundle  # asyncio and the Pagefind binding: only when used

        stats = write_bundle(data, Path(site) / "pagefind")
        lines.append(f"Tìm kiếm: Pagefind, {stats['records']} mục, {stats['bytes']:,} B.")
        text = _point_worker(options, data, "ldkb_pagefind", "pagefind/pagefind.js")
    elif engine == "shards":
        from ldkb.search.shards import write_shards  # numpy: only for a large collection

        stats = write_shards(builder or data, Path(site) / SHARDS_DIR, chunk=options.shards_chunk)
        lines.append(f"Tìm kiếm: chỉ mục chia mảnh, {stats['sections']} mục, {stats['files']} tệp.")
        # Versioned, as the manifest's name is fixed.
        text = _point_worker(options, data, "ldkb_shards", f"{SHARDS_DIR}/manifest.json", f"?v={stats['version']}")
    fallbacks = _build["fallbacks"]
    _build.clear()
    return (text if text is not None else dumps(data)), lines, fallbacks


def matches_worker(material: dict[str, Any]) -> bool:
    """Whether Material's written index is what the worker assumed: no entries of its own and
    the config `prepare` expected (main process side)."""
    return not material.get("docs") and _written_config(material.get("config", {})) == _build.get("config")


def _point_worker(options: Options, data: dict[str, Any], key: str, site_path: str, query: str = "") -> str:
    """search_index.json text telling the search worker where the split index is (relative to
    it, as it loads it); without lunr's documents unless `split_slim_index` is off."""
    data["config"][key] = posixpath.relpath(site_path, posixpath.dirname(options.worker_path)) + query
    if options.split_slim_index:
        data = {**data, "docs": []}
    return dumps(data)
