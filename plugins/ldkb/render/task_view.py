"""What a task says wherever it is shown: unit pages, "Ai làm gì", "Việc sắp đến hạn", the plan's
progress, report forms and calendars. Plain values, decided once; each output draws its own markup.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.progress import Standing, plan_start
from ldkb.model.schema import Muc, VanBan
from ldkb.model.tasks import GENERAL, NO_UNIT, ROLES, Reach, Task
from ldkb.text.dates import short_date

ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True)
class TaskLine:
    """One task as one unit sees it (`reach` None: the task itself, in a collection-wide list)."""

    task: Task
    reach: Reach | None
    standing: Standing | None

    @property
    def role_label(self) -> str:
        return ROLES[self.reach.role] if self.reach is not None else ""


def unit_name(corpus: Corpus, code: str) -> str:
    unit = corpus.units.get(code)
    return unit.ten if unit is not None else code


def short_name(corpus: Corpus, code: str) -> str:
    unit = corpus.units.get(code)
    return (unit.ten_ngan or unit.ten) if unit is not None else code


def people(task: Task, corpus: Corpus) -> list[tuple[str, str]]:
    """(role label, who) for each role the task names: a table row's own words when it is a row,
    else the registry's names and the outside bodies as written."""
    out = []
    for role, label in ROLES.items():
        if task.row is not None and task.cells.get(role, "").strip() and (
                task.units.get(role) or task.outside.get(role)):
            # The cell's own words; its lines (one name a line) joined as a list.
            out.append((label, "; ".join(" ".join(line.split()) for line in task.cells[role].split("\n")
                                         if line.strip())))
            continue
        names = [unit_name(corpus, u) for u in task.units.get(role, ())] + list(task.outside.get(role, ()))
        if names:
            out.append((label, ", ".join(names)))
    return out


def who_text(task: Task, corpus: Corpus) -> str:
    """`Chủ trì: …; Phối hợp: …`, `giao chung` or `không nêu đơn vị`."""
    if task.general:
        return f"{GENERAL.capitalize()} (văn bản không nêu đơn vị)"
    if task.no_unit:
        return NO_UNIT.capitalize()
    return "; ".join(f"{label}: {who}" for label, who in people(task, corpus))


def deadline_text(task: Task) -> str:
    """The source's words; where they come from when the part above set them."""
    if task.deadline is None:
        return ""
    return task.deadline.text


def due_text(standing: Standing | None, task: Task) -> str:
    """`hạn 30/09/2025` for the date a reader must look at (the current period's for a recurring one)."""
    if task.deadline is None or task.deadline.ongoing or standing is None or standing.due is None:
        return ""
    if task.deadline.recurring:
        if standing.missed is not None:
            return f"kỳ trước hạn {short_date(standing.missed)} chưa có báo cáo; kỳ này hạn {short_date(standing.due)}"
        return f"kỳ này hạn {short_date(standing.due)}"
    if task.deadline.start != task.deadline.end:
        return f"hạn cuối {short_date(standing.due)}"
    return f"hạn {short_date(standing.due)}"


def standing_of(corpus: Corpus, task: Task, unit: str | None) -> Standing | None:
    if unit is None:
        return None
    return corpus.progress.standing(task, unit, corpus.today, plan_start(task.doc))


def _doc_order(corpus: Corpus) -> dict[str, int]:
    order = corpus.__dict__.get("_ldkb_doc_order")
    if order is None:
        order = corpus.__dict__["_ldkb_doc_order"] = {d.slug: i for i, d in enumerate(corpus.sorted_documents())}
    return order


def document_order_key(corpus: Corpus, task: Task) -> tuple[int, int]:
    return (_doc_order(corpus).get(task.doc.slug, 0), task.order)


def unit_lines(corpus: Corpus, unit_id: str) -> list[TaskLine]:
    """The unit's checklist: dated tasks by due date, then the others, each in document order."""
    lines = [TaskLine(r.task, r, standing_of(corpus, r.task, unit_id)) for r in graph_of(corpus).tasks.get(unit_id, [])]
    today = corpus.today

    def key(line: TaskLine) -> tuple[tuple[int, int], tuple[int, int]]:
        d = line.task.deadline
        first = d.sort_key(today) if d is not None else (1, 0)
        return (first, document_order_key(corpus, line.task))

    return sorted(lines, key=key)


