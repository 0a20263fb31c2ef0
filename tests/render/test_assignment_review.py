"""The real plan's assignments, as reviewed against the source (docs-dev/ra-soat-giao-viec.md): the
review table is read and the built unit pages, "Ai làm gì" and the content model are checked
against it. The CĐCS page lists every task the source addresses to CĐCS or to all levels, and no other."""
from __future__ import annotations

import html as htmlmod
import re

import pytest
import yaml

from conftest import ROOT, SOURCE
from graphsite import article, links, resolve

from ldkb.model.corpus import load_corpus

PLAN = "ke-hoach-thuc-hien-chi-thi-07"
REVIEW = ROOT / "docs-dev" / "ra-soat-giao-viec.md"


def _plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def review_rows() -> list[dict]:
    rows = []
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] in ("anchor", "---") or set(cells[0]) <= {"-"}:
            continue
        anchor, part, units, role, words, note = cells
        rows.append({"anchor": anchor, "units": units, "role": role, "words": words})
    assert rows, "review table not found"
    return rows


def _groups() -> dict[str, list[str]]:
    data = yaml.safe_load((ROOT / "content" / "don-vi.yml").read_text(encoding="utf-8"))
    return {u["ma"]: u.get("bao_gom", []) for u in data["don_vi"]}


def expected_by_unit() -> dict[str, set[tuple[str, str, bool]]]:
    """unit -> {(anchor, role, through a group)} from the review table."""
    groups = _groups()
    out: dict[str, set] = {}
    for row in review_rows():
        if row["units"] in ("—", "giao chung"):
            continue
        for unit in (u.strip() for u in row["units"].split(",")):
            out.setdefault(unit, set()).add((row["anchor"], row["role"], False))
            for member in groups.get(unit, []):
                out.setdefault(member, set()).add((row["anchor"], row["role"], True))
    return out


def test_review_quotes_the_source_and_matches_the_content_model():
    source = " ".join(SOURCE.read_text(encoding="utf-8").split())
    corpus = load_corpus(ROOT / "content")
    tasks = {t.anchor: t for t in corpus.tasks[PLAN]}
    for row in review_rows():
        for quote in re.findall(r"“([^”]+?)(?:…)?”|\"([^\"]+?)(?:…)?\"", row["words"]):
            quote = " ".join((quote[0] or quote[1]).rstrip("…").split())
            assert quote in source, (row["anchor"], quote)  # the source's own words
        if row["units"] == "—":
            assert row["anchor"] not in tasks
        elif row["units"] == "giao chung":
            assert tasks[row["anchor"]].general and not tasks[row["anchor"]].units
        else:
            codes = tuple(u.strip() for u in row["units"].split(","))
            assert tasks[row["anchor"]].units == {row["role"]: codes}, row["anchor"]
    # Every task of the plan is in the review.
    assert set(tasks) <= {r["anchor"] for r in review_rows()}


@pytest.mark.parametrize("unit", sorted(expected_by_unit()))
def test_unit_pages_list_exactly_what_the_review_names(site, unit):
    page = f"don-vi/{unit}/index.html"
    html = article((site / page).read_text(encoding="utf-8"))
    found = set()
    for anchor, body in re.findall(rf'<li class="vb-check[^"]*" id="{PLAN}--([^"]+)">(.*?)</li>', html, re.S):
        role_text = _plain(re.search(r"<dt>Vai trò</dt><dd>(.*?)</dd>", body, re.S).group(1))
        role = {"Thực hiện": "don_vi", "Chủ trì": "chu_tri", "Phối hợp": "phoi_hop"}[role_text.split(" (")[0]]
        found.add((anchor, role, "việc giao cho" in role_text))
        target, frag = resolve(site, page, links(body)[0]["href"])
        assert (target.parent.name, frag) == (PLAN, anchor)
    assert found == expected_by_unit()[unit]


def test_cdcs_page_lists_what_the_source_addresses_to_cdcs_or_all_levels(site):
    html = article((site / "don-vi/cdcs/index.html").read_text(encoding="utf-8"))
    anchors = re.findall(rf'id="{PLAN}--([^"]+)"', html)
    assert sorted(anchors) == ["i-2-y2", "iii-3", "ket-thuc-y1"]
    assert "ii-3-2-y2" not in anchors  # the CĐCS is helped there, it does not act
    text = _plain(html)
    assert "Chưa có báo cáo" in text and "Chưa triển khai" not in text  # no report entered yet
    assert "Các cấp công đoàn trong tỉnh" in text  # marked as addressed to the group


def test_matrix_shows_the_general_parts_as_such_with_roman_numerals_as_written(site):
    page = "ai-lam-gi/index.html"
    html = (site / page).read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    general = {r["anchor"] for r in review_rows() if r["units"] == "giao chung"}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        a = links(row)[0]
        anchor = resolve(site, page, a["href"])[1]
        if anchor in general:
            assert "Giao chung" in _plain(row)
        label = a["text"]
        assert not re.search(r"Mục [ivx]+\b", label)  # never "Mục ii.3.2"
    assert "Mục II.3.2, gạch đầu dòng 2" in _plain(table) and "Đoạn kết" in _plain(table)
