"""Pages and panels drawn from the graph: "Văn bản liên quan", the graph page, the timeline.

Headings stay Markdown (table of contents, permalinks; their links are checked by MkDocs);
link lists and the SVG are raw HTML with `ldkb:<page>#<anchor>` placeholders, resolved and
checked by the plugin that generates the page (ldkb_mkdocs.shared.GeneratedPages): Markdown would re-parse thousands of links.
"""
from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict

from ldkb.model.corpus import Corpus
from ldkb.graph.effect import build_date, period_ended
from ldkb.graph.relations import CITES, INVERSE_LABELS, RELATION_LABELS, Edge, Graph, graph_of
from ldkb.graph.linking import LINK_LIST
from ldkb.render.markup import anchor_link, em_html, md_escape, page_link, text_html, ul_html
from ldkb.model.schema import VanBan
from ldkb.text.dates import short_date
from ldkb.model.folders import DOCUMENTS_DIR, document_page

GRAPH_PAGE = "so-do-van-ban.md"
TIMELINE_PAGE = "dong-thoi-gian.md"


def doc_link(doc: VanBan, prefix: str, anchor: str | None = None, text: str | None = None) -> str:
    """A Markdown link to a document page from a page whose path to `van-ban/` is `prefix`
    (headings only: they must stay Markdown for the table of contents)."""
    target = f"{prefix}{doc.slug}.md" + (f"#{anchor}" if anchor else "")
    return f"[{md_escape(text or doc.title)}]({target})"


def doc_a(doc: VanBan, anchor: str | None = None, text: str | None = None) -> str:
    """The same link as raw HTML, valid from any page (resolved by the plugin that generates the page)."""
    return page_link(document_page(doc.slug), text or doc.title, anchor)


# -- the panel on each document page -------------------------------------------
# Its heading's anchor, and the prefix of its sections' anchors (lists of other documents).
RELATED_ANCHOR = "van-ban-lien-quan"
RELATED_PREFIX = "lien-quan-"


def related_markdown(doc: VanBan, corpus: Corpus) -> list[str]:
    """Headings in Markdown (table of contents, permalinks); the link lists in raw HTML."""
    g = graph_of(corpus)
    out = [f"## Văn bản liên quan {{#{RELATED_ANCHOR} .vb-related-title}}", ""]
    # Plain links to documents, made once per corpus: the same few directives end most
    # chains, and a much-cited document is listed on most pages.
    links: dict[str, str] = corpus.__dict__.setdefault("_ldkb_doc_links", {})

    def link(d: VanBan) -> str:
        a = links.get(d.slug)
        if a is None:
            a = links[d.slug] = doc_a(d)
        return a

    def section(title: str, anchor: str, items: list[str], empty: str) -> None:
        out.extend([f"### {title} {{#{anchor}}}", ""])
        # Links and fixed words only: the citation and abbreviation pass skips these lists
        # whole (linkify.LINK_LIST), half of a page's text pieces in a large collection.
        out.append(ul_html(items, f' class="{LINK_LIST}"') if items else em_html(empty))
        out.append("")

    chains = g.chains_up(doc)
    section("Chuỗi thực hiện đến văn bản gốc", "lien-quan-chuoi",
            ["Văn bản này → " + " → ".join(link(d) for d in chain[1:]) for chain in chains],
            "Văn bản này không thực hiện văn bản nào trong kho (là văn bản gốc của chuỗi).")
    def implemented_part(e: Edge) -> str:
        part = corpus.find_part(doc, e.target_part) if e.target_part else None
        return f" (thực hiện {anchor_link(part.anchor, f'mục {part.id}')})" if part else ""

    section("Các văn bản thực hiện văn bản này", "lien-quan-thuc-hien",
            [f"{link(e.source)}{implemented_part(e)}" for e in g.into(doc, "thuc_hien")],
            "Chưa có văn bản nào trong kho thực hiện văn bản này.")
    other = [e for e in g.out(doc) if e.relation not in ("thuc_hien", CITES)]
    other_in = [e for e in g.into(doc) if e.relation not in ("thuc_hien", CITES)]
    if other or other_in:
        items = [f"{text_html(RELATION_LABELS[e.relation].capitalize())} {link(e.target)}" for e in other]
        items += [f"{text_html(INVERSE_LABELS[e.relation].capitalize())} {link(e.source)}" for e in other_in]
        section("Quan hệ khác", "lien-quan-khac", items, "")
    section("Văn bản này trích dẫn", "lien-quan-trich-dan",
            [f"{link(e.target)} — tại " + ", ".join(anchor_link(p.anchor, p.label) for p in e.places)
             for e in g.out(doc, CITES)],
            "Văn bản này không trích dẫn văn bản nào trong kho" + ("." if doc.full_text else
                                                                  " (chưa nhập toàn văn)."))
    section("Được trích dẫn bởi", "lien-quan-duoc-trich-dan",
            [f"{link(e.source)} — tại " + ", ".join(doc_a(e.source, p.anchor, p.label) for p in e.places)
             for e in g.into(doc, CITES)],
            "Chưa có văn bản nào trong kho trích dẫn văn bản này.")
    return out


