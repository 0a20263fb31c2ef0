"""On the built site: citations are working links, backlinks are deep, nothing is broken."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphsite import article, element_html, links, resolve, section
from linkcheck import check_site
from ldkb.model.symbols import symbol_slug

PLAN = "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "ke-hoach-thuc-hien-chi-thi-07.txt"
# The twelve documents the plan cites, spelled exactly as the source text spells them.
CITED = ["81b/KH-TLĐ", "07/CT-TTg", "117/KH-LĐLĐ", "1306/CTr-TLĐ", "90/KH-LĐLĐ", "07/NQ-TLĐ",
         "101/KH-LĐLĐ", "107/KH-LĐLĐ", "36 -CTr/TU", "37-CT/TW", "103/KH-LĐLĐ", "116/KH-LĐLĐ"]


def _body(html: str) -> str:
    """The plan's own text: from the subject to the related-documents panel."""
    art = article(html)
    start = art.index('class="vb-subject"')
    return art[start:art.index('id="van-ban-lien-quan"')]


def _count_in_text(html: str, literal: str) -> int:
    text = re.sub(r"<[^>]+>", "", html)
    return text.count(literal)


def test_source_mentions_each_of_the_twelve():
    text = SOURCE.read_text(encoding="utf-8")
    for sym in CITED:
        assert sym in text, sym


@pytest.mark.parametrize("symbol", CITED)
def test_every_mention_in_the_plan_is_a_working_link(site, symbol):
    html = (site / PLAN).read_text(encoding="utf-8")
    body = _body(html)
    # Outside the meta table (the plan's own facts), every mention of the symbol in the text.
    mentions = _count_in_text(body, symbol)
    assert mentions >= 1
    slug = symbol_slug(symbol)
    cites = [a for a in links(body) if "vb-cite" in (a.get("class") or "") and symbol in a["text"]]
    assert len(cites) == mentions, (symbol, mentions, [a["text"] for a in cites])
    for a in cites:
        target, frag = resolve(site, PLAN, a["href"])
        assert target == site / "van-ban" / slug / "index.html"
        assert target.is_file()


def test_the_source_text_mentions_all_appear_as_links(site):
    """Count the citations in the source text itself: the page links at least as many."""
    source = SOURCE.read_text(encoding="utf-8")
    html = (site / PLAN).read_text(encoding="utf-8")
    cites = [a for a in links(_body(html)) if "vb-cite" in (a.get("class") or "")]
    for symbol in CITED:
        n_source = source.count(symbol)
        n_links = sum(symbol in a["text"] for a in cites)
        assert n_links == n_source, (symbol, n_source, n_links)


@pytest.mark.parametrize("symbol", CITED)
def test_cited_document_shows_the_plan_under_cited_by_deep_linked(site, symbol):
    page = f"van-ban/{symbol_slug(symbol)}/index.html"
    html = (site / page).read_text(encoding="utf-8")
    cited_by = section(html, "lien-quan-duoc-trich-dan")
    deep = [a for a in links(cited_by) if "ke-hoach-thuc-hien-chi-thi-07/#" in a["href"]]
    assert deep, f"{page}: the plan is not under “Được trích dẫn bởi”"
    plan_html = (site / PLAN).read_text(encoding="utf-8")
    for a in deep:
        target, frag = resolve(site, page, a["href"])
        assert target == site / PLAN
        # The part the link points at really holds a citation of this document.
        part = element_html(plan_html, frag)
        cites = [c for c in links(part) if "vb-cite" in (c.get("class") or "")]
        assert any(resolve(site, PLAN, c["href"])[0] == site / page for c in cites), (symbol, frag)


def test_plan_related_panel_lists_every_cited_document_with_its_parts(site):
    html = (site / PLAN).read_text(encoding="utf-8")
    cites = section(html, "lien-quan-trich-dan")
    for symbol in CITED:
        slug = symbol_slug(symbol)
        assert any(resolve(site, PLAN, a["href"])[0] == site / "van-ban" / slug / "index.html"
                   for a in links(cites)), symbol
    chain = section(html, "lien-quan-chuoi")
    hrefs = [a["href"] for a in links(chain)]
    assert any("81b-kh-tld" in h for h in hrefs) and any("07-ct-ttg" in h for h in hrefs)


