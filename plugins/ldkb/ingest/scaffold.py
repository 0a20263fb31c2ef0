"""`make new SO="120/KH-LĐLĐ"`: write a new document file for editors to fill in.

The template is generated from the schema (every field of `VanBan`, in order,
with its Vietnamese description as a comment), so it cannot drift from what
the validator accepts. Type and file name come from the symbol.
"""
from __future__ import annotations

import argparse
import sys
import textwrap
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.model.schema import VanBan
from ldkb.model.symbols import DOCUMENT_TYPES, parse_symbol, symbol_key
from ldkb.text.normalize import slugify

# Fields whose value the scaffold fills from the symbol.
_FROM_SYMBOL = ("so_ky_hieu", "loai")

# Format examples shown as comments under list fields whose items are structures.
# They show the shape only ("…" stands for the editor's text); nothing here is content.
_EXAMPLES: dict[str, str] = {
    "giai_doan": "giai_doan:\n  tu_nam: 2020\n  den_nam: 2023",
    "thuc_hien": "thuc_hien:\n  - 117/KH-LĐLĐ\n  - 117/KH-LĐLĐ#II.3",
    "mo_dau": "mo_dau:\n  - …đoạn văn mở đầu, chép nguyên văn…",
    "noi_dung": (
        "noi_dung:\n"
        "  - so: I\n"
        "    tieu_de: MỤC ĐÍCH, YÊU CẦU\n"
        "    muc:\n"
        "      - so: \"1\"\n"
        "        tieu_de: …\n"
        "        noi_dung:\n"
        "          - …một đoạn văn…\n"
        "          - gach_dau_dong: …một ý gạch đầu dòng…\n"
        "            chu_tri: ban-cspl-qhld\n"
        "            phoi_hop: [van-phong]\n"
        "            thoi_han: Hằng năm\n"
        "          - bang:\n"
        "              cot: [Nội dung, Đơn vị]\n"
        "              dong:\n"
        "                - [\"…\", \"…\"]\n"
        "        muc:\n"
        "          - so: a\n"
        "            noi_dung:\n"
        "              - …điểm a)…"
    ),
    "ket_thuc": "ket_thuc:\n  - …đoạn kết…",
    "phu_luc": "phu_luc:\n  - so: I\n    tieu_de: …\n    noi_dung:\n      - …",
    "noi_nhan": "noi_nhan:\n  - ten: Tổng LĐLĐ Việt Nam\n    muc_dich: b/cáo",
}


class ScaffoldError(Exception):
    """A refusal with a Vietnamese message for the editor."""


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))


def _scalar(value: Any) -> str:
    """A value written as YAML would read it back (quotes only when needed)."""
    if value is None:
        return ""
    out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return out.removesuffix("\n...\n").rstrip("\n")


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 96, break_on_hyphens=False)]


def _required_note(name: str, field: FieldInfo, model: type[BaseModel]) -> str:
    if field.is_required() and name not in _FROM_SYMBOL:
        return " (BẮT BUỘC — phải điền)"
    return ""


def _fields(model: type[BaseModel], values: dict[str, Any], indent: str = "") -> list[str]:
    lines: list[str] = []
    for name, field in model.model_fields.items():
        desc = (field.description or "") + _required_note(name, field, model)
        lines += _comment(desc, indent)
        sub = _model_of(field.annotation)
        if name in values:
            lines.append(f"{indent}{name}: {_scalar(values[name])}".rstrip())
        elif _is_list(field.annotation):
            if name in _EXAMPLES:
                lines.append(f"{indent}# Ví dụ:")
                lines += [f"{indent}#   {ln}" for ln in _EXAMPLES[name].splitlines()]
            lines.append(f"{indent}{name}: []")
        elif sub is not None and all(not f.is_required() for f in sub.model_fields.values()):
            lines.append(f"{indent}{name}:")
            lines += _fields(sub, {}, indent + "  ")
        else:
            if name in _EXAMPLES:
                lines.append(f"{indent}# Ví dụ:")
                lines += [f"{indent}#   {ln}" for ln in _EXAMPLES[name].splitlines()]
            default = field.get_default(call_default_factory=False)
            shown = default if isinstance(default, (str, int)) and not isinstance(default, bool) else None
            lines.append(f"{indent}{name}: {_scalar(shown)}".rstrip())
    return lines


