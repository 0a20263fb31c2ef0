"""`make don-vi MA="ban-tuyen-giao" TEN="Ban Tuyên giáo"`: add a unit to `content/don-vi.yml`;
`make don-vi MA="van-phong" TEN_KHAC="VP LĐLĐ tỉnh"`: add another name of a unit already there.

The registry file is edited as text (a unit appended; a name added to its `ten_khac` in place), so
its comments and order stay as editors left them. Refuses a code already used, a badly formed code,
an unknown parent or unit, or a name another unit already has; an edit that would not read back as
intended is undone.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ldkb.model.corpus import UNITS_FILE
from ldkb.model.schema import DonVi
from ldkb.model.unit_names import name_key
from ldkb.text.normalize import exact_key, nfc, slugify


class UnitRefused(Exception):
    pass


def _registry(content: Path) -> tuple[Path, list[dict[str, Any]]]:
    path = Path(content) / UNITS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UnitRefused(f"Không đọc được `{path.as_posix()}` ({exc}). Sửa tệp đó trước (chạy `make validate`).") from None
    units = data.get("don_vi") if isinstance(data, dict) else None
    return path, [u for u in units or [] if isinstance(u, dict)]


def _names(unit: Mapping[str, Any] | DonVi) -> list[str]:
    get = unit.get if isinstance(unit, Mapping) else (lambda k: getattr(unit, k, None))
    out = [get("ten"), get("ten_ngan"), *(get("ten_khac") or [])]
    return [str(n) for n in out if n]


def _key(name: str) -> str:
    return exact_key(" ".join(name.split())).strip(" .:;,")


def find_unit(units: list[dict[str, Any]] | Mapping[str, DonVi], name: str) -> str | None:
    """The code of the unit named `name` (full or short name; case, tone placement, NFD ignored)."""
    want = _key(name)
    items = list(units.values()) if isinstance(units, Mapping) else units
    for u in items:
        get = u.get if isinstance(u, dict) else (lambda k, u=u: getattr(u, k, None))
        if any(_key(str(n)) == want for n in (get("ten"), get("ten_ngan")) if n) and get("ma"):
            return str(get("ma"))
    return None


def add_unit(content: Path, ma: str, ten: str, ten_ngan: str | None = None, thuoc: str | None = None) -> Path:
    ma, ten = (ma or "").strip(), nfc((ten or "").strip())
    if not ten:
        raise UnitRefused('Thiếu tên đơn vị. Dùng: make don-vi MA="ban-tuyen-giao" TEN="Ban Tuyên giáo"')
    if not ma:
        ma = slugify(ten)
    if slugify(ma) != ma:
        raise UnitRefused(f"Mã `{ma}` chỉ được có chữ thường không dấu, số và dấu `-` (ví dụ `{slugify(ma)}`).")
    path, units = _registry(content)
    if any(u.get("ma") == ma for u in units):
        raise UnitRefused(f"Mã đơn vị `{ma}` đã có trong `{path.as_posix()}`.")
    same = find_unit(units, ten)
    if same:
        raise UnitRefused(f"Đơn vị “{ten}” đã có trong danh mục với mã `{same}`.")
    if thuoc and not any(u.get("ma") == thuoc for u in units):
        raise UnitRefused(f"Đơn vị cấp trên `{thuoc}` không có trong danh mục.")
    entry = {"ma": ma, "ten": ten}
    if ten_ngan:
        entry["ten_ngan"] = ten_ngan
    if thuoc:
        entry["thuoc"] = thuoc
    text = path.read_text(encoding="utf-8")
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=10**6)
    block = "".join(f"  {ln}\n" for ln in block.splitlines())
    with open(path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(("" if text.endswith("\n") else "\n") + block)
    return path


def _flow_item(name: str) -> str:
    out = yaml.safe_dump([name], allow_unicode=True, default_flow_style=True, width=10**6).strip()
    return out[1:-1]


def add_alias(content: Path, ma: str, alias: str) -> Path:
    """Add `alias` to the `ten_khac` of unit `ma` (how a task table's cell may name it)."""
    ma, alias = (ma or "").strip(), nfc(" ".join((alias or "").split()))
    if not ma or not alias:
        raise UnitRefused('Thiếu mã đơn vị hoặc tên khác. Dùng: make don-vi MA="van-phong" TEN_KHAC="VP LĐLĐ tỉnh"')
    path, units = _registry(content)
    unit = next((u for u in units if u.get("ma") == ma), None)
    if unit is None:
        codes = ", ".join(f"`{u.get('ma')}`" for u in units)
        raise UnitRefused(f"Không có đơn vị mã `{ma}` trong `{path.as_posix()}` (các mã: {codes}).")
    # Compared as task-table cells are matched (model/unit_names.py): no marks, any case.
    owner = next((str(u.get("ma")) for u in units
                  if any(name_key(n) == name_key(alias) for n in [*_names(u), str(u.get("ma") or "")])), None)
    if owner == ma:
        raise UnitRefused(f"“{alias}” đã là một tên của đơn vị `{ma}`.")
    if owner:
        raise UnitRefused(f"“{alias}” đã là tên của đơn vị `{owner}`: một tên chỉ thuộc một đơn vị.")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines)
                  if re.fullmatch(rf"\s*-\s+ma:\s*[\"']?{re.escape(ma)}[\"']?\s*(#.*)?", ln)), None)
    if start is None:
        raise UnitRefused(f"Không tìm được dòng `- ma: {ma}` trong `{path.as_posix()}`: thêm tên khác bằng tay "
                          f"vào `ten_khac` của đơn vị đó.")
    indent = " " * (len(lines[start]) - len(lines[start].lstrip()) + 2)
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(indent)):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    at = next((i for i in range(start + 1, end) if re.match(rf"{indent}ten_khac:", lines[i])), None)
    if at is None:
        lines.insert(end, f"{indent}ten_khac: [{_flow_item(alias)}]")
    elif re.fullmatch(rf"{indent}ten_khac:\s*\[(.*)\]\s*", lines[at]):
        inner = re.fullmatch(rf"{indent}ten_khac:\s*\[(.*)\]\s*", lines[at])
        assert inner is not None
        items = inner.group(1).strip()
        lines[at] = f"{indent}ten_khac: [{items + ', ' if items else ''}{_flow_item(alias)}]"
    else:  # a block list: a new item after the last one
        last = at
        while last + 1 < end and re.match(rf"{indent}\s*-\s", lines[last + 1]):
            last += 1
        item_indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())] if last > at else indent + "  "
        lines.insert(last + 1, f"{item_indent}- {_flow_item(alias)}")
    new_text = "\n".join(lines)
    data = yaml.safe_load(new_text) or {}
    after = next((u for u in data.get("don_vi", []) if isinstance(u, dict) and u.get("ma") == ma), {})
    if alias not in (after.get("ten_khac") or []):
        raise UnitRefused(f"Không sửa được `{path.as_posix()}` tự động: thêm “{alias}” bằng tay vào `ten_khac` "
                          f"của đơn vị `{ma}`.")
    path.write_text(new_text, encoding="utf-8", newline="\n")
    return path