def test_chain_up_to_the_root_directive(site):
    html = (site / "van-ban/107-kh-ldld/index.html").read_text(encoding="utf-8")
    chain = section(html, "lien-quan-chuoi")
    order = [a["href"] for a in links(chain) if "headerlink" not in (a.get("class") or "")]
    assert [h.split("/")[-2] for h in order] == ["36-ctr-tu", "37-ct-tw"]
    html = (site / "van-ban/37-ct-tw/index.html").read_text(encoding="utf-8")
    implementers = section(html, "lien-quan-thuc-hien")
    assert any("36-ctr-tu" in a["href"] for a in links(implementers))


def test_link_checker_finds_nothing_broken(site):
    # PDFs and the offline zip are written by later build steps (build_pdf.py, offline_zip).
    broken = check_site(site, ignore=lambda p: p.startswith(("pdf/", "tai-ve/")))
    assert broken == [], "\n".join(map(str, broken[:30]))


def test_link_checker_catches_broken_files_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="x"></p><a href="a/">ok</a><a href="a/#y">ok</a><a href="#x">ok</a>'
        '<a href="a/#nope">bad anchor</a><a href="b/">bad file</a><a href="https://example.org/">ok</a>'
        '<script src="https://cdn.example.org/x.js"></script>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="y">y</h2>', encoding="utf-8")
    broken = {(b.href, b.reason.split()[0]) for b in check_site(tmp_path)}
    assert {b[0] for b in broken} == {"a/#nope", "b/", "https://cdn.example.org/x.js"}


def test_documents_json_has_references_with_citing_parts(site):
    data = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    docs = {d["slug"]: d for d in data["documents"]}
    plan = docs["ke-hoach-thuc-hien-chi-thi-07"]
    cites = {r["slug"]: r for r in plan["references"] if r["relation"] == "cites"}
    assert set(cites) == {symbol_slug(s) for s in CITED}
    assert "II.3.2" in cites["36-ctr-tu"]["citing_parts"]
    assert {"I.2", "II.3"} <= set(cites["117-kh-ldld"]["citing_parts"])
    implements = {r["slug"] for r in plan["references"] if r["relation"] == "thuc_hien"}
    assert implements == {"81b-kh-tld", "07-ct-ttg"}
    back = {r["slug"]: r for r in docs["36-ctr-tu"]["referenced_by"] if r["relation"] == "cites"}
    assert back["ke-hoach-thuc-hien-chi-thi-07"]["citing_parts"] == ["II.3.2"]
    assert back["107-kh-ldld"]["citing_parts"] == ["trich_yeu"]  # 107's subject names 36-CTr/TU
    # referenced_by mirrors references
    for d in data["documents"]:
        for r in d["references"]:
            assert any(b["slug"] == d["slug"] and b["relation"] == r["relation"]
                       for b in docs[r["slug"]]["referenced_by"])


def test_each_document_page_carries_legislation_json_ld(site):
    data = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    for d in data["documents"]:
        html = (site / "van-ban" / d["slug"] / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1, d["slug"]
        ld = json.loads(blocks[0])
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "Legislation"
        assert ld["legislationType"] == d["type"]
        assert ld.get("legislationIdentifier") == d["symbol"]
        assert ld.get("legislationDate") == d["date"]
        assert ld["legislationPassedBy"]["name"] == d["issuing_body"]
        assert "legislationLegalForce" not in ld  # status unknown everywhere: never guessed


def test_handwritten_pages_get_citations_linked(site):
    html = (site / "huong-dan-bien-tap/trich-dan/index.html").read_text(encoding="utf-8")
    # Examples inside code stay code; the text's own mentions are not touched there.
    assert "<code>Kế hoạch số 117/KH-LĐLĐ" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    cites = [a for a in links(article(home)) if "vb-cite" in (a.get("class") or "")]
    assert any(resolve(site, "index.html", a["href"])[0] == site / "van-ban/07-ct-ttg/index.html" for a in cites)


@pytest.mark.slow
def test_full_build_with_pdfs_and_offline_copy_has_no_broken_link(built_site):
    """`make build` output (site, PDFs, offline zip; the session's `ldkb build`, conftest.built_site):
    every link and anchor resolves, nothing ignored."""
    assert (built_site / "pdf").is_dir()
    broken = check_site(built_site)
    assert broken == [], "\n".join(map(str, broken[:30]))


def test_citation_links_carry_no_tooltip_title(site):
    # Material mounts a tooltip per titled element on load: on the plan page that was the largest
    # part of the phone's main-thread time (Lighthouse); abbreviations keep theirs (issue 3).
    html = (site / PLAN).read_text(encoding="utf-8")
    cites = [a for a in re.findall(r"<a\b[^>]*>", _body(html)) if "vb-cite" in a]
    assert len(cites) > 10
    assert not [a for a in cites if "title=" in a]
    assert "<abbr title=" in html
