"""Render a document of the content model as a Markdown page for the site.

The body becomes real Markdown headings, paragraphs and lists (so the table of
contents, search sections and permalinks work), with every piece of editor text
escaped: HTML or Markdown in a field is shown as text, never interpreted.
Headings carry the parts' stable anchors (`{#ii-3-1}`), never slugs of
Vietnamese headings.
"""
from __future__ import annotations

import html
from collections import defaultdict

from ldkb.model.corpus import Corpus
from ldkb.model.schema import TINH_TRANG, Bang, Khoi, Muc, VanBan
from ldkb.model.symbols import unnumbered_code
from ldkb.text.normalize import slugify, sort_key
from ldkb.text.dates import long_date, short_date
from ldkb.render.markup import esc, md_escape, page_link, text_html, ul_html
from ldkb.graph.effect import period_notice
from ldkb.render.graph_pages import related_markdown
from ldkb.render.paths import PDF_DIR, document_pdf

def document_markdown(doc: VanBan, corpus: Corpus) -> str:
    """The whole page of one document."""
    out: list[str] = [
        "---",
        f"title: {_yaml_str(doc.title)}",
        f"description: {_yaml_str(_description(doc))}",
        "---",
        "",
        _header_html(doc, corpus),
        "",
        f"# {md_escape(doc.loai.upper())} {{#van-ban .vb-title}}",
        "",
        f'<p class="vb-subject">{esc(doc.trich_yeu)}</p>',
        "",
        _meta_html(doc, corpus),
        "",
        _pdf_link_html(doc),
        "",
    ]
    out += period_notice(doc)
    if doc.ghi_chu:
        out += ['!!! note "Ghi chú của biên tập"', "", f"    {md_escape(doc.ghi_chu)}", ""]
    if not doc.full_text:
        out += _missing_text_notice(doc)
    else:
        out += _blocks(doc.mo_dau, corpus)
        for part in doc.noi_dung:
            out += _part(part, corpus, base_level=2)
        out += _blocks(doc.ket_thuc, corpus)
        for part in doc.phu_luc:
            out += _part(part, corpus, base_level=2, appendix=True)
        out += [_closing_html(doc), ""]
    out += related_markdown(doc, corpus)
    return "\n".join(out) + "\n"


def _yaml_str(text: str) -> str:
    # Themes print title and description into <head> unescaped: escape HTML here.
    text = html.escape(text, quote=True)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _description(doc: VanBan) -> str:
    date = f" ngày {short_date(doc.ngay_ban_hanh)}" if doc.ngay_ban_hanh else ""
    sym = f" số {doc.so_ky_hieu}" if doc.so_ky_hieu else ""
    return f"{doc.loai}{sym}{date} của {doc.co_quan_ban_hanh}: {doc.trich_yeu}"[:300]


def _header_html(doc: VanBan, corpus: Corpus) -> str:
    """The two-column official header (NĐ 30/2020): bodies and number left, title and date right."""
    parent = esc((doc.co_quan_chu_quan or "").upper())
    issuer = esc(doc.co_quan_ban_hanh.upper())
    number = esc(doc.so_ky_hieu or f"…/{unnumbered_code(doc.loai, doc.co_quan_ban_hanh)}")
    place = esc(doc.noi_ban_hanh or corpus.province)
    date = esc(long_date(doc.ngay_ban_hanh))
    return (
        '<div class="vb-header" role="group" aria-label="Phần đầu văn bản">'
        '<div class="vb-header__left">'
        + (f'<p class="vb-parent">{parent}</p>' if parent else "")
        + f'<p class="vb-issuer">{issuer}</p>'
        f'<p class="vb-number">Số: {number}</p>'
        "</div>"
        '<div class="vb-header__right">'
        '<p class="vb-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>'
        '<p class="vb-motto">Độc lập - Tự do - Hạnh phúc</p>'
        f'<p class="vb-date">{place}, {date}</p>'
        "</div></div>"
    )


