"""A page per unit (its checklist of tasks) and the units index.

Headings are Markdown (table of contents); lists are raw HTML with `ldkb:` links
(render/markup.page_link): unit pages can hold thousands of task links.
"""
from __future__ import annotations

import html
from collections import defaultdict

from ldkb.text.dates import short_date
from ldkb.graph.relations import graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.folders import document_page
from ldkb.model.schema import DonVi
from ldkb.render.markup import (em_html, esc, file_note, heading_link, lines_html, md_escape, page_link,
                                text_html, ul_html)
from ldkb.render.paging import PAGE_ITEMS, by_year, pager_html, sheets_list_html
from ldkb.render.paths import PDF_DIR, report_form_docx, report_form_pdf, unit_calendar, unit_pdf
from ldkb.render.task_view import (TaskLine, as_of, count_states, counts_sentence, deadline_text, due_text,
                                   people, unit_lines, unit_name)
from ldkb.text.normalize import sort_key

UNITS_DIR = "don-vi"
MATRIX_PAGE = "ai-lam-gi.md"
UPCOMING_PAGE = "viec-sap-den-han.md"


def unit_page(unit_id: str) -> str:
    return f"{UNITS_DIR}/{unit_id}.md"


def units_with_tasks(corpus: Corpus) -> list[DonVi]:
    """Units some task reaches: each gets a report form."""
    g = graph_of(corpus)
    return [u for u in corpus.units.values() if g.tasks.get(u.ma)]


def has_calendar(corpus: Corpus, unit_id: str) -> bool:
    """A unit's calendar is made when one of its tasks has a due date (iCalendar needs an event)."""
    return any(r.task.deadline is not None and not r.task.deadline.ongoing
               for r in graph_of(corpus).tasks.get(unit_id, []))


def units_index_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    out = ["---", 'title: "Đơn vị"', 'description: "Các đơn vị được giao việc trong các văn bản của kho."',
           "---", "", "# Đơn vị", "",
           "Mỗi đơn vị có một trang liệt kê mọi việc được giao cho đơn vị đó trong tất cả văn bản, kể cả việc "
           f"giao cho một nhóm có đơn vị đó. Xem cả bảng [Ai làm gì](../{MATRIX_PAGE}) và "
           f"[Việc sắp đến hạn](../{UPCOMING_PAGE}).", ""]
    children: dict[str | None, list[DonVi]] = defaultdict(list)
    for u in corpus.units.values():
        children[u.thuoc if u.thuoc in corpus.units else None].append(u)

    def walk(parent: str | None) -> list[str]:
        items = []
        for u in sorted(children.get(parent, []), key=lambda u: sort_key(u.ten)):
            n = len(g.tasks.get(u.ma, []))
            count = f"{n} việc được giao" if n else "chưa có việc được giao trong kho"
            sub = walk(u.ma)
            items.append(f"{page_link(f'{UNITS_DIR}/{u.ma}', u.ten)} — {count}" + (ul_html(sub) + "\n" if sub else ""))
        return items

    items = walk(None)
    if items:
        out += [ul_html(items), ""]
    return "\n".join(out) + "\n"


def unit_markdown(unit: DonVi, corpus: Corpus, limit: int = PAGE_ITEMS) -> str:
    """The unit's page (its further pages: `unit_pages`)."""
    return unit_pages(unit, corpus, limit)[unit_page(unit.ma)]


