"""Shards engine (ldkb.search.shards + the worker's shards path): the encoder's posting lists and
shards (no browser); the real site built with `engine: shards`, served over HTTP with gzip,
queried through Material's own search box in Debian's Chromium, every request on the origin."""
from __future__ import annotations

import json
import os
import random
import sys

import pytest

import forkrun
from conftest import copy_project, run_mkdocs
from ldkb.search.shards import build, decode, encode, shard_key, shard_name
from ldkb.text.normalize import fold
from searchsite import PLAN, SPEC, assert_expected, engine_fixtures, qid

# Every query of the set (accents, folded, tone placement, đ/d, NFD, case, abbreviations,
# symbols, numbers, phrases, exact before folded).
QUERIES = SPEC["queries"]


# --- encoder (no browser) ---------------------------------------------------------------

@pytest.mark.parametrize("ids", [[], [0], [5], [0, 1, 2, 3], [127, 128, 16383, 16384, 2_000_000],
                                 list(range(0, 5000, 2)), list(range(3, 900))])
def test_postings_round_trip(ids):
    assert decode(encode(ids)) == ids


def test_postings_random_round_trip_and_dense_lists_are_bitmaps():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 20_000)
        ids = sorted(rng.sample(range(n), rng.randint(0, n)))
        assert decode(encode(ids)) == ids
    dense = list(range(10, 10_000))
    import base64
    assert base64.b64decode(encode(dense))[0] == 1  # bitmap
    assert len(base64.b64decode(encode(dense))) < 1300
    assert base64.b64decode(encode([3, 1000, 90_000]))[0] == 0  # gaps



def _reference_encode(ids: list[int]) -> str:
    """The wire format written out plainly, one id at a time (the worker's decoder reads it)."""
    import base64

    def varint(d: int, out: bytearray) -> None:
        while d >= 0x80:
            out.append((d & 0x7F) | 0x80)
            d >>= 7
        out.append(d)

    if not ids:
        return ""
    first, span = ids[0], (ids[-1] - ids[0]) // 8 + 1
    out = bytearray()
    if span >= len(ids):
        out.append(0)
        prev = -1
        for i in ids:
            varint(i - prev - 1, out)
            prev = i
    if not out or len(out) > span + 4:
        out = bytearray([1])
        varint(first, out)
        bits = bytearray(span)
        for i in ids:
            bits[(i - first) >> 3] |= 1 << ((i - first) & 7)
        out += bits
    return base64.b64encode(bytes(out)).decode("ascii")


def test_postings_bytes_match_the_format():
    # Short and long lists, gaps and first ids of one to five varint bytes, sparse and dense:
    # the vectorised encoder must write exactly what the format says.
    rng = random.Random(11)
    for _ in range(400):
        n = rng.choice([1, 5, 63, 64, 65, 300, 3000])
        top = rng.choice([n, 4 * n, 200 * n, 2**21, 2**31])
        ids = sorted({rng.randrange(top) for _ in range(n)})
        assert encode(ids) == _reference_encode(ids), ids[:8]

def _index():
    doc = {"location": "van-ban/117-kh-ldld/", "title": "Kế hoạch 117", "text": "<p>Bán hàng</p>",
           "boost": 3.0, "ldkb_sym": "117 117khldld", "ldkb_doc": "117/KH-LĐLĐ"}
    part = {"location": "van-ban/117-kh-ldld/#ii-1", "title": "Đình công hòa giải", "text": "<p>ban lao động</p>",
            "boost": 3.0, "ldkb_part": "II.1", "ldkb_doc": "117/KH-LĐLĐ", "ldkb_title": "cđcs"}
    help_page = {"location": "huong-dan/", "title": "Hướng dẫn", "text": "<p>Bàn lao động 117</p>"}
    listing = {"location": "van-ban/#x", "title": "Danh mục", "text": "", "boost": 0.1}
    # Out of static order on purpose.
    return {"config": {}, "docs": [listing, help_page, part, doc]}


def test_static_order_and_shards():
    manifest, shards, chunks = build(_index(), chunk=2)
    assert manifest["n"] == 4 and manifest["chunk"] == 2 and manifest["chunks"] == 2
    # Document page (symbol keys) first, then its sections, other pages, overview sections.
    assert [r[0] for c in chunks for r in c] == [
        "van-ban/117-kh-ldld/", "van-ban/117-kh-ldld/#ii-1", "huong-dan/", "van-ban/#x"]
    ban = shards[shard_key("ban")]["ban"]
    assert decode(ban[0]) == [0, 1, 2]
    # Written forms, tone placement unified: "hòa" is stored as "hoà".
    forms = shards["ba\0x"]["ban"]
    assert decode(forms["bán"]) == [0] and decode(forms["bàn"]) == [2]
    assert "hoà" in shards["ho\0x"]["hoa"]
    # đ folds to d; glossary title keys count as title words.
    assert decode(shards["di"]["dinh"][1] if shards["di"]["dinh"][1] != 1 else shards["di"]["dinh"][0]) == [1]
    assert shards["cd"]["cdcs"][1] == 1
    # Symbol keys have their own list: the document page only, though "117" is also in a text.
    assert decode(shards["11"]["117"][2]) == [0] and decode(shards["11"]["117"][0]) == [0, 2]
    assert decode(shards["11"]["117khldld"][2]) == [0]
    # A typed prefix of two letters reads one shard holding every syllable it starts.
    assert {"lao"} <= set(shards["la"]) and all(s.startswith("la") for s in shards["la"])
    assert manifest["shards"] == sorted(shard_name(k) for k in shards if "\0" not in k)


