"""The search index preprocessing on the real built site, and the query folding rules."""
from __future__ import annotations

import json

from ldkb.search_keys import Glossary, compact, exact_compact, query_terms
from ldkb.textnorm import unify_tones

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
    assert by_loc["van-ban/117-kh-ldld/"]["boost"] > 1


def test_query_terms_exact_and_folded():
    assert query_terms("hòa") == ["hoà", "hoa"]
    assert query_terms("Đình công") == ["đình", "dinh", "công", "cong"]
    assert query_terms("117/KH-LĐLĐ") == ["117", "kh", "lđlđ", "ldld", "117khldld"]
    assert query_terms("\u0111i\u0300nh") == ["đình", "dinh"]  # NFD in, NFC out


def test_compact_keys():
    assert compact("117/KH-LĐLĐ") == "117khldld"
    assert exact_compact("CSPL & QHLĐ") == "csplqhlđ"


def test_glossary_both_ways():
    from ldkb.schema import ThuatNgu

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
