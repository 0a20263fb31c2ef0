"""The search index of one build: Material's entries page by page, then ours added and the
index written (lunr's search_index.json, or a split index).

These functions run in the build's background worker (../background.py) when there is one, so
they take and return small picklable values; `_build` is the worker's state for one build,
set by `prepare` in the main process before the worker forks (the content model is shared,
not sent). Inline, the same functions run in the main process.
"""
from __future__ import annotations

import json
import pickle
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
    page_boosts: tuple[tuple[str, float], ...] = ()


_build: dict[str, Any] = {}


def prepare(corpus: Corpus, options: Options, material_config: dict[str, Any] | None = None) -> None:
    """In the main process, before the worker starts: this build's content model, and the
    config Material will write (so the worker knows the index text's beginning)."""
    _build.clear()
    _build.update(enricher=enricher_for(corpus, options),
                  entries=[], fallbacks=[], options=options, shards=None, engine=None, growing=None)
    if material_config is not None:
        config = _build["config"] = _written_config({k: material_config[k] for k in INDEX_CONFIG_KEYS})
        _build["growing"] = GrowingIndex(options.engine, config)


def enricher_for(corpus: Corpus, options: Options) -> Enricher:
    """What adds our fields to this build's entries (also the preview's, page by page)."""
    return Enricher(corpus, derived=options.derived,
                    page_boosts=dict(options.page_boosts) if options.page_boosts else None)


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
    if fell_back:
        _build["fallbacks"].append(args[2])
    _add_index(page_index(entries, _build["enricher"]))


def add_page_cached(cache: tuple[str, str, str], *args: Any) -> None:
    """`add_page` for a build that keeps each page's part of the index (ldkb-cache): `cache` is
    (key, store folder, stage folder); a part found under its key is used as it is (then `args`
    may be empty: the page itself was not sent), a part made is staged under it (the build
    commits the stage if it succeeds)."""
    key, store, stage = cache
    part: PageIndex | list[Any] | None = None
    try:
        part = _read_part((Path(store) / key[:2] / key).read_bytes(), prepared_only=_slim())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError):
        pass
    if part is None:
        if not args:
            raise RuntimeError(f"Phần chỉ mục tìm kiếm {key} biến mất khỏi bộ nhớ đệm giữa chừng; hãy xây dựng lại.")
        entries, fell_back = page_entries_or_material(*args)
        if fell_back:
            _build["fallbacks"].append(args[2])
        part = page_index(entries, _build["enricher"])
        Path(stage).mkdir(parents=True, exist_ok=True)
        (Path(stage) / key).write_bytes(_part_bytes(part))
    if isinstance(part, list):  # the shard index takes only this of each page
        for prepared in part:
            _build["shards"].add_prepared(prepared)
    else:
        _add_index(part)


# A kept part: what the shard index takes of the page, then its entries and their text, pickled
# apart, so that a build whose index is the slim shard index reads only the first (at 2,000
# documents 130 of the parts' 326 MB, and half the time to read them back).
_LENGTH = 8


def _part_bytes(part: PageIndex) -> bytes:
    first = pickle.dumps(part.prepared, protocol=pickle.HIGHEST_PROTOCOL)
    rest = pickle.dumps((part.entries, part.text), protocol=pickle.HIGHEST_PROTOCOL)
    return len(first).to_bytes(_LENGTH, "little") + first + rest


def _read_part(data: bytes, *, prepared_only: bool) -> PageIndex | list[Any]:
    cut = _LENGTH + int.from_bytes(data[:_LENGTH], "little")
    if cut > len(data):
        raise ValueError("cut short")
    prepared = pickle.loads(data[_LENGTH:cut])
    if prepared_only:
        return list(prepared)
    entries, text = pickle.loads(data[cut:])
    return PageIndex(entries, text, prepared)


