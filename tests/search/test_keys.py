"""The search index preprocessing on the real built site, and the query folding rules."""
from __future__ import annotations

import json

from conftest import ROOT
from ldkb.search.keys import Glossary, compact, exact_compact, query_terms
from ldkb.text.normalize import unify_tones

PLAN = "van-ban/ke-hoach-thuc-hien-chi-thi-07/"


def entries(site):
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return data, {d["location"]: d for d in data["docs"]}


def test_index_has_our_fields_and_keys(site):
    data, by_loc = entries(site)
    fields = data["config"]["fields"]
    assert fields["ldkb_sym"]["boost"] > fields["title"]["boost"] > fields["text"]["boost"]
    doc117 = by_loc["van-ban/117-kh-ldld/"]
    assert doc117["ldkb_sym"].split() == ["117", "117khldld"]
    assert doc117["ldkb_doc"] == "117/KH-LĐLĐ"
    assert by_loc["van-ban/81b-kh-tld/"]["ldkb_sym"].split() == ["81b", "81bkhtld"]
    part = by_loc[PLAN + "#ii-3-2"]
    assert part["ldkb_part"] == "II.3.2"
    # II.3.2 says "Công đoàn cơ sở", never "CĐCS": the glossary adds the abbreviation.
    assert "CĐCS" not in part["text"] and "cđcs" in part["ldkb_text"].split()
    # III.3 says "CĐCS": the expansion's words are added.
    assert {"công", "đoàn", "cơ", "sở"} <= set(by_loc[PLAN + "#iii-3"]["ldkb_text"].split())


def test_documents_list_is_ranked_below_documents(site):
    _, by_loc = entries(site)
    assert by_loc["van-ban/"]["boost"] < 1
    assert by_loc[PLAN]["boost"] > 1 and by_loc[PLAN + "#iii-3"]["boost"] > 1


def test_documents_without_text_home_and_guide_rank_below_documents_with_text(site):
    """Issue 18: a record of a document ranks below documents with their text (except for its
    symbol, number or subject: ldkb_sym, ldkb_subject); members' questions land on documents
    before the home page and the editors' guide that point to them."""
    _, by_loc = entries(site)
    text_boost = by_loc[PLAN]["boost"]
    for loc in ("van-ban/117-kh-ldld/", "van-ban/117-kh-ldld/#van-ban", "", "huong-dan-bien-tap/",
                "huong-dan-bien-tap/them-van-ban/"):
        assert by_loc[loc]["boost"] < text_boost / 5, loc
    assert by_loc["van-ban/117-kh-ldld/"]["ldkb_subject"].startswith("thuc hien chuong trinh so 1306")
    assert "ldkb_subject" not in by_loc[PLAN]  # only documents the site has no text of
    # Maintainers' pages are no part of the site, so of its index.
    assert not any(loc.startswith(("hieu-nang", "tim-kiem", "ban-in-pdf")) for loc in by_loc)


def test_query_terms_exact_and_folded():
    assert query_terms("hòa") == ["hoà", "hoa"]
    assert query_terms("Đình công") == ["đình", "dinh", "công", "cong"]
    assert query_terms("117/KH-LĐLĐ") == ["117", "kh", "lđlđ", "ldld", "117khldld"]
    assert query_terms("\u0111i\u0300nh") == ["đình", "dinh"]  # NFD in, NFC out


def test_compact_keys():
    assert compact("117/KH-LĐLĐ") == "117khldld"
    assert exact_compact("CSPL & QHLĐ") == "csplqhlđ"


def test_glossary_both_ways():
    from ldkb.model.schema import ThuatNgu

    g = Glossary([ThuatNgu(viet_tat="CĐCS", day_du="Công đoàn cơ sở"),
                  ThuatNgu(viet_tat="TU", day_du="Tỉnh ủy")])
    assert g.keys_for("Hỗ trợ CÔNG ĐOÀN CƠ SỞ chủ động") == ["cđcs"]
    assert g.keys_for("CĐCS chủ động") == ["công", "đoàn", "cơ", "sở"]
    # Written abbreviations only: the word "tu" in running text is not "TU".
    assert g.keys_for("tu sửa") == []


def test_unify_tones_only_moves_oa_oe_uy():
    assert unify_tones("hòa") == unify_tones("hoà")
    assert unify_tones("thủy") == unify_tones("thuỷ")
    assert unify_tones("khỏe") == unify_tones("khoẻ")
    for word in ("của", "mùa", "hoàn", "quý"):
        assert unify_tones(word) == word


