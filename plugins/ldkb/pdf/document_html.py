"""HTML of one document for print: the NĐ 30/2020 layout, or a record sheet without full text.

The same fragments serve the per-document PDF and the handbooks: `Ctx` carries the id
prefix (ids must be unique inside a handbook) and how running text is turned into HTML
(plain escaping, or escaping plus links to cited documents).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ldkb.model.corpus import RELATIONS, Corpus
from ldkb.model.symbols import unnumbered_code
from ldkb.render.markup import esc
from ldkb.model.schema import TINH_TRANG, Bang, Khoi, Muc, VanBan
from ldkb.text.dates import long_date, short_date
from ldkb.render.paths import document_pdf
from ldkb.pdf.cite import citation_finder, linker


@dataclass
class Ctx:
    corpus: Corpus
    prefix: str = ""  # prepended to every id: "" in a document's own PDF
    text: Callable[[str], str] = esc  # running text -> HTML
    bookmarks: bool = True
    base_level: int = 1  # bookmark level of part I
    extra: dict = field(default_factory=dict)

    def id(self, anchor: str) -> str:
        return f"{self.prefix}{anchor}"


# -- the official header and title ---------------------------------------------------------

def header_html(doc: VanBan, ctx: Ctx) -> str:
    """Two columns: parent and issuing body, number | national title, motto, place and date."""
    parent = esc((doc.co_quan_chu_quan or "").upper())
    issuer = esc(doc.co_quan_ban_hanh.upper())
    number = esc(doc.so_ky_hieu or f"…/{unnumbered_code(doc.loai, doc.co_quan_ban_hanh)}")
    place = esc(doc.noi_ban_hanh or ctx.corpus.province)
    date = esc(long_date(doc.ngay_ban_hanh))
    parent_html = f'<div class="h-parent">{parent}</div>' if parent else ""
    return (
        '<table class="vb-head"><colgroup><col class="c-left"><col class="c-right"></colgroup><tbody>'
        "<tr>"
        f'<td class="h-left">{parent_html}<div class="h-issuer"><span class="ruled">{issuer}</span></div></td>'
        '<td class="h-right"><div class="h-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
        '<div class="h-motto"><span class="ruled-full">Độc lập - Tự do - Hạnh phúc</span></div></td>'
        "</tr><tr>"
        f'<td class="h-number">Số: {number}</td>'
        f'<td class="h-date">{place}, {date}</td>'
        "</tr></tbody></table>"
    )


def title_html(doc: VanBan, ctx: Ctx) -> str:
    return (
        f'<h1 class="vb-type" id="{ctx.id("van-ban")}">{esc(doc.loai.upper())}</h1>'
        f'<p class="vb-subject"><span class="ruled">{esc(doc.trich_yeu)}</span></p>'
    )


# -- body ----------------------------------------------------------------------------------

def body_html(doc: VanBan, ctx: Ctx) -> str:
    """Preamble, parts and closing paragraph; appendices come after the signature (`appendices_html`)."""
    # Legal bases open the body in italics, one per line (NĐ 30/2020, Phụ lục I).
    out: list[str] = [f'<p class="vb-basis">{esc(c)}</p>' for c in doc.can_cu]
    out += blocks_html(doc.mo_dau, ctx)
    for part in doc.noi_dung:
        out += part_html(part, ctx)
    out += blocks_html(doc.ket_thuc, ctx)
    return "".join(out)


def appendices_html(doc: VanBan, ctx: Ctx) -> str:
    return "".join(x for part in doc.phu_luc for x in part_html(part, ctx, appendix=True))


def part_heading(part: Muc, appendix: bool = False) -> str:
    if appendix and part.depth == 1:
        return " ".join(f"PHỤ LỤC {part.so or ''} {part.tieu_de or ''}".split())
    return part.heading or part.id


def part_html(part: Muc, ctx: Ctx, appendix: bool = False, *, depth: int | None = None) -> list[str]:
    level = depth if depth is not None else part.depth
    cls = f"part part-{min(level, 4)}" + (" appendix" if appendix and level == 1 else "")
    bm = min(ctx.base_level + level - 1, 6)
    attrs = f' data-bm="{bm}"' if ctx.bookmarks else ""
    out = [f'<div class="{cls}" id="{ctx.id(part.anchor)}" data-part="{esc(part.id)}">'
           f'<p class="heading"{attrs}>{ctx.text(part_heading(part, appendix))}</p>']
    out += blocks_html(part.noi_dung, ctx)
    for child in part.muc:
        out += part_html(child, ctx, appendix, depth=None if depth is None else level + 1)
    out.append("</div>")
    return out


def blocks_html(blocks: list[Khoi], ctx: Ctx) -> list[str]:
    out = []
    for block in blocks:
        bid = ctx.id(block.anchor) if block.anchor else ""
        id_attr = f' id="{bid}"' if bid else ""
        if block.bang is not None:
            out.append(table_html(block.bang, id_attr, ctx))
        elif block.gach_dau_dong is not None:
            out.append(f'<p class="bullet"{id_attr}>- {ctx.text(block.gach_dau_dong)}</p>')
        else:
            out.append(f'<p class="para"{id_attr}>{ctx.text(block.doan_van or "")}</p>')
    return out


def table_html(table: Bang, id_attr: str, ctx: Ctx) -> str:
    caption = f"<caption>{esc(table.tieu_de)}</caption>" if table.tieu_de else ""
    head = "".join(f"<th>{esc(c)}</th>" for c in table.cot)
    rows = "".join("<tr>" + "".join(f"<td>{ctx.text(c)}</td>" for c in r) + "</tr>" for r in table.dong)
    return f'<table class="grid"{id_attr}>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


# -- closing: recipients and signature -----------------------------------------------------

def closing_html(doc: VanBan) -> str:
    lines = [f"<li>- {esc(r.ten)}{f' ({esc(r.muc_dich)})' if r.muc_dich else ''};</li>" for r in doc.noi_nhan]
    if doc.luu:
        lines.append(f"<li>- Lưu: {esc(doc.luu)}.</li>")
    recipients = ('<p class="rcpt-title">Nơi nhận:</p>'
                  f'<ul class="rcpt">{"".join(lines)}</ul>') if lines else ""
    signer = doc.nguoi_ky
    if signer and (signer.tham_quyen or signer.chuc_vu or signer.ho_ten):
        sign = ""
        if signer.tham_quyen:
            sign += f'<p class="s-authority">{esc(signer.tham_quyen.upper())}</p>'
        if signer.chuc_vu:
            sign += f'<p class="s-position">{esc(signer.chuc_vu.upper())}</p>'
        sign += '<p class="s-space"></p>'
        if signer.ho_ten:
            sign += f'<p class="s-name">{esc(signer.ho_ten)}</p>'
    else:
        sign = '<p class="s-unknown">(Bản gốc không ghi người ký)</p>'
    return ('<table class="vb-close"><colgroup><col class="c-left"><col class="c-right"></colgroup>'
            f'<tbody><tr><td class="close-left">{recipients}</td><td class="close-right">{sign}</td></tr>'
            "</tbody></table>")


# -- metadata (record sheets and handbooks) ------------------------------------------------

def meta_rows(doc: VanBan, corpus: Corpus) -> list[tuple[str, str]]:
    """(label, HTML) rows; unknown facts are said to be unknown, never guessed."""
    def unknown(text: str) -> str:
        return f'<span class="unknown">{esc(text)}</span>'

    rows = [("Số, ký hiệu", esc(doc.so_ky_hieu) if doc.so_ky_hieu else unknown("Chưa rõ (nguồn không ghi)")),
            ("Loại văn bản", esc(doc.loai))]
    body = esc(doc.co_quan_ban_hanh)
    if doc.co_quan_chu_quan:
        body += f" ({esc(doc.co_quan_chu_quan)})"
    rows.append(("Cơ quan ban hành", body))
    rows.append(("Ngày ban hành", esc(short_date(doc.ngay_ban_hanh)) if doc.ngay_ban_hanh
                 else unknown("Chưa rõ (nguồn không ghi)")))
    rows.append(("Trích yếu", esc(doc.trich_yeu)))
    if doc.giai_doan:
        rows.append(("Giai đoạn", esc(str(doc.giai_doan))))
    if doc.hieu_luc.tinh_trang == "chua-ro":
        status = unknown("Chưa rõ (chưa có thông tin; không suy đoán)")
    else:
        status = esc(TINH_TRANG[doc.hieu_luc.tinh_trang])
        if doc.hieu_luc.thay_the_boi:
            status += f" bởi {esc(doc.hieu_luc.thay_the_boi)}"
    if doc.hieu_luc.ghi_chu:
        status += f"<br>{esc(doc.hieu_luc.ghi_chu)}"
    rows.append(("Tình trạng hiệu lực", status))
    if doc.can_cu:
        rows.append(("Căn cứ ban hành", "<br>".join(esc(c) for c in doc.can_cu)))
    for key, label in RELATIONS.items():
        refs = getattr(doc, key)
        if refs:
            rows.append((f"{label.capitalize()} văn bản", "; ".join(esc(r) for r in refs)))
    cited_by = [d for d in corpus.sorted_documents() if d is not doc and any(
        corpus.resolve(r.partition("#")[0]) is doc for k in RELATIONS for r in getattr(d, k))]
    if cited_by:
        rows.append(("Được nêu trong", "; ".join(esc(d.title) for d in cited_by)))
    rows.append(("Toàn văn", "Đã nhập" if doc.full_text else unknown("Chưa nhập")))
    if doc.nguon:
        rows.append(("Nguồn thông tin", esc(doc.nguon)))
    if doc.ghi_chu:
        rows.append(("Ghi chú của biên tập", esc(doc.ghi_chu)))
    return rows


def meta_table(doc: VanBan, corpus: Corpus) -> str:
    cells = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in meta_rows(doc, corpus))
    return f'<table class="meta"><tbody>{cells}</tbody></table>'


def record_sheet_body(doc: VanBan, ctx: Ctx) -> str:
    return (
        '<div class="record">'
        '<p class="record-label">PHIẾU THÔNG TIN VĂN BẢN</p>'
        '<p class="record-warn">Chưa có toàn văn — đây không phải bản chính của văn bản</p>'
        f'<h1 class="record-title" id="{ctx.id("van-ban")}">{esc(doc.title)}</h1>'
        + meta_table(doc, ctx.corpus)
        + '<p class="record-note">Kho văn bản mới có các thông tin trên (trích từ văn bản khác), chưa có '
          "toàn văn của văn bản này. Khi có bản gốc, biên tập viên chép toàn văn vào kho; khi đó tệp PDF "
          "này được thay bằng văn bản theo đúng thể thức.</p>"
        "</div>"
    )


# -- whole pages ---------------------------------------------------------------------------

def html_page(title: str, body: str, *, author: str = "", subject: str = "", lang: str = "vi",
              body_class: str = "") -> str:
    """A complete HTML page. No date metadata: the PDF must not change from one build to the next."""
    meta = ""
    if author:
        meta += f'<meta name="author" content="{esc(author)}">'
    if subject:
        meta += f'<meta name="description" content="{esc(subject)}">'
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'{meta}</head><body class="{body_class}">{body}</body></html>')


def document_html(doc: VanBan, corpus: Corpus) -> str:
    """The per-document PDF's HTML: official layout with full text, else a record sheet."""
    ctx = Ctx(corpus, text=linker(citation_finder(corpus), doc, None))
    if doc.full_text:
        body = (header_html(doc, ctx) + title_html(doc, ctx) + '<div class="vb-body">'
                + body_html(doc, ctx) + "</div>" + closing_html(doc) + appendices_html(doc, ctx))
        cls = "official"
    else:
        body = record_sheet_body(doc, ctx)
        cls = "record-sheet"
    # The PDF title in full: `doc.title` shortens the subject of a document without a symbol.
    title = doc.title if doc.so_ky_hieu else f"{doc.loai}: {doc.trich_yeu}"
    return html_page(title, body, author=doc.co_quan_ban_hanh, subject=doc.trich_yeu, body_class=cls)


pdf_name = document_pdf
