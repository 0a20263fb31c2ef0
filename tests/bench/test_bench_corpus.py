"""The benchmark's synthetic corpus: deterministic, valid, citing only what exists, and buildable."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import run_mkdocs
from tools.bench.baseline import make_baseline
from tools.bench.corpus_gen import generate
from tools.bench.measure import mkdocs_build
from tools.bench.project import make_project
from tools.bench.report import BEGIN, END, write_page
from ldkb.model.corpus import iter_blocks, load_corpus

N = 20


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "content", N)


def test_same_seed_same_bytes_other_seed_other_text(content, tmp_path):
    again = generate(tmp_path / "again", N)
    assert _digest(again) == _digest(content)
    other = generate(tmp_path / "other", N, seed=1)
    assert _digest(other).keys() != _digest(content).keys() or _digest(other) != _digest(content)


def test_loads_with_no_content_error(content):
    corpus = load_corpus(content, strict=False)
    assert corpus.log.errors == []
    assert len(corpus.documents) == N
    synthetic = [d for d in corpus.documents if d.nguon and "tổng hợp" in d.nguon]
    assert len(synthetic) == N - 13
    # Nested parts, unit assignments and relations are really there.
    assert any(p.muc and any(c.muc for c in p.muc) for d in synthetic for p in d.noi_dung)
    assert any(b.is_task for d in synthetic for _, b in iter_blocks(d))
    assert all(d.thuc_hien for d in synthetic)


def test_text_is_the_plans_own_sentences(content):
    corpus = load_corpus(content)
    plan = " ".join(b.text for _, b in iter_blocks(corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")))
    synthetic = [d for d in corpus.documents if d.nguon and "tổng hợp" in d.nguon]
    bullets = [b.gach_dau_dong for d in synthetic for _, b in iter_blocks(d) if b.gach_dau_dong]
    # Each bullet ends with a sentence of the plan (a citation sentence may come first).
    assert bullets and all(b.split(". ")[-1][:40] in plan for b in bullets)


def test_every_citation_in_the_text_resolves(content):
    citations = pytest.importorskip("ldkb.graph.citations")
    corpus = load_corpus(content)
    found = 0
    for doc in corpus.documents:
        for _, block in iter_blocks(doc):
            for c in citations.find_citations(block.text):
                found += 1
                assert corpus.by_symbol(c.ref) is not None, (doc.file, c.text)
    assert found > N  # the generator does cite


def test_write_page_keeps_hand_written_text(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(f"# Tiêu đề\n\nTrước.\n\n{BEGIN}\ncũ\n{END}\n\nSau.\n", encoding="utf-8")
    write_page(page, "| a | b |")
    text = page.read_text(encoding="utf-8")
    assert "Trước." in text and "Sau." in text and "| a | b |" in text and "cũ" not in text


@pytest.mark.slow
def test_project_and_baseline_build_at_small_n(tmp_path):
    ours = make_project(tmp_path / "ours", N)
    result = run_mkdocs(ours, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((tmp_path / "site" / "api" / "documents.json").read_text(encoding="utf-8"))
    assert data["count"] == N
    base = make_baseline(ours, tmp_path / "base")
    run = mkdocs_build(base, tmp_path / "site-base", strict=False)
    assert run.returncode == 0, run.output
    assert run.max_rss_mb > 10 and run.seconds > 0
    pages = list((tmp_path / "site-base" / "van-ban").rglob("index.html"))
    assert len(pages) == N + 1  # every document and the index, as plain Material pages
    assert "ldkb" not in (base / "mkdocs.yml").read_text(encoding="utf-8")


def test_growth_is_taken_pair_by_pair():
    from tools.bench.__main__ import FULL, growth_pairs, rows_for

    # Each run at 2,000 against the mean of the 200-document builds just before and after it.
    scale = {200: {"ours": {"seconds": 5.0, "runs": [5.0], "mb": 1, "cpu": 1}},
             2000: {"ours": {"seconds": 41.0, "runs": [40.0, 41.0, 44.0], "mb": 1, "cpu": 1},
                    "partner": {"n": 200, "runs": [4.0, 4.0, 4.2, 4.0]}}}
    pairs = growth_pairs(scale, 2000)
    assert pairs == pytest.approx([10.0, 41.0 / 4.1, 44.0 / 4.1])
    rows = {r.label: r for r in rows_for(FULL, scale, {}, {}, {}, {})}
    growth = next(r for label, r in rows.items() if label.startswith("Tăng trưởng: thời gian(2000)"))
    assert growth.value == "10,00" and growth.status == "ĐẠT"  # median of the pairs
    # The medians of the two phases (41 / 5 = 8.2) are shown beside it, not checked.
    assert any(r.value == "8,20" and not r.status for r in rows.values())
    # A partner build missing: no pairs, the phases' medians are what is checked.
    del scale[2000]["partner"]["runs"][-1]
    assert growth_pairs(scale, 2000) == []
