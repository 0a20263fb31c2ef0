"""Turn schema violations into Vietnamese messages that point at a line."""
from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ldkb.model.errors import ErrorLog
from ldkb.model.yaml_reader import Located

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "một đoạn chữ",
    "list_type": "một danh sách (mỗi mục một dòng bắt đầu bằng `- `)",
    "dict_type": "một nhóm trường (mỗi dòng dạng `ten_truong: giá trị`)",
    "model_type": "một nhóm trường (mỗi dòng dạng `ten_truong: giá trị`)",
    "model_attributes_type": "một nhóm trường (mỗi dòng dạng `ten_truong: giá trị`)",
    "int_parsing": "một số nguyên",
    "int_type": "một số nguyên",
    "bool_parsing": "`true` (có) hoặc `false` (không)",
    "bool_type": "`true` (có) hoặc `false` (không)",
}


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(gốc)"


# How an editor names the lists of a document, by the key that holds them.
_ITEM_WORDS = {
    "mo_dau": "đoạn mở đầu thứ {n}",
    "ket_thuc": "đoạn kết thứ {n}",
    "noi_dung": "đoạn thứ {n}",
    "noi_nhan": "nơi nhận thứ {n}",
    "chu_thich": "chú thích thứ {n}",
    "can_cu": "căn cứ thứ {n}",
    "dong": "dòng {n} của bảng",
    "cot": "cột {n} của bảng",
    "chuc_danh": "dòng chức danh thứ {n}",
}
_GROUP_WORDS = {"nguoi_ky": "khối chữ ký", "hieu_luc": "hiệu lực", "giai_doan": "giai đoạn", "bang": "bảng"}


def _part_number(item: Any, index: int) -> str:
    so = item.get("so") if isinstance(item, dict) else None
    return str(so).strip() if so not in (None, "") else f"(mục thứ {index + 1}, không số)"


def place_words(loc: tuple[Any, ...], data: Any) -> str:
    """Where `loc` points, as an editor reads the document: `mục II.3, đoạn thứ 2`,
    `phụ lục I › mục 7`, `nơi nhận thứ 3` (empty for a top-level field)."""
    words: list[str] = []
    part_ids: list[str] = []
    appendix = None
    node = data
    i = 0
    loc = tuple(loc)
    while i < len(loc) - 1:
        key = loc[i]
        nxt = loc[i + 1]
        child = node.get(key) if isinstance(node, dict) else None
        if isinstance(key, str) and isinstance(nxt, int) and isinstance(child, list):
            item = child[nxt] if nxt < len(child) else None
            if key == "phu_luc":
                appendix = _part_number(item, nxt)
                part_ids = []
            elif key == "muc" or (key == "noi_dung" and i == 0):
                part_ids.append(_part_number(item, nxt))
            else:
                if part_ids or appendix:
                    words.append(_part_label(appendix, part_ids))
                    part_ids, appendix = [], None
                words.append(_ITEM_WORDS.get(key, "mục thứ {n}").format(n=nxt + 1))
            node = item
            i += 2
            continue
        if isinstance(key, str) and key in _GROUP_WORDS:
            words.append(_GROUP_WORDS[key])
        node = child
        i += 1
    if part_ids or appendix:
        words.append(_part_label(appendix, part_ids))
    return " › ".join(words)


def _part_label(appendix: str | None, ids: list[str]) -> str:
    # Numbered as the site numbers parts: `3.1` under `II.3` is `II.3.1`.
    shown = ".".join(x.split(".")[-1] if not x.startswith("(") else x for x in ids)
    if appendix:
        return f"phụ lục {appendix}" + (f" › mục {shown}" if ids else "")
    return f"mục {shown}"


def _name(loc: tuple[Any, ...], data: Any) -> str:
    """`thuc_hien` for a top-level field; `chu_tri` (ở mục II.3 › đoạn thứ 4) below it."""
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    where = place_words(loc, data) if data is not None and len(loc) > 1 else ""
    if not field:
        return f"`{_field_path(loc)}`"
    return f"`{field}` ({where})" if where else f"`{field}`"


def _looks_like_text(key: str) -> bool:
    """A key no schema field could be: a sentence that ended in `:` and so became a key."""
    return bool(key) and (" " in key.strip() or not key.isascii() or key[:1].isupper())


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type | None:
    """The model that holds the field `loc` points at (None when the path leaves the schema)."""
    current: type | None = model
    for part in loc[:-1]:
        if current is None or isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = _inner_model(field.annotation) if field is not None else None
    return current


