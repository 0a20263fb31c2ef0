""""Ai làm gì" (who does what: every task × every unit it reaches) and "Việc sắp đến hạn".

"Ai làm gì" counts each unit's tasks (linked to the unit's checklist), then shows the matrix: one
table for wide screens (first column fixed, a shadow and a note when it scrolls sideways) and one
card per unit below ~900 px (docs/assets/ldkb.css), so a phone shows every unit's tasks without a
clipped column. A collection with more tasks than one page holds (render/paging.py) keeps the main
document's matrix on the page and lists the other documents' tasks on pages by year; "Việc sắp đến
hạn" then counts per unit, each unit's lines on pages of their own.
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
from ldkb.render.markup import em_html, esc, heading_link, page_link, text_html, ul_html
from ldkb.render.paging import PAGE_ITEMS, Sheet, by_year, pager_html, sheets_list_html
from ldkb.render.paths import collection_calendar
from ldkb.render.task_view import (as_of, deadline_text, document_order_key, short_name, standing_of,
                                   unit_name)
from ldkb.render.unit_pages import MATRIX_PAGE, UNITS_DIR, UPCOMING_PAGE
from ldkb.text.dates import short_date

SUMMARY_CHARS = 90
ByTask = dict[int, dict[str, tuple[str, str | None]]]  # id(task) -> unit -> (role, group or None)


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

MATRIX_DIR = MATRIX_PAGE[:-3]


def matrix_markdown(corpus: Corpus, limit: int = PAGE_ITEMS) -> str:
    """The "Ai làm gì" overview page (its further pages: `matrix_pages`)."""
    return matrix_pages(corpus, limit)[MATRIX_PAGE]


def matrix_pages(corpus: Corpus, limit: int = PAGE_ITEMS) -> dict[str, str]:
    """"Ai làm gì" and, for a collection with more than `limit` tasks, its pages by year.

    The overview always counts each unit's tasks (linked to the unit's checklist). Up to `limit`
    tasks, the matrix of them all follows; beyond, the matrix of the main document only, and the
    other documents' tasks by year of issue, on pages of at most `limit` tasks each: no page
    grows with the collection."""
    tasks = sorted(corpus.all_tasks(), key=lambda t: document_order_key(corpus, t))
    out = _front("Ai làm gì", "Việc nào giao cho đơn vị nào, ai chủ trì, ai phối hợp, đến khi nào.", wide=True)
    if not tasks:
        out += [em_html("Chưa có văn bản nào trong kho giao việc."), ""]
        return {MATRIX_PAGE: "\n".join(out) + "\n"}
    by_task = _roles_by_task(corpus)
    out += ["Việc các văn bản trong kho giao cho từng đơn vị: ai chủ trì, ai thực hiện, ai phối hợp, đến khi "
            f"nào. Bấm tên một đơn vị để xem danh sách việc của đơn vị đó; xem thêm [Việc sắp đến hạn]({UPCOMING_PAGE}).",
            ""]
    out += _unit_counts(corpus)
    if len(tasks) <= limit:
        out += ["## Bảng ai làm gì {#bang}", "", _MATRIX_INTRO, ""]
        out += _matrix(corpus, tasks, by_task)
        return {MATRIX_PAGE: "\n".join(out) + "\n"}
    main = corpus.main_document
    own = [t for t in tasks if t.doc is main]
    rest = [t for t in tasks if t.doc is not main]
    if own and main is not None:
        # The document's name links to its page (as text, the citation pass linked the directive
        # named inside the plan's name).
        out += [f"## {heading_link(document_page(main.slug), main.title)} {{#van-ban-chinh}}", "", _MATRIX_INTRO, ""]
        out += _matrix(corpus, own, by_task)
    sheets = by_year(rest, lambda t: t.doc, MATRIX_DIR, limit)
    heading = "Các văn bản khác, theo năm ban hành" if own else "Theo năm ban hành văn bản"
    out += [f"## {heading} {{#theo-nam}}", "",
            f"<p>Tổng cộng {_count_tasks(rest)}: mỗi năm một trang (năm gần nhất trước; năm nhiều việc "
            f"chia thành nhiều trang, mỗi trang tối đa {limit} việc), ghi rõ đơn vị nào chủ trì, thực hiện, "
            "phối hợp và thời hạn.</p>",
            sheets_list_html(sheets, _count_tasks), ""]
    pages = {MATRIX_PAGE: "\n".join(out) + "\n"}
    for sheet in sheets:
        pages[sheet.uri] = _year_page(corpus, sheet, sheets, by_task)
    return pages


_MATRIX_INTRO = (
    "Mỗi dòng là một việc văn bản giao (một mục, một đoạn, một ý hay một dòng của bảng giao việc); "
    "mỗi cột là một đơn vị (trên màn hình hẹp: mỗi đơn vị một thẻ). Ô ghi vai trò của đơn vị: chủ trì, "
    "thực hiện, phối hợp; việc giao cho một nhóm (như “Các cấp công đoàn”) hiện ở cột của từng đơn vị "
    "trong nhóm.")


def _count_tasks(tasks: list[Task]) -> str:
    return f"{len({t.doc.slug for t in tasks})} văn bản, {len(tasks)} việc"


def _roles_by_task(corpus: Corpus) -> ByTask:
    by_task: ByTask = {}
    for code, reaches in graph_of(corpus).tasks.items():
        for r in reaches:
            by_task.setdefault(id(r.task), {})[code] = (r.role, r.via)
    return by_task


def _unit_counts(corpus: Corpus) -> list[str]:
    """Each unit some task reaches: how many tasks, in which role, how many late; linked to its checklist."""
    g = graph_of(corpus)
    items = []
    for u in corpus.units.values():
        reaches = g.tasks.get(u.ma)
        if not reaches:
            continue
        roles = dict.fromkeys(ROLES, 0)
        late = 0
        for r in reaches:
            roles[r.role] += 1
            st = standing_of(corpus, r.task, u.ma)
            late += bool(st is not None and st.overdue)
        bits = ", ".join(f"{n} {ROLES[role].lower()}" for role, n in roles.items() if n)
        line = f"{page_link(f'{UNITS_DIR}/{u.ma}', u.ten)} — {len(reaches)} việc ({bits})"
        if late:
            line += f'; <strong class="vb-check__late">{late} quá hạn</strong>'
        items.append(line)
    nobody = sum(t.general or t.no_unit for t in corpus.all_tasks())
    if nobody:
        items.append(f"Việc không giao cho đơn vị nào (văn bản giao chung hoặc không nêu đơn vị): {nobody}")
    return ["## Theo đơn vị {#theo-don-vi}", "",
            f"<p>Mỗi đơn vị có trang riêng: danh sách việc của đơn vị, thời hạn và tiến độ "
            f"({esc(as_of(corpus.today))}).</p>", ul_html(items, ' class="vb-unit-counts"'), ""]


def _matrix(corpus: Corpus, tasks: list[Task], by_task: ByTask) -> list[str]:
    """The table (wide screens) and the cards (phones) of `tasks`."""
    reached = {code for t in tasks for code in by_task.get(id(t), {})}
    units = [u for u in corpus.units.values() if u.ma in reached]
    has_outside = any(t.outside for t in tasks)
    has_deadline = any(t.deadline is not None for t in tasks)
    return [_matrix_table(corpus, tasks, units, by_task, has_outside, has_deadline), "",
            _matrix_cards(corpus, tasks, units, by_task), ""]


def _year_page(corpus: Corpus, sheet: Sheet[Task], sheets: list[Sheet[Task]], by_task: ByTask) -> str:
    """One year's tasks (or part of them) as a list: one item per task, who does it in words; as
    readable on a phone as on a wide screen, with no table to scroll."""
    title = f"Ai làm gì — {sheet.title[0].lower()}{sheet.title[1:]}"
    out = _front(title, f"Việc được giao trong các văn bản ban hành {sheet.label[0].lower()}{sheet.label[1:]}.")
    out += [pager_html(sheet, sheets, (MATRIX_DIR, "Ai làm gì")), ""]
    current = None
    items: list[str] = []
    rank = {code: i for i, code in enumerate(corpus.units)}  # units in the registry's order

    def flush() -> None:
        if items:
            out.extend(['<ol class="vb-task-list">' + "".join(items) + "</ol>", ""])
            items.clear()

    first = sheet.items[0]
    for t in sheet.items:
        if t.doc.slug != current:
            flush()
            current = t.doc.slug
            # A document cut between two pages says so at the top of the second.
            more = " (tiếp theo)" if t is first and sheet.number > 1 and t.order > min(
                x.order for x in corpus.tasks[t.doc.slug]) else ""
            out += [f"## {heading_link(document_page(t.doc.slug), t.doc.title)}{more} {{#{t.doc.slug}}}", ""]
        items.append(_task_item(corpus, t, by_task.get(id(t), {}), rank))
    flush()
    return "\n".join(out) + "\n"


def _task_item(corpus: Corpus, t: Task, entries: dict[str, tuple[str, str | None]], rank: dict[str, int]) -> str:
    who: list[str] = []
    if t.general or t.no_unit:
        who.append(f"{GENERAL.capitalize()} (văn bản không nêu đơn vị)" if t.general else NO_UNIT.capitalize())
    for role, label in ROLES.items():
        names = []
        for code, (r, via) in sorted(entries.items(), key=lambda e: rank.get(e[0], len(rank))):
            if r == role:
                link = page_link(f"{UNITS_DIR}/{code}", short_name(corpus, code))
                names.append(link.replace("<a ", f'<a data-unit="{esc(code)}" ', 1)
                             + (f' <span class="vb-via">(qua “{esc(short_name(corpus, via))}”)</span>' if via else ""))
        names += [esc(n) for n in t.outside.get(role, ())]
        if names:
            who.append(f'<span data-role="{role}">{label}: {", ".join(names)}</span>')
    if t.deadline is not None:
        who.append(f'<span class="vb-task-list__deadline">Thời hạn: {esc(deadline_text(t))}</span>')
    return (f"<li>{_task_link(t)}<span class=\"vb-card__what\">{text_html(_short(t.summary))}</span>"
            f'<span class="vb-card__role">{"; ".join(who)}</span></li>')


def _role_cell(entry: tuple[str, str | None] | None, corpus: Corpus) -> str:
    if entry is None:
        return "<td></td>"
    role, via = entry
    via_html = f'<span class="vb-via">qua “{esc(short_name(corpus, via))}”</span>' if via else ""
    return f'<td class="vb-role vb-role--{role}">{ROLES[role]}{via_html}</td>'


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


def _matrix_cards(corpus: Corpus, tasks: list[Task], units: list[DonVi], by_task: ByTask) -> str:
    """The same facts, one card per unit: what a phone shows instead of the table."""
    with_doc = len({t.doc.slug for t in tasks}) > 1
    mine: dict[str, list[tuple[Task, str, str | None]]] = {u.ma: [] for u in units}
    # One pass over the tasks (already in document order) and the units each reaches.
    for t in tasks:
        for code, (role, via) in by_task.get(id(t), {}).items():
            if code in mine:
                mine[code].append((t, role, via))
    cards = []
    for u in units:
        items = []
        for t, role, via in mine[u.ma]:
            bits = [ROLES[role] + (f" (qua “{short_name(corpus, via)}”)" if via else "")]
            if t.deadline is not None:
                bits.append(f"thời hạn: {deadline_text(t)}")
            items.append(f'<li>{_task_link(t, with_doc=with_doc)}'
                         f'<span class="vb-card__what">{text_html(_short(t.summary))}</span>'
                         f'<span class="vb-card__role">{esc(" · ".join(bits))}</span></li>')
        # Each card's heading has an id: a heading without one would run into the title of the
        # section above it in the search index (Material's section parser).
        cards.append(f'<section class="vb-card" data-unit="{u.ma}"><h2 class="vb-card__title" id="the-{u.ma}">'
                     f'<a href="ldkb:{UNITS_DIR}/{u.ma}">{html.escape(u.ten)}</a></h2>'
                     f'<ul class="vb-card__tasks">{"".join(items)}</ul></section>')
    nobody: list[tuple[str, str, Callable[[Task], bool]]] = [
        (f"{GENERAL.capitalize()} (văn bản không nêu đơn vị)", "the-giao-chung", lambda t: t.general),
        (NO_UNIT.capitalize(), "the-khong-neu-don-vi", lambda t: t.no_unit)]
    for label, anchor, pick in nobody:
        items = [f'<li>{_task_link(t, with_doc=with_doc)}'
                 f'<span class="vb-card__what">{text_html(_short(t.summary))}</span>'
                 + (f'<span class="vb-card__role">thời hạn: {esc(deadline_text(t))}</span>' if t.deadline else "")
                 + "</li>" for t in tasks if pick(t)]
        if items:
            cards.append(f'<section class="vb-card vb-card--nobody"><h2 class="vb-card__title" id="{anchor}">{label}</h2>'
                         f'<ul class="vb-card__tasks">{"".join(items)}</ul></section>')
    return f'<div class="vb-matrix-cards">{"".join(cards)}</div>'


# -- Việc sắp đến hạn ------------------------------------------------------------------------

UPCOMING_DIR = UPCOMING_PAGE[:-3]
NOBODY_KEY = "khong-neu-don-vi"
Due = tuple[dt.date, Task, str | None, Standing]


def upcoming_markdown(corpus: Corpus, limit: int = PAGE_ITEMS) -> str:
    """The "Việc sắp đến hạn" page (its further pages: `upcoming_pages`)."""
    return upcoming_pages(corpus, limit)[UPCOMING_PAGE]


def upcoming_pages(corpus: Corpus, limit: int = PAGE_ITEMS) -> dict[str, str]:
    """What is late and what falls due within SOON_DAYS. Up to `limit` lines on the page; beyond,
    the page counts them per unit and each unit's lines are on pages of their own (at most `limit`
    lines each), since each unit reports on its own."""
    g = graph_of(corpus)
    today = corpus.today
    out = _front("Việc sắp đến hạn", f"Việc quá hạn và việc đến hạn trong {SOON_DAYS} ngày tới.")
    horizon = today + dt.timedelta(days=SOON_DAYS)
    asof = (f'<p class="vb-asof">Tính đến <strong>{short_date(today)}</strong>: việc đã quá '
            f"hạn mà chưa có báo cáo hoàn thành, và việc đến hạn từ nay đến {short_date(horizon)}. Một việc giao "
            "cho nhiều đơn vị hiện một dòng cho mỗi đơn vị, vì mỗi đơn vị báo cáo riêng.</p>")
    out += [asof, ""]
    late: list[Due] = []
    soon: list[Due] = []
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
        return {UPCOMING_PAGE: "\n".join(out) + "\n"}

    def key(item: Due) -> tuple[dt.date, tuple[int, int], str]:
        return (item[0], document_order_key(corpus, item[1]), item[2] or "")

    late.sort(key=key)
    soon.sort(key=key)
    calendar = []
    if any(t.deadline is not None and not t.deadline.ongoing for t in corpus.all_tasks()):
        calendar = [f'<p class="vb-pdf"><a href="../{collection_calendar()}" '
                    'download>Thêm mọi thời hạn vào lịch</a> <span class="vb-pdf__what">(tệp lịch .ics của toàn bộ '
                    "kho)</span></p>", ""]
    if len(late) + len(soon) <= limit:
        out += _due_sections(corpus, late, soon)
        return {UPCOMING_PAGE: "\n".join(out + calendar) + "\n"}
    pages = _upcoming_by_unit(corpus, late, soon, limit, out, asof)
    pages[UPCOMING_PAGE] += "\n".join(calendar) + "\n"
    return pages


def _due_sections(corpus: Corpus, late: list[Due], soon: list[Due], with_unit: bool = True) -> list[str]:
    out: list[str] = []
    for title, anchor, items, empty in (
            ("Quá hạn", "qua-han", late, "Không có việc nào quá hạn."),
            (f"Đến hạn trong {SOON_DAYS} ngày tới", "sap-den-han", soon,
             f"Không có việc nào đến hạn trong {SOON_DAYS} ngày tới.")):
        out += [f"## {title} {{#{anchor}}}", ""]
        if not items:
            out += [em_html(empty), ""]
            continue
        rows = [_due_item(corpus, due, task, unit, st, with_unit) for due, task, unit, st in items]
        out += [ul_html(rows, ' class="vb-due-list"'), ""]
    return out


def _upcoming_by_unit(corpus: Corpus, late: list[Due], soon: list[Due], limit: int, out: list[str],
                      asof: str) -> dict[str, str]:
    """A line per unit on the page (how many late, how many soon), and each unit's pages."""
    mine: dict[str, tuple[list[Due], list[Due]]] = {}
    for kind, items in ((0, late), (1, soon)):
        for item in items:
            mine.setdefault(item[2] or NOBODY_KEY, ([], []))[kind].append(item)
    rank = {code: i for i, code in enumerate(corpus.units)}
    codes = sorted(mine, key=lambda c: rank.get(c, len(rank)))
    lines = []
    pages: dict[str, str] = {}
    for code in codes:
        own_late, own_soon = mine[code]
        name = unit_name(corpus, code) if code != NOBODY_KEY else "Việc không nêu đơn vị"
        both = [("late", i) for i in own_late] + [("soon", i) for i in own_soon]
        pieces = [both[i:i + limit] for i in range(0, len(both), limit)]
        uris = [f"{UPCOMING_DIR}/{code}.md" if n == 1 else f"{UPCOMING_DIR}/{code}-{n}.md"
                for n in range(1, len(pieces) + 1)]
        counts = f"{len(own_late)} việc quá hạn, {len(own_soon)} việc đến hạn trong {SOON_DAYS} ngày tới"
        line = f"{page_link(uris[0][:-3], name)}: {counts}"
        if len(pieces) > 1:
            line += " (trang " + " ".join(page_link(u[:-3], str(n)) for n, u in enumerate(uris, 1)) + ")"
        lines.append(line)
        for n, (uri, piece) in enumerate(zip(uris, pieces, strict=True), 1):
            label = f"{name} (trang {n}/{len(pieces)})" if len(pieces) > 1 else name
            page = _front(f"Việc sắp đến hạn — {label}", f"Việc quá hạn và việc đến hạn trong {SOON_DAYS} ngày tới.")
            nav = f'<p class="vb-pager">← {page_link(UPCOMING_DIR, "Việc sắp đến hạn")}'
            if len(pieces) > 1:
                nav += " · trang: " + " ".join(
                    f'<strong aria-current="page">{m}</strong>' if m == n else page_link(u[:-3], str(m))
                    for m, u in enumerate(uris, 1))
            page += [nav + "</p>", "", asof, ""]
            if code != NOBODY_KEY:
                page += [f"<p>Danh sách việc đầy đủ của đơn vị: {page_link(f'{UNITS_DIR}/{code}', name)}.</p>", ""]
            page += _due_sections(corpus, [i for k, i in piece if k == "late"], [i for k, i in piece if k == "soon"],
                                  with_unit=False)
            pages[uri] = "\n".join(page) + "\n"
    out += [f"<p>Có {len(late)} dòng quá hạn và {len(soon)} dòng đến hạn trong {SOON_DAYS} ngày tới: mỗi "
            "đơn vị một trang (tối đa " + str(limit) + " dòng mỗi trang).</p>", "",
            ul_html(lines, ' class="vb-unit-counts"'), ""]
    return {UPCOMING_PAGE: "\n".join(out) + "\n", **pages}


def _due_item(corpus: Corpus, due: dt.date, task: Task, unit: str | None, st: Standing, with_unit: bool = True) -> str:
    """One line; on a unit's own page (`with_unit` False) without the unit's name on every line."""
    who = (page_link(f"{UNITS_DIR}/{unit}", unit_name(corpus, unit)) if unit
           else esc(GENERAL if task.general else NO_UNIT))
    state = esc(st.label.lower()) if unit else "không có đơn vị báo cáo"
    who = f" — {who}" if with_unit or not unit else ""
    return (f'<strong class="vb-due">{short_date(due)}</strong>{who} — {_task_link(task, with_doc=True)}: '
            f'{text_html(_short(task.summary))} <span class="vb-due__meta">(thời hạn: {esc(deadline_text(task))}; '
            f"{state})</span>")


__all__ = ["MATRIX_PAGE", "UPCOMING_PAGE", "matrix_markdown", "matrix_pages", "upcoming_markdown", "upcoming_pages"]
