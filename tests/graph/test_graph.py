"""Graph page, glossary, timeline, campaigns, effect notice, and failures on unknown citations."""
from __future__ import annotations

import html as htmlmod
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import yaml

import forkrun
from conftest import run_mkdocs
from ldkb.model.corpus import load_corpus
from ldkb.render.document_page import document_markdown
from graphsite import article, element_html, links, resolve

ROOT = Path(__file__).resolve().parents[2]
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def _plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# -- graph page ----------------------------------------------------------------------
def test_graph_page_is_an_inline_svg_with_a_link_per_document_and_no_script(site):
    page = "so-do-van-ban/index.html"
    html = (site / page).read_text(encoding="utf-8")
    art = article(html)
    assert "<script" not in art
    svg = art[art.index("<svg"):art.index("</svg>") + 6]
    ElementTree.fromstring(svg)  # well-formed XML
    data = json.loads((site / "api/documents.json").read_text(encoding="utf-8"))
    node_targets = {resolve(site, page, a["href"])[0] for a in links(svg)}
    assert node_targets == {site / "van-ban" / d["slug"] / "index.html" for d in data["documents"]}
    # one edge per relation in the open data
    n_refs = sum(len(d["references"]) for d in data["documents"])
    assert svg.count("<path class=\"vb-graph__edge") == n_refs
    assert "vb-graph__edge--thuc_hien" in svg and "vb-graph__edge--cites" in svg


def test_graph_page_has_a_list_for_small_screens(site):
    html = (site / "so-do-van-ban/index.html").read_text(encoding="utf-8")
    listing = element_html(html, "danh-sach-quan-he")
    text = _plain(listing)
    assert "thực hiện" in text and "trích dẫn" in text
    css = (site / "assets/ldkb.css").read_text(encoding="utf-8")
    assert re.search(r"@media[^{]*max-width[^{]*\{\s*\.md-typeset \.vb-graph-figure[^}]*display:\s*none", css)


def test_graph_on_a_phone_is_replaced_by_the_list(site_url, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url + "so-do-van-ban/")
    assert not page.locator(".vb-graph-figure").is_visible()
    assert page.locator("#danh-sach-quan-he").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".vb-graph-figure").is_visible()
    page.close()


# -- glossary and tooltips -------------------------------------------------------------
def _vi_key(word: str):
    """Independent Vietnamese order: letters by the alphabet above (tones ignored)."""
    import unicodedata

    out = []
    for ch in word.casefold():
        base = unicodedata.normalize("NFD", ch)
        keep = "".join(c for c in base if c in "\u0306\u0302\u031b" or not unicodedata.combining(c))
        letter = unicodedata.normalize("NFC", keep)
        if letter in ALPHABET:
            out.append(ALPHABET.index(letter) + 10)
        elif letter.isalpha():  # f, j, w, z: after the Vietnamese letters
            out.append(100 + ord(letter))
        else:
            out.append(0 if letter == " " else 1)
    return out


def test_glossary_page_lists_every_abbreviation_in_vietnamese_order(site):
    data = yaml.safe_load((ROOT / "content/thuat-ngu.yml").read_text(encoding="utf-8"))["thuat_ngu"]
    html = article((site / "thuat-ngu/index.html").read_text(encoding="utf-8"))
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>", html, re.S)
    shown = [_plain(r) for r in rows]
    assert sorted(shown) == sorted(t["viet_tat"] for t in data)
    assert shown == sorted(shown, key=_vi_key)
    # đ comes right after d, before s and t (code-point order would put Đ after every ASCII letter)
    assert shown.index("CĐCS") < shown.index("CSPL & QHLĐ") < shown.index("CTr")


def test_abbreviations_get_tooltips_in_document_bodies(site):
    data = yaml.safe_load((ROOT / "content/thuat-ngu.yml").read_text(encoding="utf-8"))["thuat_ngu"]
    full = {t["viet_tat"]: t["day_du"] for t in data}
    html = (site / "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html").read_text(encoding="utf-8")
    abbrs = re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', html)
    seen = {htmlmod.unescape(t): htmlmod.unescape(title) for title, t in abbrs}
    for term in ("LĐLĐ", "CĐCS"):
        assert seen.get(term) == full[term]
    # never inside a link or a document symbol
    for a in links(html):
        assert "<abbr" not in a["text"]
    assert not re.search(r"/<abbr|<abbr[^>]*>[^<]*</abbr>-LĐLĐ", html)
    mkdocs = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert "content.tooltips" in mkdocs["theme"]["features"]


