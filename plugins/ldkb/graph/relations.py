"""The knowledge graph: typed relations between documents, backlinks, tasks, campaign mentions.

Built in ONE pass over every text of the corpus (`build_graph`): each text is scanned
once by the citation matcher and once by the campaign matcher, so the cost grows
linearly with the amount of text, whatever the number of documents. One graph is
built per corpus and cached on it (`graph_of`).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from collections.abc import Iterator, Sequence
from typing import Any

from ldkb.graph.citations import Citation, find_citations
from ldkb.model.corpus import RELATIONS, Corpus
from ldkb.model.errors import Problem
from ldkb.model.schema import Khoi, Muc, VanBan
from ldkb.model.symbols import symbol_key
from ldkb.model.yaml_reader import Source
from ldkb.text.normalize import exact_key, unify_tones
from ldkb.util.gc_pause import gc_paused
from ldkb.model.corpus import iter_parts
from ldkb.model.tasks import CLOSING_LABEL, ROLES, Reach, Task, reaches

CITES = "cites"
# Relation labels as readers see them, declared ones first.
RELATION_LABELS = {**RELATIONS, CITES: "trích dẫn"}
INVERSE_LABELS = {
    "thuc_hien": "được thực hiện bởi",
    "gan_voi": "được gắn với",
    "thay_the": "bị thay thế bởi",
    "sua_doi": "được sửa đổi, bổ sung bởi",
    CITES: "được trích dẫn bởi",
}


@dataclass(frozen=True)
class Place:
    """Where a piece of text stands in a document: its page anchor and a label for readers."""

    doc: VanBan
    part: Muc | None
    block: Khoi | None
    anchor: str
    loc: tuple[Any, ...]  # data path in the YAML file (for line numbers)

    @property
    def part_id(self) -> str | None:
        return self.part.id if self.part is not None else None

    @property
    def label(self) -> str:
        if self.part is not None:
            return f"mục {self.part.id}"
        if self.loc[:1] == ("mo_dau",):
            return "phần mở đầu"
        if self.loc[:1] == ("ket_thuc",):
            return CLOSING_LABEL.lower()
        return "trích yếu"


@dataclass
class Mention:
    place: Place
    target: VanBan
    target_part: Muc | None
    citation: Citation


@dataclass
class Edge:
    source: VanBan
    target: VanBan
    relation: str
    target_part: str | None = None  # declared relations may point at a part: `117/KH-LĐLĐ#II.3`
    mentions: list[Mention] = field(default_factory=list)

    @property
    def places(self) -> list[Place]:
        """Distinct places of the source where the citation stands, in text order."""
        seen: dict[str, Place] = {}
        for m in self.mentions:
            seen.setdefault(m.place.anchor, m.place)
        return list(seen.values())


@dataclass
class Graph:
    corpus: Corpus
    outgoing: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    mentions: list[Mention] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # unit code -> every task that reaches it (named, inherited from a part, or through a group).
    tasks: dict[str, list[Reach]] = field(default_factory=lambda: defaultdict(list))
    campaigns: dict[str, list[tuple[Place, str]]] = field(default_factory=lambda: defaultdict(list))
    # id(document) -> (document, its scan): what a graph built again after a save reuses.
    scans: dict[int, tuple[VanBan, DocScan]] = field(default_factory=dict, repr=False)
    campaign_names: tuple[tuple[str, str], ...] = ()  # the campaign matcher the scans were made with

    # -- queries -------------------------------------------------------------
    def out(self, doc: VanBan, relation: str | None = None) -> list[Edge]:
        edges = self.outgoing.get(doc.slug, [])
        return [e for e in edges if e.relation == relation] if relation is not None else list(edges)

    def into(self, doc: VanBan, relation: str | None = None) -> list[Edge]:
        edges = self.incoming.get(doc.slug, [])
        return [e for e in edges if e.relation == relation] if relation is not None else list(edges)

    def _ups(self, doc: VanBan) -> list[VanBan]:
        """Targets of `doc`'s "thực hiện" edges, kept per document: chains_up passes through
        the same documents again and again (the graph does not change once built)."""
        cache: dict[str, list[VanBan]] = self.__dict__.setdefault("_up_targets", {})
        ups = cache.get(doc.slug)
        if ups is None:
            ups = cache[doc.slug] = [e.target for e in self.out(doc, "thuc_hien")]
        return ups

    def chains_up(self, doc: VanBan, limit: int = 12, visited: set[str] | None = None) -> list[list[VanBan]]:
        """Paths from `doc` up the "thực hiện" relation to a root directive (cycle-safe; at most
        `limit` paths, so a dense web of relations cannot make a page explode). `visited` gets
        the slug of every document whose relations the walk read (what the paths depend on)."""
        paths: list[list[VanBan]] = []

        def walk(path: list[VanBan], on_path: frozenset[str]) -> None:
            if len(paths) >= limit:
                return
            if visited is not None:
                visited.add(path[-1].slug)
            # Slugs, not `doc in path`: pydantic's == compares every field.
            ups = [u for u in self._ups(path[-1]) if u.slug not in on_path]
            if not ups:
                if len(path) > 1:
                    paths.append(path)
                return
            for up in ups:
                walk(path + [up], on_path | {up.slug})

        walk([doc], frozenset((doc.slug,)))
        return paths

    def level(self, doc: VanBan) -> int:
        """Depth in the implementation hierarchy: 0 for a document that implements nothing."""
        cache: dict[str, int] = self.__dict__.setdefault("_levels", {})
        if doc.slug in cache:
            return cache[doc.slug]
        cache[doc.slug] = 0  # a cycle counts as a root rather than recursing forever
        ups = [e.target for e in self.out(doc, "thuc_hien")]
        cache[doc.slug] = 1 + max(self.level(u) for u in ups) if ups else 0
        return cache[doc.slug]

    def open_data(self) -> dict[str, dict[str, Any]]:
        """`references`/`referenced_by` per document slug, for api/documents.json."""
        data: dict[str, dict[str, Any]] = {}
        # Each edge is listed twice (at its source and at its target): its places once.
        places = {id(e): e.places for edges in self.outgoing.values() for e in edges}
        for doc in self.corpus.documents:
            data[doc.slug] = {
                "references": [_edge_json(e, e.target, places[id(e)]) for e in self.out(doc)],
                "referenced_by": [_edge_json(e, e.source, places[id(e)]) for e in self.into(doc)],
            }
        return data


def _edge_json(edge: Edge, other: VanBan, places: list[Place]) -> dict[str, Any]:
    return {
        "id": other.ma or other.slug,
        "slug": other.slug,
        "symbol": other.so_ky_hieu,
        "relation": edge.relation,
        "target_part": edge.target_part,
        # The parts of the citing document where the citation stands.
        "citing_parts": [p.part_id or p.loc[0] for p in places],  # `trich_yeu`, `mo_dau`… outside parts
    }


# -- building -----------------------------------------------------------------
def iter_texts(doc: VanBan) -> Iterator[tuple[Place, str, Muc | Khoi | None]]:
    """Every text of a document that is the document's own wording, with its place.

    Editor notes (`nguon`, `ghi_chu`) are not: they are checked but make no relation.
    """
    top = Place(doc, None, None, "van-ban", ("trich_yeu",))
    yield top, doc.trich_yeu, None
    for i, basis in enumerate(doc.can_cu):
        yield Place(doc, None, None, "van-ban", ("can_cu", i)), basis, None
    for key in ("mo_dau", "ket_thuc"):
        for j, block in enumerate(getattr(doc, key)):
            yield Place(doc, None, block, block.anchor, (key, j, block.kind)), block.text, block

    def walk(parts: Sequence[Muc], loc: tuple[Any, ...]) -> Iterator[tuple[Place, str, Muc | Khoi | None]]:
        for i, part in enumerate(parts):
            ploc = loc + (i,)
            anchor = part.anchor
            yield Place(doc, part, None, anchor, ploc + ("tieu_de",)), part.tieu_de or "", part
            for j, block in enumerate(part.noi_dung):
                yield Place(doc, part, block, anchor, ploc + ("noi_dung", j, block.kind)), block.text, block
            yield from walk(part.muc, ploc + ("muc",))

    yield from walk(doc.noi_dung, ("noi_dung",))
    yield from walk(doc.phu_luc, ("phu_luc",))


def _editor_texts(doc: VanBan) -> Iterator[tuple[Place, str]]:
    for key in ("nguon", "ghi_chu"):
        value = getattr(doc, key)
        if value:
            yield Place(doc, None, None, "van-ban", (key,)), value


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_MODERN = re.compile(rf"([oOuU])([aAeEyY])([{_TONE_MARKS}])(?![a-zA-Z\u00C0-\u1EF9])")


def _tone_spellings(name: str) -> set[str]:
    """`hoá`/`hóa`: both tone placements of a name, NFC (content is stored NFC)."""
    modern = unify_tones(name)
    traditional = unicodedata.normalize(
        "NFC", _MODERN.sub(lambda m: m.group(1) + m.group(3) + m.group(2), unicodedata.normalize("NFD", modern)))
    return {name, modern, traditional}


def campaign_matcher(corpus: Corpus) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One case-insensitive pattern for every campaign name, variant and tone placement."""
    names: dict[str, str] = {}
    for c in corpus.campaigns:
        for name in [c.ten, *c.bien_the]:
            names[exact_key(name)] = c.ma
            for spelling in _tone_spellings(name):
                names[spelling.casefold()] = c.ma
    if not names:
        return None, names
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE), names


