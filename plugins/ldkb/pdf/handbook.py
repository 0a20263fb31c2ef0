"""Handbooks (sổ tay): the whole collection, and one per unit, as HTML for the handbook layout.

The collection's handbook starts with what matters (issue 18, part 7): a cover (the federation,
the edition date, the site's address and its QR code when set), contents with subjects, the
main document with its official header, the other documents with their text in the order of
the implementation chain (graph/chain_order.py), then one table of the related documents the
collection has no text of, instead of a mostly blank page each.

Ids inside a handbook: `d-<slug>` for a document (its heading, or its row in that table),
`<slug>--<anchor>` for its parts and blocks.
"""
from __future__ import annotations

import datetime as dt

from ldkb.graph.chain_order import chain_order
from ldkb.model.corpus import Corpus
from ldkb.model.schema import DonVi, VanBan
from ldkb.pdf.cite import citation_finder, doc_id, doc_prefix, linker
from ldkb.pdf.document_html import (Ctx, appendices_html, blocks_html, body_html, header_html, html_page,
                                    meta_table, part_html, recipients_html, title_html)
from ldkb.pdf.qr import qr_data_uri
from ldkb.render.markup import esc
from ldkb.render.document_view import block_view, closing_view, document_view, part_heading, part_view
from ldkb.text.dates import short_date
from ldkb.render.paths import SIZES
from ldkb.render.paths import collection_pdf as collection_name
from ldkb.render.paths import unit_pdf as unit_name
from ldkb.model.tasks import Task
from ldkb.pdf.tasks import unit_tasks


# -- shared pieces ------------------------------------------------------------------------

def _cover(corpus: Corpus, kicker: str, title: str, facts: str, note: str, book: str,
           edition: dt.date | None) -> str:
    """The federation, the book's title, the edition (date of the last content change) and,
    when the site's address is set (cai-dat.yml `dia_chi_web`), that address and its QR code."""
    address = corpus.settings.dia_chi_web
    site = ""
    if address:
        site = (f'<div class="cover-site"><img class="cover-qr" src="{qr_data_uri(address)}" '
                f'alt="Mã QR đến trang web của kho văn bản"><p class="cover-address">Đọc và tìm kiếm trên '
                f'trang web:<br><span class="cover-url">{esc(address)}</span></p></div>')
    edition_line = (f'<p class="cover-edition">Ấn bản ngày {esc(short_date(edition))}</p>' if edition
                    else "")
    return (f'<section class="cover" data-book="{esc(book)}">'
            f'<p class="cover-federation">{esc(corpus.federation.upper())}</p>'
            f'<p class="cover-kicker">{esc(kicker)}</p><p class="cover-title">{esc(title)}</p>'
            f'<p class="cover-facts">{esc(facts)}</p>{edition_line}{site}'
            f'<p class="cover-note">{esc(note)}</p></section>')


_NOTE = ("Sổ tay được tạo tự động từ kho văn bản. Văn bản kho chưa có toàn văn chỉ có các thông tin "
         "đã biết; những gì nguồn không ghi được để “chưa rõ”, không suy đoán. Bản in này không thay thế "
         "bản chính của văn bản.")
RECORDS_ID = "van-ban-chua-co-toan-van"
RECORDS_TITLE = "Văn bản liên quan chưa có toàn văn"


def glossary_html(corpus: Corpus) -> str:
    rows = "".join(
        f"<tr><th>{esc(t.viet_tat)}</th><td>{esc(t.day_du)}"
        # Editors' notes use Markdown code marks for the site; print them as plain text.
        + (f' <span class="unknown">({esc(t.ghi_chu.replace("`", ""))})</span>' if t.ghi_chu else "")
        + "</td></tr>"
        for t in corpus.glossary)
    return ('<section class="back" id="thuat-ngu"><h2 class="back-title">BẢNG CHỮ VIẾT TẮT</h2>'
            f'<table class="glossary"><tbody>{rows}</tbody></table></section>')


def running_label(doc: VanBan) -> str:
    """What the running header shows for a document: its one short name (`Kế hoạch 117/KH-LĐLĐ`)."""
    return doc.title