# -- timeline -------------------------------------------------------------------------
def test_timeline_lists_documents_by_date_with_periods(site):
    data = json.loads((site / "api/documents.json").read_text(encoding="utf-8"))
    html = article((site / "dong-thoi-gian/index.html").read_text(encoding="utf-8"))
    text = _plain(html)
    dated = sorted((d for d in data["documents"] if d["date"]), key=lambda d: d["date"])
    # d/m/yyyy, as the site writes dates (issue 18)
    positions = [text.index(f"{int(d['date'][8:])}/{int(d['date'][5:7])}/{d['date'][:4]}") for d in dated]
    assert positions == sorted(positions)
    undated = text[text.index("Chưa rõ ngày ban hành"):]
    for d in data["documents"]:
        if not d["date"]:
            assert any(d["slug"] in a["href"] for a in links(html[html.index('id="chua-ro-ngay"'):]))
    assert "giai đoạn 2020–2023" in text
    assert undated


# -- effect status ------------------------------------------------------------------------
def test_period_ended_notice_follows_the_build_date(monkeypatch):
    # In-process: the document page's Markdown as the documents plugin makes it (no build needed).
    corpus = load_corpus(ROOT / "content")
    plan, directive = corpus.by_slug("101-kh-ldld"), corpus.by_slug("07-ct-ttg")
    monkeypatch.setenv("LDKB_BUILD_DATE", "2022-06-01")
    h_during = _plain(document_markdown(plan, corpus))
    monkeypatch.setenv("LDKB_BUILD_DATE", "2026-01-15")
    h_after = _plain(document_markdown(plan, corpus))
    assert "Giai đoạn thực hiện đã kết thúc" not in h_during
    assert "Giai đoạn thực hiện đã kết thúc" in h_after and "15/1/2026" in h_after
    assert "2020–2023" in h_after
    # status stays unknown, never guessed from the period
    assert "Tình trạng hiệu lực Chưa rõ" in h_after
    # documents without a period never get the notice
    assert "đã kết thúc" not in _plain(document_markdown(directive, corpus))


def test_status_set_by_an_editor_is_shown_with_its_replacement_linked(project, tmp_path):
    f = project / "content/van-ban/101-kh-ldld.yml"
    text = f.read_text(encoding="utf-8").replace(
        "hieu_luc:\n  tinh_trang: chua-ro", "hieu_luc:\n  tinh_trang: bi-thay-the\n  thay_the_boi: 103/KH-LĐLĐ")
    assert "bi-thay-the" in text
    f.write_text(text, encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "site")
    assert res.returncode == 0, res.stderr
    page = "van-ban/101-kh-ldld/index.html"
    html = (tmp_path / "site" / page).read_text(encoding="utf-8")
    row = html[html.index("Tình trạng hiệu lực"):]
    row = row[:row.index("</tr>")]
    assert "Được thay thế" in _plain(row)
    (a,) = links(row)
    assert resolve(tmp_path / "site", page, a["href"])[0] == tmp_path / "site/van-ban/103-kh-ldld/index.html"
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["legislationLegalForce"] == "https://schema.org/NotInForce"


# -- campaigns ----------------------------------------------------------------------------
def test_each_campaign_page_lists_its_mentions_deep_linked(site):
    data = yaml.safe_load((ROOT / "content/phong-trao.yml").read_text(encoding="utf-8"))["phong_trao"]
    for c in data:
        page = f"phong-trao/{c['ma']}/index.html"
        html = article((site / page).read_text(encoding="utf-8"))
        found = html[html.index('id="duoc-neu-tai"'):]
        deep = [resolve(site, page, a["href"]) for a in links(found)
                if "#" in a["href"] and "headerlink" not in (a.get("class") or "")]
        assert deep, c["ma"]
        for target, frag in deep:
            where = _plain(element_html(target.read_text(encoding="utf-8"), frag)).casefold()
            names = [c["ten"], *c.get("bien_the", [])]
            import unicodedata

            assert any(unicodedata.normalize("NFC", n).casefold() in where for n in names) or \
                any(n.casefold().replace("hoá", "hóa") in where.replace("hoá", "hóa") for n in names), (c["ma"], frag)