def unit_pages(unit: DonVi, corpus: Corpus, limit: int = PAGE_ITEMS) -> dict[str, str]:
    """The unit's page: what it is, its files and its checklist. A unit with more than `limit`
    tasks keeps on its page the main document's and lists the others by the year of their
    documents, on pages of at most `limit` tasks (`don-vi/<unit>/nam-2024.md`)."""
    lines = unit_lines(corpus, unit.ma)
    out = ["---", f'title: "{_q(unit.ten)}"',
           f'description: "{_q("Việc được giao cho " + unit.ten + " trong các văn bản của kho.")}"',
           "---", "", f"# {md_escape(unit.ten)}", ""]
    facts = []
    if unit.ten_ngan:
        facts.append(f"Tên ngắn: {text_html(unit.ten_ngan)}")
    if unit.thuoc and unit.thuoc in corpus.units:
        facts.append(f"Thuộc: {page_link(f'{UNITS_DIR}/{unit.thuoc}', corpus.units[unit.thuoc].ten)}")
    subs = sorted((u for u in corpus.units.values() if u.thuoc == unit.ma), key=lambda u: sort_key(u.ten))
    if subs:
        facts.append("Đơn vị trực thuộc: " + ", ".join(page_link(f"{UNITS_DIR}/{u.ma}", u.ten) for u in subs))
    groups = [u for u in corpus.units.values() if unit.ma in u.bao_gom]
    if groups:
        facts.append("Thuộc nhóm: " + ", ".join(page_link(f"{UNITS_DIR}/{u.ma}", u.ten) for u in groups))
    if unit.bao_gom:
        facts.append("Nhóm gồm: " + ", ".join(page_link(f"{UNITS_DIR}/{m}", unit_name(corpus, m))
                                              for m in unit.bao_gom if m in corpus.units))
    if unit.mo_ta:
        out += [md_escape(unit.mo_ta), ""]
    if facts:
        out += [ul_html(facts), ""]
    out += [_downloads_html(unit, corpus, bool(lines)), ""]
    out += ["## Việc được giao {#viec-duoc-giao}", ""]
    home = unit_page(unit.ma)
    if not lines:
        out += [em_html("Chưa có văn bản nào trong kho giao việc cho đơn vị này."), ""]
        return {home: "\n".join(out) + "\n"}
    out += [_summary(lines, corpus, "Việc có thời hạn xếp trước, theo ngày đến hạn."), ""]
    if len(lines) <= limit:
        out += [_checklist_html(lines, corpus), ""]
        out += _general_note(lines, corpus)
        return {home: "\n".join(out) + "\n"}
    main = corpus.main_document
    own = [line for line in lines if line.task.doc is main]
    rest = [line for line in lines if line.task.doc is not main]
    if own and main is not None:
        out += [f"### {heading_link(document_page(main.slug), main.title)} {{#van-ban-chinh}}", "",
                _checklist_html(own, corpus), ""]
        out += _general_note(own, corpus)
    # Each year's lines keep the checklist's order (by due date): pages are cut anywhere in it.
    sheets = by_year(rest, lambda line: line.task.doc, f"{UNITS_DIR}/{unit.ma}", limit, cut_between_documents=False)
    out += ["### Các văn bản khác, theo năm ban hành {#theo-nam}", "",
            f"<p>Mỗi năm một trang (năm gần nhất trước), mỗi trang tối đa {limit} việc.</p>",
            sheets_list_html(sheets, lambda ls: f"{len(ls)} việc ({counts_sentence(count_states(ls))})"), ""]
    pages = {home: "\n".join(out) + "\n"}
    for sheet in sheets:
        page = ["---", f'title: "{_q(unit.ten)} — {_q(sheet.title.lower())}"',
                f'description: "{_q("Việc được giao cho " + unit.ten + " trong các văn bản ban hành " + sheet.label.lower() + ".")}"',
                "---", "", f"# {md_escape(unit.ten)} — {md_escape(sheet.title.lower())}", "",
                pager_html(sheet, sheets, (f"{UNITS_DIR}/{unit.ma}", unit.ten)), "",
                _summary(sheet.items, corpus, "Việc có thời hạn xếp trước, theo ngày đến hạn."), "",
                _checklist_html(sheet.items, corpus), ""]
        page += _general_note(sheet.items, corpus)
        pages[sheet.uri] = "\n".join(page) + "\n"
    return pages


def _summary(lines: list[TaskLine], corpus: Corpus, order: str) -> str:
    n_docs = len({line.task.doc.slug for line in lines})
    return (f'<p class="vb-progress-summary">Có <strong>{len(lines)}</strong> việc được giao trong '
            f"<strong>{n_docs}</strong> văn bản; {esc(as_of(corpus.today))}: "
            f"{esc(counts_sentence(count_states(lines)))}. {order}</p>")


def _checklist_html(lines: list[TaskLine], corpus: Corpus) -> str:
    return '<ol class="vb-checklist">' + "".join(_check_item(line, corpus) for line in lines) + "</ol>"


def _general_note(lines: list[TaskLine], corpus: Corpus) -> list[str]:
    """The documents of the unit's tasks may also assign work without naming anyone: say so, without
    listing it as the unit's (the source does not give it to the unit)."""
    bits = []
    for slug in dict.fromkeys(line.task.doc.slug for line in lines):
        n = sum(t.general for t in corpus.tasks.get(slug, ()))
        doc = corpus.by_slug(slug)
        if n and doc is not None:
            bits.append(f"{page_link(document_page(slug), doc.title)} còn {n} việc giao chung, không nêu đơn vị nào")
    if not bits:
        return []
    return [f'<p class="vb-general-note">Ngoài các việc trên: {"; ".join(bits)} (xem '
            f'<a href="ldkb:ai-lam-gi">Ai làm gì</a>).</p>', ""]


_STATE_CLASS = {"hoan-thanh": "done", "dang-thuc-hien": "doing", "chua-trien-khai": "todo", None: "none"}


