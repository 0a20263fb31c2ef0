"""The Vietnamese report printed after an import: what was recognised, what needs the editor.

Sections: the file written (or why not); what was recognised (with the source's own words for the
layout text the content file does not store: national title, "Số:", place and date…; task tables and
how many tasks they give); what the reader repaired; text written in the nearest form the model
holds ("+" items, headings without a number); every source line not placed, with its line or page
number; cited documents not in the collection and units not in the registry, each with the exact
command that adds it (or adds the name to a unit already there); the validation result.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ldkb.ingest.draft import Data
from ldkb.ingest.importer import ImportResult
from ldkb.ingest.task_table import ROLE_WORDS
from ldkb.model.schema import Muc
from ldkb.text.normalize import slugify


def _count_parts(parts: list[Data]) -> tuple[int, int]:
    n = blocks = 0
    for p in parts:
        n += 1
        blocks += len(p.get("noi_dung", []))
        a, b = _count_parts(p.get("muc", []))
        n, blocks = n + a, blocks + b
    return n, blocks


def _parts(parts: list[Data]) -> Iterator[Data]:
    for p in parts:
        yield p
        yield from _parts(p.get("muc", []))


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _numbering(data: Data) -> list[str]:
    """What the report says about numbering: articles, untitled items, marks kept as written."""
    every = list(_parts(data.get("noi_dung", []))) + [
        p for a in data.get("phu_luc", []) for p in _parts(a.get("muc", []))]
    out = []
    articles = [p for p in every if str(p.get("so", "")).startswith("Điều")]
    if articles:
        out.append(f"  - Điều: {len(articles)} (“{Muc(so=articles[0]['so']).label}” …)")
    untitled = [p for p in every if p.get("so") and not p.get("tieu_de")]
    if untitled:
        out.append(f"  - Mục, điểm không tiêu đề (số in liền vào đoạn văn đầu, như bản gốc): {len(untitled)}")
    marks = sorted({Muc(so=str(p["so"])).label for p in every if p.get("so") and str(p["so"])[-1] in ").:/"
                    and not str(p["so"]).startswith("Điều")})
    if marks:
        out.append("  - Đánh số giữ đúng như bản gốc: " + ", ".join(f"“{m}”" for m in marks))
    return out


def format_report(result: ImportResult) -> str:
    d = result.draft
    data = d.data
    src = d.source
    kind = {"docx": "Word", "pdf": "PDF", "txt": "văn bản thuần"}.get(src.kind, src.kind) if src else "?"
    out = [f"Nhập văn bản từ tệp `{Path(result.source_path).name}` ({kind})", ""]
    if result.existing is not None and not result.written:
        out += [f"✗ Văn bản này đã có trong tệp `{result.existing.as_posix()}`: không ghi đè.",
                "  Tệp Word mới của một văn bản đã có là chuyện thường: để thay nội dung cũ bằng bản nhập này, chạy",
                f"  lại với GHI_DE=1 (make nhap TEP=\"{result.source_path}\" GHI_DE=1); git vẫn giữ bản cũ.", ""]
    elif result.written:
        out += [f"✓ Đã ghi `{result.target.as_posix()}`.", ""]
    else:
        out += [f"(Chạy thử: chưa ghi tệp; tệp sẽ là `{result.target.as_posix()}`.)", ""]

    out.append("Đã nhận ra:")
    if data.get("so_ky_hieu"):
        out.append(f"  - Số, ký hiệu: {data['so_ky_hieu']}")
    elif data.get("ky_hieu_chua_so"):
        out.append(f"  - Văn bản chưa có số; ký hiệu: {data['ky_hieu_chua_so']}")
    else:
        out.append("  - Số, ký hiệu: không có (đặt mã `" + str(data.get("ma")) + "`)")
    for key, label in (("co_quan_chu_quan", "Cơ quan chủ quản"), ("co_quan_ban_hanh", "Cơ quan ban hành"),
                       ("noi_ban_hanh", "Nơi ban hành"), ("ngay_ban_hanh", "Ngày ban hành"),
                       ("loai", "Loại"), ("trich_yeu", "Trích yếu")):
        out.append(f"  - {label}: {_quote(data[key]) if data.get(key) else 'không thấy trong bản gốc'}")
    parts, blocks = _count_parts(data.get("noi_dung", []))
    tables = sum(1 for _, t in _walk(data) if t == "bang")
    out.append(f"  - Căn cứ: {len(data.get('can_cu', []))}; mở đầu: {len(data.get('mo_dau', []))} đoạn; nội dung: "
               f"{len(data.get('noi_dung', []))} phần lớn, {parts} mục, {blocks} đoạn/ý/bảng ({tables} bảng); "
               f"đoạn kết: {len(data.get('ket_thuc', []))}; phụ lục: {len(data.get('phu_luc', []))}")
    out += _numbering(data)
    for table in d.task_tables:
        rows = len(table.table["dong"])
        roles = "; ".join(f"{ROLE_WORDS[role]}: cột “{name}”" for role, name in table.columns.items())
        out.append(f"  - Bảng giao việc ({table.where}): {rows} dòng, mỗi dòng là một nhiệm vụ ({roles})")
    rec = data.get("noi_nhan", [])
    out.append(f"  - Nơi nhận: {len(rec)} nơi" + (f"; Lưu: {data['luu']}" if data.get("luu") else ""))
    signer = data.get("nguoi_ky")
    if signer:
        lines = signer.get("chuc_danh") or [x for x in (signer.get("tham_quyen"), signer.get("chuc_vu")) if x]
        out.append(f"  - Người ký: {' / '.join(lines) or '(không có chức danh)'}"
                   + (f" — {signer['ho_ten']}" if signer.get("ho_ten") else " — không có tên"))
    else:
        out.append("  - Người ký: không thấy khối chữ ký")
    if data.get("chu_thich"):
        out.append(f"  - Chú thích: {len(data['chu_thich'])}")
    if data.get("thuc_hien"):
        out.append(f"  - Thực hiện văn bản: {', '.join(data['thuc_hien'])} (gợi ý, xem lại)")
    out.append("")
    shown = [(what, text, where) for what, text, where in d.layout if not what.startswith("Cơ quan")]
    if shown:
        out.append("Chữ trình bày của bản gốc (không ghi vào tệp: trang web, bản in và bản Word tự in lại):")
        for what, text, where in shown:
            out.append(f"  - {what}: {_quote(text)} ({where})")
        out.append("")

    if src is not None and (src.repairs or src.removed or src.warnings):
        out.append("Đã sửa hoặc bỏ qua khi đọc tệp:")
        for r in src.repairs:
            out.append(f"  - {r}")
        for text, where in src.removed:
            out.append(f"  - Bỏ {_quote(text, 80)} ({where})")
        for wn in src.warnings:
            out.append(f"  - Lưu ý: {wn}")
        out.append("")

    if d.conversions:
        out.append("Ghi theo dạng gần nhất mà mẫu có (không mất chữ nào; xem lại nếu cần):")
        groups: dict[tuple[str, str], list[str]] = {}
        for c in d.conversions:
            groups.setdefault((c.what, c.done), []).append(f"{_quote(c.text, 60)} ({c.where})")
        for (what, done), places in groups.items():
            out.append(f"  - {what}: {len(places)} chỗ, {done}:")
            out += [f"      {p}" for p in places]
        out.append("")

    if d.unsure:
        out.append(f"Chỗ chưa chắc: {len(d.unsure)} (ghi chú “# KIỂM TRA:” ngay trên dòng đó trong tệp).")
        out.append("")

    if d.unplaced:
        out.append(f"Dòng chưa xếp được ({len(d.unplaced)}) — chép tay vào đúng chỗ trong tệp nếu cần:")
        for u in d.unplaced:
            out.append(f"  - {u.where}: {_quote(u.text)} — {u.why}")
    else:
        out.append("Mọi dòng của bản gốc đã được xếp vào tệp.")
    out.append("")

    unknown = [c for c in result.citations if not c.known]
    if unknown:
        out.append("Văn bản được nhắc đến nhưng chưa có trong kho (thêm để có liên kết):")
        for ref in dict.fromkeys(c.ref for c in unknown):
            where = ", ".join(dict.fromkeys(c.where for c in unknown if c.ref == ref))
            out.append(f"  - {ref} ({where}): make new SO=\"{ref}\"")
        out.append("")
    if d.unknown_units:
        out.append("Đơn vị chưa có trong danh mục `content/don-vi.yml`:")
        for name, where in d.unknown_units:
            out.append(f"  - “{name}” ({where}): make don-vi MA=\"{slugify(name)}\" TEN=\"{name}\"")
        out.append("")
    if d.unknown_names:
        out.append("Tên trong bảng giao việc mà danh mục đơn vị chưa có (đã ghi tạm vào `ngoai_danh_muc` của bảng, "
                   "như cơ quan ngoài danh mục, để tệp hợp lệ):")
        for n in d.unknown_names:
            times = f"; {n.count} ô" if n.count > 1 else ""
            out.append(f"  - “{n.name}” ({n.where}{times}):")
            outside = "      là cơ quan ngoài hệ thống công đoàn (sở, ngành…): không cần làm gì"
            if n.state_body:
                out.append(outside.replace("      là", "      có vẻ là", 1))
            out.append(f"      là đơn vị của hệ thống công đoàn: make don-vi MA=\"{slugify(n.name)}\" TEN=\"{n.name}\"")
            code = n.suggestion or "mã-đơn-vị-đã-có"
            maybe = f" (có thể là `{n.suggestion}`)" if n.suggestion else ""
            out.append(f"      là cách gọi khác của một đơn vị đã có{maybe}: make don-vi MA=\"{code}\" TEN_KHAC=\"{n.name}\"")
            if not n.state_body:
                out.append(outside)
        out.append("")

    if result.validated:
        if result.errors:
            out.append(f"Kiểm tra (như `make validate`): {len(result.errors)} lỗi cần sửa trong tệp:")
            for e in result.errors:
                out.append("  " + e.format().replace("\n", "\n  "))
        else:
            out.append("Kiểm tra (như `make validate`): hợp lệ.")
    return "\n".join(out).rstrip() + "\n"


def _walk(node: Any, key: str | None = None) -> Iterator[tuple[Any, str | None]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield v, k
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)
