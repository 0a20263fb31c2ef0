"""Handbooks (sổ tay): the whole collection, and one per unit, as HTML for the handbook layout.

Ids inside a handbook: `d-<slug>` for a document, `<slug>--<anchor>` for its parts and blocks.
"""
from __future__ import annotations

from ldkb.model.corpus import Corpus
from ldkb.model.schema import DonVi, VanBan
from ldkb.pdf.cite import citation_finder, doc_id, doc_prefix, linker
from ldkb.pdf.document_html import (Ctx, appendices_html, blocks_html, body_html, html_page, meta_table, part_html,
                                    recipients_html)
from ldkb.render.markup import esc
from ldkb.render.document_view import block_view, closing_view, document_view, part_heading, part_view
from ldkb.render.paths import SIZES
from ldkb.render.paths import collection_pdf as collection_name
from ldkb.render.paths import unit_pdf as unit_name
from ldkb.model.tasks import Task
from ldkb.pdf.tasks import unit_tasks


# -- shared pieces ------------------------------------------------------------------------

def _cover(kicker: str, title: str, sub: str, facts: str, note: str, book: str) -> str:
    return (f'<section class="cover" data-book="{esc(book)}">'
            f'<p class="cover-kicker">{esc(kicker)}</p><p class="cover-title">{esc(title)}</p>'
            f'<p class="cover-sub">{esc(sub)}</p><p class="cover-facts">{esc(facts)}</p>'
            f'<p class="cover-note">{esc(note)}</p></section>')


_NOTE = ("Sổ tay được tạo tự động từ kho văn bản. Văn bản chưa nhập toàn văn chỉ có các thông tin "
         "đã biết; những gì nguồn không ghi được để “chưa rõ”, không suy đoán. Bản in này không thay thế "
         "bản chính của văn bản.")


def _issuer_line(corpus: Corpus) -> str:
    return f"Liên đoàn Lao động tỉnh {corpus.province}"


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
    """What the running header shows for a document: its symbol, or its type when it has none."""
    return doc.so_ky_hieu or f"{doc.loai} (chưa rõ số)"


def _doc_heading(doc: VanBan) -> str:
    heading = f"{doc.loai} {doc.so_ky_hieu}" if doc.so_ky_hieu else doc.loai
    return (f'<h1 class="doc-title" id="{doc_id(doc)}" data-symbol="{esc(running_label(doc))}" '
            f'data-bookmark="{esc(doc.title)}">{esc(heading)}</h1>'
            f'<p class="doc-subject">{esc(doc.trich_yeu)}</p>')


def _closing(doc: VanBan) -> str:
    recipients = recipients_html(closing_view(doc))
    return f'<div class="closing">{recipients}</div>' if recipients else ""


# -- the whole collection ------------------------------------------------------------------

def collection_html(corpus: Corpus) -> str:
    docs = corpus.sorted_documents()
    present = {d.slug for d in docs}
    finder = citation_finder(corpus)
    book = "Sổ tay văn bản"
    full = sum(d.full_text for d in docs)
    out = [_cover(corpus.settings.ten_website, "SỔ TAY VĂN BẢN", _issuer_line(corpus),
                  f"{len(docs)} văn bản, trong đó {full} văn bản đã có toàn văn", _NOTE, book)]
    toc = ['<nav class="toc"><h2 class="sec-title">MỤC LỤC</h2><ul>']
    for d in docs:
        toc.append(f'<li class="toc-doc"><a href="#{doc_id(d)}">{esc(d.title)}</a></li>')
        for part in d.noi_dung:
            toc.append(f'<li class="toc-part"><a href="#{doc_prefix(d)}{part.anchor}">'
                       f"{esc(part_heading(part))}</a></li>")
    toc.append('<li class="toc-doc"><a href="#thuat-ngu">Bảng chữ viết tắt</a></li>')
    toc.append('<li class="toc-doc"><a href="#chi-muc-don-vi">Chỉ mục đơn vị</a></li>')
    toc.append("</ul></nav>")
    out += toc
    for d in docs:
        ctx = Ctx(corpus, prefix=doc_prefix(d), text=linker(finder, d, present), base_level=2)
        out.append(f'<section class="doc">{_doc_heading(d)}<div class="doc-meta">{meta_table(d, corpus)}</div>')
        if d.full_text:
            view = document_view(d, corpus)
            out.append(f'<div class="vb-body">{body_html(view, ctx)}</div>{_closing(d)}{appendices_html(view, ctx)}')
        else:
            out.append('<p class="no-text">Kho chưa có toàn văn của văn bản này; trên đây là các thông tin '
                       "đã biết.</p>")
        out.append("</section>")
    out.append(glossary_html(corpus))
    out.append(unit_index_html(corpus))
    return html_page(book, "".join(out), author=corpus.settings.ten_website,
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


def unit_handbook_html(corpus: Corpus, unit: DonVi) -> str:
    tasks = unit_tasks(corpus, unit.ma)
    plain = linker(citation_finder(corpus), None, None)
    book = f"Sổ tay dành cho {unit.ten}"
    n_docs = len({t.doc.slug for t in tasks})
    facts = (f"{len(tasks)} nhiệm vụ trong {n_docs} văn bản" if tasks
             else "Chưa có văn bản nào trong kho giao việc trực tiếp cho đơn vị này")
    out = [_cover("Sổ tay dành cho", unit.ten.upper(), _issuer_line(corpus), facts,
                  (unit.mo_ta + " " if unit.mo_ta else "") + _NOTE, book)]
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
    return html_page(book, "".join(out), author=corpus.settings.ten_website,
                     subject=f"Các nhiệm vụ được giao cho {unit.ten} trong các văn bản của kho.")


__all__ = ["collection_html", "unit_handbook_html", "collection_name", "unit_name", "SIZES"]
