"""What a change to a document's file changed, in words a member reads (issue 18, part 3).

The history panel of a document page lists, per change, its date and this summary (from the
two versions of the YAML file), never the commit message, which is written for editors:
"Sửa trích yếu; sửa mục II.3.2; thêm mục IV." Parts are named by their ids as the page shows
them (`II.3.2`, ids built as ldkb.model.corpus builds them), fields by their meaning.
"""
from __future__ import annotations

import json
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Fields by what a reader calls them, in the order they are reported.
FIELD_NAMES: dict[str, str] = {
    "so_ky_hieu": "số, ký hiệu",
    "ma": "mã văn bản",
    "loai": "loại văn bản",
    "ten_ngan": "tên ngắn",
    "co_quan_chu_quan": "cơ quan chủ quản",
    "co_quan_ban_hanh": "cơ quan ban hành",
    "noi_ban_hanh": "nơi ban hành",
    "ngay_ban_hanh": "ngày ban hành",
    "trich_yeu": "trích yếu",
    "giai_doan": "giai đoạn thực hiện",
    "thuc_hien": "quan hệ với văn bản khác",
    "gan_voi": "quan hệ với văn bản khác",
    "thay_the": "quan hệ với văn bản khác",
    "sua_doi": "quan hệ với văn bản khác",
    "can_cu": "căn cứ ban hành",
    "hieu_luc": "tình trạng hiệu lực",
    "mo_dau": "phần mở đầu",
    "ket_thuc": "đoạn kết",
    "noi_nhan": "nơi nhận",
    "luu": "nơi nhận",
    "nguoi_ky": "người ký",
    "nguon": "nguồn thông tin",
    "ghi_chu": "ghi chú của biên tập",
}
# More changed parts than this are counted, not listed.
MAX_PARTS = 4


def _load(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _parts(items: Any, prefix: str) -> dict[str, tuple[str, Any]]:
    """id -> (label, own content without sub-parts), ids as the corpus makes them."""
    out: dict[str, tuple[str, Any]] = {}

    def walk(parts: Any, parent_id: str) -> None:
        if not isinstance(parts, list):
            return
        for i, part in enumerate(parts):
            if not isinstance(part, dict):
                continue
            if part.get("ma"):
                pid = str(part["ma"])
            elif part.get("so") is not None:
                so = str(part["so"])
                last = so.split(".")[-1] if "." in so else so
                pid = f"{parent_id}.{last}" if parent_id else f"{prefix}{last}"
            else:
                pid = f"{parent_id}.{i + 1}" if parent_id else f"{prefix}{i + 1}"
            own = {k: v for k, v in part.items() if k != "muc"}
            label = (f"phụ lục {part.get('so') or pid[len(prefix):]}" if prefix and not parent_id
                     else f"mục {pid}")
            out.setdefault(pid, (label, own))
            walk(part.get("muc"), pid)

    walk(items, "")
    return out


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


def describe(old_text: str | None, new_text: str | None) -> str:
    """One sentence: what the change from `old_text` to `new_text` (a document's YAML) changed."""
    new = _load(new_text)
    if new_text is None:
        return "Xoá văn bản khỏi kho."
    if new is None:
        return "Sửa tệp của văn bản."
    old = _load(old_text)
    if old_text is None or old is None:
        return "Đưa văn bản vào kho" + (", có toàn văn." if new.get("noi_dung") else ".")
    phrases: list[str] = []
    if not old.get("noi_dung") and new.get("noi_dung"):
        phrases.append("nhập toàn văn")
    elif old.get("noi_dung") and not new.get("noi_dung"):
        phrases.append("bỏ toàn văn")
    for key, name in FIELD_NAMES.items():
        if not _same(old.get(key), new.get(key)):
            verb = "bổ sung" if old.get(key) in (None, "", []) else ("bỏ" if new.get(key) in (None, "", []) else "sửa")
            phrase = f"{verb} {name}"
            if phrase not in phrases:
                phrases.append(phrase)
    if not (phrases and phrases[0] in ("nhập toàn văn", "bỏ toàn văn")):
        changed: list[str] = []
        for key, prefix in (("noi_dung", ""), ("phu_luc", "PL")):
            before, after = _parts(old.get(key), prefix), _parts(new.get(key), prefix)
            for pid, (label, own) in after.items():
                if pid not in before:
                    changed.append(f"thêm {label}")
                elif not _same(before[pid][1], own):
                    changed.append(f"sửa {label}")
            changed += [f"bỏ {label}" for pid, (label, _) in before.items() if pid not in after]
        if len(changed) > MAX_PARTS:
            changed = [f"sửa {len(changed)} mục của toàn văn"]
        phrases += changed
    if not phrases:
        return "Chỉnh cách trình bày tệp, nội dung không đổi."
    text = "; ".join(phrases)
    return text[:1].upper() + text[1:] + "."
