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
from ldkb.cli import main as cli_main
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


# -- task tables, numbering as written, forms the model holds nearby (issue 17, second round) ---

def _load_with(content: Path, tmp_path: Path, name: str, text: str):
    """The collection with one more content file, as `make validate` loads it."""
    copy = tmp_path / "kho"
    shutil.copytree(content, copy)
    (copy / "van-ban" / name).write_text(text, encoding="utf-8")
    return load_corpus(copy)


def test_task_plan_word_fixture(tmp_path, content):
    path = fx.build_task_plan_docx(tmp_path / "ke-hoach-giao-viec.docx")
    result = import_file(path, content, write=False)
    report = format_report(result)
    data = yaml.safe_load(result.yaml_text)
    assert result.errors == [], report
    assert result.draft.unplaced == [], report
    assert unaccounted(read_source(path), result.yaml_text, report) == []
    # Numbering as written; untitled items, a number alone, headings without a number, the "+" item.
    assert shape(data["noi_dung"]) == fx.TASK_PARTS
    assert block_texts(data["ket_thuc"]) == [("doan_van", fx.TASK_CLOSING)]
    # "(Đã ký)" is the place of the signature, recognised, not an unplaced line.
    assert data["nguoi_ky"] == {"tham_quyen": fx.TASK_SIGN[0], "chuc_vu": fx.TASK_SIGN[1], "ho_ten": fx.TASK_SIGNER}
    assert ("Chỗ ký", "(Đã ký)") in [(w, t) for w, t, _ in result.draft.layout]
    # The task table: its columns declared by the names they have (any case, no diacritics).
    table = data["phu_luc"][0]["noi_dung"][0]["bang"]
    assert table["cot"] == fx.TASK_HEAD and table["dong"] == fx.TASK_ROWS
    assert table["giao_viec"] == {"nhiem_vu": "NỘI DUNG CÔNG VIỆC", "chu_tri": "Đơn vị chủ trì",
                                  "phoi_hop": "Don vi phoi hop", "thoi_han": "Thời gian hoàn thành",
                                  "san_pham": "Sản phẩm",
                                  "ngoai_danh_muc": ["Ban Nữ công LĐLĐ tỉnh", "Sở Thử Nghiệm tỉnh Mẫu", "Ban CSPL"]}
    corpus = _load_with(content, tmp_path, "30-kh-ldld.yml", result.yaml_text)
    rows = [t for t in corpus.tasks["30-kh-ldld"] if t.row is not None]
    assert [(t.units.get("chu_tri", ()), t.units.get("phoi_hop", ()), t.outside.get("chu_tri", ()),
             t.outside.get("phoi_hop", ()), t.deadline.text if t.deadline else None, t.output) for t in rows] \
        == fx.TASK_EXPECTED
    # The report: what was done, and the commands for the names the registry lacks.
    assert "Bảng giao việc (bảng 3): 4 dòng, mỗi dòng là một nhiệm vụ" in report
    assert "Đánh số giữ đúng như bản gốc: “a.”, “b/”" in report
    assert "Mục, điểm không tiêu đề (số in liền vào đoạn văn đầu, như bản gốc): 4" in report
    assert "Ý “+”: 1 chỗ" in report and "“+ Mỗi dòng của bảng là một nhiệm vụ.”" in report
    assert "Tiêu đề không đánh số: 2 chỗ" in report and "“Nhiệm vụ chung”" in report
    assert "Số mục không có tiêu đề: 1 chỗ" in report
    assert 'make don-vi MA="ban-nu-cong-ldld-tinh" TEN="Ban Nữ công LĐLĐ tỉnh"' in report
    assert "“Sở Thử Nghiệm tỉnh Mẫu” (Phụ lục I, bảng giao việc, dòng 2, cột “Don vi phoi hop”):\n" \
           "      có vẻ là cơ quan ngoài hệ thống công đoàn" in report
    assert "“Ban Nữ công LĐLĐ tỉnh” (Phụ lục I, bảng giao việc, dòng 4, cột “Đơn vị chủ trì”)" in report
    assert "(có thể là `ban-cspl-qhld`): make don-vi MA=\"ban-cspl-qhld\" TEN_KHAC=\"Ban CSPL\"" in report


def test_the_report_s_alias_command_makes_the_cell_a_unit(tmp_path, content):
    """`make don-vi MA=… TEN_KHAC=…` from the report: the next import finds the unit by that name."""
    work = tmp_path / "kho" / "content"
    shutil.copytree(content, work)
    assert cli_main(["--content", str(work), "don-vi", "--ma", "ban-cspl-qhld", "--ten-khac", "Ban CSPL"]) == 0
    path = fx.build_task_plan_docx(tmp_path / "ke-hoach-giao-viec.docx")
    result = import_file(path, work, write=False)
    data = yaml.safe_load(result.yaml_text)
    assert data["phu_luc"][0]["noi_dung"][0]["bang"]["giao_viec"]["ngoai_danh_muc"] == [
        "Ban Nữ công LĐLĐ tỉnh", "Sở Thử Nghiệm tỉnh Mẫu"]
    assert "TEN_KHAC=\"Ban CSPL\"" not in format_report(result)