def test_campaign_mentioned_in_two_parts_lists_both(site):
    html = article((site / "phong-trao/lao-dong-gioi-lao-dong-sang-tao/index.html").read_text(encoding="utf-8"))
    frags = {a["href"].split("#")[1] for a in links(html) if "#" in a["href"] and "ke-hoach" in a["href"]}
    assert any(f.startswith("iii-3") for f in frags) and any(f.startswith("ii-2") for f in frags)


# -- unknown citations fail the strict build -----------------------------------------------
_DOC_999 = textwrap.dedent("""\
    so_ky_hieu: 998/KH-LĐLĐ
    loai: Kế hoạch
    co_quan_ban_hanh: Ban Thường vụ Liên đoàn Lao động tỉnh
    trich_yeu: Văn bản thử
    noi_dung:
      - so: I
        tieu_de: MỤC ĐÍCH
        noi_dung:
          - Thực hiện tốt Kế hoạch số 999/KH-LĐLĐ của Ban Thường vụ.
    """)


def test_citing_an_unknown_document_fails_strict_build_with_file_line_and_advice(project, tmp_path):
    (project / "content/van-ban/998-kh-ldld.yml").write_text(_DOC_999, encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "site")
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert "content/van-ban/998-kh-ldld.yml:9:" in out
    assert "999/KH-LĐLĐ" in out and 'make new SO="999/KH-LĐLĐ"' in out
    assert "Traceback" not in out


def test_without_strict_the_maintenance_page_lists_unknown_citations(project, tmp_path):
    (project / "content/van-ban/998-kh-ldld.yml").write_text(_DOC_999, encoding="utf-8")
    # mkdocs.yml sets `strict: true`: a non-strict build has to say so.
    res = forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-d", str(tmp_path / "site")],
                                 cwd=project, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "999/KH-LĐLĐ" in res.stderr  # still reported
    text = _plain((tmp_path / "site/bao-tri/trich-dan-chua-lien-ket/index.html").read_text(encoding="utf-8"))
    assert "content/van-ban/998-kh-ldld.yml:9" in text and "999/KH-LĐLĐ" in text
    # the citation stays plain text, not a broken link
    page = (tmp_path / "site/van-ban/998-kh-ldld/index.html").read_text(encoding="utf-8")
    assert "Kế hoạch số 999/KH-LĐLĐ" in _plain(page)
    assert not any("999" in a["text"] for a in links(page))


def test_explicit_links_are_validated_and_rendered(project, tmp_path):
    good = _DOC_999.replace("Thực hiện tốt Kế hoạch số 999/KH-LĐLĐ của Ban Thường vụ.",
                            "Xem [[ke-hoach-thuc-hien-chi-thi-07#III.3|việc của công đoàn cơ sở]] và [[117/KH-LĐLĐ]].")
    (project / "content/van-ban/998-kh-ldld.yml").write_text(good, encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "ok")
    assert res.returncode == 0, res.stdout + res.stderr
    page = "van-ban/998-kh-ldld/index.html"
    html = (tmp_path / "ok" / page).read_text(encoding="utf-8")
    explicit = {a["text"]: resolve(tmp_path / "ok", page, a["href"]) for a in links(html)
                if "vb-cite--explicit" in (a.get("class") or "")}
    assert explicit["việc của công đoàn cơ sở"] == (
        tmp_path / "ok/van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html", "iii-3")
    assert explicit["Kế hoạch 117/KH-LĐLĐ"][0] == tmp_path / "ok/van-ban/117-kh-ldld/index.html"
    # the plan's page now lists the new document under "cited by", at part I
    plan = (tmp_path / "ok/van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html").read_text(encoding="utf-8")
    cited_by = element_html(plan, "lien-quan-duoc-trich-dan")
    assert any("998-kh-ldld/#i" in a["href"] for a in links(cited_by))

    bad = good.replace("#III.3|", "#III.9|")
    (project / "content/van-ban/998-kh-ldld.yml").write_text(bad, encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "bad")
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert "content/van-ban/998-kh-ldld.yml:9:" in out and "III.9" in out and "III.3" in out


