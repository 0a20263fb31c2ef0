"""Plan, render (in parallel, through the content-hash cache) and place every PDF of the site."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ldkb.model.corpus import Corpus
from ldkb.pdf.cache import PdfCache
from ldkb.pdf.document_html import document_html, pdf_name
from ldkb.render.paths import PAGES_MANIFEST, PDF_DIR
from ldkb.pdf.handbook import SIZES, collection_html, collection_name, unit_handbook_html, unit_name
from ldkb.pdf.renderer import DEFAULT_DOCUMENT_VARIANT, Job, render_job
from ldkb.pdf.report_form import report_form_html
from ldkb.render.paths import report_form_pdf
from ldkb.util.site_links import missing_file_links
from ldkb.render.unit_pages import units_with_tasks



def plan_jobs(corpus: Corpus, *, document_variant: str | None = DEFAULT_DOCUMENT_VARIANT,
              handbooks: bool = True, edition: dt.date | None = None) -> list[Job]:
    """Every PDF of the site: one per document, the handbooks in A4 and A5, the units' report forms.
    `edition`, the date of the last content change, is printed on the handbooks' covers."""
    today = corpus.today.isoformat()
    jobs = [Job(pdf_name(d), document_html(d, corpus), "official", None, document_variant,
                "document" if d.full_text else "record", today)
            for d in corpus.sorted_documents()]
    if handbooks:
        whole = collection_html(corpus, edition=edition)
        for size in SIZES:
            jobs.append(Job(collection_name(size), whole, "handbook", size, None, "handbook", today))
        for unit in corpus.units.values():
            html = unit_handbook_html(corpus, unit, edition=edition)
            for size in SIZES:
                jobs.append(Job(unit_name(unit.ma, size), html, "handbook", size, None, "unit-handbook", today))
    for unit in units_with_tasks(corpus):
        jobs.append(Job(report_form_pdf(unit.ma), report_form_html(corpus, unit), "official", None, None,
                        "report-form", today))
    return jobs


@dataclass
class Result:
    name: str
    kind: str
    pages: int
    cached: bool
    size: int


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1

    @property
    def rendered(self) -> int:
        return sum(not r.cached for r in self.results)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results)


def render_all(jobs: list[Job], cache: PdfCache | None, workers: int | None = None) -> tuple[dict[str, Any], Report]:
    """Bytes of every job (from the cache when its inputs are unchanged)."""
    t0 = time.perf_counter()
    report = Report()
    out: dict[str, tuple[bytes, int, bool]] = {}
    keys = {job.name: job.key() for job in jobs}
    misses = []
    for job in jobs:
        hit = cache.get(keys[job.name]) if cache else None
        if hit is not None:
            out[job.name] = (hit[0], hit[1], True)
        else:
            misses.append(job)
    # Longest first, so one big handbook does not finish last on a lone core.
    misses.sort(key=lambda j: len(j.html), reverse=True)
    workers = max(1, min(workers or os.cpu_count() or 1, len(misses) or 1))
    report.workers = workers
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            rendered = list(pool.map(render_job, misses))
    else:
        rendered = [render_job(job) for job in misses]
    for name, data, pages in rendered:
        out[name] = (data, pages, False)
        if cache:
            cache.put(keys[name], data, pages)
    for job in jobs:
        data, pages, cached = out[job.name]
        report.results.append(Result(job.name, job.kind, pages, cached, len(data)))
    report.seconds = time.perf_counter() - t0
    return out, report


def build_all(corpus: Corpus, site_dir: Path, cache_dir: Path | None, *, workers: int | None = None,
              document_variant: str | None = DEFAULT_DOCUMENT_VARIANT, edition: dt.date | None = None) -> Report:
    """Write every PDF into `<site_dir>/pdf/`, removing PDFs no longer produced."""
    jobs = plan_jobs(corpus, document_variant=document_variant, edition=edition)
    cache = PdfCache(cache_dir) if cache_dir else None
    outputs, report = render_all(jobs, cache, workers)
    target = Path(site_dir) / PDF_DIR
    target.mkdir(parents=True, exist_ok=True)
    wanted = {job.name for job in jobs}
    for old in target.glob("*.pdf"):
        if old.name not in wanted:
            old.unlink()
    for job in jobs:
        dest = target / job.name
        key = job.key()
        if cache and cache.place(key, dest):
            continue
        tmp = dest.with_suffix(".pdf.tmp")
        tmp.write_bytes(outputs[job.name][0])
        os.replace(tmp, dest)
    # Page counts for the pages that list the PDFs (ldkb.export.file_sizes); sizes are read from disk.
    counts = {f"{PDF_DIR}/{r.name}": r.pages for r in report.results}
    (Path(site_dir) / PAGES_MANIFEST).write_text(json.dumps(dict(sorted(counts.items())), indent=1) + "\n",
                                                 encoding="utf-8")
    return report


def missing_pdf_links(site_dir: Path) -> list[tuple[str, str]]:
    """(page, link) for every link of the built site to a PDF that does not exist."""
    return missing_file_links(site_dir, ".pdf")
