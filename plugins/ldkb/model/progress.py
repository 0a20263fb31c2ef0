"""What units report: progress records in `content/tien-do/*.yml`, and where each task stands.

A record names a task (document `#` part or anchor, and `dong` for a table row), the unit that
reports, the date, the status and a short result; optionally the report's own symbol (a link when
the collection holds it) and, for a level that stands for many unions (CĐCS), how many reported.

Where a task stands for a unit is decided from one reference date (model/today.py): the latest
record dated on or before it; overdue when the due date has passed without "hoàn thành"; with
no record at all it reads "chưa có báo cáo", never "chưa triển khai".
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ldkb.model.errors import ErrorLog
from ldkb.model.schema import TIEN_DO, BaoCao, DonVi, TienDo, VanBan
from ldkb.model.tasks import Loc, Task, reaches
from ldkb.model.validate import validate
from ldkb.model.yaml_reader import Located, load
from ldkb.text.normalize import slugify

PROGRESS_DIR = "tien-do"
NO_REPORT = "Chưa có báo cáo"
SOON_DAYS = 90


@dataclass(frozen=True)
class Report:
    task: Task
    unit: str
    record: BaoCao
    report_doc: VanBan | None  # the report itself, when the collection holds it
    file: str
    line: int

    @property
    def date(self) -> dt.date:
        return self.record.ngay

    @property
    def status(self) -> str:
        return self.record.tinh_trang

    @property
    def status_label(self) -> str:
        return TIEN_DO[self.record.tinh_trang]

    @property
    def count(self) -> str:
        """`120/300 đơn vị đã báo cáo`, or "" when the record does not say."""
        n, total = self.record.so_don_vi_bao_cao, self.record.tong_so_don_vi
        if n is None:
            return ""
        return f"{n}/{total} đơn vị đã báo cáo" if total else f"{n} đơn vị đã báo cáo"


@dataclass(frozen=True)
class Standing:
    """Where one task stands for one unit on the reference date."""

    report: Report | None  # the latest record on or before the date
    due: dt.date | None  # the due date to look at (the current period's for a recurring form)
    overdue: bool
    soon: bool  # falls due within SOON_DAYS
    missed: dt.date | None = None  # a recurring form: the end of the last period left without a record

    @property
    def status(self) -> str | None:
        return self.report.status if self.report is not None else None

    @property
    def label(self) -> str:
        return self.report.status_label if self.report is not None else NO_REPORT

    @property
    def done(self) -> bool:
        return self.status == "hoan-thanh"


class Progress:
    """Every record, by (task key, unit), oldest first."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], list[Report]] = defaultdict(list)

    def add(self, report: Report) -> None:
        items = self.records[(report.task.key, report.unit)]
        items.append(report)
        items.sort(key=lambda r: (r.date, r.line))

    def __len__(self) -> int:
        return sum(len(v) for v in self.records.values())

    def latest(self, task: Task, unit: str, today: dt.date) -> Report | None:
        found = None
        for r in self.records.get((task.key, unit), ()):
            if r.date <= today:
                found = r
        return found

    def standing(self, task: Task, unit: str, today: dt.date, plan_start: dt.date | None = None) -> Standing:
        report = self.latest(task, unit, today)
        deadline = task.deadline
        done = report is not None and report.status == "hoan-thanh"
        if deadline is None or deadline.ongoing:
            return Standing(report, None, False, False)
        due = deadline.next_due(today)
        if deadline.recurring:
            # Late when the last period that ended before `today` got no record at all, counting
            # only periods after the plan began (unknown start: nothing can be late yet).
            prev = deadline.previous_period(today)
            late = (prev is not None and plan_start is not None and prev[1] >= plan_start
                    and not any(prev[0] <= r.date <= today for r in self.records.get((task.key, unit), ())))
            soon = due is not None and 0 <= (due - today).days <= SOON_DAYS
            return Standing(report, due, late, soon and not late, prev[1] if late and prev is not None else None)
        overdue = due is not None and due < today and not done
        soon = due is not None and not done and 0 <= (due - today).days <= SOON_DAYS
        return Standing(report, due, overdue, soon)


def plan_start(doc: VanBan) -> dt.date | None:
    """When a plan began, for recurring deadlines: its date, else its period's first year."""
    if doc.ngay_ban_hanh:
        return doc.ngay_ban_hanh
    if doc.giai_doan:
        return dt.date(doc.giai_doan.tu_nam, 1, 1)
    return None


