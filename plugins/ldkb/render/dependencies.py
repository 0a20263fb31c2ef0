"""Which generated page shows what of which document: the site's dependency graph.

Every page is made from the content model. This module says, for each page, which facts of which
documents it shows (its *inputs*), in terms of *aspects* of a document:

- `text`: everything in its file (only its own page shows all of it);
- `title`: how other pages name it (link texts, chains, explicit citations' labels, JSON-LD);
- `summary`: title, type, number, date, subject, period, whether the full text is entered (the
  documents index, the timeline, the graph, the order of pages listing it);
- `parts`: its parts' ids and anchors (explicit citations of a part elsewhere);
- `relations`: its declared relations as written (chains, "implemented by", the graph);
- `cites:<slug>`: the places where its text cites that document (that one's "cited by" list);
  `cite_targets`: the documents its text cites (the graph page);
- `links`: every link it makes to another document (declared or cited), with the part it names
  and the parts of its own where it stands (the open data, `api/documents.json`);
- `tasks`: every task it assigns, as the model reads them (model/tasks.py: texts, units,
  deadlines, outputs…: "Ai làm gì", "Việc sắp đến hạn", the units index, "Bản in");
  `tasks:<unit>`: the tasks that reach that unit, in their role (the unit's pages);
- `campaigns:<ma>`: where it names that campaign (the campaign's page, the campaigns index);
- `problems`: its citations that cannot be linked (the maintenance page).

`page_inputs` lists each page's inputs; `changed_inputs` compares two loads of the model whose
documents differ in content only (the same files and numbers); `pages_showing` gives the pages
to make again. The preview re-renders just those pages after a save; the site build's cache keys
each page by the values of its inputs. What every page depends on (the registries, the set of
documents, the templates) is the callers' business: a change there means every page.

Inputs are pairs (document slug, aspect); `("*", aspect)` means that aspect of every document, and
`TODAY` the build date and the reference date of deadlines (periods ended, overdue work). A
generated page none of the rules below names depends on every document's text.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from collections.abc import Set as AbstractSet

from ldkb.graph.citations import find_citations
from ldkb.graph.effect import build_date
from ldkb.graph.relations import CITES, DocScan, Graph, graph_of
from ldkb.model.corpus import Corpus, RELATIONS, iter_parts
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.model.schema import VanBan
from ldkb.model.tasks import Task, reaches
from ldkb.render.graph_pages import GRAPH_PAGE, TIMELINE_PAGE
from ldkb.render.term_pages import CAMPAIGNS_DIR, GLOSSARY_PAGE, MAINTENANCE_PAGE
from ldkb.render.printables_page import PRINT_PAGE
from ldkb.render.paging import year_of
from ldkb.render.task_pages import MATRIX_DIR, NOBODY_KEY, UPCOMING_DIR
from ldkb.render.unit_pages import MATRIX_PAGE, UNITS_DIR, UPCOMING_PAGE
from ldkb.util.gc_pause import gc_paused

TEXT, TITLE, SUMMARY, PARTS = "text", "title", "summary", "parts"
RELATIONS_, CITES_, CITE_TARGETS, LINKS, TASKS, CAMPAIGNS, PROBLEMS = (
    "relations", "cites", "cite_targets", "links", "tasks", "campaigns", "problems")
# Aspects with one value per document; the keyed ones (`cites:<slug>`, `tasks:<unit>`,
# `campaigns:<ma>`) have one value per cited document, unit or campaign.
ALL_TASKS = "tasks"
ASPECTS = (TEXT, TITLE, SUMMARY, PARTS, RELATIONS_, CITE_TARGETS, LINKS, PROBLEMS, ALL_TASKS)
KEYED = (CITES_, TASKS, CAMPAIGNS)
ALL = "*"
TODAY = ("!", "today")

Input = tuple[str, str]


# -- the aspects of one document --------------------------------------------------------
def aspect(doc: VanBan, name: str, corpus: Corpus, graph: Graph) -> Hashable:
    """The value of one aspect of `doc` (comparable, hashable)."""
    if name == TEXT:
        return doc.file, corpus.digests.get(doc.slug)
    if name == TITLE:
        return doc.title
    if name == SUMMARY:
        # Every field outside the body: what lists of documents may show of it, now or later.
        return doc.title, doc.full_text, doc.model_dump_json(exclude=_BODY)
    if name == PARTS:
        return tuple((p.id, p.anchor) for p in iter_parts(doc))
    if name == RELATIONS_:
        return tuple(tuple(getattr(doc, key)) for key in RELATIONS)
    if name == CITE_TARGETS:
        return tuple(e.target.slug for e in graph.out(doc, CITES))
    if name == LINKS:
        return tuple((e.target.slug, e.relation, e.target_part, tuple(p.part_id or p.loc[0] for p in e.places))
                     for e in graph.out(doc))
    family, _, key = name.partition(":")
    if family in KEYED and key:
        return keyed(doc, family, graph).get(key, ())
    if name == PROBLEMS:
        return tuple(p.format() for p in graph.problems if p.file == doc.file)
    if name == ALL_TASKS:
        return tuple(_task_print(t) for t in corpus.tasks.get(doc.slug, ()))
    raise ValueError(name)


# What a document's own page shows only (its body, its notes, its closing lines).
_BODY = {"mo_dau", "noi_dung", "ket_thuc", "phu_luc", "nguon", "ghi_chu", "can_cu", "noi_nhan", "luu",
         "nguoi_ky", "noi_ban_hanh"}


def keyed(doc: VanBan, family: str, graph: Graph) -> dict[str, tuple[Hashable, ...]]:
    """The values of a keyed aspect of `doc`: cited document, unit or campaign -> value."""
    out: dict[str, list[Hashable]] = defaultdict(list)
    if family == CITES_:
        # The places of `doc` that cite it, as the cited one's "cited by" list shows them.
        for e in graph.out(doc, CITES):
            out[e.target.slug] += [(p.anchor, p.label) for p in e.places]
    elif family == TASKS:
        for task in graph.corpus.tasks.get(doc.slug, ()):
            print_ = _task_print(task)
            for reach in reaches(task, graph.corpus.units):
                out[reach.unit].append((reach.role, reach.via, print_))
    elif family == CAMPAIGNS:
        for place, text, named in _scan(doc, graph).campaigns:
            for ma in named:
                out[ma].append((place.anchor, place.block.anchor if place.block is not None else None,
                                place.label, place.part is not None, text))
    return {k: tuple(v) for k, v in out.items()}


def _task_print(task: Task) -> str:
    """A task as every page that lists it may show it: all it holds but its document."""
    fields = {k: v for k, v in vars(task).items() if k not in ("doc", "part", "block")}
    return repr((task.part.id if task.part is not None else None,
                 task.part.tieu_de if task.part is not None else None,
                 task.block.anchor if task.block is not None else None, sorted(fields.items())))


def _scan(doc: VanBan, graph: Graph) -> DocScan:
    return graph.scans[id(doc)][1]


# -- what each page shows ----------------------------------------------------------------
class Inputs(dict[str, frozenset[Input]]):
    """Page -> its inputs. A page not listed (one the rules below do not name) is looked up by its
    name: a unit's further pages as the unit's page, a year's pages of "Ai làm gì" by the tasks of
    that year's documents, a unit's pages of "Việc sắp đến hạn" by the tasks that reach the unit;
    a page only its folder names by every task (`folders`); any other generated page as showing
    every document's text."""

    def __init__(self, items: Mapping[str, frozenset[Input]], families: dict[str, frozenset[Input]],
                 folders: dict[str, frozenset[Input]] | None = None) -> None:
        super().__init__(items)
        self.families = families
        self.folders = folders or {}
        self._index: dict[Input, AbstractSet[str]] | None = None

    def pages_of(self, item: Input) -> AbstractSet[str]:
        """The listed pages that show `item` (through the inverse map, made once)."""
        if self._index is None:
            index: dict[Input, set[str]] = defaultdict(set)
            with gc_paused():
                for uri, items in self.items():
                    for one in items:
                        index[one].add(uri)
            self._index = dict(index)
        return self._index.get(item, _NONE)

    def __missing__(self, uri: str) -> frozenset[Input]:
        # Every name the page may belong to (`nam-2024-2.md`: page 2 of `nam-2024`; a unit coded
        # `to-1` and page 1 of unit `to` read alike): the union of their inputs.
        found = [inputs for prefix, inputs in self.families.items() if uri.startswith(prefix)]
        if found:
            return frozenset().union(*found)
        for prefix, inputs in self.folders.items():
            if uri.startswith(prefix):
                return inputs
        return FALLBACK