def _meta_html(doc: VanBan, corpus: Corpus) -> str:
    rows: list[tuple[str, str]] = []
    rows.append(("Số, ký hiệu", esc(doc.so_ky_hieu) if doc.so_ky_hieu
                 else '<span class="vb-unknown">Chưa rõ (nguồn không ghi số, ký hiệu)</span>'))
    rows.append(("Loại văn bản", esc(doc.loai)))
    body = esc(doc.co_quan_ban_hanh)
    if doc.co_quan_chu_quan:
        body += f" ({esc(doc.co_quan_chu_quan)})"
    rows.append(("Cơ quan ban hành", body))
    rows.append(("Ngày ban hành", esc(short_date(doc.ngay_ban_hanh)) if doc.ngay_ban_hanh
                 else '<span class="vb-unknown">Chưa rõ (nguồn không ghi ngày)</span>'))
    if doc.giai_doan:
        rows.append(("Giai đoạn", esc(str(doc.giai_doan))))
    status = TINH_TRANG[doc.hieu_luc.tinh_trang]
    if doc.hieu_luc.tinh_trang == "chua-ro":
        status = '<span class="vb-unknown">Chưa rõ (chưa có thông tin; không suy đoán)</span>'
    else:
        status = esc(status)
        if doc.hieu_luc.thay_the_boi:
            repl = corpus.resolve(doc.hieu_luc.thay_the_boi)
            name = esc(doc.hieu_luc.thay_the_boi)
            # `ldkb:` placeholders are resolved to relative URLs by the plugin that makes the page.
            status += f' bởi <a href="ldkb:van-ban/{repl.slug}">{name}</a>' if repl else f" bởi {name}"
    if doc.hieu_luc.ghi_chu:
        status += f'<br><span class="vb-status-note">{esc(doc.hieu_luc.ghi_chu)}</span>'
    rows.append(("Tình trạng hiệu lực", status))
    rows.append(("Toàn văn", "Đã nhập" if doc.full_text
                 else '<span class="vb-unknown">Chưa nhập</span>'))
    if doc.can_cu:
        rows.append(("Căn cứ ban hành", "".join(f"<p>{esc(c)}</p>" for c in doc.can_cu)))
    if doc.nguon:
        rows.append(("Nguồn", esc(doc.nguon)))
    cells = "".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="vb-meta" aria-label="Thông tin văn bản"><tbody>{cells}</tbody></table>'


def _pdf_link_html(doc: VanBan) -> str:
    """The printable PDF, written next to the site by build_pdf.py (same file name rule)."""
    what = ("bản in theo thể thức Nghị định 30/2020/NĐ-CP, khổ A4" if doc.full_text
            else "phiếu thông tin một trang; chưa có toàn văn")
    return (f'<p class="vb-pdf"><a href="../../{PDF_DIR}/{document_pdf(doc)}" download>Tải PDF</a> '
            f'<span class="vb-pdf__what">({what})</span></p>')


def _missing_text_notice(doc: VanBan) -> list[str]:
    return [
        '!!! warning "Chưa nhập toàn văn"',
        "",
        "    Kho mới có các thông tin trên (trích từ văn bản khác), chưa có toàn văn của văn bản này.",
        f"    Biên tập viên có bản gốc: mở tệp `{doc.file}`, chép toàn văn vào trường `noi_dung`",
        "    theo trang *Hướng dẫn biên tập*, rồi chạy `make validate`.",
        "",
    ]


def _units_html(obj, corpus: Corpus) -> str:
    """A small line naming who is responsible, shown under a part or a bullet."""
    if not obj.is_task:
        return ""
    bits = []
    if obj.chu_tri:
        bits.append(f"Chủ trì: {_unit_link(obj.chu_tri, corpus)}")
    if obj.don_vi:
        bits.append("Đơn vị thực hiện: " + ", ".join(_unit_link(u, corpus) for u in obj.don_vi))
    if obj.phoi_hop:
        bits.append("Phối hợp: " + ", ".join(_unit_link(u, corpus) for u in obj.phoi_hop))
    if obj.thoi_han:
        bits.append(f"Thời hạn: {esc(obj.thoi_han)}")
    return f'<p class="vb-task">{" · ".join(bits)}</p>'


def _unit_link(unit_id: str, corpus: Corpus) -> str:
    unit = corpus.units.get(unit_id)
    if unit is None:
        return f'<span class="vb-unit" data-unit="{esc(unit_id)}">{esc(unit_id)}</span>'
    # The unit's page (don-vi/<id>/) lists all its tasks; a site without unit pages (no graph
    # plugin) shows the name as text (unlink_folders).
    return f'<a class="vb-unit" data-unit="{esc(unit_id)}" href="ldkb:don-vi/{esc(unit_id)}">{esc(unit.ten)}</a>'


def _part(part: Muc, corpus: Corpus, base_level: int, appendix: bool = False) -> list[str]:
    level = min(base_level + part.depth - 1, 6)
    title = part.heading
    if appendix:
        title = f"PHỤ LỤC {part.so or ''} {part.tieu_de or ''}".strip()
    out = [f"{'#' * level} {md_escape(title or part.id)} {{#{part.anchor} data-part=\"{esc(part.id)}\"}}", ""]
    units = _units_html(part, corpus)
    if units:
        out += [units, ""]
    out += _blocks(part.noi_dung, corpus)
    for child in part.muc:
        out += _part(child, corpus, base_level)
    return out