@dataclass
class DocScan:
    """What one document brings to the graph, found in its own text alone (the expensive part:
    every text through the citation and campaign matchers). Kept per document object, so that a
    graph built again after a save (model/corpus_cache.py) scans only the documents that changed."""

    citations: list[tuple[Place, Citation]]  # in text order
    campaigns: list[tuple[Place, str, list[str]]]  # place, its text, campaigns named (in order)
    editor_citations: list[tuple[Place, Citation]]  # editor notes: checked, no relation


def scan_document(doc: VanBan, camp_re: re.Pattern[str] | None, camp_names: dict[str, str]) -> DocScan:
    scan = DocScan([], [], [])
    for place, text, _obj in iter_texts(doc):
        if not text:
            continue
        for cit in find_citations(text):
            scan.citations.append((place, cit))
        if camp_re is not None:
            named: list[str] = []
            for m in camp_re.finditer(text):
                ma = camp_names.get(m.group(0).casefold()) or camp_names[exact_key(m.group(0))]
                if ma not in named:
                    named.append(ma)
            if named:
                scan.campaigns.append((place, text, named))
    for place, text in _editor_texts(doc):
        for cit in find_citations(text):
            scan.editor_citations.append((place, cit))
    return scan


def build_graph(corpus: Corpus, reuse: Graph | None = None) -> Graph:
    """The graph of `corpus`. With `reuse` (the graph of the corpus this one was loaded again
    from), documents that are the same objects there are not scanned again; every citation is
    resolved again all the same, since the documents it names may have changed."""
    g = Graph(corpus)
    edges: dict[tuple[Any, ...], Edge] = {}

    def edge(src: VanBan, dst: VanBan, relation: str, target_part: str | None = None) -> Edge:
        k = (src.slug, dst.slug, relation, target_part)
        e = edges.get(k)
        if e is None:
            e = edges[k] = Edge(src, dst, relation, target_part)
            g.outgoing[src.slug].append(e)
            g.incoming[dst.slug].append(e)
        return e

    # Declared relations (validated by the loader; unresolved ones are already errors there).
    for doc in corpus.documents:
        for rel in RELATIONS:
            for ref in getattr(doc, rel):
                symbol, _, part_id = ref.partition("#")
                target = corpus.resolve(symbol)
                if target is not None and target is not doc:
                    edge(doc, target, rel, part_id.strip() or None)

    camp_re, camp_names = campaign_matcher(corpus)
    g.campaign_names = tuple(sorted(camp_names.items()))
    old = reuse.scans if reuse is not None and reuse.campaign_names == g.campaign_names else {}
    # Look-ups by reference, shared by every citation: the same few symbols are cited
    # tens of thousands of times, and each look-up folds the symbol again.
    found: dict[tuple[Any, ...], Any] = {}
    for doc in corpus.documents:
        kept = old.get(id(doc))
        scan = kept[1] if kept is not None and kept[0] is doc else scan_document(doc, camp_re, camp_names)
        g.scans[id(doc)] = (doc, scan)
        src = corpus.sources.get(doc.slug)
        for place, cit in scan.citations:
            target, part = _resolve(g, corpus, src, place, cit, found)
            if target is None or target is doc:
                continue
            mention = Mention(place, target, part, cit)
            g.mentions.append(mention)
            edge(doc, target, CITES).mentions.append(mention)
        for place, text, named in scan.campaigns:
            for ma in named:
                g.campaigns[ma].append((place, text))
        for place, cit in scan.editor_citations:
            _resolve(g, corpus, src, place, cit, found)
    for task in corpus.all_tasks():
        for reach in reaches(task, corpus.units):
            g.tasks[reach.unit].append(reach)
    return g


