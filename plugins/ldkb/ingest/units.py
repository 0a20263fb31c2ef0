"""`make don-vi MA="ban-tuyen-giao" TEN="Ban Tuyên giáo"`: add a unit to `content/don-vi.yml`.

The registry file is edited as text (appended), so its comments and order stay as editors left
them. Refuses a code already used, a badly formed code, or an unknown parent.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ldkb.model.corpus import UNITS_FILE
from ldkb.text.normalize import exact_key, nfc, slugify


class UnitRefused(Exception):
    pass


def _registry(content: Path) -> tuple[Path, list[dict]]:
    path = Path(content) / UNITS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise UnitRefused(f"Không đọc được `{path.as_posix()}` ({exc}). Sửa tệp đó trước (chạy `make validate`).") from None
    return path, list(data.get("don_vi") or [])


def find_unit(units: list[dict] | dict, name: str) -> str | None:
    """The code of the unit named `name` (full or short name; case, tone placement, NFD ignored)."""
    want = exact_key(" ".join(name.split())).strip(" .:;,")
    items = units.values() if isinstance(units, dict) else units
    for u in items:
        get = (lambda k, u=u: getattr(u, k, None)) if not isinstance(u, dict) else u.get
        for key in ("ten", "ten_ngan"):
            value = get(key)
            if value and exact_key(" ".join(str(value).split())) == want:
                return get("ma")
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
