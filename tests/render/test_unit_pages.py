"""Who does what: unit pages list every task deep-linked; the "Ai làm gì" matrix."""
from __future__ import annotations

import html as htmlmod
import re
from pathlib import Path

import yaml

from graphsite import article, element_html, links, resolve

ROOT = Path(__file__).resolve().parents[2]


def _plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_cdcs_page_lists_part_iii_3_deep_linked(site):
    page = "don-vi/cdcs/index.html"
    html = article((site / page).read_text(encoding="utf-8"))
    targets = [resolve(site, page, a["href"]) for a in links(html)]
    plan = site / "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"
    assert (plan, "iii-3") in targets
    plan_html = plan.read_text(encoding="utf-8")
    assert "Đối với Công đoàn cơ sở" in _plain(element_html(plan_html, "iii-3"))


def test_unit_names_on_document_pages_link_to_unit_pages(site):
    page = "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"
    html = (site / page).read_text(encoding="utf-8")
    units = [a for a in links(html) if "vb-unit" in (a.get("class") or "")]
    assert units
    for a in units:
        target, _ = resolve(site, page, a["href"])
        assert target == site / "don-vi" / a["data-unit"] / "index.html" and target.is_file()
    part = element_html(html, "iii-3")
    assert any(a.get("data-unit") == "cdcs" for a in links(part))


def test_matrix_has_a_row_per_task_and_a_column_per_unit(site):
    page = "ai-lam-gi/index.html"
    html = (site / page).read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    head = table[:table.index("</thead>")]
    cols = [resolve(site, page, a["href"])[0].parent.name for a in links(head)]
    assert {"cdcs", "ldld-tinh", "cd-cap-tren-co-so", "ban-cspl-qhld", "van-phong", "ban-chuyen-mon"} <= set(cols)
    rows = re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>"):], re.S)
    by_anchor = {}
    for r in rows:
        a = links(r)[0]
        target, frag = resolve(site, page, a["href"])
        cells = [_plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        by_anchor[frag] = dict(zip(cols, cells, strict=False))
    assert by_anchor["iii-3"]["cdcs"] == "Thực hiện"
    assert by_anchor["ii-3-2-y2"]["ldld-tinh"] == "Thực hiện"  # the province helps the CĐCS
    assert by_anchor["ii-3-2-y2"]["cdcs"] == ""
    assert by_anchor["iii-1-y4"]["ban-cspl-qhld"] == "Chủ trì"
    assert by_anchor["iii-3"]["ldld-tinh"] == ""
    # The closing paragraph, addressed to all levels, reaches each of them.
    assert by_anchor["ket-thuc-y1"]["cdcs"] == "Thực hiện qua “Các cấp công đoàn”"


def test_units_index_links_every_unit(site):
    html = (site / "don-vi/index.html").read_text(encoding="utf-8")
    data = yaml.safe_load((ROOT / "content/don-vi.yml").read_text(encoding="utf-8"))
    hrefs = {a["href"] for a in links(article(html))}
    for u in data["don_vi"]:
        assert f"{u['ma']}/" in hrefs
