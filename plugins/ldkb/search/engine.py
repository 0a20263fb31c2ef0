"""Which search engine the published site gets: lunr (Material's own, the whole index in one file),
the shard index (ldkb.search.shards) or Pagefind (ldkb.search.pagefind).

The setting `engine` of ldkb-search fixes it, or `auto` decides by size: shards once lunr's index,
gzipped, would pass `split_above_gzip` (too much for a phone to fetch and build), lunr otherwise.
The offline copy (file://) is always lunr. The size is known before the last page when the index
text is compressed as it grows (`GrowingIndex`), so the build can switch early.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

ENGINES = ("auto", "lunr", "shards", "pagefind")
# Characters deflated at a time when checking a finished index text.
_SLICE = 1 << 20


@dataclass(frozen=True)
class EngineSettings:
    engine: str  # one of ENGINES
    split_above_gzip: int
    offline: bool  # the offline copy (file://) always uses lunr


def fixed_engine(settings: EngineSettings) -> str | None:
    """The engine when it does not depend on the index's size."""
    if settings.offline:
        return "lunr"
    return None if settings.engine == "auto" else settings.engine


def dumps(obj: Any) -> str:
    """JSON as search_index.json is written (compact, UTF-8 text)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class DeflatedSize:
    """Size so far of text compressed as gzip.compress (level 6) would: the same deflate stream,
    plus its 18 header and trailer bytes; the bytes out so far never exceed the final size."""

    def __init__(self, text: str = "") -> None:
        self._deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.size = 18
        self.add(text)

    def add(self, text: str) -> None:
        self.size += len(self._deflate.compress(text.encode("utf-8")))

    def close(self) -> int:
        """The final size (as `engine_for_text` computes it for the whole text)."""
        self.size += len(self._deflate.flush())
        return self.size


def engine_for_text(settings: EngineSettings, index_text: str) -> str:
    """lunr, shards or pagefind for this finished index text."""
    fixed = fixed_engine(settings)
    if fixed is not None:
        return fixed
    # Only whether lunr's index passes the threshold gzipped matters: compress it in slices
    # and stop once it does (at 2,000 documents, after a fifth of the text).
    limit = settings.split_above_gzip
    deflated = DeflatedSize()
    for start in range(0, len(index_text), _SLICE):
        deflated.add(index_text[start:start + _SLICE])
        if deflated.size > limit:
            return "shards"
    return "shards" if deflated.close() > limit else "lunr"


class GrowingIndex:
    """lunr's index text as it grows entry by entry (`{"config":…,"docs":[` then the entries),
    compressed as it grows, so the engine is known as soon as the size passes the threshold; the
    same choice `engine_for_text` makes on the finished text."""

    def __init__(self, settings: EngineSettings, config: dict[str, Any]) -> None:
        self.settings = settings
        self._deflated = DeflatedSize(dumps(config).join(['{"config":', ',"docs":[']))
        self._seen = 0

    def add(self, entries: list[dict[str, Any]]) -> str | None:
        """`shards` once decided (fixed, or the size passed), else None."""
        fixed = fixed_engine(self.settings)
        if fixed is not None:
            return fixed
        for entry in entries:
            self._deflated.add(("," if self._seen else "") + dumps(entry))
            self._seen += 1
        return "shards" if self._deflated.size > self.settings.split_above_gzip else None

    def finish(self) -> str:
        """The engine for the whole text (no early decision was made)."""
        self._deflated.add("]}")
        return "shards" if self._deflated.close() > self.settings.split_above_gzip else "lunr"
