"""Write the task files next to the site: calendars (.ics) and report forms (.docx), at the paths
render/paths.py gives (the unit pages link the same paths).

Each file shows what one page of the site shows (render/dependencies.py names that page's
inputs): a unit's report form and calendar its checklist (`don-vi/<ma>.md`), the collection's
calendar every task ("Ai làm gì"). A build that keeps results between builds (ldkb-cache) passes
`made` (export/reuse.py): at 2,000 documents the nine report forms alone take a minute and a
half to write.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ldkb.export.calendar import collection_calendar_bytes, unit_calendar_bytes
from ldkb.export.report_form_docx import report_form_docx_bytes
from ldkb.export.reuse import Made, make_now
from ldkb.model.corpus import Corpus
from ldkb.render.paths import collection_calendar, report_form_docx, unit_calendar
from ldkb.render.unit_pages import MATRIX_PAGE, has_calendar, unit_page, units_with_tasks

# (site path, the page whose inputs decide the file, what makes its bytes: None for no file)
TaskFile = tuple[str, str, Callable[[], bytes | None]]


def _write(site: Path, rel: str, data: bytes) -> None:
    dest = site / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dest)


def _unit_calendar(corpus: Corpus, unit_id: str, site_url: str) -> bytes | None:
    return unit_calendar_bytes(corpus, unit_id, site_url) if has_calendar(corpus, unit_id) else None


def task_files(corpus: Corpus, site_url: str = "") -> list[TaskFile]:
    """Every calendar and report form the site may have, in the order they are written."""
    out: list[TaskFile] = [(collection_calendar(), MATRIX_PAGE, partial(collection_calendar_bytes, corpus, site_url))]
    for unit in units_with_tasks(corpus):
        out.append((report_form_docx(unit.ma), unit_page(unit.ma), partial(report_form_docx_bytes, corpus, unit)))
        out.append((unit_calendar(unit.ma), unit_page(unit.ma), partial(_unit_calendar, corpus, unit.ma, site_url)))
    return out


def write_task_files(corpus: Corpus, site: Path, site_url: str = "", made: Made | None = None) -> list[str]:
    """Every calendar and report form; returns the site paths written."""
    written = []
    for rel, page, make in task_files(corpus, site_url):
        data = (made or make_now)(rel, page, make)
        if data is not None:
            _write(site, rel, data)
            written.append(rel)
    return written


__all__ = ["TaskFile", "task_files", "write_task_files"]