def _check_item(line: TaskLine, corpus: Corpus) -> str:
    t, st, reach = line.task, line.standing, line.reach
    state = st.status if st is not None else None
    classes = f"vb-check vb-check--{_STATE_CLASS[state]}" + (" vb-check--overdue" if st and st.overdue else "")
    mark = "☑" if state == "hoan-thanh" else "☐"
    status = [f'<span class="vb-check__state">{esc(st.label if st else "Chưa có báo cáo")}</span>']
    if st is not None and st.overdue:
        status.append('<strong class="vb-check__late">Quá hạn</strong>')
    elif st is not None and st.soon:
        status.append('<strong class="vb-check__soon">Sắp đến hạn</strong>')
    report = st.report if st is not None else None
    if report is not None:
        bits = [f"báo cáo ngày {short_date(report.date)}"]
        if report.count:
            bits.append(report.count)
        status.append(esc(", ".join(bits)))
    where = page_link(document_page(t.doc.slug), f"{t.doc.title} — {t.label}", t.anchor)
    facts = []
    role = line.role_label
    if reach is not None and reach.via:
        role += f" (việc giao cho “{unit_name(corpus, reach.via)}”)"
    elif t.inherited_from:
        role += f" (theo {t.inherited_from})"
    facts.append(("Vai trò", esc(role)))
    if t.deadline is not None:
        dl = esc(deadline_text(t))
        due = due_text(st, t)
        if due:
            dl += f" <span class=\"vb-check__due\">({esc(due)})</span>"
        if t.deadline_inherited:
            dl += " <span class=\"vb-check__note\">(thời hạn của cả mục)</span>"
        facts.append(("Thời hạn", dl))
    else:
        facts.append(("Thời hạn", '<span class="vb-unknown">văn bản không nêu</span>'))
    for label, who in people(t, corpus):
        facts.append((label, esc(who)))
    if t.output:
        facts.append(("Sản phẩm", esc(t.output)))
    if report is not None and report.record.ket_qua:
        facts.append(("Kết quả", esc(report.record.ket_qua)))
    if report is not None and report.record.van_ban:
        doc = report.report_doc
        facts.append(("Văn bản báo cáo", page_link(document_page(doc.slug), report.record.van_ban) if doc
                      else esc(report.record.van_ban)))
    texts = t.texts or ([t.title] if t.title else [])
    work = "".join(f"<p>{lines_html(text)}</p>" for text in texts)
    dl_html = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts)
    return (f'<li class="{classes}" id="{esc(t.doc.slug)}--{esc(t.anchor)}">'
            f'<span class="vb-check__box" aria-hidden="true">{mark}</span>'
            f'<div class="vb-check__body"><p class="vb-check__status">{" · ".join(status)}</p>'
            f'<p class="vb-check__where"><strong>{where}</strong></p>'
            f'<div class="vb-check__work">{work}</div><dl class="vb-check__facts">{dl_html}</dl></div></li>')


def _downloads_html(unit: DonVi, corpus: Corpus, has_tasks: bool) -> str:
    """The unit's files as buttons with their size (and page count), as on a document's page: its
    handbook, its report form, its calendar (same names as the writers use). The files are written
    after the pages; `file_note` placeholders get their sizes then (ldkb.export.file_sizes)."""
    up = "../../"
    a4, a5 = (f"{PDF_DIR}/{unit_pdf(unit.ma, size)}" for size in ("a4", "a5"))
    buttons = [f'<a class="md-button md-button--primary" href="{up}{a4}" download>Tải sổ tay, khổ A4{file_note(a4)}</a>',
               f'<a class="md-button" href="{up}{a5}" download>Khổ A5, bỏ túi{file_note(a5)}</a>']
    what = [f"Sổ tay dành cho {esc(unit.ten)}: các văn bản và các việc giao cho đơn vị, để in."]
    if has_tasks:
        docx, pdf = report_form_docx(unit.ma), f"{PDF_DIR}/{report_form_pdf(unit.ma)}"
        buttons += [f'<a class="md-button" href="{up}{docx}" download>Mẫu báo cáo để điền{file_note(docx)}</a>',
                    f'<a class="md-button" href="{up}{pdf}" download>Mẫu báo cáo để in{file_note(pdf)}</a>']
        what.append("Mẫu báo cáo kết quả thực hiện: mỗi việc của đơn vị một dòng, bản Word sửa và điền được.")
        if has_calendar(corpus, unit.ma):
            ics = unit_calendar(unit.ma)
            buttons.append(f'<a class="md-button" href="{up}{ics}" download>Thêm vào lịch{file_note(ics)}</a>')
            what.append("Tệp lịch: các thời hạn của đơn vị, mở bằng ứng dụng lịch trên điện thoại hoặc máy tính.")
        else:
            what.append("Chưa có việc nào của đơn vị có ngày đến hạn để thêm vào lịch.")
    what.append(f'Sổ tay toàn bộ văn bản và các bản in khác: trang {page_link("ban-in", "Bản in")}.')
    return (f'<div class="ldkb-actions vb-pdf vb-unit-files" data-search-exclude data-pagefind-ignore>{"".join(buttons)}</div>\n'
            f'<p class="vb-pdf__what" data-search-exclude>{" ".join(what)}</p>')


def _q(text: str) -> str:
    # Themes print the title (navigation, <head>) unescaped: escape HTML here, as render_page does.
    text = html.escape(text, quote=True)
    return text.replace("\\", "\\\\").replace('"', '\\"')


__all__ = ["UNITS_DIR", "MATRIX_PAGE", "UPCOMING_PAGE", "unit_page", "units_index_markdown", "unit_markdown", "unit_pages",
           "units_with_tasks", "has_calendar"]