def _doc_heading(doc: VanBan) -> str:
    return (f'<h1 class="doc-title" id="{doc_id(doc)}" data-symbol="{esc(running_label(doc))}" '
            f'data-bookmark="{esc(doc.title)}">{esc(doc.title)}</h1>'
            f'<p class="doc-subject">{esc(doc.subject_title)}</p>')


def _closing(doc: VanBan) -> str:
    recipients = recipients_html(closing_view(doc))
    return f'<div class="closing">{recipients}</div>' if recipients else ""


def _records_table(docs: list[VanBan]) -> str:
    """The related documents without full text, one row each: what the collection knows."""
    rows = "".join(
        f'<tr id="{doc_id(d)}"><td class="r-sym" data-bookmark="{esc(d.title)}">{esc(d.so_ky_hieu or d.title)}</td>'
        f'<td class="r-date">{esc(short_date(d.ngay_ban_hanh)) if d.ngay_ban_hanh else "chưa rõ"}</td>'
        f"<td>{esc(d.co_quan_ban_hanh)}</td><td>{esc(d.subject_title)}</td></tr>"
        for d in docs)
    return (f'<section class="records" id="{RECORDS_ID}" data-symbol="{RECORDS_TITLE}">'
            f'<h2 class="back-title">{RECORDS_TITLE.upper()}</h2>'
            '<p class="records-note">Kho mới có các thông tin dưới đây về những văn bản này (trích từ văn bản '
            "khác), chưa có toàn văn; ở đây xếp theo chuỗi thực hiện của văn bản chính.</p>"
            '<table class="records-table"><thead><tr><th>Số, ký hiệu</th><th>Ngày</th><th>Cơ quan ban hành</th>'
            f"<th>Trích yếu</th></tr></thead><tbody>{rows}</tbody></table></section>")


# -- the whole collection ------------------------------------------------------------------

def collection_html(corpus: Corpus, *, edition: dt.date | None = None) -> str:
    """The whole collection's handbook; `edition`: the date of the last content change (git)."""
    docs = chain_order(corpus)
    with_text = [d for d in docs if d.full_text]
    records = [d for d in docs if not d.full_text]
    present = {d.slug for d in docs}
    finder = citation_finder(corpus)
    book = "Sổ tay văn bản"
    out = [_cover(corpus, corpus.settings.ten_website, "SỔ TAY VĂN BẢN",
                  f"{len(docs)} văn bản, trong đó {len(with_text)} văn bản có toàn văn", _NOTE, book, edition)]
    toc = ['<nav class="toc"><h2 class="sec-title">MỤC LỤC</h2><ul>']
    for d in with_text:
        toc.append(f'<li class="toc-doc"><a href="#{doc_id(d)}">{esc(d.title)}</a></li>'
                   f'<li class="toc-subject">{esc(d.subject_title)}</li>')
        for part in d.noi_dung:
            toc.append(f'<li class="toc-part"><a href="#{doc_prefix(d)}{part.anchor}">'
                       f"{esc(part_heading(part))}</a></li>")
    if records:
        toc.append(f'<li class="toc-doc"><a href="#{RECORDS_ID}">{RECORDS_TITLE} ({len(records)} văn bản)</a></li>'
                   '<li class="toc-subject">Số, ký hiệu, ngày, cơ quan ban hành và trích yếu</li>')
    toc.append('<li class="toc-doc"><a href="#thuat-ngu">Bảng chữ viết tắt</a></li>')
    toc.append('<li class="toc-doc"><a href="#chi-muc-don-vi">Chỉ mục đơn vị</a></li>')
    toc.append("</ul></nav>")
    out += toc
    for d in with_text:
        ctx = Ctx(corpus, prefix=doc_prefix(d), text=linker(finder, d, present), base_level=2)
        view = document_view(d, corpus)
        # The document as issued, with its official header; its facts in a table after its text.
        out.append(f'<section class="doc doc--issued" id="{doc_id(d)}" data-symbol="{esc(running_label(d))}" '
                   f'data-bookmark="{esc(d.title)}">'
                   f'{header_html(view.header)}{title_html(view, ctx)}'
                   f'<div class="vb-body">{body_html(view, ctx)}</div>{_closing(d)}{appendices_html(view, ctx)}'
                   f'<div class="doc-meta"><p class="doc-meta__title">Thông tin văn bản</p>{meta_table(d, corpus)}</div>'
                   "</section>")
    if records:
        out.append(_records_table(records))
    out.append(glossary_html(corpus))
    out.append(unit_index_html(corpus))
    return html_page(book, "".join(out), author=corpus.federation,
                     subject="Toàn bộ văn bản trong kho, kèm bảng chữ viết tắt và chỉ mục đơn vị.")