FALLBACK = frozenset({(ALL, TEXT), TODAY})
OPEN_DATA = "api/documents.json"
_NONE: frozenset[str] = frozenset()


def page_inputs(corpus: Corpus, section: str = DOCUMENTS_DIR, handwritten: Mapping[str, str] | None = None,
                pages: Iterable[str] = ()) -> Inputs:
    """Each page's inputs, by the page's path in the site's sources (`van-ban/117-kh-ldld.md`).
    `handwritten`: the hand-written pages' Markdown (their explicit citations name documents);
    `pages`: the generated pages (those the rules do not list by name get their folder's inputs)."""
    # Hundreds of thousands of small tuples kept: cyclic-GC passes would walk the model again.
    with gc_paused():
        inputs = _page_inputs(corpus, section, handwritten)
        for uri in pages:
            if uri not in inputs:
                inputs[uri] = inputs[uri]  # through __missing__: its folder's inputs, listed
        return inputs


def _page_inputs(corpus: Corpus, section: str, handwritten: Mapping[str, str] | None) -> Inputs:
    g = graph_of(corpus)
    out: dict[str, set[Input]] = defaultdict(set)
    explicit = {d.slug: _explicit_targets(d, corpus, g) for d in corpus.documents}
    subject_cites: set[Input] = set()  # explicit citations in subjects (index and timeline show them)

    for doc in corpus.documents:
        page = out[f"{section}/{doc.slug}.md"]
        page.add((doc.slug, TEXT))
        page |= explicit[doc.slug]
        if doc.giai_doan is not None or corpus.tasks.get(doc.slug):
            page.add(TODAY)  # a period ended; where its tasks stand "as of" the reference date
        visited: set[str] = set()
        g.chains_up(doc, visited=visited)
        for slug in visited:
            page |= {(slug, TITLE), (slug, RELATIONS_)}
        for e in g.out(doc):
            page.add((e.target.slug, TITLE))
        for e in g.into(doc):
            page.add((e.source.slug, TITLE))
            if e.relation == "thuc_hien":
                page.add((e.source.slug, RELATIONS_))  # the part it implements
            elif e.relation == CITES:
                page.add((e.source.slug, f"{CITES_}:{doc.slug}"))  # the places that cite this one
        for place, cit in _scan(doc, g).citations:
            if cit.explicit and place.loc == ("trich_yeu",):
                target = corpus.resolve(cit.ref)
                if target is not None:
                    subject_cites |= {(target.slug, TITLE), (target.slug, PARTS)}

    summaries = {(ALL, SUMMARY)} | subject_cites
    out[f"{section}/index.md"] |= summaries
    out[TIMELINE_PAGE] |= summaries | {TODAY}
    out[GRAPH_PAGE] |= {(ALL, SUMMARY), (ALL, RELATIONS_), (ALL, CITE_TARGETS), TODAY}
    out[MAINTENANCE_PAGE] |= {(ALL, PROBLEMS)}
    # Not a page: the open data (export/open_data.py), each document's facts and links.
    out[OPEN_DATA] |= {(ALL, SUMMARY), (ALL, RELATIONS_), (ALL, LINKS)}
    out[GLOSSARY_PAGE] |= set()  # the abbreviations registry only

    # Who does what. The overviews ("Ai làm gì", "Việc sắp đến hạn"), the units index and "Bản in"
    # count or list every task; a year's pages of "Ai làm gì" the tasks of that year's documents
    # (their order and paging too: `summary`); a unit's pages, and its pages of "Việc sắp đến
    # hạn", the tasks that reach it.
    families: dict[str, frozenset[Input]] = {}
    with_tasks = [d for d in corpus.documents if corpus.tasks.get(d.slug)]
    listing = {(ALL, ALL_TASKS), (ALL, SUMMARY), TODAY}
    by_year: dict[str, set[Input]] = defaultdict(set)
    nobody: set[Input] = {TODAY}
    for d in with_tasks:
        listing |= explicit[d.slug]
        shown = {(d.slug, ALL_TASKS), (d.slug, SUMMARY)} | explicit[d.slug]
        by_year[year_of(d)[0]] |= shown
        if any(t.general or t.no_unit for t in corpus.tasks[d.slug]):
            nobody |= shown
    every_task = frozenset(listing)
    folders: dict[str, frozenset[Input]] = {MATRIX_DIR + "/": every_task, UPCOMING_DIR + "/": every_task}
    for key, inputs in by_year.items():
        families[f"{MATRIX_DIR}/{key}.md"] = families[f"{MATRIX_DIR}/{key}-"] = frozenset(inputs)
    families[f"{UPCOMING_DIR}/{NOBODY_KEY}.md"] = families[f"{UPCOMING_DIR}/{NOBODY_KEY}-"] = frozenset(nobody)
    out[MATRIX_PAGE] |= every_task
    out[UPCOMING_PAGE] |= every_task
    out[f"{UNITS_DIR}/index.md"] |= {(ALL, ALL_TASKS)}
    out[PRINT_PAGE] |= {(ALL, SUMMARY), (ALL, ALL_TASKS)}
    reached: dict[str, dict[str, VanBan]] = defaultdict(dict)
    for unit, items in g.tasks.items():
        for reach in items:
            reached[unit][reach.task.doc.slug] = reach.task.doc
    for unit in set(corpus.units) | set(reached):
        checklist: set[Input] = {TODAY}
        years: dict[str, set[Input]] = defaultdict(lambda: {TODAY})
        for slug, doc in reached.get(unit, {}).items():
            shown = {(slug, SUMMARY), (slug, f"{TASKS}:{unit}")} | explicit[slug]
            checklist |= shown
            years[year_of(doc)[0]] |= shown
        out[f"{UNITS_DIR}/{unit}.md"] |= checklist
        whole = folders[f"{UNITS_DIR}/{unit}/"] = frozenset(checklist)
        for key, shown in years.items():
            families[f"{UNITS_DIR}/{unit}/{key}.md"] = families[f"{UNITS_DIR}/{unit}/{key}-"] = frozenset(shown)
        for prefix in (f"{UPCOMING_DIR}/{unit}.md", f"{UPCOMING_DIR}/{unit}-"):
            families[prefix] = families.get(prefix, frozenset()) | whole
    out[f"{CAMPAIGNS_DIR}/index.md"] |= {(ALL, f"{CAMPAIGNS}:{c.ma}") for c in corpus.campaigns}
    for campaign in corpus.campaigns:
        page = out[f"{CAMPAIGNS_DIR}/{campaign.ma}.md"]
        for slug in {place.doc.slug for place, _ in g.campaigns.get(campaign.ma, [])}:
            page |= {(slug, TITLE), (slug, f"{CAMPAIGNS}:{campaign.ma}")} | explicit[slug]

    for uri, text in (handwritten or {}).items():
        cited = _explicit_in_text(text, corpus)
        out[uri] |= cited
        out[MAINTENANCE_PAGE] |= cited  # its problems list theirs too
    return Inputs({uri: frozenset(inputs) for uri, inputs in out.items()}, families, folders)