# -- the graph page ---------------------------------------------------------------
_W, _H, _GX, _GY, _PAD = 168, 58, 96, 18, 12
# Above this many documents the drawing keeps declared relations only (citations would
# bury them and weigh megabytes); the list under it stays complete.
DENSE_GRAPH = 150


def _dense(corpus: Corpus) -> bool:
    return len(corpus.documents) > DENSE_GRAPH


def _layout(corpus: Corpus, g: Graph) -> tuple[list[list[VanBan]], dict[str, tuple[int, int]]]:
    """Columns by implementation level (roots left); rows ordered to shorten edges."""
    cols: dict[int, list[VanBan]] = defaultdict(list)
    for doc in corpus.sorted_documents():
        cols[g.level(doc)].append(doc)
    columns = [cols[k] for k in sorted(cols)]
    pos: dict[str, float] = {}
    col_of = {d.slug: i for i, col in enumerate(columns) for d in col}
    for i, col in enumerate(columns):
        if i:
            def bary(d: VanBan, i: int = i) -> float:
                ys = [pos[e.target.slug] for e in g.out(d) if col_of.get(e.target.slug) == i - 1]
                return sum(ys) / len(ys) if ys else float("inf")
            col.sort(key=bary)
        for r, d in enumerate(col):
            pos[d.slug] = r
    # One sweep back: roots near the documents that implement or cite them.
    if len(columns) > 1:
        def back(d: VanBan) -> float:
            ys = [pos[e.source.slug] for e in g.into(d) if col_of.get(e.source.slug) == 1]
            return sum(ys) / len(ys) if ys else float("inf")
        columns[0].sort(key=back)
    xy = {}
    for c, col in enumerate(columns):
        for r, d in enumerate(col):
            xy[d.slug] = (_PAD + c * (_W + _GX), _PAD + r * (_H + _GY))
    return columns, xy


def _wrap(text: str, width: int = 24) -> list[str]:
    return [text if len(text) <= width else text[: width - 1] + "…"]


def graph_svg(corpus: Corpus) -> str:
    g = graph_of(corpus)
    columns, xy = _layout(corpus, g)
    # Extra room on the right for edges between documents of the last column.
    width = _PAD * 2 + len(columns) * _W + max(len(columns) - 1, 0) * _GX + 64
    height = _PAD * 2 + max((len(c) for c in columns), default=0) * (_H + _GY) - _GY
    parts = [
        f'<svg class="vb-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" aria-labelledby="vb-graph-title">',
        '<title id="vb-graph-title">Sơ đồ quan hệ giữa các văn bản trong kho</title>',
        '<defs><marker id="vb-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="vb-graph__head"/></marker></defs>',
    ]
    dense = _dense(corpus)
    for edges in g.outgoing.values():
        for e in edges:
            if e.source.slug not in xy or e.target.slug not in xy or (dense and e.relation == CITES):
                continue
            sx, sy = xy[e.source.slug]
            tx, ty = xy[e.target.slug]
            if tx < sx:
                x1, x2 = sx, tx + _W
            elif tx > sx:
                x1, x2 = sx + _W, tx
            else:  # same column: bow out to the right
                x1 = x2 = sx + _W
            y1, y2 = sy + _H / 2, ty + _H / 2
            if x1 != x2:
                mx = (x1 + x2) / 2
                d = f"M{x1},{y1} C{mx},{y1} {mx},{y2} {x2},{y2}"
            else:
                d = f"M{x1},{y1} C{x1 + 60},{y1} {x2 + 60},{y2} {x2},{y2}"
            label = html.escape(f"{e.source.title} {RELATION_LABELS[e.relation]} {e.target.title}")
            parts.append(f'<path class="vb-graph__edge vb-graph__edge--{e.relation}" d="{d}" '
                         f'marker-end="url(#vb-arrow)"><title>{label}</title></path>')
    for doc in corpus.documents:
        x, y = xy[doc.slug]
        line2 = doc.so_ky_hieu or "(chưa rõ số)"
        date = short_date(doc.ngay_ban_hanh) if doc.ngay_ban_hanh else "chưa rõ ngày"
        cls = "vb-graph__node" + (" vb-graph__node--ended" if period_ended(doc) else "")
        parts.append(
            f'<a href="ldkb:{document_page(doc.slug)}" class="{cls}"><title>{html.escape(doc.title)}</title>'
            f'<rect x="{x}" y="{y}" width="{_W}" height="{_H}" rx="6"/>'
            f'<text x="{x + _W / 2}" y="{y + 17}" text-anchor="middle" class="vb-graph__type">{html.escape(doc.loai)}</text>'
            f'<text x="{x + _W / 2}" y="{y + 34}" text-anchor="middle" class="vb-graph__sym">{html.escape(_wrap(line2)[0])}</text>'
            f'<text x="{x + _W / 2}" y="{y + 50}" text-anchor="middle" class="vb-graph__date">{html.escape(date)}</text>'
            "</a>")
    parts.append("</svg>")
    return "".join(parts)


