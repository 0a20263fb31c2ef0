"""Sharded syllable index ("shards" engine): search that stays fast and small at thousands of documents.

Input is Material's search index with our fields added by `ldkb.search.index.Enricher` (the same entries the lunr
and Pagefind engines get). Lunr makes a phone download and build the whole index; Pagefind's
query time grows with the number of matches, and words like `lao`, `động`, `đoàn` match most
sections. Here everything is decided at build time:

- sections get ids in a static order (document pages and their symbol keys first, then the
  documents' sections, then other pages, overview sections last; index order within each), so
  "the first ids of a posting list" are already the sections a reader most likely wants;
- each folded syllable (NFC, tone placement unified, lower case, no diacritics, `đ` -> `d`:
  `ldkb.text.normalize.fold`) has a sorted posting list of section ids, plus a list for titles
  (and glossary title keys), one for symbol keys (`117`, `117khldld`: `ldkb_sym`), and one per
  accented written form (`exact_key`: `bán`, `bàn`…), so a query with accents can prefer them;
- posting lists are delta + varint or a bitmap, whichever is smaller, base64 in JSON;
- syllables are grouped into shard files by the first two characters of the folded form, so a
  typed prefix of two letters or more reads one shard (`sh/<key>.json`, written forms in
  `sh/<key>.x.json`, read only for words typed with accents);
- section texts, titles and locations are in chunk files of `chunk` consecutive ids
  (`ch/<n>.json`), fetched only for the few candidates a query shows.

    stats = write_shards(index, site_dir / "search" / "shards")

The search worker (ldkb-search plugin) reads `manifest.json`, intersects the postings of the
typed words (the last word as a prefix) and ranks the candidates' chunks like Pagefind's.
Everything is linear in the size of the index. No mkdocs import here.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from array import array
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from ldkb.search.index import DOCUMENT_BOOST
from ldkb.search.keys import QUERY_SPLIT
from ldkb.search.pagefind import plain
from ldkb.text.normalize import exact_key, fold, nfc

K = TypeVar("K", bound=Hashable)

VERSION = 1
CHUNK = 32
_SAFE = re.compile(r"[a-z0-9]")


def shard_key(folded: str) -> str:
    """The shard a folded syllable belongs to: its first two characters."""
    return folded[:2]


def shard_name(key: str) -> str:
    """File-safe name of a shard key; the worker computes the same (`shardName`)."""
    return "".join(c if _SAFE.fullmatch(c) else f"_{ord(c):x}_" for c in key)


# --- posting lists ------------------------------------------------------------------------

def encode(ids: Sequence[int] | np.ndarray) -> str:
    """Sorted distinct ids -> base64 of tag 0 + varint gaps, or tag 1 + varint(first) + bitmap.

    Vectorised with numpy: the common words' lists hold millions of ids at 2,000 documents, and
    this runs at the end of the build, while the build waits for it."""
    ids = np.asarray(ids, dtype=np.uint32)
    if not len(ids):
        return ""
    first, last = int(ids[0]), int(ids[-1])
    span = (last - first) // 8 + 1
    out = b""
    if span >= len(ids):  # a bitmap is only ever smaller when the list is dense
        gaps = np.empty(len(ids), np.uint32)  # gaps minus one
        gaps[0] = first
        np.subtract(ids[1:], ids[:-1], out=gaps[1:])
        gaps[1:] -= 1
        out = b"\0" + _varints(gaps)
    if not out or len(out) > span + 4:
        bits = np.zeros(span * 8, np.bool_)
        bits[ids - first] = True
        out = b"\1" + _varints(np.array([first], np.uint32)) + np.packbits(bits, bitorder="little").tobytes()
    return base64.b64encode(out).decode("ascii")


def _varints(values: np.ndarray) -> bytes:
    """LEB128 of each value (7 bits a byte, low first, high bit = more follows)."""
    if len(values) < 64:  # most lists are short: numpy's per-call cost would dominate
        out = bytearray()
        for d in values.tolist():
            while d >= 0x80:
                out.append((d & 0x7F) | 0x80)
                d >>= 7
            out.append(d)
        return bytes(out)
    if int(values.max()) < 0x80:  # the usual case: the values are the bytes
        return values.astype(np.uint8).tobytes()
    sizes = np.ones(len(values), np.int64)
    for bits in (7, 14, 21, 28):
        sizes += values >= (1 << bits)
    starts = np.cumsum(sizes) - sizes
    encoded = np.empty(int(sizes.sum()), np.uint8)
    for k in range(int(sizes.max())):
        more = sizes > k
        part = (values[more] >> (7 * k)) & 0x7F
        encoded[starts[more] + k] = part | ((sizes[more] > k + 1) << 7)
    return encoded.tobytes()


def decode(text: str) -> list[int]:
    """Inverse of `encode` (the worker's `decodePostings` does the same in JavaScript)."""
    if not text:
        return []
    data = base64.b64decode(text)
    pos, ids = 1, []

    def varint() -> int:
        nonlocal pos
        value, shift = 0, 0
        while True:
            b = data[pos]
            pos += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value

    if data[0] == 0:
        prev = -1
        while pos < len(data):
            prev += varint() + 1
            ids.append(prev)
    else:
        first = varint()
        for n, byte in enumerate(data[pos:]):
            for bit in range(8):
                if byte >> bit & 1:
                    ids.append(first + n * 8 + bit)
    return ids


# --- sections -----------------------------------------------------------------------------

def tier(entry: dict[str, Any]) -> int:
    """Static rank of an entry: lower first."""
    if entry.get("ldkb_sym"):
        return 0  # a document's own page
    boost = float(entry.get("boost", 1))
    if boost >= DOCUMENT_BOOST:
        return 1  # a document's sections
    return 2 if boost >= 1 else 3  # other pages; overview sections that repeat documents


def _tokens(text: str) -> dict[str, None]:
    """Distinct words of `text` in order of first occurrence (split and dedup run in C)."""
    words = dict.fromkeys(QUERY_SPLIT.split(text))
    words.pop("", None)
    return words


def _merge(postings: dict[str, np.ndarray], key_of: Mapping[str, K]) -> dict[K, np.ndarray]:
    """Posting lists per written word -> per `key_of[word]` (sorted, distinct); words
    without a key are left out."""
    groups: dict[K, list[np.ndarray]] = {}
    for word, ids in postings.items():
        key = key_of.get(word)
        if key is not None:
            groups.setdefault(key, []).append(ids)
    return {key: lists[0] if len(lists) == 1 else _union(lists) for key, lists in groups.items()}


def _union(lists: list[np.ndarray]) -> np.ndarray:
    """Sorted distinct ids of all `lists` (np.unique hashes, several times slower here)."""
    ids = np.sort(np.concatenate(lists))
    keep = np.empty(len(ids), np.bool_)
    keep[0] = True
    np.not_equal(ids[1:], ids[:-1], out=keep[1:])
    return ids[keep]


def _ids(values: Iterable[int] = ()) -> array[int]:
    return array("I", values)


_NONE = np.empty(0, np.uint32)


def build(index: dict[str, Any], chunk: int = CHUNK) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[list[Any]]]:
    """(manifest, shards by key, chunks) for the enriched `index`."""
    builder = ShardBuilder(chunk)
    for entry in index.get("docs", []):
        builder.add(entry)
    return builder.result()


