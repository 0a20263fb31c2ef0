"""The editors' field reference, generated from the schema so it can never drift.

Walks the pydantic models from the content files' root models, and writes one
Markdown table per model: field, kind of value, required or not, default, and
the field's Vietnamese description from `schema.py`.
"""
from __future__ import annotations

import datetime as dt
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ldkb.model import schema as s
from ldkb.model.folders import DOCUMENTS_DIR

# (root model, file it describes) in the order editors meet them.
ROOTS: list[tuple[type[BaseModel], str]] = [
    (s.VanBan, f"mỗi tệp trong `content/{DOCUMENTS_DIR}/`"),
    (s.DanhMucDonVi, "`content/don-vi.yml`"),
    (s.DanhMucThuatNgu, "`content/thuat-ngu.yml`"),
    (s.DanhMucPhongTrao, "`content/phong-trao.yml`"),
    (s.CaiDat, "`content/cai-dat.yml`"),
    (s.TienDo, "mỗi tệp trong `content/tien-do/` (báo cáo tiến độ)"),
]

# Vietnamese names of the models; a model missing here is still documented under its class name.
TITLES: dict[str, str] = {
    "VanBan": "Văn bản",
    "Muc": "Mục",
    "PhuLuc": "Phụ lục",
    "Khoi": "Khối nội dung (đoạn văn, gạch đầu dòng, bảng)",
    "Bang": "Bảng",
    "PhanCong": "Phân công",
    "HieuLuc": "Hiệu lực",
    "GiaiDoan": "Giai đoạn",
    "NoiNhan": "Nơi nhận",
    "NguoiKy": "Người ký",
    "ChuThich": "Chú thích",
    "DanhMucDonVi": "Danh mục đơn vị",
    "DonVi": "Đơn vị",
    "DanhMucThuatNgu": "Danh mục chữ viết tắt",
    "ThuatNgu": "Chữ viết tắt",
    "DanhMucPhongTrao": "Danh mục phong trào",
    "PhongTrao": "Phong trào thi đua, cuộc vận động",
    "CaiDat": "Cài đặt chung",
    "NgoaiDanhMuc": "Cơ quan ngoài danh mục đơn vị",
    "GiaoViecBang": "Bảng giao việc (các cột)",
    "TienDo": "Báo cáo tiến độ",
    "BaoCao": "Một báo cáo tiến độ",
}


def anchor(model: type) -> str:
    return f"truong-{model.__name__.lower()}"


def title(model: type) -> str:
    return TITLES.get(model.__name__, model.__name__)


def _strip(annotation: Any) -> Any:
    """Drop Optional[...] and Annotated[...] wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def kind(annotation: Any) -> str:
    """What an editor writes there, in Vietnamese (Markdown)."""
    a = _strip(annotation)
    origin = typing.get_origin(a)
    if origin is list:
        inner = _strip(typing.get_args(a)[0])
        if inner is s.Khoi:
            return (f"danh sách [khối]({'#' + anchor(s.Khoi)}); một dòng chữ đơn (`- …`) là một đoạn văn")
        return "danh sách: " + kind(inner)
    if origin is Literal:
        return "một trong: " + ", ".join(f"`{v}`" for v in typing.get_args(a))
    if isinstance(a, type) and issubclass(a, BaseModel):
        return f"[{title(a)}](#{anchor(a)})"
    if a is str:
        return "chữ"
    if a is int:
        return "số nguyên"
    if a is bool:
        return "`true` hoặc `false`"
    if a is dt.date:
        return "ngày, dạng ngày/tháng/năm"
    return f"`{getattr(a, '__name__', a)}`"


def _models(annotation: Any) -> list[type[BaseModel]]:
    a = _strip(annotation)
    if isinstance(a, type) and issubclass(a, BaseModel):
        return [a]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(a):
        out += _models(arg)
    return out


def all_models() -> list[tuple[type[BaseModel], str]]:
    """Every model reachable from the roots, each once, breadth first."""
    seen: dict[type, str] = {}
    for root in ROOTS:  # each file's models together
        queue = [root]
        while queue:
            model, where = queue.pop(0)
            if model in seen:
                continue
            seen[model] = where
            for f in model.model_fields.values():
                for sub in _models(f.annotation):
                    queue.append((sub, ""))
    return list(seen.items())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(f: FieldInfo) -> str:
    if f.is_required():
        return ""
    value = f.get_default(call_default_factory=True)
    if value in (None, [], "") or isinstance(value, BaseModel):
        return ""
    return f"`{value}`"


def field_reference(heading_level: int = 2) -> str:
    """The whole reference as Markdown."""
    h = "#" * heading_level
    out: list[str] = []
    for model, where in all_models():
        out += [f"{h} {title(model)} {{#{anchor(model)}}}", ""]
        if where:
            out += [f"Dùng cho: {where}.", ""]
        out += ["| Trường | Giá trị | Bắt buộc | Mặc định | Ý nghĩa |", "|---|---|---|---|---|"]
        for name, f in model.model_fields.items():
            out.append(
                f"| `{name}` | {_cell(kind(f.annotation))} | {'có' if f.is_required() else 'không'} "
                f"| {_cell(_default(f))} | {_cell(f.description or '')} |"
            )
        out.append("")
    return "\n".join(out)
