"""Deadlines as iCalendar files (RFC 5545, with the `icalendar` library): one per unit, one for the
whole collection.

Each task with a due date is one all-day event on its due day (a range's last day); "hằng năm",
"hằng quý", "hằng tháng" repeat (RRULE) from the plan's start to the end of its period when the
plan gives them; "thường xuyên" has no date and no event. A task's UID comes from the task
(model/tasks.py: document, anchor and, for a table row, its text), so it stays the same when rows
are inserted; DTSTAMP is the reference date, so the same content and date give the same bytes.
The same task is the same event (same UID, same text) in every calendar that holds it.
"""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.folders import document_page
from ldkb.model.progress import plan_start
from ldkb.model.tasks import Task
from ldkb.render.task_view import deadline_text, document_order_key, people, who_text
from ldkb.text.dates import short_date

PRODID = "-//Kho văn bản Công đoàn//ldkb lịch thời hạn//VI"
SUMMARY_CHARS = 120
_RRULES = {
    "nam": {"freq": "yearly", "bymonth": [12], "bymonthday": [31]},
    "quy": {"freq": "yearly", "bymonth": [3, 6, 9, 12], "bymonthday": [-1]},
    "thang": {"freq": "monthly", "bymonthday": [-1]},
}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def task_url(task: Task, site_url: str) -> str | None:
    """The task's place on the site, when the site's address is known."""
    site = (site_url or "").rstrip("/")
    return f"{site}/{document_page(task.doc.slug)}/#{task.anchor}" if site else None


def first_due(task: Task, today: dt.date) -> dt.date | None:
    """The event's day: the due date, or for a recurring form the first period's end from the plan's
    start (or from the reference date when the plan gives no start)."""
    d = task.deadline
    if d is None or d.ongoing:
        return None
    if not d.recurring:
        return d.end
    start = plan_start(task.doc) or today
    return d.period_of(start)[1]


def task_event(task: Task, corpus: Corpus, site_url: str = "") -> Event | None:
    day = first_due(task, corpus.today)
    deadline = task.deadline
    if day is None or deadline is None:
        return None
    event = Event()
    event.add("uid", task.uid)
    event.add("dtstamp", dt.datetime.combine(corpus.today, dt.time(), tzinfo=dt.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", _short(f"Hạn: {task.summary}"))
    lines = [f"Nhiệm vụ: {' '.join(' '.join(task.texts).split()) or task.summary}",
             f"Thời hạn: {deadline_text(task)}"]
    if deadline.start != deadline.end and not deadline.recurring:
        lines[-1] += f" (từ {short_date(deadline.start)} đến {short_date(deadline.end)})"
    named = people(task, corpus)
    lines += [f"{label}: {who}" for label, who in named] if named else [who_text(task, corpus)]
    if task.output:
        lines.append(f"Sản phẩm: {task.output}")
    lines.append(f"Nguồn: {task.doc.title}, {task.label}")
    url = task_url(task, site_url)
    if url:
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    if deadline.every is not None:
        rule: dict[str, object] = dict(_RRULES[deadline.every])
        if task.doc.giai_doan:
            rule["until"] = dt.date(task.doc.giai_doan.den_nam, 12, 31)
        event.add("rrule", rule)
    return event


def calendar_bytes(tasks: list[Task], corpus: Corpus, name: str, site_url: str = "") -> bytes | None:
    """An .ics file of `tasks`' deadlines; None when none has a date (a calendar needs an event)."""
    events = [e for e in (task_event(t, corpus, site_url) for t in tasks) if e is not None]
    if not events:
        return None
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for e in events:
        cal.add_component(e)
    data: bytes = cal.to_ical()
    return data


def unit_calendar_bytes(corpus: Corpus, unit_id: str, site_url: str = "") -> bytes | None:
    reaches = graph_of(corpus).tasks.get(unit_id, [])
    tasks = sorted({id(r.task): r.task for r in reaches}.values(), key=lambda t: document_order_key(corpus, t))
    unit = corpus.units[unit_id]
    return calendar_bytes(tasks, corpus, f"Thời hạn — {unit.ten}", site_url)


def collection_calendar_bytes(corpus: Corpus, site_url: str = "") -> bytes | None:
    return calendar_bytes(corpus.all_tasks(), corpus, f"Thời hạn — {corpus.settings.ten_website}", site_url)


__all__ = ["PRODID", "task_event", "calendar_bytes", "unit_calendar_bytes", "collection_calendar_bytes",
           "first_due", "task_url"]