class ShardBuilder:
    """The shard index made entry by entry, in index order: a build's search worker adds each
    page as it comes, so only `result` and writing are left for the end of the build.

    Ids follow the static order (`tier`, then index order within a tier): each tier keeps its
    own sections and postings under local numbers, shifted by the sizes of the tiers before
    it in `result`. Postings are first kept per written word (a few thousand distinct words,
    millions of occurrences), then merged per folded and per accented form: the forms are
    computed once per word, not per occurrence. Key order follows first occurrence in id
    order, so the files and their version are the same from build to build."""

    def __init__(self, chunk: int = CHUNK):
        self.chunk = chunk
        # Per tier: sections, and postings (written word -> local numbers) of every word,
        # title words and symbol keys.
        # Numbers in arrays, 4 bytes each: a Python list would keep an int object per
        # occurrence (9 million at 2,000 documents, ~300 MB).
        self.tiers: list[tuple[list[list[Any]], dict[str, array[int]], dict[str, array[int]], dict[str, array[int]]]] = [
            ([], defaultdict(_ids), defaultdict(_ids), defaultdict(_ids)) for _ in range(4)]
        self.page_titles: dict[str, str] = {}

    def add(self, entry: dict[str, Any]) -> None:
        self.add_prepared(prepare(entry))

    def add_prepared(self, entry: Prepared) -> None:
        """An entry as `prepare` made it (the preview keeps them per page between updates)."""
        sections, every, in_title, in_sym = self.tiers[entry.tier]
        local = len(sections)
        if entry.page_title is not None:
            self.page_titles.setdefault(entry.section[0].partition("#")[0], entry.page_title)
        for word in _split(entry.title_words):
            in_title[word].append(local)
        for word in _split(entry.words):
            every[word].append(local)
        for word in _split(entry.sym_words):
            in_sym[word].append(local)
        sections.append(list(entry.section))  # `result` fills in its page title

    def result(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]], list[list[Any]]]:
        sections: list[list[Any]] = []
        parts: tuple[dict[str, list[Any]], ...] = ({}, {}, {})  # every word, title words, symbol keys
        for tier_sections, *postings in self.tiers:
            offset = len(sections)
            sections += tier_sections
            for merged, local in zip(parts, postings, strict=False):
                for word, ids in local.items():
                    merged.setdefault(word, []).append(np.frombuffer(ids, np.uint32) + np.uint32(offset))
        # Tiers come in id order, so each word's list stays sorted.
        every, in_title, in_sym = ({w: np.concatenate(p) if len(p) > 1 else p[0] for w, p in d.items()}
                                   for d in parts)
        titles = self.page_titles
        for section in sections:
            section[6] = titles.get(section[6], "") if section[6] is not None else ""
        folded = {w: fold(w) for w in every.keys() | in_sym.keys()}
        allp = _merge(every, folded)
        title = _merge(in_title, folded)
        sym = _merge(in_sym, folded)
        # Accented written forms other than the folded one: `bán`, `bàn` under `ban`.
        accented = {w: (folded[w], e) for w in every if (e := exact_key(w)) != folded[w]}
        exact: dict[str, dict[str, np.ndarray]] = {}
        for (f, e), lst in _merge(every, accented).items():
            exact.setdefault(f, {})[e] = lst
        shards: dict[str, dict[str, Any]] = {}
        for f, lst in allp.items():
            t = title.get(f, _NONE)
            s = sym.get(f, _NONE)
            shards.setdefault(shard_key(f), {})[f] = [
                encode(lst), 1 if np.array_equal(t, lst) else encode(t), encode(s)]
            forms = exact.get(f)
            if forms:
                x = shards.setdefault(shard_key(f) + "\0x", {})
                # A single written form with every occurrence: the folded list says it all.
                x[f] = {e: (1 if np.array_equal(p, lst) else encode(p)) for e, p in forms.items()}
        chunk = self.chunk
        chunks = [sections[n:n + chunk] for n in range(0, len(sections), chunk)]
        keys = sorted(k for k in shards if not k.endswith("\0x"))
        manifest = {"v": VERSION, "n": len(sections), "chunk": chunk, "chunks": len(chunks),
                    "shards": [shard_name(k) for k in keys],
                    "exact": [shard_name(k) for k in keys if k + "\0x" in shards]}
        return manifest, shards, chunks


