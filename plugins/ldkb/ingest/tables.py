"""A source table as the model's table (`bang`): columns, rows, line breaks and merged cells.

The header is the first row; a header whose cells span columns ("Thời gian" over "Bắt đầu" and
"Hoàn thành") takes the second row too ("Thời gian – Hoàn thành"). A first row that is one cell
across the whole table is the table's title. A cell merged down several rows is written into each
row it covers (each row reads whole, and a task table's row keeps its unit); a cell merged across
columns is written once, in the first column it covers. A task table gets its columns declared
(ingest/task_table.py).
"""
from __future__ import annotations

from ldkb.ingest.draft import Data, DataPath, Draft, TaskTable, Tracker
from ldkb.ingest.source import Cell, Table
from ldkb.ingest.task_table import ROLE_WORDS, declare


def _header(head: list[Cell], sub: list[Cell] | None) -> list[str]:
    width = len(head)
    if sub is None:
        return [c.text for c in head]
    out = []
    for k in range(width):
        top, low = head[k].text, sub[k].text
        spans = any(head[j] is head[k] for j in range(width) if j != k)
        if sub[k] is head[k] or not low:
            out.append(top)
        else:
            out.append(f"{top} – {low}" if spans else low)
    return out


def table_block(table: Table, tracker: Tracker, draft: Draft, path: DataPath) -> Data | None:
    """The `bang` block of `table` (None for a table with no text); notes where unsure."""
    for ln in table.lines():
        tracker.take(ln)
    rows = [r for r in table.rows if any(c.text for c in r)]
    if not rows:
        return None
    width = len(rows[0])
    bang: Data = {}
    if width > 1 and len(rows) > 1 and all(c is rows[0][0] for c in rows[0]):
        bang["tieu_de"] = rows[0][0].text  # a title row across the whole table
        rows = rows[1:]
    head = rows[0]
    merged_head = any(head[k] is head[k + 1] for k in range(width - 1))
    header_rows = 2 if merged_head and len(rows) > 1 else 1
    cot = _header(head, rows[1] if header_rows == 2 else None)
    body = rows[header_rows:]
    dong = [[("" if k and r[k] is r[k - 1] else r[k].text) for k in range(width)] for r in body]
    notes = []
    if any(r[k] is r[k + 1] for r in body for k in range(width - 1)):
        notes.append("Bảng gốc có ô gộp nhiều cột: chữ của ô gộp ghi ở cột đầu, các cột sau để trống.")
    if any(body[i][k] is body[i + 1][k] for i in range(len(body) - 1) for k in range(width)):
        notes.append("Bảng gốc có ô gộp nhiều dòng: nội dung ô gộp đã được chép vào từng dòng nó phủ. Kiểm tra lại.")
    declared = declare(cot, dong)
    if declared is not None:
        giao_viec, names, task_notes = declared
        bang["cot"], bang["giao_viec"], bang["dong"] = cot, giao_viec, dong
        roles = ", ".join(f"{ROLE_WORDS[role]}: “{name}”" for role, name in names.items())
        notes.append(f"Bảng giao việc ({roles}): mỗi dòng là một nhiệm vụ (xem trang Giao việc cho đơn vị).")
        notes += task_notes
        draft.task_tables.append(TaskTable(bang, path, table.where, names))
    else:
        bang["cot"], bang["dong"] = cot, dong
    if notes:
        draft.unsure[path] = " ".join(notes)
    return {"bang": bang}


__all__ = ["table_block"]