def test_unknown_citation_in_a_handwritten_page_is_reported_with_its_line(project, tmp_path):
    (project / "docs/thu.md").write_text(
        "# Thử\n\nDòng hai.\n\nTheo Chỉ thị số 99/CT-TTg của Thủ tướng.\n\n`make new SO=\"120/KH-LĐLĐ\"`\n",
        encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "site")
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert "docs/thu.md:5:" in out and 'make new SO="99/CT-TTg"' in out
    assert "120/KH-LĐLĐ" not in out  # code is an example, not a citation


def test_make_validate_reports_unknown_citations_too(project):
    (project / "content/van-ban/998-kh-ldld.yml").write_text(_DOC_999, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "ldkb", "--content", "content", "validate"], cwd=project,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "content/van-ban/998-kh-ldld.yml:9:" in res.stderr and 'make new SO="999/KH-LĐLĐ"' in res.stderr


def test_explicit_and_implicit_citations_in_a_handwritten_page(project, tmp_path):
    (project / "docs/thu.md").write_text(
        "# Thử\n\nXem [[ke-hoach-thuc-hien-chi-thi-07#II.3]] và Kế hoạch số 116/KH-LĐLĐ.\n", encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "site")
    assert res.returncode == 0, res.stdout + res.stderr
    page = "thu/index.html"
    html = article((tmp_path / "site" / page).read_text(encoding="utf-8"))
    got = {a["text"]: resolve(tmp_path / "site", page, a["href"]) for a in links(html)
           if "vb-cite" in (a.get("class") or "")}
    site = tmp_path / "site"
    assert got["Kế hoạch thực hiện Chỉ thị 07/CT-TTg, mục II.3"] == (  # its one short name, never cut
        site / "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html", "ii-3")
    assert got["Kế hoạch số 116/KH-LĐLĐ"] == (site / "van-ban/116-kh-ldld/index.html", "")


def test_implementing_a_part_is_deep_linked_on_the_implemented_document(project, tmp_path):
    doc = _DOC_999.replace("Thực hiện tốt Kế hoạch số 999/KH-LĐLĐ của Ban Thường vụ.", "Nội dung thử.")
    doc = doc.replace("trich_yeu: Văn bản thử\n", "trich_yeu: Văn bản thử\nthuc_hien:\n  - ke-hoach-thuc-hien-chi-thi-07#III.3\n")
    (project / "content/van-ban/998-kh-ldld.yml").write_text(doc, encoding="utf-8")
    res = run_mkdocs(project, tmp_path / "site")
    assert res.returncode == 0, res.stdout + res.stderr
    page = "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html"
    html = (tmp_path / "site" / page).read_text(encoding="utf-8")
    implementers = element_html(html, "lien-quan-thuc-hien")
    targets = [resolve(tmp_path / "site", page, a["href"]) for a in links(implementers)]
    assert (tmp_path / "site/van-ban/998-kh-ldld/index.html", "") in targets
    assert (tmp_path / "site" / page, "iii-3") in targets
    chain = element_html((tmp_path / "site/van-ban/998-kh-ldld/index.html").read_text(encoding="utf-8"),
                         "lien-quan-chuoi")
    assert "ke-hoach-thuc-hien-chi-thi-07/" in chain and "07-ct-ttg/" in chain  # up to the root directive


def test_json_ld_cannot_be_broken_out_of_by_editor_text():
    from ldkb.render.jsonld import script_tag

    hostile = 'a</script><script>alert(1)</script><!-- b'
    tag = script_tag({"name": hostile})
    body = tag[len('<script type="application/ld+json">'):-len("</script>")]
    assert "<" not in body
    assert json.loads(body)["name"] == hostile