def _resolve(g: Graph, corpus: Corpus, src: Source | None, place: Place, cit: Citation,
             found: dict[tuple[Any, ...], Any] | None = None) -> tuple[VanBan | None, Muc | None]:
    """The cited document (and part), or None after recording why it cannot be linked.
    `found` keeps the look-ups between calls (problems are still recorded per citation)."""
    found = {} if found is None else found
    key: tuple[Any, ...] = (cit.explicit, cit.ref)
    if key not in found:
        found[key] = corpus.resolve(cit.ref) if cit.explicit else corpus.by_symbol(cit.ref)
    target: VanBan | None = found[key]
    part: Muc | None = None
    if target is not None and cit.part:
        key = (target.slug, "#", cit.part)
        if key not in found:
            found[key] = corpus.find_part(target, cit.part)
        part = found[key]
        if part is None:
            known = ", ".join(p.id for p in iter_parts(target)) or "(văn bản chưa nhập toàn văn)"
            _problem(g, corpus, src, place, cit,
                     f"Liên kết `{cit.text}`: văn bản `{cit.ref}` không có mục `{cit.part}`.",
                     f"Các mục hiện có: {known}.")
            return None, None
    if target is None:
        if corpus.is_outside(cit.key):
            return None, None
        what = "Liên kết" if cit.explicit else "Trích dẫn"
        _problem(g, corpus, src, place, cit,
                 f"{what} `{cit.text}`: văn bản `{cit.ref}` chưa có trong kho.",
                 f"Nếu đúng số, ký hiệu: thêm văn bản bằng lệnh `make new SO=\"{cit.ref}\"` rồi điền "
                 "các thông tin đã biết; nếu gõ nhầm: sửa lại số, ký hiệu.")
        return None, None
    return target, part