def _blocks(blocks: list[Khoi], corpus: Corpus) -> list[str]:
    """Blocks as raw HTML: exact text, stable ids, no Markdown surprises in editors' text."""
    out: list[str] = []
    items: list[str] = []

    def flush():
        if items:
            out.extend([f'<ul class="vb-list">{"".join(items)}</ul>', ""])
            items.clear()

    for block in blocks:
        units = _units_html(block, corpus)
        if block.gach_dau_dong is not None:
            items.append(f'<li id="{block.anchor}">{esc(block.gach_dau_dong)}{units}</li>')
            continue
        flush()
        if block.bang is not None:
            out += [_table_html(block.bang, block.anchor), ""]
        else:
            # A line break between the two paragraphs, as Markdown used to put (search text too).
            out += [f'<p id="{block.anchor}">{esc(block.doan_van)}</p>' + (f"\n{units}" if units else ""), ""]
    flush()
    return out


def _table_html(table: Bang, anchor: str) -> str:
    caption = f"<caption>{esc(table.tieu_de)}</caption>" if table.tieu_de else ""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.cot)
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in table.dong)
    return (f'<div class="vb-table-wrap" id="{anchor}" tabindex="0" role="region" aria-label="Bảng">'
            f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


def _closing_html(doc: VanBan) -> str:
    lines = []
    for r in doc.noi_nhan:
        purpose = f" ({esc(r.muc_dich)})" if r.muc_dich else ""
        lines.append(f"<li>{esc(r.ten)}{purpose};</li>")
    if doc.luu:
        lines.append(f"<li>Lưu: {esc(doc.luu)}.</li>")
    recipients = (
        '<div class="vb-recipients"><p class="vb-recipients__title">Nơi nhận:</p>'
        f'<ul>{"".join(lines)}</ul></div>' if lines else '<div class="vb-recipients"></div>'
    )
    signer = doc.nguoi_ky
    if signer and (signer.tham_quyen or signer.chuc_vu or signer.ho_ten):
        sign = "".join(
            f'<p class="{cls}">{esc(val)}</p>'
            for cls, val in (("vb-sign__authority", signer.tham_quyen), ("vb-sign__position", signer.chuc_vu),
                             ("vb-sign__name", signer.ho_ten))
            if val
        )
    else:
        sign = '<p class="vb-unknown">Bản gốc không ghi người ký.</p>'
    return f'<div class="vb-closing" id="noi-nhan">{recipients}<div class="vb-sign">{sign}</div></div>'


def index_markdown(corpus: Corpus) -> str:
    """The documents index: by type, then by date."""
    docs = corpus.sorted_documents()
    out = ["---", 'title: "Danh mục văn bản"', "---", "", "# Danh mục văn bản", "",
           f"Kho hiện có **{len(docs)}** văn bản; "
           f"**{sum(d.full_text for d in docs)}** văn bản đã nhập toàn văn.", "",
           "## Theo loại văn bản {#theo-loai}", ""]
    by_type: dict[str, list[VanBan]] = defaultdict(list)
    for d in docs:
        by_type[d.loai].append(d)
    for loai in sorted(by_type, key=sort_key):
        out += [f"### {md_escape(loai)} {{#loai-{slugify(loai)}}}", "",
                ul_html([_index_item(d) for d in by_type[loai]]), ""]
    out += ["## Theo ngày ban hành {#theo-ngay}", "", ul_html([_index_item(d) for d in docs]), ""]
    return "\n".join(out)


def _index_item(d: VanBan) -> str:
    sym = d.so_ky_hieu or "(chưa rõ số)"
    date = short_date(d.ngay_ban_hanh)
    state = "" if d.full_text else " — <em>chưa nhập toàn văn</em>"
    return f"{page_link(f'van-ban/{d.slug}', f'{d.loai} {sym}')} — {date} — {text_html(d.trich_yeu)}{state}"


def errors_admonition(corpus: Corpus) -> str:
    """Content errors shown at the top of every previewed page, so editors see them at once."""
    lines = ['!!! failure "Nội dung đang có lỗi — trang web chưa thể xuất bản"', "",
             "    Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.", ""]
    for item in corpus.log.errors:
        where = f"{item.file}:{item.line}" if item.line else item.file
        hint = f" — *Cách sửa:* {md_escape(item.hint)}" if item.hint else ""
        lines.append(f"    - `{where}`: {md_escape(item.message)}{hint}")
    return "\n".join(lines) + "\n\n"
