"""Import from Word, PDF and text: fixtures made here (fictional), and the plan's own source text.

For each fixture the import validates (as `make validate` would), every sentence of the source is in
the content file or in the report, and the structure (levels, numbering, table, signature, footnote,
appendix) is the one the fixture was written with.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import importfixtures as fx
from conftest import ROOT, SOURCE
from importcheck import block_texts, shape, unaccounted
from ldkb.ingest.importer import import_file
from ldkb.ingest.read_file import read_source
from ldkb.ingest.report import format_report
from ldkb.model.corpus import load_corpus

CITED = """so_ky_hieu: 20/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ Liên đoàn Lao động tỉnh Mẫu
ngay_ban_hanh: 01/03/2024
trich_yeu: Kế hoạch thử nghiệm của LĐLĐ tỉnh Mẫu (văn bản giả định cho kiểm thử)
"""


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """The real content plus the (fictional) plan the fixtures cite, as an editor adds it after the
    report's `make new SO="20/KH-LĐLĐ"`."""
    root = tmp_path_factory.mktemp("nhap") / "content"
    shutil.copytree(ROOT / "content", root)
    (root / "van-ban" / "20-kh-ldld.yml").write_text(CITED, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("tep")
    out = {}
    for numbering in ("typed", "word"):
        for header in ("table", "tabs"):
            out[f"{numbering}-{header}"] = fx.build_docx(d / f"ke-hoach-{numbering}-{header}.docx",
                                                        numbering=numbering, header=header)
    out["pdf"] = fx.build_pdf(d / "ke-hoach.pdf")
    return out


def _check(path: Path, content: Path, note_mark: str = "1"):
    result = import_file(path, content, write=False)
    report = format_report(result)
    data = yaml.safe_load(result.yaml_text)
    assert result.errors == [], report
    assert "Kiểm tra (như `make validate`): hợp lệ." in report
    assert result.draft.unplaced == [], report
    assert "Mọi dòng của bản gốc đã được xếp vào tệp." in report
    missing = unaccounted(read_source(path), result.yaml_text, report)
    assert missing == [], missing
    for key, value in fx.SPEC.items():
        assert str(data[key]) == value if key != "can_cu" else data[key] == value, key
    expected = shape(fx.expected_parts())
    if note_mark != "1":
        expected = shape(yaml.safe_load(yaml.safe_dump(fx.expected_parts()).replace("[^1]", f"[^{note_mark}]")))
    assert shape(data["noi_dung"]) == expected
    assert block_texts(data["mo_dau"]) == [("doan_van", fx.OPENING)]
    assert block_texts(data["ket_thuc"]) == [("doan_van", fx.CLOSING)]
    assert data["noi_nhan"] == [{"ten": n, "muc_dich": p} for n, p in fx.RECIPIENTS]
    assert data["luu"] == fx.KEEP
    assert data["nguoi_ky"] == {"chuc_danh": fx.SIGN, "ho_ten": fx.SIGNER}
    assert data["chu_thich"] == [{"ky_hieu": note_mark, "noi_dung": fx.NOTE}]
    appendix = data["phu_luc"][0]
    assert (appendix["so"], appendix["tieu_de"]) == fx.APPENDIX
    assert block_texts(appendix["noi_dung"]) == [("doan_van", fx.APPENDIX_NOTE)] + [
        ("gach_dau_dong", t) for t in fx.APPENDIX_ITEMS]
    return result, report, data


@pytest.mark.parametrize("style", ["typed-table", "typed-tabs", "word-table", "word-tabs"])
def test_word_fixture(style, files, content):
    result, report, data = _check(files[style], content)
    # The merged cell of the task table, read into both rows, and said so in the file.
    assert "ô gộp" in result.yaml_text
    # A unit the registry lacks, with the command that adds it.
    assert 'make don-vi MA="ban-nu-cong" TEN="Ban Nữ công"' in report


def test_pdf_fixture(files, content):
    result, report, data = _check(files["pdf"], content, note_mark="*")
    src = result.draft.source
    # Page numbers and the running footer removed, each listed in the report.
    assert ("2", "trang 2, dòng 1 (số trang)") in src.removed
    assert any(t == "Kế hoạch Tháng Công nhân 2024" for t, _ in src.removed)
    assert "Bỏ “Kế hoạch Tháng Công nhân 2024”" in report
    assert "Đã nối" in report


def test_citations_missing_from_the_collection_are_reported_with_the_command(files):
    result = import_file(files["typed-table"], ROOT / "content", write=False)
    report = format_report(result)
    assert 'make new SO="20/KH-LĐLĐ"' in report
    assert result.errors  # the citation cannot be linked: the report says why it does not validate
    assert "20/KH-LĐLĐ" in report.split("Kiểm tra (như `make validate`)")[1]


def test_legacy_font_run_is_converted(tmp_path, content):
    path = fx.build_docx(tmp_path / "cu.docx", legacy=True)
    raw = path.read_bytes()
    assert "Độc lập".encode() not in raw  # the motto really is stored in TCVN3
    result = import_file(path, content, write=False)
    assert result.draft.unplaced == []
    assert ("Tiêu ngữ", "Độc lập - Tự do - Hạnh phúc") in [(w, t) for w, t, _ in result.draft.layout]
    assert "phông cũ TCVN3" in format_report(result)


# -- the plan: its plain-text source against the hand-entered content --------------------------

def test_plan_source_text_gives_the_hand_entered_structure():
    corpus = load_corpus(ROOT / "content")
    plan = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    result = import_file(SOURCE, ROOT / "content", write=False)
    data = yaml.safe_load(result.yaml_text)
    assert result.existing is not None and result.existing.name == "ke-hoach-thuc-hien-chi-thi-07.yml"
    assert data["loai"] == plan.loai and data["trich_yeu"] == plan.trich_yeu
    assert block_texts(data["mo_dau"]) == block_texts(plan.mo_dau)
    assert shape(data["noi_dung"]) == shape(plan.noi_dung)
    assert block_texts(data["ket_thuc"]) == block_texts(plan.ket_thuc)
    assert data["noi_nhan"] == [r.model_dump(exclude_none=True) for r in plan.noi_nhan]
    assert data["luu"] == plan.luu
    # The same units the editors assigned by the headings of part III.
    assert [p.get("don_vi") for p in data["noi_dung"][2]["muc"]] == [p.don_vi for p in plan.noi_dung[2].muc]
    assert set(data["thuc_hien"]) == set(plan.thuc_hien)
    # Nothing lost: the source's lines are all placed; the bookmark artefacts are listed as removed.
    report = format_report(result)
    assert result.draft.unplaced == []
    assert unaccounted(read_source(SOURCE), result.yaml_text, report) == []
    assert "[bookmark: …]" in report
    # The header facts the source does not give are missing, and the report says so.
    assert "Cơ quan ban hành: không thấy trong bản gốc" in report
    assert "co_quan_ban_hanh" in report  # the validation error names the field to fill in


# -- writing files: never over an existing one unless asked --------------------------------

def _run(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "ldkb", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_cli_writes_once_and_refuses_to_overwrite(tmp_path, files, content):
    work = tmp_path / "kho"
    shutil.copytree(content, work / "content")
    src = files["word-table"]
    first = _run("import", str(src), cwd=work)
    assert first.returncode == 0, first.stdout + first.stderr
    target = work / "content" / "van-ban" / "12-kh-cdcs.yml"
    assert target.is_file()
    assert "✓ Đã ghi `content/van-ban/12-kh-cdcs.yml`" in first.stdout
    assert "Traceback" not in first.stdout + first.stderr
    target.write_text(target.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    again = _run("import", str(src), cwd=work)
    assert again.returncode == 1
    assert "đã có trong tệp `content/van-ban/12-kh-cdcs.yml`: không ghi đè" in again.stdout
    assert target.read_text(encoding="utf-8").endswith("# sửa tay\n")
    forced = _run("import", str(src), "--ghi-de", cwd=work)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert not target.read_text(encoding="utf-8").endswith("# sửa tay\n")
    # The written file passes the project's own validation.
    check = _run("validate", cwd=work)
    assert check.returncode == 0, check.stdout + check.stderr


def test_unit_command_from_the_report_adds_the_unit(tmp_path, content):
    work = tmp_path / "kho"
    shutil.copytree(content, work / "content")
    out = _run("don-vi", "--ma", "ban-nu-cong", "--ten", "Ban Nữ công", cwd=work)
    assert out.returncode == 0, out.stderr
    corpus = load_corpus(work / "content")
    assert corpus.units["ban-nu-cong"].ten == "Ban Nữ công"
    again = _run("don-vi", "--ma", "ban-nu-cong-2", "--ten", "Ban nữ công", cwd=work)
    assert again.returncode == 1 and "đã có trong danh mục với mã `ban-nu-cong`" in again.stderr


# -- files saved by LibreOffice (tests/fixtures/libreoffice/, see its README) -----------------

LO = ROOT / "tests" / "fixtures" / "libreoffice"
LO_PARTS = [
    ("I", "MỤC ĐÍCH, YÊU CẦU", [], [
        ("1", "Mục đích", [("gach_dau_dong", "Nâng cao chất lượng hoạt động của Công đoàn cơ sở."),
                           ("gach_dau_dong", "Chăm lo đời sống của đoàn viên, người lao động trong nhà trường.")], []),
        ("2", "Yêu cầu", [("gach_dau_dong", "Các hoạt động thiết thực, phù hợp với điều kiện của nhà trường.")], [])]),
    ("II", "NHIỆM VỤ TRỌNG TÂM", [], [
        ("1", "Công tác chăm lo", [], [("a", "Tổ chức thăm hỏi đoàn viên ốm đau.", [], []),
                                       ("b", "Tổ chức ngày Nhà giáo Việt Nam 20/11.", [], [])]),
        ("2", "Công tác tuyên truyền", [("gach_dau_dong", "Tuyên truyền pháp luật lao động đến toàn thể đoàn viên.")],
         [])]),
    ("III", "TỔ CHỨC THỰC HIỆN", [], []),
]


@pytest.mark.parametrize("name", ["ke-hoach-lo.docx", "ke-hoach-lo.pdf"])
def test_libreoffice_files(name):
    path = LO / name
    result = import_file(path, ROOT / "content", write=False)
    report = format_report(result)
    data = yaml.safe_load(result.yaml_text)
    assert result.errors == [], report
    assert result.draft.unplaced == [], report
    assert unaccounted(read_source(path), result.yaml_text, report) == []
    assert (data["co_quan_chu_quan"], data["co_quan_ban_hanh"]) == (
        "CÔNG ĐOÀN GIÁO DỤC HUYỆN MẪU", "CÔNG ĐOÀN CƠ SỞ TRƯỜNG TIỂU HỌC THỬ NGHIỆM")
    assert (data["so_ky_hieu"], data["noi_ban_hanh"], data["ngay_ban_hanh"]) == ("05/KH-CĐCS", "Mẫu", "10/09/2024")
    assert (data["loai"], data["trich_yeu"]) == ("Kế hoạch", "Hoạt động Công đoàn năm học 2024 - 2025")
    assert data["can_cu"] == ["Căn cứ nhiệm vụ năm học 2024 - 2025 của Trường Tiểu học Thử Nghiệm;"]
    parts = shape(data["noi_dung"])
    assert parts[:2] == LO_PARTS[:2]
    # III holds the closing sentence: with no other paragraph there it stays in its part.
    assert parts[2][:2] == ("III", "TỔ CHỨC THỰC HIỆN")
    assert data["noi_nhan"] == [{"ten": "Công đoàn Giáo dục huyện Mẫu", "muc_dich": "b/cáo"},
                                {"ten": "Các tổ công đoàn", "muc_dich": "th/h"}]
    assert data["luu"] == "VT"
    assert data["nguoi_ky"] == {"tham_quyen": "TM. BAN CHẤP HÀNH", "chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Thị Mẫu"}


def test_libreoffice_docx_numbering_comes_from_styles_and_header_from_text_boxes():
    src = read_source(LO / "ke-hoach-lo.docx")
    with zipfile.ZipFile(LO / "ke-hoach-lo.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "I. MỤC" not in body and "<w:txbxContent>" in body and "mc:Fallback" in body
    assert re.search(r'w:styleId="Heading1".*?<w:numPr>', styles, re.S)
    labels = [ln.label for ln in src.items if getattr(ln, "label", "")]
    assert labels[:3] == ["I.", "1.", "-"]
    boxed = [ln.text for ln in src.items if getattr(ln, "boxed", False)]
    assert boxed.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 1  # the VML fallback copy is not read again


def test_text_copied_from_a_pdf_is_repaired(tmp_path):
    """Damage typical of text extracted from a PDF: header columns interleaved on one line, a symbol
    cut at its hyphen, sentences broken across lines, page numbers in the body."""
    path = tmp_path / "chep-tu-pdf.txt"
    path.write_text(
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "CÔNG ĐOÀN CÔNG TY TNHH THỬ NGHIỆM Độc lập - Tự do - Hạnh phúc\n"
        "Số: 31/KH-CĐCS Mẫu, ngày 02 tháng 4 năm 2024\n"
        "KẾ HOẠCH\n"
        "Thử nghiệm nhập văn bản\n"
        "\n"
        "Căn cứ Nghị định số 99/2099/NĐ-\n"
        "CP của Chính phủ Mẫu;\n"
        "I. MỤC ĐÍCH\n"
        "- Người lao động được phổ biến đầy đủ các nội dung của kế hoạch trong\n"
        "tháng đầu tiên.\n"
        "2\n"
        "- Báo cáo kết quả với công đoàn cấp trên./.\n", encoding="utf-8")
    result = import_file(path, ROOT / "content", write=False)
    data = yaml.safe_load(result.yaml_text)
    assert (data["co_quan_chu_quan"], data["co_quan_ban_hanh"]) == (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU", "CÔNG ĐOÀN CÔNG TY TNHH THỬ NGHIỆM")
    assert (data["so_ky_hieu"], data["noi_ban_hanh"], data["ngay_ban_hanh"]) == ("31/KH-CĐCS", "Mẫu", "02/04/2024")
    assert data["can_cu"] == ["Căn cứ Nghị định số 99/2099/NĐ-CP của Chính phủ Mẫu;"]
    assert shape(data["noi_dung"])[0][3] == [] and shape(data["noi_dung"])[0][2][0] == (
        "gach_dau_dong", "Người lao động được phổ biến đầy đủ các nội dung của kế hoạch trong tháng đầu tiên.")
    report = format_report(result)
    assert result.draft.unplaced == []
    assert "Bỏ “2” (dòng 12 (số trang))" in report
    assert "Đã nối 2 dòng bị ngắt giữa câu" in report and "1 chữ/số ký hiệu bị cắt" in report
    assert 'make new SO="99/2099/NĐ-CP"' in report