def _keys_one_regex_per_entry(entries, text):
    """The glossary matching spelled out, entry by entry (the definition Glossary must keep)."""
    import re

    from ldkb.search.keys import QUERY_SPLIT, exact_compact
    from ldkb.text.normalize import exact_key, fold, nfc

    out = []
    for e in entries:
        abbr_words = [w for w in QUERY_SPLIT.split(fold(e.viet_tat)) if w]
        full_words = [w for w in QUERY_SPLIT.split(fold(e.day_du)) if w]
        if not abbr_words or not full_words:
            continue
        keys = [exact_compact(e.viet_tat)]
        if " " in e.viet_tat.strip():
            keys += [w for w in QUERY_SPLIT.split(exact_key(e.viet_tat)) if len(w) >= 3 and w not in keys]
        if re.search(r"(?<![a-z0-9])" + r"[^a-z0-9]+".join(map(re.escape, full_words)) + r"(?![a-z0-9])", fold(text)):
            out += keys
        if re.search(r"(?<![\w])" + re.escape(nfc(e.viet_tat)) + r"(?![\w])", nfc(text)):
            out += [w for w in QUERY_SPLIT.split(exact_key(e.day_du)) if w]
    seen: set[str] = set()
    return [k for k in out if not (k in seen or seen.add(k))]


def test_glossary_one_scan_matches_entry_by_entry():
    """Overlapping forms, forms starting at the same word, NFD text, any case: the single
    scan finds exactly what one regex per entry finds."""
    from ldkb.model.corpus import load_corpus
    from ldkb.model.schema import ThuatNgu


    entries = load_corpus(ROOT / "content").glossary + [
        ThuatNgu(viet_tat="CĐ", day_du="Công đoàn"),  # a duplicate form
        ThuatNgu(viet_tat="Ban CSPL", day_du="Ban Chính sách Pháp luật"),
        ThuatNgu(viet_tat="CĐ cấp trên", day_du="Công đoàn cấp trên"),  # longer, later
        ThuatNgu(viet_tat="X_Y", day_du="xa_lộ"), ThuatNgu(viet_tat="XL", day_du="xa lộ"),
        ThuatNgu(viet_tat="?", day_du="…"),  # no words: ignored
    ]
    g = Glossary(entries)
    texts = [
        "Tổng Liên đoàn Lao động Việt Nam, Tổng LĐLĐ và LĐLĐ tỉnh",
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM chỉ đạo công đoàn cơ sở, CĐCS và CĐ cấp trên",
        "Ban CSPL & QHLĐ; Ban Chính sách – Pháp luật và Quan hệ lao động",
        "\u0111oa\u0300n vie\u0302n co\u0302ng \u0111oa\u0300n co\u031b\u0309 so\u031b\u0309",  # NFD
        "Thực hiện Chỉ thị 07/CT-TTg, b/cáo BTV, th/h; Lưu: VT, TU, TW",
        "CĐ cấp trên cơ sở; X_Y, XL: xa_lộ, xa lộ, xa-lộ",
        "tu sửa, kh, ctr, nq (thường)", "congdoan coso", "côngđoàn", "", " ",
    ]
    for text in texts:
        assert g.keys_for(text) == _keys_one_regex_per_entry(entries, text), text


def test_fast_fold_is_fold():
    from ldkb.search.keys import fast_fold
    from ldkb.text.normalize import fold

    for text in ("Đình CÔNG hoà hòa", "\u0111i\u0300nh", "Straße \u212a \u212b", "𐐀𐐨 x\u0303 \u0301",
                 "“Lao động” — 117/KH-LĐLĐ…", "Ðð"):
        assert fast_fold(text) == fold(text), text


def test_overview_pages_reach_the_index_as_headings(site):
    """Overview pages are handed to Material's search parser cut down to their introduction
    and section headings (ldkb.search.index.overview_html): same sections, same titles,
    same page entry as from the whole page, less the matrix and the graph."""
    import re

    from ldkb.search.index import is_overview, overview_html
    from material.plugins.search.plugin import Parser

    derived = ("don-vi/", "phong-trao/", "so-do-van-ban/", "ai-lam-gi/", "dong-thoi-gian/")
    pages = [p for p in site.rglob("index.html")
             if is_overview(p.parent.relative_to(site).as_posix() + "/", derived=derived)]
    assert len(pages) > 10

    def sections(html):
        parser = Parser()
        parser.feed(html)
        parser.close()
        return parser.data

    checked = 0
    for page in pages:
        html = re.search(r'<article class="md-content__inner[^>]*>(.*)</article>',
                         page.read_text(encoding="utf-8"), re.S).group(1).strip()
        # The theme's print/share row above the text is no part of the page's content (the
        # search index is made from the content alone).
        html = re.sub(r'<div class="ldkb-actions ldkb-actions--page".*?</div>', "", html, count=1,
                      flags=re.S).strip()
        full, cut = sections(html), sections(overview_html(html))
        assert [(s.id, "".join(s.title)) for s in cut] == [(s.id, "".join(s.title)) for s in full], page
        intro, whole = "".join(cut[0].text), "".join(full[0].text)
        # None of the matrix of "Ai làm gì" (in its own section since the units' counts came first)
        # nor of the graph reaches the parser.
        assert "<table" not in "".join(t for s in cut for t in s.text) and "<svg" not in "".join(
            t for s in cut for t in s.text), page
        if page.parent.name == "so-do-van-ban":
            # It repeats document titles: the introduction stays, the drawing goes.
            first = intro.strip().split("</p>")[0]
            assert first.startswith("<p>") and first in whole and len(intro) < len(whole), page
        else:
            assert intro == whole, page
        checked += len(full) > 1
    assert checked >= 5