_SEP = "\x1f"  # never in a word: QUERY_SPLIT splits on it (a whitespace character to `\s`)


def _split(words: str) -> list[str]:
    return words.split(_SEP) if words else []


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the shard index takes of one entry: its tier, its words, its section row."""

    tier: int
    page_title: str | None  # the page's title, for its own entry (no anchor)
    # Distinct words in order, joined by _SEP: one string each (a kept part is read back from
    # disk as a few strings, not thousands).
    title_words: str
    words: str
    sym_words: str
    section: tuple[Any, ...]


def prepare(entry: dict[str, Any]) -> Prepared:
    location = entry.get("location", "")
    path, _, anchor = location.partition("#")
    title_text = plain(entry.get("title", ""))
    text = plain(entry.get("text", ""))
    keys = " ".join(filter(None, (entry.get("ldkb_sym", ""), entry.get("ldkb_title", ""),
                                  entry.get("ldkb_text", ""))))
    title_words = _tokens(nfc(f"{title_text} {entry.get('ldkb_title', '')} {entry.get('ldkb_sym', '')}"))
    words = title_words | _tokens(nfc(f"{text} {entry.get('ldkb_text', '')}"))
    # [location, title (HTML as Material gives it), text, boost, part, document, page title, keys];
    # the page title is filled in by `result` (its entry may come later in another tier).
    return Prepared(tier(entry), None if anchor else entry.get("title", ""), _SEP.join(title_words), _SEP.join(words),
                    _SEP.join(_tokens(entry.get("ldkb_sym", ""))),
                    (location, entry.get("title", ""), text, entry.get("boost", 1), entry.get("ldkb_part", ""),
                     entry.get("ldkb_doc", ""), path if anchor else None, keys))


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_shards(index: dict[str, Any] | ShardBuilder, out_dir: Path, chunk: int = CHUNK) -> dict[str, Any]:
    """Write the shard index for `index` (or what a ShardBuilder was given) into `out_dir`
    (replaced); returns counts and bytes."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "sh").mkdir(parents=True)
    (out_dir / "ch").mkdir()
    manifest, shards, chunks = index.result() if isinstance(index, ShardBuilder) else build(index, chunk)
    total = 0
    digest = hashlib.sha1()

    def put(path: Path, obj: Any) -> int:
        text = _dump(obj)
        digest.update(text.encode("utf-8"))
        return path.write_text(text, encoding="utf-8")

    for key, data in shards.items():
        name = shard_name(key[:-2]) + ".x" if key.endswith("\0x") else shard_name(key)
        total += put(out_dir / "sh" / f"{name}.json", data)
    for n, part in enumerate(chunks):
        total += put(out_dir / "ch" / f"{n}.json", part)
    # File names stay the same from build to build: the worker adds `?v=<version>` to every
    # URL so that a browser never mixes files of two builds (ids differ between them).
    manifest["version"] = digest.hexdigest()[:12]
    total += (out_dir / "manifest.json").write_text(_dump(manifest), encoding="utf-8")
    files = sum(1 for _ in out_dir.rglob("*.json"))
    return {"sections": manifest["n"], "shards": len(shards), "chunks": len(chunks),
            "files": files, "chars": total, "version": manifest["version"]}
