"""HTML of one document for print: the NĐ 30/2020 layout, or a record sheet without full text.

The same fragments serve the per-document PDF and the handbooks: `Ctx` carries the id
prefix (ids must be unique inside a handbook) and how running text is turned into HTML
(plain escaping, or escaping plus links to cited documents).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from ldkb.model.corpus import RELATIONS, Corpus
from ldkb.render.markup import esc, note_id, note_refs
from ldkb.model.schema import VanBan
from ldkb.render.paths import document_pdf
from ldkb.pdf.cite import citation_finder, linker
from ldkb.render.document_view import (Block, Closing, DocumentView, Header, Part, Table, document_view,
                                       facts_view)


@dataclass
class Ctx:
    corpus: Corpus
    prefix: str = ""  # prepended to every id: "" in a document's own PDF
    text: Callable[[str], str] = esc  # running text -> HTML
    bookmarks: bool = True
    base_level: int = 1  # bookmark level of part I
    extra: dict[str, Any] = field(default_factory=dict)

    def id(self, anchor: str) -> str:
        return f"{self.prefix}{anchor}"


# -- the official header and title ---------------------------------------------------------

def header_html(h: Header) -> str:
    """Two columns: parent and issuing body, number | national title, motto, place and date.
    A Party document: the issuing body with a star under it | the Party's title, ruled."""
    parent = esc(h.parent.upper())
    parent_html = f'<div class="h-parent">{parent}</div>' if parent else ""
    if h.family == "party":
        issuer = f'<div class="h-issuer">{esc(h.issuer.upper())}</div><div class="h-star">*</div>'
        right = f'<div class="h-nation"><span class="ruled-full">{esc(h.nation)}</span></div>'
    else:
        issuer = f'<div class="h-issuer"><span class="ruled">{esc(h.issuer.upper())}</span></div>'
        right = (f'<div class="h-nation">{esc(h.nation)}</div>'
                 f'<div class="h-motto"><span class="ruled-full">{esc(h.motto)}</span></div>')
    return (
        f'<table class="vb-head vb-head--{h.family}"><colgroup><col class="c-left"><col class="c-right"></colgroup><tbody>'
        "<tr>"
        f'<td class="h-left">{parent_html}{issuer}</td>'
        f'<td class="h-right">{right}</td>'
        "</tr><tr>"
        f'<td class="h-number">{esc(h.number_label)} {esc(h.number)}</td>'
        f'<td class="h-date">{esc(h.place)}, {esc(h.date)}</td>'
        "</tr></tbody></table>"
    )


def title_html(view: DocumentView, ctx: Ctx) -> str:
    return (
        f'<h1 class="vb-type" id="{ctx.id("van-ban")}">{esc(view.type_title)}</h1>'
        f'<p class="vb-subject"><span class="ruled">{esc(view.subject)}</span></p>'
    )


# -- body ----------------------------------------------------------------------------------

def body_html(view: DocumentView, ctx: Ctx) -> str:
    """Preamble, parts and closing paragraph; appendices come after the signature (`appendices_html`)."""
    # Legal bases open the body in italics, one per line (NĐ 30/2020, Phụ lục I).
    out: list[str] = [f'<p class="vb-basis">{esc(c)}</p>' for c in view.facts.bases]
    out += blocks_html(view.opening, ctx)
    for part in view.parts:
        out += part_html(part, ctx)
    out += blocks_html(view.ending, ctx)
    if view.notes:
        # Footnotes after the closing paragraph, each with the anchor its superscripts link to.
        out.append('<ol class="vb-notes">' + "".join(
            f'<li id="{note_id(n.mark, ctx.prefix)}"><span class="fn-mark">{esc(n.mark)}</span> {esc(n.text)}</li>'
            for n in view.notes) + "</ol>")
    return "".join(out)


def appendices_html(view: DocumentView, ctx: Ctx) -> str:
    return "".join(x for part in view.appendices for x in part_html(part, ctx))


def part_html(part: Part, ctx: Ctx, *, depth: int | None = None) -> list[str]:
    """`depth` draws the part at that level (a part shown on its own in a unit's handbook)."""
    level = depth if depth is not None else part.depth
    cls = f"part part-{min(level, 4)}" + (" appendix" if part.appendix and level == 1 else "")
    bm = min(ctx.base_level + level - 1, 6)
    # The bookmark names the part as written: a citation link inside the heading would lose the
    # space after it in the heading's own text (content(text)).
    attrs = f' data-bm="{bm}" data-label="{esc(part.heading)}"' if ctx.bookmarks else ""
    out = [f'<div class="{cls}" id="{ctx.id(part.anchor)}" data-part="{esc(part.id)}">']
    if part.run_in:
        # An untitled numbered part: the number runs into its first paragraph, as printed.
        out += blocks_html(part.blocks, ctx, run_in=part.run_in)
    else:
        out.append(f'<p class="heading"{attrs}>{ctx.text(part.heading)}</p>')
        out += blocks_html(part.blocks, ctx)
    for child in part.children:
        out += part_html(child, ctx, depth=None if depth is None else level + 1)
    out.append("</div>")
    return out


