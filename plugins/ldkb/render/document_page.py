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
from ldkb.model.schema import VanBan
from ldkb.text.normalize import slugify, sort_key
from ldkb.text.dates import short_date
from ldkb.render.markup import (cell_html, esc, file_note, md_escape, note_id, note_refs, page_link, text_html,
                                ul_html)
from ldkb.graph.effect import period_notice
from ldkb.render.graph_pages import related_markdown
from ldkb.render.paths import PDF_DIR, document_docx, document_pdf
from ldkb.render.task_view import as_of, count_states, counts_sentence, document_progress
from ldkb.render.document_view import (Assignment, Block, Closing, Facts, Footnote, Header, Part, Table,
                                       UnitRef, document_view)
from ldkb.model.folders import document_page

def document_markdown(doc: VanBan, corpus: Corpus, *, preview: bool = False) -> str:
    """The whole page of one document. `preview` (`make serve`) adds what only editors need:
    which file to open and which command to run."""
    view = document_view(doc, corpus)
    out: list[str] = [
        "---",
        f"title: {_yaml_str(doc.title)}",
        f"description: {_yaml_str(_description(doc))}",
        "---",
        "",
    ]
    if doc.full_text:
        out += [_header_html(view.header), "",
                f"# {md_escape(view.type_title)} {{#van-ban .vb-title}}", ""]
    else:
        # Without its text the site has not seen the document: a plain record card, not a
        # mock official header.
        out += ['<p class="vb-card-kind" data-search-exclude>Thông tin văn bản</p>', "",
                f"# {_title_keeping_symbol(doc)} {{#van-ban .vb-title .vb-title--card}}", ""]
    out += [
        f'<p class="vb-subject">{esc(view.subject)}</p>',
        "",
        _meta_html(view.facts),
        "",
        _actions_html(doc, corpus),
        "",
    ]
    out += period_notice(doc)
    if doc.ghi_chu:
        out += ['!!! note "Ghi chú của biên tập"', "", f"    {md_escape(doc.ghi_chu)}", ""]
    if not doc.full_text:
        out += _missing_text_notice(doc, corpus, preview)
    else:
        out += _blocks(view.opening)
        for part in view.parts:
            out += _part(part, base_level=2)
        out += _blocks(view.ending)
        if view.notes:
            out += [_notes_html(view.notes), ""]
        for part in view.appendices:
            out += _part(part, base_level=2)
        out += [_closing_html(view.closing), ""]
    out += _progress_markdown(doc, corpus)
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


def _header_html(h: Header) -> str:
    """The two-column official header: bodies and number left, title and date right; a Party
    document's has the Party's title and a star under its issuing body (see document_view).
    Not indexed for search: the national title, the motto and the bodies' names in capitals
    would make every document match "hạnh phúc" or "đoàn" (each column is excluded on its own:
    the search parser stops skipping at the first closing tag of the same name)."""
    parent = esc(h.parent.upper())
    motto = f'<p class="vb-motto">{esc(h.motto)}</p>' if h.motto else ""
    return (
        f'<div class="vb-header vb-header--{h.family}" role="group" aria-label="Phần đầu văn bản">'
        '<div class="vb-header__left" data-search-exclude data-pagefind-ignore>'
        + (f'<p class="vb-parent">{parent}</p>' if parent else "")
        + f'<p class="vb-issuer">{esc(h.issuer.upper())}</p>'
        f'<p class="vb-number">{esc(h.number_label)} {esc(h.number)}</p>'
        "</div>"
        '<div class="vb-header__right" data-search-exclude data-pagefind-ignore>'
        f'<p class="vb-nation">{esc(h.nation)}</p>'
        + motto
        + f'<p class="vb-date">{esc(h.place)}, {esc(h.date)}</p>'
        "</div></div>"
    )


def _unknown(text: str) -> str:
    return f'<span class="vb-unknown">{text}</span>'