def _problem(g: Graph, corpus: Corpus, src: Source | None, place: Place, cit: Citation, message: str,
             hint: str) -> None:
    if src is not None:
        line, col = src.where(place.loc)
        file = place.doc.file
    else:
        line, col, file = 0, 0, place.doc.file
    g.problems.append(Problem(file, line, col, message, hint))


_ATTR = "_ldkb_graph"


def reuse_scans(corpus: Corpus, scans: dict[int, tuple[VanBan, DocScan]], campaign_names: tuple[tuple[str, str], ...]) -> None:
    """Scans kept from an earlier build (graph/stored_model.py) for the graph of `corpus` to
    reuse, as it reuses those of the corpus it was loaded again from."""
    stub = Graph(corpus)
    stub.scans = dict(scans)
    stub.campaign_names = campaign_names
    holder = Corpus(root=corpus.root)
    holder.__dict__[_ATTR] = stub
    corpus.previous = holder


def graph_of(corpus: Corpus) -> Graph:
    """The corpus's graph, built on first use and kept with the corpus."""
    g = corpus.__dict__.get(_ATTR)
    if g is None:
        previous = corpus.previous
        # Tens of thousands of long-lived objects: cyclic-GC passes would only walk the model again.
        with gc_paused():
            g = build_graph(corpus, previous.__dict__.get(_ATTR) if previous is not None else None)
        corpus.__dict__[_ATTR] = g
        corpus.previous = None
        # The position of every value in every file was kept for the line numbers of the
        # loader's and the graph's problems; nothing reads them after this, and they are most
        # of the model's memory (~240 MB of 410 MB at 2,000 documents).
        corpus.sources.clear()
    return g


__all__ = ["Graph", "Edge", "Mention", "Place", "Task", "Reach", "DocScan", "build_graph", "graph_of",
           "scan_document", "iter_texts", "reuse_scans", "RELATION_LABELS", "INVERSE_LABELS", "ROLES", "CITES",
           "symbol_key"]