def test_another_name_of_a_unit_is_added_in_place(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "don-vi.yml").write_text(
        "# Danh mục (thử)\ndon_vi:\n  - ma: van-phong\n    ten: Văn phòng LĐLĐ tỉnh Mẫu\n    ten_khac:\n"
        "      - VP\n\n  - ma: ban-a  # ghi chú\n    ten: Ban A\n    ten_khac: [Ban A thử]\n  - ma: ban-b\n"
        "    ten: Ban B\n", encoding="utf-8")
    for ma, alias in (("van-phong", "Văn phòng Liên đoàn"), ("ban-a", "BA"), ("ban-b", "Ban Bê")):
        assert cli_main(["--content", str(content), "don-vi", "--ma", ma, "--ten-khac", alias]) == 0
    text = (content / "don-vi.yml").read_text(encoding="utf-8")
    assert text.startswith("# Danh mục (thử)\n") and "ma: ban-a  # ghi chú" in text
    units = {u["ma"]: u for u in yaml.safe_load(text)["don_vi"]}
    assert units["van-phong"]["ten_khac"] == ["VP", "Văn phòng Liên đoàn"]
    assert units["ban-a"]["ten_khac"] == ["Ban A thử", "BA"]
    assert units["ban-b"]["ten_khac"] == ["Ban Bê"]
    capsys.readouterr()
    # A name another unit has (compared without marks, as cells are), an unknown code: refused.
    assert cli_main(["--content", str(content), "don-vi", "--ma", "ban-b", "--ten-khac", "van phong lien doan"]) == 1
    assert "đã là tên của đơn vị `van-phong`" in capsys.readouterr().err
    assert cli_main(["--content", str(content), "don-vi", "--ma", "ban-c", "--ten-khac", "C"]) == 1
    assert "Không có đơn vị mã `ban-c`" in capsys.readouterr().err
    assert (content / "don-vi.yml").read_text(encoding="utf-8") == text


def test_party_document(tmp_path, content):
    path = fx.build_party_docx(tmp_path / "chi-thi.docx")
    result = import_file(path, content, write=False)
    report = format_report(result)
    data = yaml.safe_load(result.yaml_text)
    assert result.errors == [] and result.draft.unplaced == [], report
    assert unaccounted(read_source(path), result.yaml_text, report) == []
    assert (data["so_ky_hieu"], data["loai"], data["co_quan_chu_quan"], data["co_quan_ban_hanh"]) == (
        fx.PARTY_SYMBOL, "Chỉ thị", "ĐẢNG BỘ TỈNH MẪU", "ĐẢNG ỦY CÔNG TY TNHH THỬ NGHIỆM")
    assert (data["noi_ban_hanh"], data["ngay_ban_hanh"]) == ("Mẫu", "20/03/2025")
    assert shape(data["noi_dung"]) == [(str(k), None, [("doan_van", text)], []) for k, text in
                                       enumerate(fx.PARTY_ITEMS, 1)]
    assert block_texts(data["ket_thuc"]) == [("doan_van", "Chỉ thị này được phổ biến đến chi bộ./.")]
    assert data["nguoi_ky"] == {"tham_quyen": "T/M BAN THƯỜNG VỤ", "chuc_vu": "BÍ THƯ", "ho_ten": fx.PARTY_SIGNER}
    layout = [w for w, _, _ in result.draft.layout]
    assert "Tiêu đề Đảng" in layout and "Dấu sao dưới tên cơ quan" in layout
    assert "Chỗ ký" in layout and "Quốc hiệu" not in layout


def test_articles_and_numbering_in_plain_text(tmp_path):
    """"Điều 1." articles: titled when the text is a title, run in when it is a sentence; points
    written "a.", "b/" kept so; a heading in capitals without a number is an unnumbered part of the
    top level, holding what follows."""
    path = tmp_path / "quyet-dinh.txt"
    path.write_text(
        "BAN THƯỜNG VỤ LĐLĐ TỈNH MẪU\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 40/QĐ-LĐLĐ\tMẫu, ngày 02 tháng 6 năm 2025\n"
        "QUYẾT ĐỊNH\n"
        "Về việc ban hành Quy chế thử nghiệm\n"
        "\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế thử nghiệm của Liên đoàn Lao động tỉnh Mẫu.\n"
        "Điều 2. Phạm vi áp dụng\n"
        "1. Các ban của Liên đoàn Lao động tỉnh Mẫu.\n"
        "a. Văn phòng thử nghiệm;\n"
        "b/ Ban thử nghiệm.\n"
        "QUY ĐỊNH CHUYỂN TIẾP\n"
        "Điều 3. Quyết định này có hiệu lực từ ngày ký./.\n", encoding="utf-8")
    result = import_file(path, ROOT / "content", write=False)
    data = yaml.safe_load(result.yaml_text)
    assert result.draft.unplaced == []
    assert shape(data["noi_dung"]) == [
        ("Điều 1", None, [("doan_van", "Ban hành kèm theo Quyết định này Quy chế thử nghiệm của Liên đoàn Lao "
                                       "động tỉnh Mẫu.")], []),
        ("Điều 2", "Phạm vi áp dụng", [], [
            ("1", "Các ban của Liên đoàn Lao động tỉnh Mẫu.", [], [
                ("a.", "Văn phòng thử nghiệm;", [], []), ("b/", "Ban thử nghiệm.", [], [])])]),
        (None, "QUY ĐỊNH CHUYỂN TIẾP", [], [
            ("Điều 3", None, [("doan_van", "Quyết định này có hiệu lực từ ngày ký./.")], [])])]
    assert result.errors == [], [e.format() for e in result.errors]
    report = format_report(result)
    assert "Điều: 3 (“Điều 1.” …)" in report and "Đánh số giữ đúng như bản gốc: “a.”, “b/”" in report
