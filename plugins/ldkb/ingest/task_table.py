"""Task tables: a table whose columns name the work and who does it becomes a task table.

A plan's "Danh mục nhiệm vụ" (STT / Nội dung công việc / Đơn vị chủ trì / Đơn vị phối hợp / Thời
gian hoàn thành / Sản phẩm; any case, with or without diacritics) is written with its columns
declared (`bang.giao_viec`, issue 16), so that each row becomes a task. Two passes:

- `declare` (while recognising the structure): which column plays which role; the deadline column
  is declared only when every cell in it is a deadline the grammar knows (model/deadlines.py), else
  the table keeps its text and the report names the cells;
- `match_units` (by the importer, which has the unit registry): every name in the unit columns is
  matched against the registry (model/unit_names.py); a name no unit has is kept, as written, among
  the table's bodies outside the registry (`ngoai_danh_muc`), so that the file validates and no
  name is lost, and the report gives the command that adds it as a unit or as another name of one.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ldkb.ingest.draft import Data, DataPath, Draft, UnknownName
from ldkb.model.deadlines import DeadlineError, parse_deadline
from ldkb.model.schema import DonVi
from ldkb.model.unit_names import UnitNames, name_key, split_cell
from ldkb.text.normalize import fold

# Column roles in the order they are tried: "Đơn vị chủ trì" is a lead column before it is a unit
# column; the work column is the first that names the work.
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((role, re.compile(rx)) for role, rx in (
    ("chu_tri", r"\bchu tri\b"),
    ("phoi_hop", r"\bphoi hop\b"),
    ("thoi_han", r"\b(?:thoi gian|thoi han|tien do|han hoan thanh|thoi diem)\b"),
    ("san_pham", r"\b(?:san pham|ket qua)\b"),
    ("nhiem_vu", r"\b(?:noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten viec)\b"),
    ("don_vi", r"\b(?:don vi|co quan|bo phan|thuc hien|phu trach|trach nhiem)\b"),
))
UNIT_ROLES = ("chu_tri", "don_vi", "phoi_hop")
ROLE_WORDS = {"nhiem_vu": "nội dung công việc", "chu_tri": "đơn vị chủ trì", "phoi_hop": "đơn vị phối hợp",
              "don_vi": "đơn vị thực hiện", "thoi_han": "thời hạn", "san_pham": "sản phẩm"}
_GV_ORDER = ("nhiem_vu", "don_vi", "chu_tri", "phoi_hop", "thoi_han", "san_pham")


def _name(column: str) -> str:
    return " ".join(fold(column).split())


def task_columns(columns: list[str]) -> dict[str, int]:
    """role -> column index, for a table that is a task table (a work column and a unit column);
    {} for any other table."""
    found: dict[str, int] = {}
    for k, column in enumerate(columns):
        key = _name(column)
        for role, rx in _ROLES:
            if rx.search(key):
                if role not in found:
                    found[role] = k
                elif role == "thoi_han" and re.search(r"\b(?:hoan thanh|han)\b", key):
                    found[role] = k  # "Thời gian – Hoàn thành" over "Thời gian – Bắt đầu"
                break
    if "nhiem_vu" not in found or not any(role in found for role in UNIT_ROLES):
        return {}
    return found


def _reference(columns: list[str], k: int) -> str:
    """How `giao_viec` names column k: its name as written, or its number when two columns share
    a name (model/tasks.py finds a column by its folded name)."""
    same = [c for c in columns if _name(c) == _name(columns[k])]
    return columns[k] if len(same) == 1 and columns[k].strip() else str(k + 1)


def declare(columns: list[str], rows: list[list[str]]) -> tuple[Data, dict[str, str], list[str]] | None:
    """(`giao_viec`, role -> column name, notes) for a task table; None for any other table."""
    found = task_columns(columns)
    if not found:
        return None
    notes: list[str] = []
    deadline = found.get("thoi_han")
    if deadline is not None:
        bad = []
        for r, row in enumerate(rows, 1):
            cell = row[deadline].strip()
            if not cell:
                continue
            try:
                parse_deadline(cell)
            except DeadlineError:
                bad.append(f"dòng {r} “{' '.join(cell.split())}”")
        if bad:
            del found["thoi_han"]
            notes.append(f"Cột “{columns[deadline]}” chưa khai là thời hạn vì có ô không theo dạng thời hạn kho "
                         f"hiểu ({'; '.join(bad)}): chữ trong bảng giữ nguyên; nếu sửa được các ô đó theo trang "
                         f"Giao việc cho đơn vị thì thêm `thoi_han: {_reference(columns, deadline)}`.")
    giao_viec = {role: _reference(columns, found[role]) for role in _GV_ORDER if role in found}
    names = {role: columns[found[role]] for role in _GV_ORDER if role in found}
    return giao_viec, names, notes


# -- units (the importer's pass, with the registry) ------------------------------------------

_STRONG = ("\n", ";")
# How the names of bodies outside the unions begin (state bodies, mass organisations, companies).
_STATE_BODY = re.compile(
    r"^(?:sở|bộ|ban dân vận|bảo hiểm|ủy ban|uỷ ban|ubnd|công an|cục|chi cục|tổng cục|thanh tra|tỉnh đoàn|"
    r"đoàn thanh niên|hội|mặt trận|ngân hàng|báo|đài|trường|công ty|doanh nghiệp|phòng|bệnh viện|kho bạc|"
    r"văn phòng ubnd|văn phòng ủy ban|văn phòng uỷ ban)\b", re.I)


def _unknown_runs(cell: str, names: UnitNames, outside: list[str]) -> list[str]:
    """The names in `cell` that neither the registry nor `outside` has, as written. Unknown pieces
    stay together across "và" and across a comma before a lower-case word ("Các Ban, đơn vị trực
    thuộc"), never across a line break or `;`."""
    out_keys = {name_key(n) for n in outside}
    if not name_key(cell) or names.lookup(cell) or name_key(cell) in out_keys:
        return []
    pieces, seps = split_cell(cell)
    runs: list[str] = []
    current = ""
    last = -2  # index of the last unknown piece in `current`
    i = 0
    while i < len(pieces):
        if not name_key(pieces[i]):
            i += 1
            continue
        for j in range(len(pieces), i, -1):
            text = "".join(p + (seps[k] if k < j - 1 else "") for k, p in enumerate(pieces[i:j], start=i))
            if names.lookup(text) or name_key(text) in out_keys:
                break
        else:
            j = 0
        if j:
            if current:
                runs.append(current)
            current, last, i = "", -2, j
            continue
        sep = seps[i - 1] if i else ""
        joins = last == i - 1 and sep not in _STRONG and (
            sep.strip() in ("và", "and") or pieces[i].strip()[:1].islower())
        if joins:
            current = f"{current}{sep}{pieces[i]}"
        else:
            if current:
                runs.append(current)
            current = pieces[i]
        last = i
        i += 1
    if current:
        runs.append(current)
    return [" ".join(re.sub(r"^[\s\-–—•·*]+", "", r).split()) for r in runs if name_key(r)]


def _words(name: str) -> set[str]:
    return set(name_key(name).split())


def _suggest(name: str, units: Mapping[str, DonVi]) -> str | None:
    """The unit `name` most likely is another name of (half its words or more in common), if any."""
    want = _words(name)
    best, score = None, 0.5
    for unit in units.values():
        for other in (unit.ten, unit.ten_ngan, *unit.ten_khac):
            if not other:
                continue
            have = _words(other)
            s = len(want & have) / len(want | have) if want | have else 0.0
            if s >= score and (best is None or s > score):
                best, score = unit.ma, s
    return best


def match_units(draft: Draft, units: Mapping[str, DonVi], place: Callable[[DataPath], str]) -> None:
    """Match the unit columns of every task table against the registry; names no unit has go to
    the table's `ngoai_danh_muc` (as written) and to `draft.unknown_names` for the report."""
    names = UnitNames(dict(units))
    seen: dict[str, UnknownName] = {}
    for table in draft.task_tables:
        bang = table.table
        giao_viec: Data = bang["giao_viec"]
        columns: list[str] = bang["cot"]
        outside: list[str] = list(giao_viec.get("ngoai_danh_muc", []))
        added: list[str] = []
        where = place(table.path)
        for role in UNIT_ROLES:
            if role not in table.columns:
                continue
            c = columns.index(table.columns[role])
            for r, row in enumerate(bang["dong"], 1):
                for name in _unknown_runs(row[c], names, []):
                    key = name_key(name)
                    if key in seen:
                        seen[key].count += 1
                    else:
                        seen[key] = UnknownName(name, f"{where}, dòng {r}, cột “{columns[c]}”",
                                                suggestion=_suggest(name, units),
                                                state_body=bool(_STATE_BODY.match(name)))
                    if key not in {name_key(n) for n in outside}:
                        outside.append(name)
                        added.append(name)
        if added:
            giao_viec["ngoai_danh_muc"] = outside
            draft.unsure[table.path + ("bang", "giao_viec", "ngoai_danh_muc")] = (
                "Các tên trong ô của bảng mà danh mục đơn vị chưa có: tạm ghi là cơ quan ngoài danh mục. Tên nào "
                "là đơn vị của hệ thống công đoàn thì thêm vào danh mục (lệnh `make don-vi` trong báo cáo nhập); "
                "khi đó có thể xoá tên ấy khỏi danh sách này.")
    draft.unknown_names.extend(seen.values())


__all__ = ["task_columns", "declare", "match_units", "UNIT_ROLES", "ROLE_WORDS"]