def test_version_follows_content(tmp_path):
    from ldkb.search.shards import write_shards

    a = write_shards(_index(), tmp_path / "a")["version"]
    assert write_shards(_index(), tmp_path / "b")["version"] == a
    changed = _index()
    changed["docs"][1]["text"] = "<p>Bàn lao động 118</p>"
    assert write_shards(changed, tmp_path / "c")["version"] != a
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == a
    assert all((tmp_path / "a" / "sh" / f"{s}.json").is_file() for s in manifest["shards"])
    assert all((tmp_path / "a" / "sh" / f"{s}.x.json").is_file() for s in manifest["exact"])


def test_shard_names_are_file_safe():
    assert shard_name("la") == "la" and shard_name("1") == "1"
    assert shard_name(fold("§1")[:2]) == "_a7_1"


# --- the real site with engine: shards --------------------------------------------------

engine_project, engine_site, engine_url, fetched, search = engine_fixtures("shards")


def test_index_written_and_lunr_index_slim(engine_site):
    folder = engine_site / "search-shards"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["n"] > 100 and manifest["shards"]
    assert all((folder / "sh" / f"{s}.json").is_file() for s in manifest["shards"])
    assert len(list((folder / "ch").iterdir())) == manifest["chunks"]
    index = json.loads((engine_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert index["config"]["ldkb_shards"] == f"../../../search-shards/manifest.json?v={manifest['version']}"
    assert not (engine_site / "pagefind").exists()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("entry", QUERIES, ids=qid)
def test_expected_part_in_top_three(search, entry):
    # Split engines may leave the other part out of the results altogether.
    assert_expected(search, entry, other_may_be_absent=True)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("q", ["đình công", "hài hoà", "CĐCS", "bảo hiểm xã hội"])
def test_plain_form_gives_same_first_result(search, q):
    accented = search.search(q)["hits"]
    plain = search.search(fold(q))["hits"]
    assert accented and plain and plain[0]["path"] == accented[0]["path"]


@pytest.mark.browser
@pytest.mark.slow
def test_results_show_part_document_and_marks(search):
    hit = next(h for h in search.search("thuong luong tap the")["hits"] if h["path"] == PLAN + "#ii-3-2")
    assert hit["part"] == "II.3.2" and hit["doc"]
    html = search.page.locator(".md-search-result__list").inner_html()
    assert "<mark>thương</mark>" in html and "\u00a6" not in html
    search.search("dinh cong")
    text = search.page.locator(".md-search-result__list").evaluate("el => el.textContent")
    assert "đình công" in text.lower()


@pytest.mark.browser
@pytest.mark.slow
def test_answers_come_from_shards_and_stay_on_the_origin(search, engine_url, fetched):
    search.search("năng suất")
    urls = [u for u, _ in fetched]
    assert any("/search-shards/sh/" in u for u in urls) and any("/search-shards/ch/" in u for u in urls)
    assert [u for u in urls if not u.startswith(engine_url) and not u.startswith("data:")] == []
    # No lunr: the page fetched lunr's index only as its (empty) config, never lunr's languages.
    index = [n for u, n in fetched if u.endswith("search/search_index.json")]
    assert index and max(index) < 2000


def test_offline_copy_is_lunr_even_with_engine_shards(engine_project, tmp_path):
    out = tmp_path / "offline"
    env = {**os.environ, "LDKB_OFFLINE": "true"}
    r = forkrun.subprocess_run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                               cwd=engine_project, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not (out / "search-shards").exists()
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_shards" not in index["config"]


def test_auto_keeps_lunr_at_the_real_corpus(site):
    assert not (site / "search-shards").exists()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and "ldkb_shards" not in index["config"]


def test_auto_picks_shards_above_the_threshold(tmp_path):
    project = copy_project(tmp_path / "project")
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8").replace(
        "  - ldkb-search\n", "  - ldkb-search:\n      split_above_gzip: 1000\n", 1)
    cfg.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = run_mkdocs(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and "ldkb_shards" in index["config"]
    assert (out / "search-shards" / "manifest.json").is_file() and not (out / "pagefind").exists()
