"""The content model loaded again after a save, parsing only the files that changed.

The preview loads the whole content folder after every save. Parsing and validating a document
file is most of that (2,000 documents: ~4 s), and a save changes one file. `CorpusLoader.load()`
gives the corpus `load_corpus(root, strict=False)` gives, but each document file whose bytes did
not change since the previous load is not read again: its document is the same object, and what
the file logged (YAML and schema errors, duplicate anchors, NFD warnings, which depend on the
file alone) is logged again. The checks across files (symbols, duplicates, references) run on
every load, as they depend on the other files too.

A reused document's value positions are not kept (they are most of the model's memory): a check
that must name the line of a problem in an unchanged file parses that file again (`_LazySource`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldkb.model.corpus import Corpus, file_digest, load_corpus, read_document
from ldkb.model.errors import ErrorLog, Problem
from ldkb.model.schema import VanBan
from ldkb.model.yaml_reader import Located, Source, load

_Read = tuple[VanBan | None, Source | None, str]


@dataclass
class _Entry:
    stat: tuple[int, ...]  # what os.stat says of the file: unchanged, the bytes are not read again
    digest: str
    doc: VanBan | None
    logged: list[Problem]


class _LazySource:
    """A reused document's file, parsed again only if a line number is asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._located: Located | None = None

    def where(self, loc: tuple[Any, ...], prefer_key: bool = False) -> tuple[int, int]:
        if self._located is None:
            self._located = load(self.path, ErrorLog()) or Located(self.path, None)
        return self._located.where(loc, prefer_key)


def _stat(path: Path) -> tuple[int, ...]:
    st = os.stat(path)
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


class CorpusLoader:
    """Loads `root` (the content folder) again and again, reusing unchanged document files."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._entries: dict[Path, _Entry] = {}
        self._last: Corpus | None = None
        self.parsed: list[Path] = []  # files parsed by the last load (the others were reused)

    def load(self) -> Corpus:
        self.parsed = []
        seen: set[Path] = set()

        def reader(path: Path, log: ErrorLog) -> _Read:
            seen.add(path)
            return self._read(path, log)

        corpus = load_corpus(self.root, strict=False, reader=reader, previous=self._last)
        for gone in set(self._entries) - seen:
            del self._entries[gone]
        corpus.previous, self._last = self._last, corpus
        if corpus.previous is not None:
            corpus.previous.previous = None  # never a chain of older models
        return corpus

    def _read(self, path: Path, log: ErrorLog) -> _Read:
        entry = self._entries.get(path)
        try:
            stat = _stat(path)
        except OSError:
            stat = None
        if entry is not None and stat is not None and entry.stat == stat:
            return self._reuse(entry, path, log)
        raw = None
        if stat is not None:
            try:
                raw = path.read_bytes()
            except OSError:
                raw = None
        if entry is not None and stat is not None and raw is not None and file_digest(raw) == entry.digest:
            entry.stat = stat
            return self._reuse(entry, path, log)
        own = ErrorLog(root=log.root)
        doc, src, digest = read_document(path, own, raw)
        log.items += own.items
        self.parsed.append(path)
        if stat is not None and digest:
            self._entries[path] = _Entry(stat, digest, doc, list(own.items))
        else:
            self._entries.pop(path, None)
        return doc, src, digest

    @staticmethod
    def _reuse(entry: _Entry, path: Path, log: ErrorLog) -> _Read:
        log.items += entry.logged
        return entry.doc, (_LazySource(path) if entry.doc is not None else None), entry.digest


def lazy_source(path: Path) -> _LazySource:
    """Where a reused document's values stand: its file parsed again only if asked."""
    return _LazySource(path)


__all__ = ["CorpusLoader", "lazy_source"]