def _meta_html(f: Facts) -> str:
    rows: list[tuple[str, str]] = []
    rows.append(("Số, ký hiệu", esc(f.number) if f.number
                 else _unknown("Chưa rõ (nguồn không ghi số, ký hiệu)")))
    rows.append(("Loại văn bản", esc(f.type)))
    rows.append(("Cơ quan ban hành", esc(f.issuer)))
    rows.append(("Ngày ban hành", esc(f.date) if f.date else _unknown("Chưa rõ (nguồn không ghi ngày)")))
    if f.period:
        rows.append(("Giai đoạn", esc(f.period)))
    st = f.status
    if st.label is None:
        status = _unknown("Chưa rõ (chưa có thông tin; không suy đoán)")
    else:
        status = esc(st.label)
        if st.replaced_by:
            name = esc(st.replaced_by)
            # `ldkb:` placeholders are resolved to relative URLs by the plugin that makes the page.
            status += (f' bởi <a href="ldkb:{document_page(st.replaced_by_slug)}">{name}</a>' if st.replaced_by_slug
                       else f" bởi {name}")
    if st.note:
        status += f'<br><span class="vb-status-note">{esc(st.note)}</span>'
    rows.append(("Tình trạng hiệu lực", status))
    rows.append(("Toàn văn", "Có trên trang này" if f.full_text else _unknown("Trang web chưa có")))
    if f.bases:
        rows.append(("Căn cứ ban hành", "".join(f"<p>{esc(c)}</p>" for c in f.bases)))
    if f.source:
        rows.append(("Nguồn", esc(f.source)))
    # Labels are not search text (every document has them); a line break between cells keeps
    # the values apart in search snippets ("13/CT-TTg Chỉ thị", not "13/CT-TTgChỉ thị").
    cells = "\n".join(f'<tr><th scope="row" data-search-exclude>{k}</th>\n<td>{v}</td></tr>' for k, v in rows)
    return f'<table class="vb-meta" aria-label="Thông tin văn bản"><tbody>\n{cells}\n</tbody></table>'


def _title_keeping_symbol(doc: VanBan) -> str:
    """The title as Markdown, its symbol kept on one line: a phone broke "117/KH-" from "LĐLĐ"."""
    sym = doc.so_ky_hieu
    head, found, tail = doc.title.partition(sym) if sym else (doc.title, "", "")
    if not found:
        return md_escape(doc.title)
    return f'{md_escape(head)}<span class="vb-nowrap">{md_escape(sym or "")}</span>{md_escape(tail)}'


def _actions_html(doc: VanBan, corpus: Corpus) -> str:
    """Download, print and share, as buttons. The PDF and the Word file are written next to the site
    after the pages (build_pdf.py, ldkb.export.docx_build; same file name rules), and their sizes
    and page counts then filled in (export.file_sizes); print and share are shown by the reader's
    script (ldkb-actions.js)."""
    path = f"{PDF_DIR}/{document_pdf(doc)}"
    what = ("Bản PDF theo thể thức Nghị định 30/2020/NĐ-CP, khổ A4; bản Word sửa được trong Word." if doc.full_text
            else "Bản PDF là phiếu thông tin một trang: trang web chưa có toàn văn.")
    site = esc(corpus.settings.dia_chi_web or "")
    # The editable Word file of a document with its full text (ldkb.export.docx_build), beside it.
    docx = f"{PDF_DIR}/{document_docx(doc)}"
    word = (f'<a class="md-button" href="../../{docx}" download>Tải bản Word{file_note(docx)}</a>'
            if doc.full_text else "")
    return (f'<div class="ldkb-actions vb-pdf" data-ldkb-actions data-search-exclude data-pagefind-ignore>'
            f'<a class="md-button md-button--primary" href="../../{path}" download>Tải PDF{file_note(path)}</a>'
            + word
            + '<button type="button" class="md-button" data-ldkb-action="print" hidden>In trang này</button>'
            f'<button type="button" class="md-button" data-ldkb-action="share" data-ldkb-path="{esc(doc.url)}" '
            f'data-ldkb-site="{site}" hidden>Chia sẻ</button>'
            '<span class="ldkb-actions__status" role="status" aria-live="polite"></span></div>\n'
            f'<p class="vb-pdf__what" data-search-exclude>{what}</p>')


def _notes_html(notes: tuple[Footnote, ...]) -> str:
    """Footnotes under the body, each with the anchor its references link to."""
    items = "".join(f'<li id="{note_id(n.mark)}"><span class="vb-fn__mark">{esc(n.mark)}</span> '
                    f"{esc(n.text)}</li>" for n in notes)
    return f'<ol class="vb-notes" aria-label="Chú thích">{items}</ol>'


