""""Ai làm gì" (who does what: every task × every unit it reaches) and "Việc sắp đến hạn".

"Ai làm gì" is one table for wide screens (first column fixed, a shadow and a note when it
scrolls sideways) and one card per unit below ~900 px (docs/assets/ldkb.css), so a phone shows
every unit's tasks without a clipped column.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.folders import document_page
from ldkb.model.progress import SOON_DAYS, Standing, plan_start
from ldkb.model.schema import DonVi
from ldkb.model.tasks import GENERAL, NO_UNIT, ROLES, Task
from ldkb.render.markup import em_html, esc, page_link, text_html, ul_html
from ldkb.render.paths import collection_calendar
from ldkb.render.task_view import deadline_text, document_order_key, short_name, unit_name
from ldkb.render.unit_pages import MATRIX_PAGE, UNITS_DIR, UPCOMING_PAGE
from ldkb.text.dates import short_date

SUMMARY_CHARS = 90


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _task_link(task: Task, with_doc: bool = False) -> str:
    label = f"{task.doc.title} — {task.label}" if with_doc else task.label
    return page_link(document_page(task.doc.slug), label, task.anchor)


def _front(title: str, description: str, wide: bool = False) -> list[str]:
    # `wide`: no table-of-contents column (Material's `hide: [toc]`), so a wide table gets the room.
    hide = ["hide:", "  - toc"] if wide else []
    return ["---", f'title: "{title}"', f'description: "{description}"', *hide, "---", "", f"# {title}", ""]


# -- Ai làm gì -------------------------------------------------------------------------------

def matrix_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    tasks = sorted(corpus.all_tasks(), key=lambda t: document_order_key(corpus, t))
    out = _front("Ai làm gì", "Việc nào giao cho đơn vị nào, ai chủ trì, ai phối hợp, đến khi nào.", wide=True)
    out += ["Mỗi dòng là một việc văn bản giao (một mục, một đoạn, một ý hay một dòng của bảng giao việc); "
            "mỗi cột là một đơn vị (trên màn hình hẹp: mỗi đơn vị một thẻ). Ô ghi vai trò của đơn vị: chủ trì, thực hiện, phối hợp; việc giao cho một "
            "nhóm (như “Các cấp công đoàn”) hiện ở cột của từng đơn vị trong nhóm. Bấm tên đơn vị để xem danh "
            f"sách việc của đơn vị đó; xem thêm [Việc sắp đến hạn]({UPCOMING_PAGE}).", ""]
    if not tasks:
        out += [em_html("Chưa có văn bản nào trong kho giao việc."), ""]
        return "\n".join(out) + "\n"
    reached = set(g.tasks)
    units = [u for u in corpus.units.values() if u.ma in reached]
    by_task: ByTask = {}
    for code, reaches in g.tasks.items():
        for r in reaches:
            by_task.setdefault(id(r.task), {})[code] = (r.role, r.via)
    has_outside = any(t.outside for t in tasks)
    has_deadline = any(t.deadline is not None for t in tasks)
    out += [_matrix_table(corpus, tasks, units, by_task, has_outside, has_deadline), ""]
    out += [_matrix_cards(corpus, tasks, units), ""]
    return "\n".join(out) + "\n"


def _role_cell(entry: tuple[str, str | None] | None, corpus: Corpus) -> str:
    if entry is None:
        return "<td></td>"
    role, via = entry
    via_html = f'<span class="vb-via">qua “{esc(short_name(corpus, via))}”</span>' if via else ""
    return f'<td class="vb-role vb-role--{role}">{ROLES[role]}{via_html}</td>'


ByTask = dict[int, dict[str, tuple[str, str | None]]]  # id(task) -> unit -> (role, group or None)


def _matrix_table(corpus: Corpus, tasks: list[Task], units: list[DonVi], by_task: ByTask, has_outside: bool,
                  has_deadline: bool) -> str:
    head = "".join(f'<th scope="col"><a href="ldkb:{UNITS_DIR}/{u.ma}" title="{html.escape(u.ten)}">'
                   f"{html.escape(u.ten_ngan or u.ten)}</a></th>" for u in units)
    if has_outside:
        head += '<th scope="col">Cơ quan ngoài danh mục</th>'
    if has_deadline:  # no column of empty cells when no document states a deadline
        head += '<th scope="col">Thời hạn</th>'
    width = len(units) + (1 if has_outside else 0) + (1 if has_deadline else 0)
    body = []
    current = None
    for t in tasks:
        doc = t.doc
        if doc.slug != current:  # one heading row per document, then its tasks
            current = doc.slug
            body.append(f'<tr class="vb-matrix__doc"><th scope="rowgroup" colspan="{width + 1}">'
                        f'<a href="ldkb:{document_page(doc.slug)}">{html.escape(doc.title)}</a></th></tr>')
        first = (f'<th scope="row"><a href="ldkb:{document_page(doc.slug)}#{t.anchor}">{html.escape(t.label)}</a>'
                 f'<span class="vb-matrix__what">{text_html(_short(t.summary))}</span></th>')
        entries = by_task.get(id(t), {})
        if t.general or t.no_unit:
            what = f"{GENERAL.capitalize()} (văn bản không nêu đơn vị)" if t.general else NO_UNIT.capitalize()
            cells = f'<td class="vb-matrix__nobody" colspan="{len(units)}">{what}</td>' if units else ""
        else:
            cells = "".join(_role_cell(entries.get(u.ma), corpus) for u in units)
        if has_outside:
            cells += "<td>" + "<br>".join(f"{ROLES[r]}: {esc(', '.join(names))}"
                                          for r, names in t.outside.items()) + "</td>"
        if has_deadline:
            cells += f"<td>{esc(deadline_text(t))}</td>"
        body.append(f"<tr>{first}{cells}</tr>")
    cue = ""
    if len(units) > 5:
        cue = ('<p class="vb-scroll-cue">Bảng có nhiều cột: nếu không vừa màn hình, kéo ngang trong bảng để '
               "xem hết (cột đầu đứng yên).</p>")
    return (f'<div class="vb-matrix-wide">{cue}<div class="vb-table-wrap vb-matrix" tabindex="0" role="region" '
            'aria-label="Bảng ai làm gì">'
            # A class of its own: neither the theme's script nor the reader plugin wraps it again, so
            # this region is the one that scrolls (and shows the shadows).
            f'<table class="vb-matrix__table"><thead><tr><th scope="col">Việc</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div></div>')


def _matrix_cards(corpus: Corpus, tasks: list[Task], units: list[DonVi]) -> str:
    """The same facts, one card per unit: what a phone shows instead of the table."""
    cards = []
    g = graph_of(corpus)
    with_doc = len(corpus.documents) > 1
    for u in units:
        items = []
        # The unit's own reaches, in document order: one pass over what reaches it, not over every task.
        for r in sorted(g.tasks.get(u.ma, []), key=lambda r: document_order_key(corpus, r.task)):
            t, role, via = r.task, r.role, r.via
            bits = [ROLES[role] + (f" (qua “{short_name(corpus, via)}”)" if via else "")]
            if t.deadline is not None:
                bits.append(f"thời hạn: {deadline_text(t)}")
            items.append(f'<li>{_task_link(t, with_doc=with_doc)}'
                         f'<span class="vb-card__what">{text_html(_short(t.summary))}</span>'
                         f'<span class="vb-card__role">{esc(" · ".join(bits))}</span></li>')
        cards.append(f'<section class="vb-card" data-unit="{u.ma}"><h2 class="vb-card__title">'
                     f'<a href="ldkb:{UNITS_DIR}/{u.ma}">{html.escape(u.ten)}</a></h2>'
                     f'<ul class="vb-card__tasks">{"".join(items)}</ul></section>')
    nobody: list[tuple[str, Callable[[Task], bool]]] = [
        (f"{GENERAL.capitalize()} (văn bản không nêu đơn vị)", lambda t: t.general),
        (NO_UNIT.capitalize(), lambda t: t.no_unit)]
    for label, pick in nobody:
        items = [f'<li>{_task_link(t, with_doc=len(corpus.documents) > 1)}'
                 f'<span class="vb-card__what">{text_html(_short(t.summary))}</span>'
                 + (f'<span class="vb-card__role">thời hạn: {esc(deadline_text(t))}</span>' if t.deadline else "")
                 + "</li>" for t in tasks if pick(t)]
        if items:
            cards.append(f'<section class="vb-card vb-card--nobody"><h2 class="vb-card__title">{label}</h2>'
                         f'<ul class="vb-card__tasks">{"".join(items)}</ul></section>')
    return f'<div class="vb-matrix-cards">{"".join(cards)}</div>'


# -- Việc sắp đến hạn ------------------------------------------------------------------------

def upcoming_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    today = corpus.today
    out = _front("Việc sắp đến hạn", f"Việc quá hạn và việc đến hạn trong {SOON_DAYS} ngày tới.")
    horizon = today + dt.timedelta(days=SOON_DAYS)
    out += [f'<p class="vb-asof">Tính đến <strong>{short_date(today)}</strong>: việc đã quá '
            f"hạn mà chưa có báo cáo hoàn thành, và việc đến hạn từ nay đến {short_date(horizon)}. Một việc giao "
            "cho nhiều đơn vị hiện một dòng cho mỗi đơn vị, vì mỗi đơn vị báo cáo riêng.</p>", ""]
    late: list[tuple[dt.date, Task, str | None, Standing]] = []
    soon: list[tuple[dt.date, Task, str | None, Standing]] = []
    pairs: list[tuple[Task, str | None]] = [(r.task, r.unit) for reaches in g.tasks.values() for r in reaches]
    pairs += [(t, None) for t in corpus.all_tasks() if t.general or t.no_unit]
    dated = 0
    for task, unit in pairs:
        if task.deadline is None or task.deadline.ongoing:
            continue
        dated += 1
        st = corpus.progress.standing(task, unit or "", today, None if unit is None else plan_start(task.doc))
        due = st.missed or st.due
        if due is None:
            continue
        if st.overdue:
            late.append((due, task, unit, st))
        elif st.soon:
            soon.append((due, task, unit, st))
    if not dated:
        out += [em_html("Chưa có văn bản nào trong kho ghi thời hạn cho việc được giao, nên chưa có việc nào "
                        "quá hạn hay sắp đến hạn."), ""]
        return "\n".join(out) + "\n"
    def key(item: tuple[dt.date, Task, str | None, Standing]) -> tuple[dt.date, tuple[int, int], str]:
        return (item[0], document_order_key(corpus, item[1]), item[2] or "")

    for title, anchor, items, empty in (
            ("Quá hạn", "qua-han", late, "Không có việc nào quá hạn."),
            (f"Đến hạn trong {SOON_DAYS} ngày tới", "sap-den-han", soon,
             f"Không có việc nào đến hạn trong {SOON_DAYS} ngày tới.")):
        out += [f"## {title} {{#{anchor}}}", ""]
        if not items:
            out += [em_html(empty), ""]
            continue
        rows = [_due_item(corpus, due, task, unit, st) for due, task, unit, st in sorted(items, key=key)]
        out += [ul_html(rows, ' class="vb-due-list"'), ""]
    if any(t.deadline is not None and not t.deadline.ongoing for t in corpus.all_tasks()):
        out += [f'<p class="vb-pdf"><a href="../{collection_calendar()}" download>Thêm mọi thời hạn vào lịch</a> '
                '<span class="vb-pdf__what">(tệp lịch .ics của toàn bộ kho)</span></p>', ""]
    return "\n".join(out) + "\n"


def _due_item(corpus: Corpus, due: dt.date, task: Task, unit: str | None, st: Standing) -> str:
    who = (page_link(f"{UNITS_DIR}/{unit}", unit_name(corpus, unit)) if unit
           else esc(GENERAL if task.general else NO_UNIT))
    state = esc(st.label.lower()) if unit else "không có đơn vị báo cáo"
    return (f'<strong class="vb-due">{short_date(due)}</strong> — {who} — {_task_link(task, with_doc=True)}: '
            f'{text_html(_short(task.summary))} <span class="vb-due__meta">(thời hạn: {esc(deadline_text(task))}; '
            f"{state})</span>")


__all__ = ["MATRIX_PAGE", "UPCOMING_PAGE", "matrix_markdown", "upcoming_markdown"]