def count_states(lines: list[TaskLine]) -> dict[str, int]:
    """How many lines stand where: done, in progress, not started, no report; overdue apart."""
    counts = {"hoan-thanh": 0, "dang-thuc-hien": 0, "chua-trien-khai": 0, "none": 0, "overdue": 0}
    for line in lines:
        st = line.standing
        counts[(st.status if st is not None and st.status else "none")] += 1
        if st is not None and st.overdue:
            counts["overdue"] += 1
    return counts


def counts_sentence(counts: dict[str, int]) -> str:
    bits = []
    for key, label in (("hoan-thanh", "hoàn thành"), ("dang-thuc-hien", "đang thực hiện"),
                       ("chua-trien-khai", "chưa triển khai"), ("none", "chưa có báo cáo")):
        if counts[key]:
            bits.append(f"{counts[key]} {label}")
    text = ", ".join(bits)
    if counts["overdue"]:
        text += f"; {counts['overdue']} quá hạn"
    return text


def as_of(today: dt.date) -> str:
    return f"tính đến {short_date(today)}"



@dataclass(frozen=True)
class SectionProgress:
    """Where the tasks of one top-level section of a document stand."""

    label: str  # "Mục II — NHIỆM VỤ VÀ GIẢI PHÁP", "Đoạn kết", "Phụ lục I …"
    anchor: str
    lines: tuple[TaskLine, ...]  # one per (task, unit reached)
    unassigned: int  # tasks "giao chung" or "không nêu đơn vị"


def _reaches_by_task(corpus: Corpus) -> dict[int, list[Reach]]:
    """Every task's reaches, by task: made once per corpus (one pass), read by every document page."""
    index = corpus.__dict__.get("_ldkb_reaches_by_task")
    if index is None:
        index = corpus.__dict__["_ldkb_reaches_by_task"] = {}
        for reaches in graph_of(corpus).tasks.values():
            for r in reaches:
                index.setdefault(id(r.task), []).append(r)
    return index


@dataclass
class _Section:
    label: str
    anchor: str
    lines: list[TaskLine]
    unassigned: int = 0


def document_progress(corpus: Corpus, doc: VanBan) -> list[SectionProgress]:
    """Per top-level section of `doc` (opening, parts I, II…, closing paragraph, appendices)."""
    tasks = corpus.tasks.get(doc.slug, [])
    if not tasks:
        return []
    top: dict[int, Muc] = {}

    def mark(part: Muc, root: Muc) -> None:
        top[id(part)] = root
        for child in part.muc:
            mark(child, root)

    for root in [*doc.noi_dung, *doc.phu_luc]:
        mark(root, root)
    reach_of = _reaches_by_task(corpus)
    sections: dict[str, _Section] = {}
    for t in tasks:
        if t.part is None:
            key, label, anchor = t.where, t.place, (t.block.anchor if t.block is not None else "van-ban")
        else:
            root = top[id(t.part)]
            key = root.anchor
            head = (f"Phụ lục {root.so or ''}".strip() if t.where == "phu_luc" else f"Mục {root.id}")
            label = f"{head} — {root.tieu_de}" if root.tieu_de else head
            anchor = root.anchor
        sec = sections.setdefault(key, _Section(label, anchor, []))
        if t.general or t.no_unit:
            sec.unassigned += 1
        for r in reach_of.get(id(t), []):
            sec.lines.append(TaskLine(t, r, standing_of(corpus, t, r.unit)))
    return [SectionProgress(s.label, s.anchor, tuple(s.lines), s.unassigned) for s in sections.values()]


__all__ = ["SectionProgress", "document_progress", "TaskLine", "people", "who_text", "deadline_text", "due_text", "unit_lines", "standing_of",
           "count_states", "counts_sentence", "as_of", "unit_name", "short_name", "document_order_key"]