def _allowed(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed where `loc` points (for 'did you mean' hints)."""
    return list(getattr(_model_at(model, loc), "model_fields", {}) or [])


def _required(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """Names of the required fields of the model that holds `loc`."""
    fields = getattr(_model_at(model, loc), "model_fields", {}) or {}
    return {n for n, f in fields.items() if f.is_required()}


def _inner_model(annotation: Any) -> type | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and isinstance(origin, type) and issubclass(origin, BaseModel):
        return origin
    return None


def message_for(err: dict[str, Any], model: type[BaseModel], data: Any = None) -> tuple[str, str]:
    """(message, hint) in Vietnamese for one pydantic error; `data` (the file's content) lets the
    message name the place as the document numbers it instead of a data path."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = err["type"]
    name = _name(loc, data)
    where = place_words(loc, data) if data is not None and len(loc) > 1 else ""
    at = f" ({where})" if where else ""
    if kind == "missing":
        return (f"Thiếu trường bắt buộc `{loc[-1]}`{at}.", f"Thêm dòng `{loc[-1]}: …` vào đúng chỗ (xem mẫu).")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        if err.get("input", "") is None and _looks_like_text(key):
            # `- Các nhiệm vụ sau:` reads as a field named "Các nhiệm vụ sau" with no value.
            return (f"Đoạn “{key}:”{at} kết thúc bằng dấu hai chấm nên bị hiểu nhầm thành tên một trường.",
                    f"Đặt cả đoạn trong ngoặc kép, ví dụ `- \"{key}:\"` (hoặc `gach_dau_dong: \"{key}:\"`).")
        allowed = _allowed(model, loc)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Có phải bạn muốn viết `{close[0]}`?" if close else (
            "Các trường hợp lệ ở đây: " + ", ".join(f"`{a}`" for a in allowed) + "." if allowed else "")
        return (f"Trường `{key}`{at} không có trong mẫu (có thể gõ sai tên).", hint)
    if kind in _TYPE_WORDS and err.get("input", "") is None and loc:
        # A field left empty after `ten_truong:` (as `make new` writes it): ask to fill it in.
        required = str(loc[-1]) in _required(model, loc)
        what = "bắt buộc" if required else "đang để trống"
        return (f"Chưa điền trường {what} {name}." if required else f"Trường {name} {what}.",
                f"Điền {_TYPE_WORDS[kind]} ngay sau `{loc[-1]}:` (xem chú thích phía trên trong tệp)"
                + ("." if required else ", hoặc xoá hẳn dòng này."))
    if kind == "string_type" and isinstance(err.get("input"), list):
        values = [str(v) for v in err["input"] if v is not None]
        shown = ", ".join(f"`{v}`" for v in values[:4]) or "trống"
        return (f"Trường {name} chỉ nhận một giá trị, nhưng đang ghi một danh sách ({shown}).",
                f"Giữ một giá trị, viết ngay sau `{loc[-1]}:` (ví dụ `{loc[-1]}: {values[0] if values else '…'}`), "
                "bỏ dấu ngoặc vuông `[ ]` hoặc các dòng `- `.")
    if kind in _TYPE_WORDS:
        return (f"Trường {name} phải là {_TYPE_WORDS[kind]}.", "Xem mẫu trong trang Hướng dẫn biên tập.")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return (f"Giá trị của {name} không hợp lệ.", f"Chọn một trong: {expected}.")
    if kind == "model_attributes_type" or kind.endswith("_type"):
        return (f"Trường {name} sai kiểu dữ liệu.", "Xem mẫu trong trang Hướng dẫn biên tập.")
    # Our own PydanticCustomError messages are already Vietnamese.
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return (f"{name}: {msg}" if loc else msg, "")


def validate(model: type[M], src: Located, log: ErrorLog, prefix: tuple[Any, ...] = ()) -> M | None:
    """Validate `src.data` (or the part at `prefix`) against `model`, logging every error."""
    data = src.data
    for p in prefix:
        data = data[p]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line, col = src.where(loc, prefer_key=err["type"] == "extra_forbidden")
            msg, hint = message_for({**err, "loc": loc[len(prefix):]}, model, data)
            log.add(src.path, line, col, msg, hint)
        return None
