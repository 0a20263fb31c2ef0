"""The collection in the order of its implementation chain (issue 18, part 7): the main document
first, then what it implements (and what that implements, up to the root directive), what it is
carried out with, what it replaces or amends, and the documents its text cites in the order it
cites them, each followed by its own chain. Documents no chain reaches come last, in the
collection's order. One visit per document: linear in documents and relations."""
from __future__ import annotations

from ldkb.graph.relations import CITES, graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.schema import VanBan

# Relations followed from a document, in this order (declared ones before the text's citations).
FOLLOWED = ("thuc_hien", "gan_voi", "thay_the", "sua_doi", CITES)


def chain_order(corpus: Corpus) -> list[VanBan]:
    g = graph_of(corpus)
    order: list[VanBan] = []
    seen: set[str] = set()

    def visit(start: VanBan) -> None:
        stack = [start]  # iterative depth-first walk: a long chain cannot exhaust the call stack
        while stack:
            doc = stack.pop()
            if doc.slug in seen:
                continue
            seen.add(doc.slug)
            order.append(doc)
            nexts = [e.target for rel in FOLLOWED for e in g.out(doc, rel)]
            stack.extend(reversed([d for d in nexts if d.slug not in seen]))

    for doc in corpus.sorted_documents():  # the main document comes first there
        visit(doc)
    return order
