"""Glossary, campaign pages and the maintenance page of unlinked citations."""
from __future__ import annotations

import html

from ldkb.model.corpus import Corpus
from ldkb.graph.relations import graph_of
from ldkb.model.errors import Problem
from ldkb.model.schema import PhongTrao
from ldkb.render.markup import em_html, md_escape, page_link, text_html, ul_html
from ldkb.text.normalize import sort_key
from ldkb.model.folders import document_page

GLOSSARY_PAGE = "thuat-ngu.md"
CAMPAIGNS_DIR = "phong-trao"
MAINTENANCE_PAGE = "bao-tri/trich-dan-chua-lien-ket.md"


def glossary_markdown(corpus: Corpus) -> str:
    out = ["---", 'title: "Chữ viết tắt"', 'description: "Các chữ viết tắt dùng trong văn bản và nghĩa đầy đủ."',
           "---", "", "# Chữ viết tắt", "",
           "Xếp theo thứ tự chữ cái tiếng Việt (a ă â b c d đ e ê …). Trong các trang, rê chuột hoặc chạm "
           "vào chữ viết tắt để xem nghĩa đầy đủ.", ""]
    if not corpus.glossary:
        return "\n".join(out + ["*Danh mục chữ viết tắt đang trống.*", ""]) + "\n"
    out += ["| Viết tắt | Nghĩa đầy đủ | Ghi chú |", "|---|---|---|"]
    for t in sorted(corpus.glossary, key=lambda t: sort_key(t.viet_tat)):
        out.append(f"| {md_escape(t.viet_tat)} | {md_escape(t.day_du)} | {md_escape(t.ghi_chu or '')} |")
    out.append("")
    return "\n".join(out) + "\n"


def campaigns_index_markdown(corpus: Corpus) -> str:
    g = graph_of(corpus)
    out = ["---", 'title: "Phong trào thi đua"',
           'description: "Các phong trào thi đua, cuộc vận động được nêu trong văn bản của kho."',
           "---", "", "# Phong trào thi đua và cuộc vận động", ""]
    # Raw HTML lists with `ldkb:` links, like the units pages (render_units.py).
    items = [f"{page_link(f'{CAMPAIGNS_DIR}/{c.ma}', f'“{c.ten}”')} — "
             f"{text_html(f'{c.loai}, được nêu {len(g.campaigns.get(c.ma, []))} lần')}"
             for c in sorted(corpus.campaigns, key=lambda c: sort_key(c.ten))]
    out.append(ul_html(items) if items else em_html("Danh mục phong trào đang trống."))
    out.append("")
    return "\n".join(out) + "\n"


def campaign_markdown(campaign: PhongTrao, corpus: Corpus) -> str:
    g = graph_of(corpus)
    places = g.campaigns.get(campaign.ma, [])
    out = ["---", f'title: "{_q(campaign.ten)}"',
           f'description: "{_q("Các văn bản nêu " + campaign.loai + " “" + campaign.ten + "”.")}"',
           "---", "", f"# “{md_escape(campaign.ten)}”", "", f"Loại: {campaign.loai}.", ""]
    if campaign.mo_ta:
        out += [md_escape(campaign.mo_ta), ""]
    if campaign.bien_the:
        out += ["Cách viết khác: " + ", ".join(f"“{md_escape(v)}”" for v in campaign.bien_the) + ".", ""]
    out += ["## Được nêu tại {#duoc-neu-tai}", ""]
    if not places:
        out += [em_html("Chưa có văn bản nào trong kho nêu tên phong trào này."), ""]
    items = []
    for place, text in places:
        doc = place.doc
        anchor = place.block.anchor if place.block is not None else place.anchor
        where = place.label + (" (tiêu đề)" if place.block is None and place.part is not None else "")
        items.append(f"<strong>{page_link(document_page(doc.slug), f'{doc.title}, {where}', anchor)}</strong>: "
                     f"{text_html(_clip(text))}")
    if items:
        out.append(ul_html(items))
    out.append("")
    return "\n".join(out) + "\n"


def maintenance_markdown(problems: list[Problem]) -> str:
    out = ["---", 'title: "Trích dẫn chưa liên kết được"',
           'description: "Trang bảo trì: các trích dẫn chỉ đến văn bản chưa có trong kho."', "---", "",
           "# Trích dẫn chưa liên kết được", "",
           "Trang dành cho biên tập viên. Mỗi dòng là một trích dẫn hoặc liên kết chỉ đến văn bản (hoặc mục) "
           "chưa có trong kho. Khi xuất bản (`make build`), các trích dẫn này làm bản dựng dừng lại.", ""]
    if not problems:
        out += ["*Không có trích dẫn nào chưa liên kết được.*", ""]
        return "\n".join(out) + "\n"
    for p in problems:
        out.append(f"- `{p.file}:{p.line}` — {md_escape(p.message)}  ")
        out.append(f"  *Cách sửa:* {md_escape(p.hint)}")
    out.append("")
    return "\n".join(out) + "\n"


def _clip(text: str, n: int = 280) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + " …"


def _q(text: str) -> str:
    # Themes print the title (navigation, <head>) unescaped: escape HTML here, as render_page does.
    text = html.escape(text, quote=True)
    return text.replace("\\", "\\\\").replace('"', '\\"')
