"""Who does what: a page per unit, the units index and the "Ai làm gì" matrix.

Headings are Markdown (table of contents); lists and tables are raw HTML with `ldkb:`
links (render_page.page_link): unit pages hold thousands of task links.
"""
from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

from ldkb.model.corpus import Corpus
from ldkb.model.folders import DOCUMENTS_DIR, document_page
from ldkb.graph.relations import ROLES, Task, graph_of
from ldkb.render.markup import em_html, md_escape, page_link, text_html, ul_html
from ldkb.model.schema import DonVi, Khoi, Muc
from ldkb.text.normalize import sort_key
from ldkb.render.paths import PDF_DIR, collection_pdf, unit_pdf

UNITS_DIR = "don-vi"
MATRIX_PAGE = "ai-lam-gi.md"


def unit_page(unit_id: str) -> str:
    return f"{UNITS_DIR}/{unit_id}.md"


def _doc_order(corpus: Corpus) -> dict[str, int]:
    """Position of each document in the collection's order; sorted once per corpus, not per page."""
    order = corpus.__dict__.get("_ldkb_doc_order")
    if order is None:
        order = corpus.__dict__["_ldkb_doc_order"] = {d.slug: i for i, d in enumerate(corpus.sorted_documents())}
    return order


def _part_label(task: Task) -> str:
    place = task.place
    if place.part is not None:
        title = place.part.tieu_de
        return f"Mục {place.part.id} — {title}" if title else f"Mục {place.part.id}"
    return place.label.capitalize()


def units_index_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    out = ["---", 'title: "Đơn vị"', 'description: "Các đơn vị được giao việc trong các văn bản của kho."',
           "---", "", "# Đơn vị", "",
           "Mỗi đơn vị có một trang liệt kê mọi việc được giao cho đơn vị đó trong tất cả văn bản. "
           f"Xem cả bảng [Ai làm gì](../{MATRIX_PAGE}).", ""]
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


def unit_markdown(unit: DonVi, corpus: Corpus) -> str:
    g = graph_of(corpus)
    tasks = g.tasks.get(unit.ma, [])
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
    if unit.mo_ta:
        out += [md_escape(unit.mo_ta), ""]
    if facts:
        out += [ul_html(facts), ""]
    out += [_handbook_links(unit), ""]
    out += ["## Việc được giao {#viec-duoc-giao}", ""]
    if not tasks:
        out += [em_html("Chưa có văn bản nào trong kho giao việc cho đơn vị này."), ""]
        return "\n".join(out) + "\n"
    out += [f"<p>Có <strong>{len(tasks)}</strong> việc được giao trong "
            f"<strong>{len({t.place.doc.slug for t in tasks})}</strong> văn bản.</p>", ""]
    by_doc: dict[str, list[Task]] = defaultdict(list)
    docs = {}
    for t in tasks:
        by_doc[t.place.doc.slug].append(t)
        docs[t.place.doc.slug] = t.place.doc
    order = _doc_order(corpus)
    for slug in sorted(by_doc, key=lambda s: order.get(s, 0)):
        doc = docs[slug]
        # The heading links to the document, so a symbol in its title is not linked on its own.
        out += [f"### [{md_escape(doc.title)}](../{DOCUMENTS_DIR}/{slug}.md) {{#{slug}}}", ""]
        items = []
        for t in by_doc[slug]:
            link = page_link(document_page(slug), _part_label(t), t.anchor)
            meta = [ROLES[t.role]]
            if t.obj.thoi_han:
                meta.append(f"thời hạn: {t.obj.thoi_han}")
            items.append(f"<strong>{link}</strong> ({text_html(', '.join(meta))})"
                         + ul_html([text_html(text) for text in _task_texts(t)]) + "\n")
        out += [ul_html(items), ""]
    return "\n".join(out) + "\n"


