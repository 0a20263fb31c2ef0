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


def message_for(err: dict[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) in Vietnamese for one pydantic error."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    kind = err["type"]
    name = _field_path(loc)
    if kind == "missing":
        return (f"Thiếu trường bắt buộc `{loc[-1]}`.", f"Thêm dòng `{loc[-1]}: …` vào đúng chỗ (xem mẫu).")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed(model, loc)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Có phải bạn muốn viết `{close[0]}`?" if close else (
            "Các trường hợp lệ ở đây: " + ", ".join(f"`{a}`" for a in allowed) + "." if allowed else "")
        return (f"Trường `{key}` không có trong mẫu (có thể gõ sai tên).", hint)
    if kind in _TYPE_WORDS and err.get("input", "") is None and loc:
        # A field left empty after `ten_truong:` (as `make new` writes it): ask to fill it in.
        required = str(loc[-1]) in _required(model, loc)
        what = "bắt buộc" if required else "đang để trống"
        return (f"Chưa điền trường {what} `{name}`." if required else f"Trường `{name}` {what}.",
                f"Điền {_TYPE_WORDS[kind]} ngay sau `{loc[-1]}:` (xem chú thích phía trên trong tệp)"
                + ("." if required else ", hoặc xoá hẳn dòng này."))
    if kind in _TYPE_WORDS:
        return (f"Trường `{name}` phải là {_TYPE_WORDS[kind]}.", "Xem mẫu trong trang Hướng dẫn biên tập.")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return (f"Giá trị của `{name}` không hợp lệ.", f"Chọn một trong: {expected}.")
    if kind == "model_attributes_type" or kind.endswith("_type"):
        return (f"Trường `{name}` sai kiểu dữ liệu.", "Xem mẫu trong trang Hướng dẫn biên tập.")
    # Our own PydanticCustomError messages are already Vietnamese.
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return (f"`{name}`: {msg}" if loc else msg, "")


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
            msg, hint = message_for({**err, "loc": loc[len(prefix):]}, model)
            log.add(src.path, line, col, msg, hint)
        return None