def _explicit_targets(doc: VanBan, corpus: Corpus, g: Graph) -> set[Input]:
    """An explicit citation (`[[117/KH-LĐLĐ#II.3]]`) is labelled with the cited document's title
    and links to its part: it shows both. A plain one links to the page only."""
    found: set[Input] = set()
    for _, cit in _scan(doc, g).citations:
        if cit.explicit:
            target = corpus.resolve(cit.ref)
            if target is not None:
                found |= {(target.slug, TITLE), (target.slug, PARTS)}
    return found


def _explicit_in_text(text: str, corpus: Corpus) -> set[Input]:
    found: set[Input] = set()
    if "[[" not in text:
        return found
    for cit in find_citations(text):
        if cit.explicit:
            target = corpus.resolve(cit.ref)
            if target is not None:
                found |= {(target.slug, TITLE), (target.slug, PARTS)}
    return found


# -- what changed, and which pages show it ---------------------------------------------------
def same_documents(old: Corpus, new: Corpus) -> bool:
    """Whether `new` has the same documents as `old` (files, numbers, order), however their
    content changed: only then are the two compared aspect by aspect."""
    return [(d.slug, d.file) for d in old.documents] == [(d.slug, d.file) for d in new.documents]


def added_and_removed(old: Corpus, new: Corpus) -> tuple[set[str], set[str]] | None:
    """The documents only in `new` and only in `old` (slugs); None when a document kept its
    number but moved to another file, or its file got another number (then callers build all)."""
    before = {d.slug: d.file for d in old.documents}
    after = {d.slug: d.file for d in new.documents}
    if any(before[s] != after[s] for s in before.keys() & after.keys()):
        return None
    if len(set(before.values())) != len(before) or len(set(after.values())) != len(after):
        return None
    return after.keys() - before.keys(), before.keys() - after.keys()