def _handbook_links(unit: DonVi) -> str:
    """The unit's printable handbook, written next to the site by build_pdf.py (same name rule)."""
    a4, a5 = (f"../../{PDF_DIR}/{unit_pdf(unit.ma, size)}" for size in ("a4", "a5"))
    return (f'<p class="vb-pdf">Bản in: <a href="{a4}" download>Sổ tay dành cho {html.escape(unit.ten)} (PDF, khổ A4)</a>'
            f' · <a href="{a5}" download>khổ A5</a> · <a href="../../{PDF_DIR}/{collection_pdf()}" download>'
            "Sổ tay toàn bộ văn bản</a></p>")


def _task_texts(task: Task) -> list[str]:
    """The work itself: the block's text, or every block of the assigning part."""
    if isinstance(task.obj, Khoi):
        return [task.obj.text]
    part: Muc = task.obj
    return [b.text for b in part.noi_dung] or [f"(Xem các mục con của mục {part.id}.)"]


def matrix_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    rows: dict[tuple[Any, ...], dict[str, set[Any]]] = {}
    row_info: dict[tuple[Any, ...], Task] = {}
    order = _doc_order(corpus)
    for unit_id, tasks in g.tasks.items():
        for t in tasks:
            key = (order.get(t.place.doc.slug, 0), t.place.doc.slug, t.place.anchor)
            rows.setdefault(key, defaultdict(set))[unit_id].add(t.role)
            row_info.setdefault(key, t)
    units = [u for u in corpus.units.values() if g.tasks.get(u.ma)]
    out = ["---", 'title: "Ai làm gì"',
           'description: "Bảng đơn vị × mục văn bản: đơn vị nào được giao việc ở mục nào."',
           "---", "", "# Ai làm gì", "",
           "Mỗi dòng là một mục văn bản có giao việc; mỗi cột là một đơn vị. Ô ghi vai trò của đơn vị "
           "(thực hiện, chủ trì, phối hợp). Bấm tên đơn vị để xem mọi việc của đơn vị đó.", ""]
    if not rows:
        out += [em_html("Chưa có văn bản nào trong kho giao việc cho đơn vị."), ""]
        return "\n".join(out) + "\n"
    head = "".join(f'<th scope="col"><a href="ldkb:{UNITS_DIR}/{u.ma}">{html.escape(u.ten_ngan or u.ten)}</a></th>'
                   for u in units)
    body = []
    current = None
    for key in sorted(rows):
        t = row_info[key]
        doc = t.place.doc
        if doc.slug != current:  # one heading row per document, then its parts
            current = doc.slug
            body.append(f'<tr class="vb-matrix__doc"><th scope="rowgroup" colspan="{len(units) + 1}">'
                        f'<a href="ldkb:{document_page(doc.slug)}">{html.escape(doc.title)}</a></th></tr>')
        part = t.place.part
        label = t.place.label.capitalize()
        if part is not None and part.tieu_de:
            title = part.tieu_de if len(part.tieu_de) <= 70 else part.tieu_de[:70].rsplit(" ", 1)[0] + "…"
            label += f": {title}"
        row = rows[key]
        cells = "".join(_cell(row.get(u.ma)) for u in units)
        body.append(f'<tr><th scope="row"><a href="ldkb:{document_page(doc.slug)}#{t.place.anchor}">'
                    f"{html.escape(label)}</a></th>{cells}</tr>")
    out += ['<div class="vb-table-wrap vb-matrix" tabindex="0" role="region" aria-label="Bảng ai làm gì">'
            f'<table><thead><tr><th scope="col">Mục văn bản</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>', ""]
    return "\n".join(out) + "\n"


def _cell(roles: set[str] | None) -> str:
    # Most cells of the matrix are empty: no roles to order and join.
    if not roles:
        return "<td></td>"
    return "<td>" + ", ".join(ROLES[r] for r in ROLES if r in roles) + "</td>"


def _q(text: str) -> str:
    # Themes print the title (navigation, <head>) unescaped: escape HTML here, as render_page does.
    text = html.escape(text, quote=True)
    return text.replace("\\", "\\\\").replace('"', '\\"')
