"""Who does what: unit pages list every task deep-linked; the "Ai làm gì" matrix."""
from __future__ import annotations

import html as htmlmod
import re
from pathlib import Path

import pytest
import yaml

from graphsite import article, element_html, links, resolve

ROOT = Path(__file__).resolve().parents[2]
ROLE_KEYS = ("don_vi", "chu_tri", "phoi_hop")


def _plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _block_text(block) -> str:
    if isinstance(block, str):
        return block
    return block.get("doan_van") or block.get("gach_dau_dong") or ""


def assignments(unit: str):
    """(document file, text of the work) for every part or block naming `unit`, read from the YAML."""
    out = []

    def names(obj) -> bool:
        if not isinstance(obj, dict):
            return False
        ids = list(obj.get("don_vi") or []) + [obj.get("chu_tri")] + list(obj.get("phoi_hop") or [])
        return unit in ids

    def walk_blocks(blocks, path):
        for b in blocks or []:
            if names(b):
                out.append((path, [_block_text(b)]))

    def walk_parts(parts, path):
        for p in parts or []:
            if names(p):
                out.append((path, [_block_text(b) for b in p.get("noi_dung") or []]))
            walk_blocks(p.get("noi_dung"), path)
            walk_parts(p.get("muc"), path)

    for path in sorted((ROOT / "content" / "van-ban").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        walk_blocks(data.get("mo_dau"), path)
        walk_blocks(data.get("ket_thuc"), path)
        walk_parts(data.get("noi_dung"), path)
        walk_parts(data.get("phu_luc"), path)
    return out


def test_cdcs_page_lists_part_iii_3_deep_linked(site):
    page = "don-vi/cdcs/index.html"
    html = article((site / page).read_text(encoding="utf-8"))
    targets = [resolve(site, page, a["href"]) for a in links(html)]
    plan = site / "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"
    assert (plan, "iii-3") in targets
    plan_html = plan.read_text(encoding="utf-8")
    assert "Đối với Công đoàn cơ sở" in _plain(element_html(plan_html, "iii-3"))


@pytest.mark.parametrize("unit", ["cdcs", "ldld-tinh", "cd-cap-tren-co-so", "ban-cspl-qhld", "van-phong"])
def test_unit_page_lists_every_task_assigned_to_it(site, unit):
    page = f"don-vi/{unit}/index.html"
    html = article((site / page).read_text(encoding="utf-8"))
    text = _plain(html)
    expected = assignments(unit)
    assert expected, f"content assigns nothing to {unit}"
    targets = [resolve(site, page, a["href"]) for a in links(html)]
    for path, works in expected:
        for work in works:
            assert " ".join(work.split()) in text, (unit, work[:60])
            # A link on the unit page leads to the place in the document that holds this work.
            slug = path.stem
            doc_page = site / "van-ban" / slug / "index.html"
            doc_html = doc_page.read_text(encoding="utf-8")
            assert any(t == doc_page and frag and " ".join(work.split())[:80] in _plain(element_html(doc_html, frag))
                       for t, frag in targets), (unit, work[:60])
    # the count shown equals the assignments in the content
    n = int(re.search(r"Có <strong>(\d+)</strong> việc", html).group(1))
    assert n == len(expected)


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


def test_matrix_has_a_row_per_assigning_part_and_a_column_per_unit(site):
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
        cells = [_plain(c) for c in re.findall(r"<td>(.*?)</td>", r, re.S)]
        by_anchor[frag] = dict(zip(cols, cells, strict=False))
    assert by_anchor["iii-3"]["cdcs"] == "Thực hiện"
    assert by_anchor["ii-3-2"]["cdcs"] == "Thực hiện"  # a bullet of II.3.2 assigns work to it
    assert by_anchor["iii-1"]["ban-cspl-qhld"] == "Chủ trì"
    assert by_anchor["iii-3"]["ldld-tinh"] == ""


def test_units_index_links_every_unit(site):
    html = (site / "don-vi/index.html").read_text(encoding="utf-8")
    data = yaml.safe_load((ROOT / "content/don-vi.yml").read_text(encoding="utf-8"))
    hrefs = {a["href"] for a in links(article(html))}
    for u in data["don_vi"]:
        assert f"{u['ma']}/" in hrefs