def _slim() -> bool:
    """Whether the index being made keeps only the shard index's part of each page from now on."""
    return _build.get("shards") is not None and bool(_build["options"].split_slim_index)


def _add_index(part: PageIndex) -> None:
    """One page's part into the index being made: kept, or given to the shard index."""
    if _build["engine"] is None:
        _build["engine"] = _early_engine(part.entries)
        if _build["engine"] == "shards":
            # Decided: the pages so far go to the shard index, and lunr's index will keep
            # none (`split_slim_index`), so they need not be kept (memory at 2,000 documents).
            from ldkb.search.shards import ShardBuilder  # numpy: only for a large collection

            _build["shards"] = ShardBuilder(_build["options"].shards_chunk)
            parts = _build["entries"] + [part]
            _build["entries"] = []
            for earlier in parts:
                for prepared in earlier.prepared:
                    _build["shards"].add_prepared(prepared)
            if not _build["options"].split_slim_index:
                _build["entries"] = parts
            return
    if _build["shards"] is not None:
        for prepared in part.prepared:
            _build["shards"].add_prepared(prepared)
        if not _build["options"].split_slim_index:
            _build["entries"].append(part)
    else:
        _build["entries"].append(part)


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
    docs += [entry for part in _build["entries"] for entry in part.entries]  # the worker's pages, enriched
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


@dataclass(frozen=True)
class PageIndex:
    """One page's part of the index, ready to be put together with the others' (kept by the
    preview while the page does not change, and by ldkb-cache between builds): its entries as
    search_index.json has them, their text there, and what the shard index takes of each."""

    entries: list[dict[str, Any]]
    text: str
    prepared: list[Any]


def page_index(entries: list[dict[str, Any]], enricher: Enricher) -> PageIndex:
    """`entries` (Material's, for one page) as the index file would have them, enriched."""
    from ldkb.search.shards import prepare as prepare_shard  # numpy: only for a large collection

    # Through JSON as Material writes them (default=str), then read back, as `finish` reads them.
    entries = json.loads(json.dumps(entries, separators=(",", ":"), default=str))
    for entry in entries:
        enricher.entry(entry)
    return PageIndex(entries, ",".join(dumps(e) for e in entries), [prepare_shard(e) for e in entries])


def finish_pages(site: str, options: Options, material_config: dict[str, Any],
                 pages: list[PageIndex]) -> tuple[str, list[str]]:
    """The index `finish` writes for these pages' entries (in page order), from their kept
    parts: the same files, byte for byte. Returns the text for search_index.json and the lines
    to log."""
    config = _written_config({k: material_config[k] for k in INDEX_CONFIG_KEYS})
    head = dumps(config).join(['{"config":', ',"docs":['])
    text = head + ",".join(p.text for p in pages if p.text) + "]}"
    engine = engine_for_text(options.engine, text)
    if engine == "lunr":
        return text, []
    data = {"config": config, "docs": [e for p in pages for e in p.entries]}
    if engine == "pagefind":
        from ldkb.search.pagefind import write_bundle  # asyncio and the Pagefind binding: only when used

        stats = write_bundle(data, Path(site) / "pagefind")
        return (_point_worker(options, data, "ldkb_pagefind", "pagefind/pagefind.js"),
                [f"Tìm kiếm: Pagefind, {stats['records']} mục, {stats['bytes']:,} B."])
    from ldkb.search.shards import ShardBuilder, write_shards  # numpy: only for a large collection

    builder = ShardBuilder(options.shards_chunk)
    for page in pages:
        for prepared in page.prepared:
            builder.add_prepared(prepared)
    stats = write_shards(builder, Path(site) / SHARDS_DIR, chunk=options.shards_chunk)
    return (_point_worker(options, data, "ldkb_shards", f"{SHARDS_DIR}/manifest.json", f"?v={stats['version']}"),
            [f"Tìm kiếm: chỉ mục chia mảnh, {stats['sections']} mục, {stats['files']} tệp."])


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
