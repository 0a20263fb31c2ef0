"""Measurements of the PDF build, for `make bench` (tools/bench) and the docs.

Each function returns a plain dict of figures; none prints. Rendering runs in this
process unless a function says otherwise, so call them from a quiet machine.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from ldkb.model.corpus import Corpus
from ldkb.pdf.build import build_all, plan_jobs, render_all
from ldkb.pdf.renderer import Renderer, stylesheet_texts


def renderer_vs_plain(corpus: Corpus, rounds: int = 1) -> dict:
    """Pages per second of our renderer (one FontConfiguration and parsed stylesheets reused)
    against plain WeasyPrint (`HTML(string).write_pdf(stylesheets=[CSS(string)])` per file), on
    the same HTML, sequentially in this process."""
    from weasyprint import CSS, HTML

    jobs = plan_jobs(corpus) * rounds
    ours = Renderer()
    ours.render(jobs[0])  # warm-up: both sides then start with fonts loaded by fontconfig
    t0 = time.perf_counter()
    pages = sum(ours.render(job)[1] for job in jobs)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    plain_pages = 0
    for job in jobs:
        sheets = [CSS(string=t) for t in stylesheet_texts(job.layout, job.size)]
        options = {"pdf_variant": job.variant} if job.variant else {}
        document = HTML(string=job.html, base_url=".").render(stylesheets=sheets, **options)
        document.write_pdf(**options)
        plain_pages += len(document.pages)
    t_plain = time.perf_counter() - t0
    return {"files": len(jobs), "pages": pages, "ours_seconds": t_ours, "plain_seconds": t_plain,
            "ours_pages_per_second": pages / t_ours, "plain_pages_per_second": plain_pages / t_plain}


def parallel_speedup(corpus: Corpus, workers: int = 2) -> dict:
    """Wall time of rendering every PDF (no cache) with one process, then with `workers`."""
    jobs = plan_jobs(corpus)
    _, one = render_all(jobs, None, workers=1)
    _, many = render_all(jobs, None, workers=workers)
    return {"files": len(jobs), "pages": one.pages, "workers": many.workers,
            "one_process_seconds": one.seconds, "parallel_seconds": many.seconds,
            "speedup": one.seconds / many.seconds}


def no_change_rebuild(corpus: Corpus) -> dict:
    """Time of a full PDF build into a new site when nothing changed since the previous one."""
    tmp = Path(tempfile.mkdtemp(prefix="ldkb-pdf-bench-"))
    try:
        cache = tmp / "cache"
        t0 = time.perf_counter()
        first = build_all(corpus, tmp / "s1", cache)
        t_first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = build_all(corpus, tmp / "s2", cache)
        t_again = time.perf_counter() - t0
        return {"files": len(again.results), "first_build_seconds": t_first,
                "no_change_seconds": t_again, "rebuilt": again.rendered, "first_rebuilt": first.rendered}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def pdf_a_cost(corpus: Corpus, rounds: int = 3) -> dict:
    """Time and size of the per-document PDFs as plain PDF and as PDF/A-3b."""
    from ldkb.pdf.renderer import DEFAULT_DOCUMENT_VARIANT

    docs = list(plan_jobs(corpus, handbooks=False))
    renderer = Renderer()
    renderer.render(docs[0])
    out = {}
    for label, variant in (("plain", None), ("pdf_a", DEFAULT_DOCUMENT_VARIANT)):
        jobs = [type(j)(j.name, j.html, j.layout, j.size, variant, j.kind) for j in docs]
        t0 = time.perf_counter()
        size = 0
        for _ in range(rounds):
            size = sum(len(renderer.render(j)[0]) for j in jobs)
        out[f"{label}_seconds"] = (time.perf_counter() - t0) / rounds
        out[f"{label}_bytes"] = size
    out["files"] = len(docs)
    return out


def figures(content_dir: Path | str, workers: int = 2) -> dict:
    """Everything `make bench` reports, under the keys its PDF rows read."""
    from ldkb.model.corpus import load_corpus

    corpus = load_corpus(Path(content_dir))
    speed = renderer_vs_plain(corpus)
    par = parallel_speedup(corpus, workers)
    rebuild = no_change_rebuild(corpus)
    archive = pdf_a_cost(corpus)
    return {
        "files": speed["files"], "pages": speed["pages"],
        "ours_pages_per_s": speed["ours_pages_per_second"],
        "plain_pages_per_s": speed["plain_pages_per_second"],
        "ratio": speed["ours_seconds"] / speed["plain_seconds"],  # time, ours / plain WeasyPrint
        "speedup": par["speedup"], "workers": par["workers"],
        "nochange_s": rebuild["no_change_seconds"],
        "pdf_a_time_ratio": archive["pdf_a_seconds"] / archive["plain_seconds"],
        "pdf_a_bytes_ratio": archive["pdf_a_bytes"] / archive["plain_bytes"],
    }