def unit_index_html(corpus: Corpus) -> str:
    out = ['<section class="back" id="chi-muc-don-vi"><h2 class="back-title">CHỈ MỤC ĐƠN VỊ</h2>']
    for unit in corpus.units.values():
        tasks = unit_tasks(corpus, unit.ma)
        out.append(f'<h3 class="unit-name">{esc(unit.ten)}</h3>')
        if not tasks:
            out.append('<p class="empty">Chưa có văn bản nào trong kho giao việc trực tiếp cho đơn vị này.</p>')
            continue
        items = "".join(
            f'<li><a href="#{doc_prefix(t.doc)}{t.anchor}">{esc(t.doc.title)} — {esc(t.source_label)}</a></li>'
            for t in tasks)
        out.append(f'<ul class="unit-tasks">{items}</ul>')
    out.append("</section>")
    return "".join(out)


# -- one unit ------------------------------------------------------------------------------

def row_table_html(task: Task, ctx: Ctx) -> str:
    """One row of a task table, under the table's own column headings."""
    assert task.block is not None and task.block.bang is not None and task.row is not None
    table = task.block.bang
    head = "".join(f"<th>{esc(c)}</th>" for c in table.cot)
    cells = "".join(f"<td>{'<br>'.join(ctx.text(line) for line in c.split(chr(10)))}</td>"
                    for c in table.dong[task.row - 1])
    return (f'<table class="grid" id="{ctx.id(task.anchor)}"><thead><tr>{head}</tr></thead>'
            f"<tbody><tr>{cells}</tr></tbody></table>")


def unit_handbook_html(corpus: Corpus, unit: DonVi, *, edition: dt.date | None = None) -> str:
    tasks = unit_tasks(corpus, unit.ma)
    plain = linker(citation_finder(corpus), None, None)
    book = f"Sổ tay dành cho {unit.ten}"
    n_docs = len({t.doc.slug for t in tasks})
    facts = (f"{len(tasks)} nhiệm vụ trong {n_docs} văn bản" if tasks
             else "Chưa có văn bản nào trong kho giao việc trực tiếp cho đơn vị này")
    out = [_cover(corpus, "Sổ tay dành cho", unit.ten.upper(), facts,
                  (unit.mo_ta + " " if unit.mo_ta else "") + _NOTE, book, edition)]
    current = None
    for t in tasks:
        if t.doc is not current:
            if current is not None:
                out.append("</section>")
            current = t.doc
            out.append(f'<section class="doc">{_doc_heading(t.doc)}')
        ctx = Ctx(corpus, prefix=doc_prefix(t.doc), text=plain, base_level=2)
        facts = f"vai trò: {esc(t.role(corpus))}" + (f"; thời hạn: {esc(t.deadline)}" if t.deadline else "")
        out.append(f'<div class="task"><p class="task-source">Nguồn: {esc(t.source_label)} — {facts}</p>')
        if t.task.row is not None:
            out.append(row_table_html(t.task, ctx))
        elif t.block is None:
            assert t.part is not None  # a task is a part's or a block's
            out += part_html(part_view(t.part, corpus), ctx, depth=1)
        else:
            out += blocks_html((block_view(t.block, corpus),), ctx)
        out.append("</div>")
    if current is not None:
        out.append("</section>")
    out.append(glossary_html(corpus))
    return html_page(book, "".join(out), author=corpus.federation,
                     subject=f"Các nhiệm vụ được giao cho {unit.ten} trong các văn bản của kho.")


__all__ = ["collection_html", "unit_handbook_html", "collection_name", "unit_name", "SIZES"]
