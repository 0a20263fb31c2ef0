"""Citation recognition alone: MB of document text per second through `ldkb.graph.citations`."""
from __future__ import annotations

import time

from ldkb.model.corpus import Corpus, iter_blocks, iter_parts
from tools.bench.measure import median


def corpus_texts(corpus: Corpus) -> list[str]:
    """Every piece of running text a build scans for citations, one string per field."""
    texts: list[str] = []
    for doc in corpus.documents:
        texts.append(doc.trich_yeu)
        texts.extend(p.tieu_de for p in iter_parts(doc) if p.tieu_de)
        texts.extend(b.text for _, b in iter_blocks(doc))
    return texts


def throughput(corpus: Corpus, repeats: int = 5) -> dict:
    try:
        from ldkb.graph.citations import find_citations
    except ImportError:
        return {"error": "chưa có bộ nhận diện trích dẫn (ldkb.graph.citations)"}
    texts = corpus_texts(corpus)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times, found = [], 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        found = sum(len(find_citations(t)) for t in texts)
        times.append(time.perf_counter() - t0)
    secs = median(times)
    return {"mb": size_mb, "seconds": secs, "mb_per_s": size_mb / secs, "citations": found,
            "texts": len(texts)}
