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
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from ldkb.search.index import FIELDS, Enricher, overview_html
from ldkb.search.sections import page_entries

# Site folder of the shard index (engine `shards`).
SHARDS_DIR = "search-shards"
# Characters deflated at a time by the engine check (`_engine`).
_SLICE = 1 << 20


@dataclass(frozen=True)
class Options:
    """What writing the index needs of the plugins' settings (small: sent to the worker)."""

    engine: str
    split_above_gzip: int
    split_slim_index: bool
    shards_chunk: int
    worker_path: str
    section: str
    derived: tuple[str, ...]
    offline: bool  # the offline copy (file://) always uses lunr
    page_boosts: tuple[tuple[str, float], ...] = ()


_build: dict = {}
# Keys of the config Material writes at the top of search_index.json.
_MATERIAL_KEYS = ("lang", "separator", "pipeline", "fields")


def prepare(corpus, options: Options, material_config: dict | None = None) -> None:
    """In the main process, before the worker starts: this build's content model, and the
    config Material will write (so the worker knows the index text's beginning)."""
    _build.clear()
    _build.update(enricher=Enricher(corpus, section=options.section, derived=options.derived,
                                    page_boosts=dict(options.page_boosts) if options.page_boosts else None),
                  entries=[], fallbacks=[], options=options, shards=None, engine=None, seen=0)
    if material_config is not None:
        config = _build["config"] = _written_config({k: material_config[k] for k in _MATERIAL_KEYS})
        _build["deflate"] = _Deflated(_dumps(config).join(['{"config":', ',"docs":[']))


def _written_config(config: dict) -> dict:
    """`config` as search_index.json ends up with it: Material's JSON read back (it writes with
    default=str), our fields added."""
    config = json.loads(json.dumps(config, default=str))
    config.setdefault("fields", {}).update(FIELDS)
    return config


def page_entries_or_material(content: str, toc: dict, url: str, title: str, meta: dict,
                             overview: bool) -> tuple[list[dict], bool]:
    """Material's entries for one page: ours (ldkb.search.sections), or Material's own parser for
    a page our tokenizer is not sure of (then True). Overview pages give their headings only."""
    if overview:
        content = overview_html(content)
    try:
        entries = page_entries(content, toc, url, title, meta)
    except Exception:  # noqa: BLE001 - Material's parser fails the same way: let it say so
        entries = None
    if entries is None:
        from material.plugins.search.plugin import SearchIndex

        index = SearchIndex()
        # `toc` keeps each id's first URL in pre-order: a flat list finds the same item.
        flat = [SimpleNamespace(id=key, url=value, children=[]) for key, value in toc.items()]
        index.add_entry_from_context(SimpleNamespace(content=content, toc=flat, url=url, title=title, meta=meta))
        return index.entries, True
    return entries, False


def add_page(*args) -> None:
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
            from ldkb.search.shards import ShardBuilder

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


def _early_engine(entries: list[dict]) -> str | None:
    """The engine, once it can be known before the last page: `shards` when set, or when
    (`auto`) lunr's index text so far already passes the threshold gzipped. The text is the
    one `finish` would write, compressed as it grows, so the choice is the same."""
    options: Options = _build["options"]
    fixed = _fixed_engine(options)
    if fixed is not None:
        return fixed
    deflated: _Deflated | None = _build.get("deflate")
    if deflated is None:  # no config known: decided at the end
        return None
    for entry in entries:
        deflated.add(("," if _build["seen"] else "") + _dumps(entry))
        _build["seen"] += 1
    return "shards" if deflated.size > options.split_above_gzip else None


class _Deflated:
    """Size so far of text compressed as gzip.compress (level 6) would: the same deflate stream,
    plus its 18 header and trailer bytes; the bytes out so far never exceed the final size."""

    def __init__(self, text: str = "") -> None:
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.size = 18
        self.add(text)

    def add(self, text: str) -> None:
        self.size += len(self._deflate.compress(text.encode("utf-8")))

    def close(self) -> int:
        """The final size (as `_engine` computes it for the whole text)."""
        self.size += len(self._deflate.flush())
        return self.size


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def finish(site: str, options: Options, material: dict | None) -> tuple[str, list[str], list[str]]:
    """The search index completed: Material's (`material`, as written in search_index.json;
    None in the worker, which made every page's entries and knows Material's config) with the
    pages kept here, enriched, and the split index written if that is the engine. Returns the
    text for search_index.json, the lines to log and the pages (URLs) that needed Material's
    parser."""
    if material is None:
        data = {"config": json.loads(_dumps(_build["config"])), "docs": []}
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
    elif material is None and _build["engine"] is None and "deflate" in _build:
        deflated = _build["deflate"]
        deflated.add("]}")
        engine = "shards" if deflated.close() > options.split_above_gzip else "lunr"
    else:
        engine = _engine(options, _dumps(data))
    lines: list[str] = []
    text = None
    if engine == "pagefind":
        from ldkb.search.pagefind import write_bundle  # asyncio and the Pagefind binding: only when used

        stats = write_bundle(data, Path(site) / "pagefind")
        lines.append(f"Tìm kiếm: Pagefind, {stats['records']} mục, {stats['bytes']:,} B.")
        text = _point_worker(options, data, "ldkb_pagefind", "pagefind/pagefind.js")
    elif engine == "shards":
        from ldkb.search.shards import write_shards

        stats = write_shards(builder or data, Path(site) / SHARDS_DIR, chunk=options.shards_chunk)
        lines.append(f"Tìm kiếm: chỉ mục chia mảnh, {stats['sections']} mục, {stats['files']} tệp.")
        # Versioned, as the manifest's name is fixed.
        text = _point_worker(options, data, "ldkb_shards", f"{SHARDS_DIR}/manifest.json", f"?v={stats['version']}")
    fallbacks = _build["fallbacks"]
    _build.clear()
    return (text if text is not None else _dumps(data)), lines, fallbacks


def matches_worker(material: dict) -> bool:
    """Whether Material's written index is what the worker assumed: no entries of its own and
    the config `prepare` expected (main process side)."""
    return not material.get("docs") and _written_config(material.get("config", {})) == _build.get("config")


def _fixed_engine(options: Options) -> str | None:
    """The engine when it does not depend on the index's size: the offline copy (file://) is
    always lunr, an engine other than `auto` is the one set."""
    if options.offline:
        return "lunr"
    return None if options.engine == "auto" else options.engine


def _engine(options: Options, index_text: str) -> str:
    """lunr, shards or pagefind (setting `engine`, see `_fixed_engine`), for this index text."""
    fixed = _fixed_engine(options)
    if fixed is not None:
        return fixed
    # Only whether lunr's index passes the threshold gzipped matters: compress it in slices
    # and stop once it does (at 2,000 documents, after a fifth of the text).
    limit = options.split_above_gzip
    deflated = _Deflated()
    for start in range(0, len(index_text), _SLICE):
        deflated.add(index_text[start:start + _SLICE])
        if deflated.size > limit:
            return "shards"
    return "shards" if deflated.close() > limit else "lunr"


def _point_worker(options: Options, data: dict, key: str, site_path: str, query: str = "") -> str:
    """search_index.json text telling the search worker where the split index is (relative to
    it, as it loads it); without lunr's documents unless `split_slim_index` is off."""
    data["config"][key] = posixpath.relpath(site_path, posixpath.dirname(options.worker_path)) + query
    if options.split_slim_index:
        data = {**data, "docs": []}
    return _dumps(data)