def graph_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    out = ["---", 'title: "Sơ đồ quan hệ văn bản"',
           'description: "Các văn bản trong kho và quan hệ thực hiện, gắn với, trích dẫn giữa chúng."',
           # The diagram needs the width of the table of contents' column (1280 px screens).
           "hide:", "  - toc", "---", "", "# Sơ đồ quan hệ văn bản", "",
           "Mỗi ô là một văn bản; bấm vào ô để mở văn bản. Văn bản gốc (không thực hiện văn bản nào) "
           "ở cột trái; văn bản thực hiện ở các cột bên phải.", "",
           '<ul class="vb-graph-legend">'
           '<li><span class="vb-graph-key vb-graph-key--thuc_hien"></span>thực hiện</li>'
           '<li><span class="vb-graph-key vb-graph-key--gan_voi"></span>gắn với</li>'
           '<li><span class="vb-graph-key vb-graph-key--cites"></span>trích dẫn</li>'
           '<li><span class="vb-graph-key vb-graph-key--ended"></span>ô viền đứt: giai đoạn thực hiện đã kết thúc</li>'
           "</ul>", "",
           '<figure class="vb-graph-figure"><div class="vb-graph-scroll" tabindex="0" role="region" '
           'aria-label="Sơ đồ (cuộn ngang nếu cần)">' + graph_svg(corpus) + "</div>"
           "<figcaption>Sơ đồ vẽ khi tạo trang, không cần JavaScript. Trên màn hình nhỏ, xem danh sách "
           "bên dưới." + (f" Kho có hơn {DENSE_GRAPH} văn bản nên sơ đồ chỉ vẽ quan hệ thực hiện, gắn với, "
                          "thay thế, sửa đổi; quan hệ trích dẫn có trong danh sách." if _dense(corpus) else "")
           + "</figcaption></figure>", "",
           "## Danh sách quan hệ {#danh-sach-quan-he}", ""]
    any_edge = False
    for doc in corpus.sorted_documents():
        edges = g.out(doc)
        if not edges:
            continue
        any_edge = True
        out += [f"### {doc_link(doc, DOCUMENTS_DIR + '/')} {{#{doc.slug}}}", "",
                ul_html([f"{text_html(RELATION_LABELS[e.relation])} {doc_a(e.target)}" for e in edges]), ""]
    if not any_edge:
        out += [em_html("Chưa có quan hệ nào giữa các văn bản trong kho."), ""]
    return "\n".join(out) + "\n"


# -- the timeline ---------------------------------------------------------------
def timeline_markdown(corpus: Corpus) -> str:
    today = build_date()
    out = ["---", 'title: "Dòng thời gian"',
           'description: "Các văn bản trong kho theo ngày ban hành, kèm giai đoạn thực hiện."',
           "---", "", "# Dòng thời gian", "",
           f"Các văn bản xếp theo ngày ban hành. Giai đoạn thực hiện so với ngày tạo trang "
           f"({short_date(today)}).", ""]
    by_year: dict[int | None, list[VanBan]] = defaultdict(list)
    for doc in corpus.sorted_documents():
        by_year[doc.ngay_ban_hanh.year if doc.ngay_ban_hanh else None].append(doc)
    for year in sorted(y for y in by_year if y is not None):
        out += [f"## Năm {year} {{#nam-{year}}}", ""]
        out += [ul_html([_timeline_item(d, today) for d in by_year[year]]), ""]
    if None in by_year:
        out += ["## Chưa rõ ngày ban hành {#chua-ro-ngay}", ""]
        out += [ul_html([_timeline_item(d, today) for d in by_year[None]]), ""]
    return "\n".join(out) + "\n"


def _timeline_item(doc: VanBan, today: dt.date) -> str:
    date = short_date(doc.ngay_ban_hanh) if doc.ngay_ban_hanh else "chưa rõ ngày"
    period = ""
    if doc.giai_doan:
        state = "đã kết thúc" if period_ended(doc, today) else "đang trong giai đoạn"
        period = text_html(f" — giai đoạn {doc.giai_doan} ({state})")
    return f"<strong>{date}</strong> — {doc_a(doc)}{period}: {text_html(doc.trich_yeu)}"
