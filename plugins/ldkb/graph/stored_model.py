"""The content model kept between builds: each document file's parse and scan, by its bytes.

Loading 2,000 documents (YAML, schema, numbering) and scanning their texts for the graph take
seconds that a build after a one-word fix spends again on 1,999 unchanged files. `StoredModel`
keeps, per document file, what reading it gives (the document, what it logged) and the graph's
scan of its texts (graph/relations.DocScan) and its tasks (model/tasks.py, with the digest of the
units registry they were read with), pickled together under a key made of the file's bytes and
the code that reads them (util/keyed_store.py, `.cache/model/`). A build reads a file found
there from the store; the graph reuses the stored scans (campaign names unchanged) and the
tasks (units unchanged); what was parsed anew, or whose tasks were read anew, is stored once
the graph is built.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from ldkb.graph.relations import DocScan, Graph, graph_of, reuse_scans
from ldkb.model.corpus import Corpus, file_digest, read_document, units_key
from ldkb.model.corpus_cache import lazy_source
from ldkb.model.errors import ErrorLog, Problem
from ldkb.model.schema import VanBan
from ldkb.model.tasks import Task
from ldkb.model.yaml_reader import Source
from ldkb.util.keyed_store import KeyedStore

FORMAT = "ldkb-model-2"


class StoredModel:
    def __init__(self, folder: Path | str, code: str) -> None:
        """`code`: digest of the code that reads and scans documents (a new version reads again)."""
        self.store = KeyedStore(folder)
        self.code = code
        self._scans: dict[int, tuple[VanBan, DocScan, tuple[tuple[str, str], ...]]] = {}  # id(doc) -> (doc, scan, campaign names) read from the store
        self._new: list[tuple[VanBan | None, str, list[Problem]]] = []  # (document or None, key, what it logged): parsed this build
        # id(doc) -> (doc, key, what reading it logged, (units key, tasks, what reading them logged) or None)
        self._kept: dict[int, tuple[VanBan, str, list[Problem], _Tasks | None]] = {}
        self._retasked: list[VanBan] = []  # read from the store, tasks read anew (units changed)
        self.read_from_store = 0

    def _key(self, digest: str) -> str:
        return hashlib.blake2b(f"{FORMAT}\0{self.code}\0{digest}".encode(), digest_size=20).hexdigest()

    def read(self, path: Path, log: ErrorLog) -> tuple[VanBan | None, Source | None, str]:
        """A document reader for load_corpus (model/corpus.py DocumentReader)."""
        try:
            raw = path.read_bytes()
        except OSError:
            return read_document(path, log)
        digest = file_digest(raw)
        key = self._key(digest)
        data = self.store.get(key)
        if data is not None:
            doc, logged, scan, names, tasks = pickle.loads(data)
            log.items += logged
            if doc is not None:
                self._scans[id(doc)] = (doc, scan, names)
                self._kept[id(doc)] = (doc, key, logged, tasks)
                self.read_from_store += 1
                return doc, lazy_source(path), digest
            return None, None, digest
        own = ErrorLog(root=log.root)
        doc, src, digest = read_document(path, own, raw)
        log.items += own.items
        self._new.append((doc, key, list(own.items)))
        return doc, src, digest

    def tasks(self, doc: VanBan, units: str) -> tuple[list[Task], list[Problem]] | None:
        """A task reader for load_corpus (model/corpus.py TaskReader): the stored tasks of a
        document read from the store, if read with the same units registry."""
        found = self._kept.get(id(doc))
        if found is None or found[0] is not doc:
            return None
        stored = found[3]
        if stored is not None and stored[0] == units:
            return stored[1], stored[2]
        self._retasked.append(doc)
        return None

    def prepare_graph(self, corpus: Corpus) -> None:
        """Before the graph is built: the stored scans of this corpus's documents, to reuse."""
        kept = {key: (doc, scan) for key, (doc, scan, _) in self._scans.items()}
        names = {names for _, _, names in self._scans.values()}
        if kept and len(names) == 1:
            reuse_scans(corpus, kept, names.pop())

    def save(self, corpus: Corpus) -> dict[str, int]:
        """After the graph is built: what was parsed anew, with its scan, into the store; the
        entries of files gone or changed out of it."""
        graph: Graph = graph_of(corpus)
        units = units_key(corpus.units)
        again = [(doc, self._kept[id(doc)][1], self._kept[id(doc)][2]) for doc in self._retasked]
        for doc, key, logged in self._new + again:
            scan = graph.scans.get(id(doc), (None, None))[1] if doc is not None else None
            tasks = None
            if doc is not None and doc.slug in corpus.task_problems and corpus.by_slug(doc.slug) is doc:
                tasks = (units, corpus.tasks[doc.slug], corpus.task_problems[doc.slug])
            self.store.put(key, pickle.dumps((doc, logged, scan, graph.campaign_names, tasks),
                                             protocol=pickle.HIGHEST_PROTOCOL))
        self._new.clear()
        self._scans.clear()
        self._kept.clear()
        self._retasked.clear()
        return self.store.commit()


_Tasks = tuple[str, list[Task], list[Problem]]

__all__ = ["StoredModel"]
