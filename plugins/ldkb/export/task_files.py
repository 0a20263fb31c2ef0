"""Write the task files next to the site: calendars (.ics) and report forms (.docx), at the paths
render/paths.py gives (the unit pages link the same paths)."""
from __future__ import annotations

import os
from pathlib import Path

from ldkb.export.calendar import collection_calendar_bytes, unit_calendar_bytes
from ldkb.export.report_form_docx import report_form_docx_bytes
from ldkb.model.corpus import Corpus
from ldkb.render.paths import collection_calendar, report_form_docx, unit_calendar
from ldkb.render.unit_pages import has_calendar, units_with_tasks


def _write(site: Path, rel: str, data: bytes) -> None:
    dest = site / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, dest)


def write_task_files(corpus: Corpus, site: Path, site_url: str = "") -> list[str]:
    """Every calendar and report form; returns the site paths written."""
    written = []
    whole = collection_calendar_bytes(corpus, site_url)
    if whole is not None:
        _write(site, collection_calendar(), whole)
        written.append(collection_calendar())
    for unit in units_with_tasks(corpus):
        _write(site, report_form_docx(unit.ma), report_form_docx_bytes(corpus, unit))
        written.append(report_form_docx(unit.ma))
        data = unit_calendar_bytes(corpus, unit.ma, site_url) if has_calendar(corpus, unit.ma) else None
        if data is not None:
            _write(site, unit_calendar(unit.ma), data)
            written.append(unit_calendar(unit.ma))
    return written


__all__ = ["write_task_files"]