def _progress_markdown(doc: VanBan, corpus: Corpus) -> list[str]:
    """Per section of a document that assigns work: where its tasks stand on the reference date."""
    sections = document_progress(corpus, doc)
    if not sections:
        return []
    items = []
    for sec in sections:
        bits = []
        if sec.lines:
            bits.append(f"{len(sec.lines)} việc giao cho đơn vị ({counts_sentence(count_states(list(sec.lines)))})")
        if sec.unassigned:
            bits.append(f"{sec.unassigned} việc giao chung hoặc không nêu đơn vị")
        items.append(f'<li><a href="#{sec.anchor}">{esc(sec.label)}</a>: {esc("; ".join(bits))}.</li>')
    return ["## Tiến độ thực hiện {#tien-do-thuc-hien}", "",
            f'<p class="vb-asof">{esc(as_of(corpus.today).capitalize())}, theo báo cáo của các đơn vị đã nhập vào '
            'kho; mỗi việc giao cho nhiều đơn vị được tính một lần cho mỗi đơn vị (xem trang “Ai làm gì” và '
            '“Việc sắp đến hạn”).</p>', "",
            f'<ul class="vb-progress">{"".join(items)}</ul>', ""]


def _missing_text_notice(doc: VanBan, corpus: Corpus, preview: bool) -> list[str]:
    """For members: plainly, the site does not have the text yet, and whom to ask (cai-dat.yml
    `lien_he`). Which file to fill in and which command to run: in the preview only."""
    ask = corpus.settings.lien_he
    out = [
        '!!! note "Chưa có toàn văn"',
        "",
        "    Trang web chưa có toàn văn của văn bản này; các thông tin trên được trích từ văn bản khác "
        "trong kho.",
        f"    Cần đọc toàn văn, xin liên hệ: {md_escape(ask)}." if ask
        else "    Khi có toàn văn, trang này sẽ được cập nhật.",
        "",
    ]
    if preview:
        out += [
            '!!! info "Dành cho biên tập viên (chỉ hiện khi xem trước)"',
            "",
            f"    Có bản gốc: mở tệp `{doc.file}`, chép toàn văn vào trường `noi_dung`",
            "    theo trang *Hướng dẫn biên tập*, rồi chạy `make validate`.",
            "",
        ]
    return out


_ROLE_WORDS = {"chu_tri": "Chủ trì", "don_vi": "Đơn vị thực hiện", "phoi_hop": "Phối hợp"}


def _units_html(task: Assignment | None) -> str:
    """A small line naming who is responsible, shown under a part or a bullet."""
    if task is None:
        return ""
    bits = []
    for role, refs in (("chu_tri", task.leads), ("don_vi", task.units), ("phoi_hop", task.partners)):
        names = [_unit_link(u) for u in refs] + [esc(name) for r, name in task.outside if r == role]
        if names:
            bits.append(f"{_ROLE_WORDS[role]}: " + ", ".join(names))
    if task.general:
        bits.append("Giao chung (văn bản không nêu đơn vị)")
    if task.nobody:
        bits.append("Không nêu đơn vị")
    if task.deadline:
        bits.append(f"Thời hạn: {esc(task.deadline)}")
    if task.output:
        bits.append(f"Sản phẩm: {esc(task.output)}")
    return f'<p class="vb-task">{" · ".join(bits)}</p>'


def _unit_link(unit: UnitRef) -> str:
    if unit.name is None:
        return f'<span class="vb-unit" data-unit="{esc(unit.id)}">{esc(unit.id)}</span>'
    # The unit's page (don-vi/<id>/) lists all its tasks; a site without unit pages (no graph
    # plugin) shows the name as text (unlink_folders).
    return f'<a class="vb-unit" data-unit="{esc(unit.id)}" href="ldkb:don-vi/{esc(unit.id)}">{esc(unit.name)}</a>'


def _part(part: Part, base_level: int) -> list[str]:
    level = min(base_level + part.depth - 1, 6)
    units = _units_html(part.task)
    if part.run_in:
        # An untitled numbered part: its number runs into its first paragraph, as printed.
        out = _blocks(part.blocks, run_in=(part.run_in, part.anchor, part.id))
        if units:
            out += [units, ""]
    else:
        out = [f"{'#' * level} {md_escape(part.heading)} {{#{part.anchor} data-part=\"{esc(part.id)}\"}}", ""]
        if units:
            out += [units, ""]
        out += _blocks(part.blocks)
    for child in part.children:
        out += _part(child, base_level)
    return out


def _number_html(run_in: tuple[str, str, str]) -> str:
    number, anchor, part_id = run_in
    return f'<span class="vb-num" id="{anchor}" data-part="{esc(part_id)}">{esc(number)}</span> '


