"""A unit's "Mẫu báo cáo kết quả thực hiện", decided once for the Word file and the PDF.

One table row per task reaching the unit (its checklist's order): the task as the document words it,
its deadline, and blank cells for result, difficulties and proposals; the result is pre-filled with
the status recorded in `content/tien-do/` when there is one (with its date). The report's own
number, date, place and signer are blanks for the unit to fill in, never invented.
"""
from __future__ import annotations

from dataclasses import dataclass

from ldkb.text.dates import short_date
from ldkb.model.corpus import Corpus
from ldkb.model.schema import DonVi
from ldkb.render.task_view import TaskLine, as_of, deadline_text, unit_lines, unit_name

COLUMNS = ("STT", "Nhiệm vụ", "Thời hạn", "Kết quả thực hiện", "Khó khăn, vướng mắc", "Đề xuất")
BLANK = "……………"


@dataclass(frozen=True)
class ReportRow:
    number: int
    where: str  # "Kế hoạch … — Mục III.3 (thực hiện)"
    work: tuple[str, ...]  # the task's text, paragraph by paragraph
    deadline: str
    result: str  # "" or the recorded status, result and date


@dataclass(frozen=True)
class ReportForm:
    parent: str  # the superior body: the registry's when known, else a blank
    issuer: str
    number: str
    place_date: str
    title: str
    subject: str
    recipients: tuple[str, ...]  # "Kính gửi"
    intro: str
    note: str | None  # how pre-filled results were obtained
    rows: tuple[ReportRow, ...]
    columns: tuple[str, ...] = COLUMNS


def _result(line: TaskLine) -> str:
    st = line.standing
    if st is None or st.report is None:
        return ""
    r = st.report
    text = f"{r.status_label} (báo cáo ngày {short_date(r.date)})"
    if r.record.ket_qua:
        text += f": {r.record.ket_qua}"
    if r.count:
        text += f". {r.count}"
    return text


def report_form(corpus: Corpus, unit: DonVi) -> ReportForm:
    lines = unit_lines(corpus, unit.ma)
    docs = list(dict.fromkeys(line.task.doc.slug for line in lines))
    by_slug = {line.task.doc.slug: line.task.doc for line in lines}
    one = len(docs) == 1
    rows = []
    for i, line in enumerate(lines, 1):
        t = line.task
        role = line.role_label.lower()
        if line.reach is not None and line.reach.via:
            role += f", việc giao cho “{unit_name(corpus, line.reach.via)}”"
        where = (t.label if one else f"{t.doc.title} — {t.label}") + f" ({role})"
        work = tuple(t.texts) or ((t.title,) if t.title else ())
        if t.title and t.texts and t.block is None:
            work = (t.title, *t.texts)
        rows.append(ReportRow(i, where, work, deadline_text(t), _result(line)))
    if one:
        doc = by_slug[docs[0]]
        subject = f"Kết quả thực hiện {doc.title}" if doc.so_ky_hieu else (
            f"Kết quả thực hiện {doc.loai} {doc.trich_yeu[:1].lower() + doc.trich_yeu[1:]}")
        intro = (f"Thực hiện {subject[len('Kết quả thực hiện '):]}, {unit.ten} báo cáo kết quả thực hiện các "
                 "nhiệm vụ được giao, tính đến ngày ……/……/………, như sau:")
    else:
        subject = "Kết quả thực hiện các nhiệm vụ được giao"
        intro = (f"{unit.ten} báo cáo kết quả thực hiện các nhiệm vụ được giao trong {len(docs)} văn bản "
                 "(" + "; ".join(by_slug[s].title for s in docs) + "), tính đến ngày ……/……/………, như sau:")
    recipients = tuple(dict.fromkeys(by_slug[s].co_quan_ban_hanh for s in docs))
    prefilled = any(r.result for r in rows)
    note = (f"Cột “Kết quả thực hiện” ghi sẵn tình trạng theo báo cáo đã nhập vào kho ({as_of(corpus.today)}); "
            "đơn vị sửa, bổ sung cho đúng kết quả tại thời điểm báo cáo.") if prefilled else None
    parent = corpus.units[unit.thuoc].ten if unit.thuoc in corpus.units else BLANK
    return ReportForm(parent=parent, issuer=unit.ten, number="Số: ……/BC-……",
                      place_date="……, ngày …… tháng …… năm ……", title="BÁO CÁO", subject=subject,
                      recipients=recipients, intro=intro, note=note, rows=tuple(rows))


__all__ = ["COLUMNS", "ReportForm", "ReportRow", "report_form"]