def changed_inputs(old: Corpus, new: Corpus, old_inputs: Inputs, new_inputs: Inputs,
                   section: str = DOCUMENTS_DIR) -> set[Input]:
    """The (slug, aspect) pairs whose value differs between two loads of the collection: every
    aspect of a document added or removed, the differing ones of the others."""
    with gc_paused():
        return _changed_inputs(old, new, old_inputs, new_inputs, section)


def _changed_inputs(old: Corpus, new: Corpus, old_inputs: Inputs, new_inputs: Inputs, section: str) -> set[Input]:
    og, ng = graph_of(old), graph_of(new)
    old_by, new_by = {d.slug: d for d in old.documents}, {d.slug: d for d in new.documents}
    modified = {slug for slug, doc in new_by.items() if old_by.get(slug) is not doc}
    gone = old_by.keys() - new_by.keys()
    # A document that did not change may still show differently: its citations of a changed
    # one resolve again (a part gone, a place moved). Those are the ones whose pages name it.
    slugs = set(modified)
    prefix = f"{section}/"
    every: dict[str, list[str]] = {}  # slug -> every aspect name it has in either load
    for slug in modified | gone:
        names = list(ASPECTS)
        for family in KEYED:
            keys: set[str] = set()
            if slug in old_by:
                keys |= keyed(old_by[slug], family, og).keys()
            if slug in new_by:
                keys |= keyed(new_by[slug], family, ng).keys()
            names += [f"{family}:{k}" for k in keys]
        every[slug] = names
        for name in names:
            for uri in old_inputs.pages_of((slug, name)) | new_inputs.pages_of((slug, name)):
                if uri.startswith(prefix) and uri.count("/") == 1:
                    other = uri[len(prefix):-3]
                    if other in new_by and other in old_by:
                        slugs.add(other)
    out: set[Input] = set()
    for slug in slugs | gone:
        if slug not in old_by or slug not in new_by:  # added or removed: all of it changed
            out |= {(slug, name) for name in every[slug]}
            continue
        a, b = old_by[slug], new_by[slug]
        for name in ASPECTS:
            if aspect(a, name, old, og) != aspect(b, name, new, ng):
                out.add((slug, name))
        for family in KEYED:
            before, after = keyed(a, family, og), keyed(b, family, ng)
            for key in before.keys() | after.keys():
                if before.get(key) != after.get(key):
                    out.add((slug, f"{family}:{key}"))
    return out