def blocks_html(blocks: tuple[Block, ...], ctx: Ctx, run_in: str = "") -> list[str]:
    out = []
    if run_in and (not blocks or blocks[0].kind != "para"):
        out.append(f'<p class="para runin"><span class="num">{esc(run_in)}</span></p>')
        run_in = ""
    for block in blocks:
        bid = ctx.id(block.anchor) if block.anchor else ""
        id_attr = f' id="{bid}"' if bid else ""
        if block.table is not None:
            out.append(table_html(block.table, id_attr, ctx))
        elif block.kind == "bullet":
            out.append(f'<p class="bullet"{id_attr}>- {note_refs(ctx.text(block.text), ctx.prefix)}</p>')
        elif run_in:
            out.append(f'<p class="para runin"{id_attr}><span class="num">{esc(run_in)}</span> '
                       f'{note_refs(ctx.text(block.text), ctx.prefix)}</p>')
            run_in = ""
        else:
            out.append(f'<p class="para"{id_attr}>{note_refs(ctx.text(block.text), ctx.prefix)}</p>')
    return out


def table_html(table: Table, id_attr: str, ctx: Ctx) -> str:
    caption = f"<caption>{esc(table.caption)}</caption>" if table.caption else ""
    head = "".join(f"<th>{esc(c)}</th>" for c in table.columns)
    # A cell's line breaks are kept as written; a task table's rows carry their anchors.
    ids = table.row_anchors or ("",) * len(table.rows)
    rows = "".join((f'<tr id="{ctx.id(rid)}">' if rid else "<tr>")
                   + "".join(f"<td>{note_refs(ctx.text(c), ctx.prefix).replace(chr(10), '<br>')}</td>" for c in r)
                   + "</tr>" for rid, r in zip(ids, table.rows, strict=True))
    return f'<table class="grid"{id_attr}>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


# -- closing: recipients and signature -----------------------------------------------------

def recipients_html(closing: Closing) -> str:
    """"Nơi nhận:" and its lines, each after a dash as printed documents write them; "" when none."""
    if not closing.recipients:
        return ""
    lines = "".join(f"<li>- {esc(line)}</li>" for line in closing.recipients)
    return f'<p class="rcpt-title">Nơi nhận:</p><ul class="rcpt">{lines}</ul>'


def closing_html(closing: Closing) -> str:
    sig = closing.signature
    if sig is not None:
        sign = "".join(f'<p class="s-{kind}">{esc(text.upper())}</p>' for kind, text in sig.lines)
        sign += '<p class="s-space"></p>'
        if sig.name:
            sign += f'<p class="s-name">{esc(sig.name)}</p>'
    else:
        sign = '<p class="s-unknown">(Bản gốc không ghi người ký)</p>'
    return ('<table class="vb-close"><colgroup><col class="c-left"><col class="c-right"></colgroup>'
            f'<tbody><tr><td class="close-left">{recipients_html(closing)}</td>'
            f'<td class="close-right">{sign}</td></tr></tbody></table>')


# -- metadata (record sheets and handbooks) ------------------------------------------------

def meta_rows(doc: VanBan, corpus: Corpus) -> list[tuple[str, str]]:
    """(label, HTML) rows; unknown facts are said to be unknown, never guessed."""
    def unknown(text: str) -> str:
        return f'<span class="unknown">{esc(text)}</span>'

    f = facts_view(doc, corpus)
    rows = [("Số, ký hiệu", esc(f.number) if f.number else unknown("Chưa rõ (nguồn không ghi)")),
            ("Loại văn bản", esc(f.type)),
            ("Cơ quan ban hành", esc(f.issuer)),
            ("Ngày ban hành", esc(f.date) if f.date else unknown("Chưa rõ (nguồn không ghi)")),
            ("Trích yếu", esc(f.subject))]
    if f.period:
        rows.append(("Giai đoạn", esc(f.period)))
    if f.status.label is None:
        status = unknown("Chưa rõ (chưa có thông tin; không suy đoán)")
    else:
        status = esc(f.status.label)
        if f.status.replaced_by:
            status += f" bởi {esc(f.status.replaced_by)}"
    if f.status.note:
        status += f"<br>{esc(f.status.note)}"
    rows.append(("Tình trạng hiệu lực", status))
    if f.bases:
        rows.append(("Căn cứ ban hành", "<br>".join(esc(c) for c in f.bases)))
    for key, label in RELATIONS.items():
        refs = getattr(doc, key)
        if refs:
            rows.append((f"{label.capitalize()} văn bản", "; ".join(esc(r) for r in refs)))
    cited_by = [d for d in corpus.sorted_documents() if d is not doc and any(
        corpus.resolve(r.partition("#")[0]) is doc for k in RELATIONS for r in getattr(d, k))]
    if cited_by:
        rows.append(("Được nêu trong", "; ".join(esc(d.title) for d in cited_by)))
    rows.append(("Toàn văn", "Đã nhập" if f.full_text else unknown("Chưa nhập")))
    if f.source:
        rows.append(("Nguồn thông tin", esc(f.source)))
    if f.editor_note:
        rows.append(("Ghi chú của biên tập", esc(f.editor_note)))
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
        view = document_view(doc, corpus)
        body = (header_html(view.header) + title_html(view, ctx) + '<div class="vb-body">'
                + body_html(view, ctx) + "</div>" + closing_html(view.closing) + appendices_html(view, ctx))
        cls = "official"
    else:
        body = record_sheet_body(doc, ctx)
        cls = "record-sheet"
    # The PDF title in full: `doc.title` shortens the subject of a document without a symbol.
    title = doc.title if doc.so_ky_hieu else f"{doc.loai}: {doc.trich_yeu}"
    return html_page(title, body, author=doc.co_quan_ban_hanh, subject=doc.trich_yeu, body_class=cls)


pdf_name = document_pdf