def _blocks(blocks: tuple[Block, ...], run_in: tuple[str, str, str] | None = None) -> list[str]:
    """Blocks as raw HTML: exact text, stable ids, no Markdown surprises in editors' text.
    `run_in`: the number of an untitled part, put before its first paragraph."""
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.extend([f'<ul class="vb-list">{"".join(items)}</ul>', ""])
            items.clear()

    if run_in is not None and (not blocks or blocks[0].kind != "para"):
        out += [f'<p class="vb-runin">{_number_html(run_in)}</p>', ""]
        run_in = None
    for block in blocks:
        units = _units_html(block.task)
        if block.kind == "bullet":
            items.append(f'<li id="{block.anchor}">{note_refs(esc(block.text))}{units}</li>')
            continue
        flush()
        if block.table is not None:
            out += [_table_html(block.table, block.anchor) + (f"\n{units}" if units else ""), ""]
        else:
            number = ""
            if run_in is not None:
                number, run_in = _number_html(run_in), None
            cls = ' class="vb-runin"' if number else ""
            # A line break between the two paragraphs, as Markdown used to put (search text too).
            out += [f'<p id="{block.anchor}"{cls}>{number}{note_refs(esc(block.text))}</p>'
                    + (f"\n{units}" if units else ""), ""]
    flush()
    return out


def _table_html(table: Table, anchor: str) -> str:
    caption = f"<caption>{esc(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    ids = table.row_anchors or ("",) * len(table.rows)
    rows = "".join((f'<tr id="{rid}">' if rid else "<tr>") + "".join(f"<td>{cell_html(c)}</td>" for c in r)
                   + "</tr>" for rid, r in zip(ids, table.rows, strict=True))
    cls = "vb-table-wrap vb-task-table" if table.row_anchors else "vb-table-wrap"
    return (f'<div class="{cls}" id="{anchor}" tabindex="0" role="region" aria-label="Bảng">'
            f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")


def _closing_html(closing: Closing) -> str:
    lines = [f"<li>{esc(line)}</li>" for line in closing.recipients]
    recipients = (
        '<div class="vb-recipients"><p class="vb-recipients__title">Nơi nhận:</p>'
        f'<ul>{"".join(lines)}</ul></div>' if lines else '<div class="vb-recipients"></div>'
    )
    sig = closing.signature
    if sig is not None:
        sign = "".join(f'<p class="vb-sign__{kind}">{esc(text)}</p>' for kind, text in sig.lines)
        if sig.name:
            sign += f'<p class="vb-sign__name">{esc(sig.name)}</p>'
    else:
        sign = '<p class="vb-unknown">Bản gốc không ghi người ký.</p>'
    return f'<div class="vb-closing" id="noi-nhan">{recipients}<div class="vb-sign">{sign}</div></div>'


def index_markdown(corpus: Corpus) -> str:
    """The documents index: the main document first, then by type, then by date."""
    docs = corpus.sorted_documents()
    main = corpus.main_document
    out = ["---", 'title: "Danh mục văn bản"', "---", "", "# Danh mục văn bản", "",
           f"Kho hiện có **{len(docs)}** văn bản; trang web có toàn văn của "
           f"**{sum(d.full_text for d in docs)}** văn bản.", ""]
    if main is not None:
        out += [f'<p class="vb-main">Văn bản chính: {page_link(document_page(main.slug), main.title)} — '
                f"{text_html(main.subject_title)}</p>", ""]
    out += ["## Theo loại văn bản {#theo-loai}", ""]
    by_type: dict[str, list[VanBan]] = defaultdict(list)
    for d in docs:
        by_type[d.loai].append(d)
    for loai in sorted(by_type, key=sort_key):
        out += [f"### {md_escape(loai)} {{#loai-{slugify(loai)}}}", "",
                ul_html([_index_item(d) for d in by_type[loai]]), ""]
    out += ["## Theo ngày ban hành {#theo-ngay}", "", ul_html([_index_item(d) for d in docs]), ""]
    return "\n".join(out)


def _index_item(d: VanBan) -> str:
    date = short_date(d.ngay_ban_hanh) if d.ngay_ban_hanh else "chưa rõ ngày"
    state = "" if d.full_text else " — <em>chưa có toàn văn</em>"
    return f"{page_link(document_page(d.slug), d.title)} — {date} — {text_html(d.subject_title)}{state}"


def errors_admonition(corpus: Corpus) -> str:
    """Content errors shown at the top of every previewed page, so editors see them at once."""
    lines = ['!!! failure "Nội dung đang có lỗi — trang web chưa thể xuất bản"', "",
             "    Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.", ""]
    for item in corpus.log.errors:
        where = f"{item.file}:{item.line}" if item.line else item.file
        hint = f" — *Cách sửa:* {md_escape(item.hint)}" if item.hint else ""
        lines.append(f"    - `{where}`: {md_escape(item.message)}{hint}")
    return "\n".join(lines) + "\n\n"