class InputDigests:
    """Each page's inputs with their values, as one digest (`digests[uri]`): the page shows the
    same content model whenever its digest is the same (what the site build's cache keys pages
    by). Computed page by page as asked, each value once."""

    def __init__(self, corpus: Corpus, inputs: Inputs) -> None:
        self.corpus, self.inputs = corpus, inputs
        self.graph = graph_of(corpus)
        self.by_slug = {d.slug: d for d in corpus.documents}
        self._values: dict[Input, str] = {}
        self._keyed: dict[tuple[str, str], dict[str, tuple[Hashable, ...]]] = {}
        self._pages: dict[str, str] = {}

    def value(self, item: Input) -> str:
        found = self._values.get(item)
        if found is not None:
            return found
        slug, name = item
        corpus = self.corpus
        if item == TODAY:
            found = f"{build_date()} {corpus.today}"
        elif slug == ALL:
            found = _digest(tuple(self.value((d.slug, name)) for d in corpus.documents))
        else:
            doc = self.by_slug.get(slug)
            family, _, key = name.partition(":")
            if doc is None:
                found = "-"
            elif family in KEYED and key:
                if (slug, family) not in self._keyed:
                    self._keyed[(slug, family)] = keyed(doc, family, self.graph)
                found = _digest(self._keyed[(slug, family)].get(key, ()))
            else:
                found = _digest(aspect(doc, name, corpus, self.graph))
        self._values[item] = found  # a digest: pages that show it combine 32 characters, not the value
        return found

    def __getitem__(self, uri: str) -> str:
        found = self._pages.get(uri)
        if found is None:
            with gc_paused():
                h = hashlib.blake2b(digest_size=16)
                for item in sorted(self.inputs[uri]):
                    h.update(f"{item[0]}\0{item[1]}\0{self.value(item)}\n".encode())
                found = self._pages[uri] = h.hexdigest()
        return found


def input_digests(corpus: Corpus, inputs: Inputs) -> InputDigests:
    return InputDigests(corpus, inputs)


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def pages_showing(changed: Iterable[Input], *maps: Inputs) -> set[str]:
    """The pages (of any of the input maps, old and new) that show one of the changed inputs."""
    changed = set(changed)
    wanted = changed | {(ALL, name) for _, name in changed}
    pages: set[str] = set()
    for inputs in maps:
        for item in wanted:
            pages |= inputs.pages_of(item)
    return pages


__all__ = ["ASPECTS", "KEYED", "ALL", "TODAY", "FALLBACK", "OPEN_DATA", "Inputs", "InputDigests", "aspect", "keyed", "page_inputs",
           "input_digests",
           "same_documents", "added_and_removed",
           "changed_inputs", "pages_showing"]