_HEAD = [
    "# Điền các trường dưới đây theo văn bản gốc; dòng bắt đầu bằng `#` là chú thích, không hiển thị.",
    "# Trường nào nguồn không ghi thì để trống (không đoán). Xem trang “Hướng dẫn biên tập” trên trang web,",
    "# rồi chạy `make validate` để kiểm tra và `make serve` để xem trước.",
]


def template_without_symbol(ma: str, loai: str) -> tuple[str, str]:
    """(file stem, YAML text) of a document that has no number and symbol (yet): named by `ma`."""
    if not ma or slugify(ma) != ma:
        raise ScaffoldError(f"Mã `{ma}` chỉ được có chữ thường không dấu, số và dấu `-` "
                            f"(ví dụ `{slugify(ma) or 'ke-hoach-thuc-hien-chi-thi-07'}`).")
    name = next((t for t in DOCUMENT_TYPES if t.casefold() == (loai or "").strip().casefold()), None)
    if name is None:
        raise ScaffoldError(f"Loại văn bản `{loai}` không có trong danh mục. Ghi LOAI=\"…\" là một trong: "
                            + ", ".join(DOCUMENT_TYPES) + ".")
    head = [f"# {name} chưa có số, ký hiệu (mã `{ma}`): tệp mới tạo bằng `make new`."] + _HEAD
    return ma, "\n".join(head + _fields(VanBan, {"ma": ma, "loai": name})) + "\n"


def template(symbol_text: str) -> tuple[str, str]:
    """(file stem, YAML text) of a new document with the symbol `symbol_text`."""
    sym = parse_symbol(symbol_text)
    if sym is None:
        raise ScaffoldError(
            f"Số, ký hiệu `{symbol_text}` không đúng quy tắc. Viết như `120/KH-LĐLĐ` (văn bản nhà nước, "
            "công đoàn) hoặc `36-CTr/TU` (văn bản của Đảng)."
        )
    head = [f"# {sym.type_name} {sym.text}: tệp mới tạo bằng `make new`."] + _HEAD
    body = _fields(VanBan, {"so_ky_hieu": sym.text, "loai": sym.type_name})
    return sym.slug, "\n".join(head + body) + "\n"


def _existing(doc_dir: Path, field: str, same: Callable[[str], bool]) -> Path | None:
    """A file already holding this symbol (or id) under another spelling or file name."""
    for path in sorted(doc_dir.glob("*.y*ml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for line in text.splitlines():
            if line.startswith(f"{field}:"):
                value = line.split(":", 1)[1].strip().strip("\"'")
                if value and same(value):
                    return path
                break
    return None


def create(content_dir: Path, symbol_text: str, ma: str | None = None, loai: str | None = None) -> Path:
    """Write the new document file; refuse to overwrite anything.

    With a symbol, type and file name come from it; without one, `ma` and `loai` are needed."""
    if symbol_text.strip():
        stem, text = template(symbol_text)
        key = symbol_key(symbol_text)
        field, same, what = "so_ky_hieu", (lambda v: symbol_key(v) == key), f"Văn bản `{symbol_text}`"
    elif ma:
        stem, text = template_without_symbol(ma, loai or "")
        field, same, what = "ma", (lambda v: v == ma), f"Mã `{ma}`"
    else:
        raise ScaffoldError('Thiếu số, ký hiệu. Dùng: make new SO="120/KH-LĐLĐ" '
                            '(văn bản chưa có số: make new MA="ma-van-ban" LOAI="Kế hoạch")')
    doc_dir = Path(content_dir) / DOCUMENTS_DIR
    path = doc_dir / f"{stem}.yml"
    if path.exists() or path.with_suffix(".yaml").exists():
        raise ScaffoldError(f"Tệp `{path.as_posix()}` đã có: không ghi đè. Mở tệp đó để sửa văn bản.")
    other = _existing(doc_dir, field, same) if doc_dir.is_dir() else None
    if other is not None:
        raise ScaffoldError(f"{what} đã có trong tệp `{other.as_posix()}`: không tạo tệp thứ hai.")
    doc_dir.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    return path


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = create(Path(args.content), args.so, getattr(args, "ma", None), getattr(args, "loai", None))
    except ScaffoldError as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ Đã tạo `{path.as_posix()}`. Mở tệp, điền các trường (xem chú thích trong tệp và trang "
          "“Hướng dẫn biên tập”), rồi chạy `make validate`.")
    return 0
