"""`make new SO=…`: the scaffold, its refusals, and a scaffolded-then-filled document on the site."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, run_mkdocs
from ldkb.model.corpus import load_corpus
from ldkb.model.schema import VanBan
from ldkb.cli import main
from ldkb.ingest.scaffold import template


@pytest.fixture
def ldkb(project, monkeypatch, capsys):
    """`ldkb ARGS…` run in `project` in-process (ldkb.cli.main), as `make new` runs it: its exit
    status and what it printed. One test runs the real `python -m ldkb` too."""

    def run(*args: str) -> SimpleNamespace:
        monkeypatch.chdir(project)
        code = main(list(args))
        out = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out.out, stderr=out.err)

    return run


def new_by_subprocess(project: Path, symbol: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ldkb", "new", symbol], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_make_new_calls_the_scaffold():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '$(PY) -m ldkb new "$(SO)"' in makefile


def test_scaffold_has_every_field_commented_in_vietnamese(project):
    result = new_by_subprocess(project, "120/KH-LĐLĐ")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "van-ban" / "120-kh-ldld.yml"
    assert "content/van-ban/120-kh-ldld.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data) == list(VanBan.model_fields)  # every field, in the schema's order
    assert data["so_ky_hieu"] == "120/KH-LĐLĐ" and data["loai"] == "Kế hoạch"
    lines = text.splitlines()
    for name, field in VanBan.model_fields.items():
        i = lines.index(next(ln for ln in lines if ln.startswith(f"{name}:")))
        comments = []
        j = i - 1
        while j >= 0 and lines[j].startswith("#"):
            comments.insert(0, lines[j][2:])
            j -= 1
        first_words = " ".join(field.description.split()[:4])
        assert first_words in " ".join(comments), (name, comments)
    assert "(BẮT BUỘC — phải điền)" in text


@pytest.mark.parametrize("symbol,slug,loai", [
    ("36-CTr/TU", "36-ctr-tu", "Chương trình"),
    ("37-CT/TW", "37-ct-tw", "Chỉ thị"),
    ("05/BNV-VP", "05-bnv-vp", "Công văn"),
    ("12/NQ-TLĐ", "12-nq-tld", "Nghị quyết"),
    ("81c/KH-TLĐ", "81c-kh-tld", "Kế hoạch"),
    ("125 / kh – lđlđ", "125-kh-ldld", "Kế hoạch"),
])
def test_type_and_slug_come_from_the_symbol(symbol, slug, loai):
    stem, text = template(symbol)
    assert stem == slug
    assert yaml.safe_load(text)["loai"] == loai


def test_refuses_to_overwrite(project, ldkb):
    path = project / "content" / "van-ban" / "117-kh-ldld.yml"
    before = path.read_bytes()
    for spelling in ("117/KH-LĐLĐ", "117/kh-ldld"):
        result = ldkb("new", spelling)
        assert result.returncode == 1
        assert "đã có: không ghi đè" in result.stderr
        assert path.read_bytes() == before


def test_refuses_a_symbol_already_in_another_file(project, ldkb):
    src = project / "content" / "van-ban" / "117-kh-ldld.yml"
    src.rename(src.with_name("ke-hoach-117.yml"))
    result = ldkb("new", "117/KH-LĐLĐ")
    assert result.returncode == 1
    assert "đã có trong tệp" in result.stderr and "ke-hoach-117.yml" in result.stderr
    assert not src.exists()


@pytest.mark.parametrize("symbol,message", [
    ("", "Thiếu số, ký hiệu"),
    ("abc", "không đúng quy tắc"),
])
def test_bad_symbol_is_refused_with_a_message(project, symbol, message, ldkb):
    result = ldkb("new", symbol)
    assert result.returncode == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_unfilled_scaffold_asks_to_fill_in_the_required_fields(project, ldkb):
    ldkb("new", "120/KH-LĐLĐ")
    rel = "content/van-ban/120-kh-ldld.yml"
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    corpus = load_corpus(project / "content", strict=False)
    errors = [(e.file, e.line, e.message) for e in corpus.log.errors]
    assert errors == [
        (rel, lines.index("co_quan_ban_hanh:") + 1, "Chưa điền trường bắt buộc `co_quan_ban_hanh`."),
        (rel, lines.index("trich_yeu:") + 1, "Chưa điền trường bắt buộc `trich_yeu`."),
    ]


def fill(path: Path, fields: dict[str, str]) -> None:
    """Fill fields as the guide says: write the value after `ten_truong:` (or replace `[]`)."""
    text = path.read_text(encoding="utf-8")
    for name, value in fields.items():
        text, n = re.subn(rf"^{name}:( \[\])?$", f"{name}:{value}", text, count=1, flags=re.M)
        assert n == 1, name
    path.write_text(text, encoding="utf-8")


FULL_TEXT = """
  - so: I
    tieu_de: MỤC ĐÍCH, YÊU CẦU
    muc:
      - so: "1"
        tieu_de: Mục đích thử nghiệm quy trình biên tập
        noi_dung:
          - Đoạn văn kiểm thử về quy trình biên tập văn bản mới.
          - gach_dau_dong: Ý gạch đầu dòng giao cho Văn phòng.
            chu_tri: van-phong
            thoi_han: Hằng năm
          - bang:
              cot: [Nội dung, Đơn vị]
              dong:
                - [Tổng hợp báo cáo, Văn phòng]
        muc:
          - so: a
            noi_dung:
              - Điểm a của mục kiểm thử.
          - so: đ
            noi_dung:
              - Điểm đ của mục kiểm thử."""


@pytest.mark.slow
def test_scaffolded_then_filled_document_builds_and_is_in_index_graph_and_search(project, tmp_path, ldkb):
    assert ldkb("new", "120/KH-LĐLĐ").returncode == 0
    path = project / "content" / "van-ban" / "120-kh-ldld.yml"
    fill(path, {
        "co_quan_ban_hanh": " Ban Thường vụ Liên đoàn Lao động tỉnh",
        "ngay_ban_hanh": " 15/3/2021",
        "trich_yeu": " Kiểm thử quy trình biên tập quyết toán xyzzy",
        "thuc_hien": "\n  - 07/CT-TTg",
        "noi_dung": FULL_TEXT,
        "phu_luc": "\n  - so: I\n    tieu_de: Biểu mẫu kiểm thử\n    noi_dung:\n      - Nội dung phụ lục.",
    })
    check = subprocess.run([sys.executable, "-m", "ldkb", "validate"], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert "14 văn bản" in check.stdout

    site = tmp_path / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    page = (site / "van-ban" / "120-kh-ldld" / "index.html").read_text(encoding="utf-8")
    for anchor in ('id="i"', 'id="i-1"', 'id="i-1-a"', 'id="i-1-dd"', 'id="pli"'):
        assert anchor in page
    assert "Ý gạch đầu dòng giao cho Văn phòng." in page and "<table>" in page

    index = (site / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert 'href="120-kh-ldld/"' in index

    docs = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    entry = next(d for d in docs["documents"] if d["slug"] == "120-kh-ldld")
    assert entry["symbol"] == "120/KH-LĐLĐ" and entry["source_file"] == "content/van-ban/120-kh-ldld.yml"

    graph = (site / "so-do-van-ban" / "index.html").read_text(encoding="utf-8")
    assert 'href="../van-ban/120-kh-ldld/"' in graph  # a node of the relations graph
    directive = (site / "van-ban" / "07-ct-ttg" / "index.html").read_text(encoding="utf-8")
    assert "120-kh-ldld" in directive  # and the document it implements lists it

    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    hits = [d for d in json.loads(search)["docs"] if d["location"].startswith("van-ban/120-kh-ldld/")]
    assert any("xyzzy" in (d["title"] + d["text"]) for d in hits)


def test_document_without_symbol_is_named_by_its_id(project, ldkb):
    result = ldkb("new", "--ma", "ke-hoach-thu", "--loai", "kế hoạch")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((project / "content" / "van-ban" / "ke-hoach-thu.yml").read_text(encoding="utf-8"))
    assert list(data) == list(VanBan.model_fields)
    assert (data["ma"], data["so_ky_hieu"], data["loai"]) == ("ke-hoach-thu", None, "Kế hoạch")
    errors = [e.message for e in load_corpus(project / "content", strict=False).log.errors]
    assert errors == ["Chưa điền trường bắt buộc `co_quan_ban_hanh`.", "Chưa điền trường bắt buộc `trich_yeu`."]


@pytest.mark.parametrize("args,message", [
    (["--ma", "Kế hoạch thử", "--loai", "Kế hoạch"], "chỉ được có chữ thường không dấu"),
    (["--ma", "ke-hoach-thu", "--loai", "Luật"], "không có trong danh mục"),
    (["--ma", "ke-hoach-thuc-hien-chi-thi-07", "--loai", "Kế hoạch"], "đã có: không ghi đè"),
])
def test_document_without_symbol_refusals(project, args, message, ldkb):
    result = ldkb("new", *args)
    assert result.returncode == 1 and message in result.stderr


def test_id_already_used_in_another_file_is_refused(project, ldkb):
    plan = project / "content" / "van-ban" / "ke-hoach-thuc-hien-chi-thi-07.yml"
    plan.rename(plan.with_name("ke-hoach-goc.yml"))
    result = ldkb("new", "--ma", "ke-hoach-thuc-hien-chi-thi-07", "--loai", "Kế hoạch")
    assert result.returncode == 1 and "ke-hoach-goc.yml" in result.stderr