def load_progress(root: Path, documents: dict[str, list[Task]], resolve: Callable[[str], VanBan | None],
                  units: Mapping[str, DonVi], log: ErrorLog) -> Progress:
    """Every record under `root/tien-do/`, checked against the documents' tasks."""
    progress = Progress()
    folder = root / PROGRESS_DIR
    if not folder.is_dir():
        return progress
    for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
        src = load(path, log)
        if src is None:
            continue
        data = validate(TienDo, src, log)
        if data is None:
            continue
        for i, rec in enumerate(data.bao_cao):
            loc = ("bao_cao", i)
            err = _reporter(src, loc, path, log)

            task = _find_task(rec, documents, resolve, err)
            if task is None:
                continue
            if rec.don_vi not in units:
                err("don_vi", f"Mã đơn vị `{rec.don_vi}` không có trong danh mục đơn vị.",
                    "Dùng một mã trong `content/don-vi.yml`.")
                continue
            reached = {r.unit for r in reaches(task, units)}
            if rec.don_vi not in reached:
                names = ", ".join(f"`{u}`" for u in sorted(reached)) or "(nhiệm vụ không nêu đơn vị)"
                err("don_vi", f"Nhiệm vụ `{rec.nhiem_vu}` không giao cho đơn vị `{rec.don_vi}`.",
                    f"Các đơn vị được giao nhiệm vụ này: {names}.")
                continue
            report_doc = resolve(rec.van_ban) if rec.van_ban else None
            if rec.van_ban and report_doc is None:
                err("van_ban", f"Văn bản báo cáo `{rec.van_ban}` chưa có trong kho: trang ghi số, ký hiệu, không "
                    "có liên kết.", "Thêm văn bản vào kho nếu muốn có liên kết.", warning=True)
            line, _ = src.where(loc)
            progress.add(Report(task, rec.don_vi, rec, report_doc, log.rel(path), line))
    return progress


def _reporter(src: Located, loc: Loc, path: Path, log: ErrorLog) -> Callable[..., None]:
    """Adds a problem of one record, at the line of the field it names."""
    def err(key: str, message: str, hint: str = "", warning: bool = False) -> None:
        line, col = src.where(loc + (key,))
        log.add(path, line, col, message, hint, warning=warning)
    return err


def _find_task(rec: BaoCao, documents: dict[str, list[Task]], resolve: Callable[[str], VanBan | None],
               err: Callable[..., None]) -> Task | None:
    symbol, sep, where = rec.nhiem_vu.partition("#")
    doc = resolve(symbol.strip())
    if doc is None or not sep or not where.strip():
        if doc is None:
            err("nhiem_vu", f"Văn bản `{symbol.strip()}` của nhiệm vụ `{rec.nhiem_vu}` chưa có trong kho.",
                "Viết số, ký hiệu (hoặc mã) của văn bản, dấu `#`, rồi số mục, ví dụ "
                "`ke-hoach-thuc-hien-chi-thi-07#III.3`.")
        else:
            err("nhiem_vu", f"Nhiệm vụ `{rec.nhiem_vu}` thiếu phần sau dấu `#` (mục hoặc neo của nhiệm vụ).",
                "Ví dụ `ke-hoach-thuc-hien-chi-thi-07#III.3`.")
        return None
    tasks = documents.get(doc.slug, [])
    wanted = slugify(where.replace(".", "-").replace("đ", "dd").replace("Đ", "DD"))
    if rec.dong is None:
        found = [t for t in tasks if t.anchor == wanted]
    else:
        found = [t for t in tasks if t.row == rec.dong and (
            t.anchor == f"{wanted}-d{rec.dong}" or (t.block is not None and t.block.anchor == wanted)
            or (t.part is not None and t.part.anchor == wanted))]
    if len(found) == 1:
        return found[0]
    known = ", ".join(f"`#{t.anchor}`" for t in tasks[:30]) or "(văn bản không có nhiệm vụ nào)"
    if not found:
        what = f"dòng {rec.dong} của bảng giao việc ở `#{where}`" if rec.dong is not None else f"`#{where}`"
        err("nhiem_vu", f"Văn bản {doc.title} không có nhiệm vụ ở {what}.", f"Các nhiệm vụ của văn bản: {known}.")
    else:
        err("nhiem_vu", f"`#{where}` có {len(found)} bảng giao việc: không biết dòng {rec.dong} là của bảng nào.",
            "Ghi neo của bảng: " + ", ".join(f"`#{t.block.anchor}`" for t in found if t.block is not None) + ".")
    return None


__all__ = ["PROGRESS_DIR", "NO_REPORT", "SOON_DAYS", "Progress", "Report", "Standing", "load_progress",
           "plan_start"]
