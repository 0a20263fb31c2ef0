"""Validation for editors: every content error names file, line, column, in Vietnamese.

Each test breaks a copy of the real content in one way and checks the exact
place and message reported.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs
from ldkb.model.corpus import load_corpus
from ldkb.model.errors import ContentInvalid

DOC = "content/van-ban/117-kh-ldld.yml"
PLAN = "content/van-ban/ke-hoach-thuc-hien-chi-thi-07.yml"


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def edit(content: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` by `new` in a content file; return the 1-based line of the change."""
    path = content.parent / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def errors(content: Path):
    corpus = load_corpus(content, strict=False)
    return corpus.log.errors


def only_error(content: Path):
    errs = errors(content)
    assert len(errs) == 1, "\n".join(e.format() for e in errs)
    return errs[0]


def test_real_content_is_valid():
    corpus = load_corpus(ROOT / "content")
    assert len(corpus.documents) == 13
    assert corpus.log.errors == []


def test_yaml_syntax_error(content):
    line = edit(content, DOC, "loai: Kế hoạch", "loai: Kế hoạch: sai")
    err = only_error(content)
    assert (err.file, err.line) == (DOC, line)
    assert "Lỗi cú pháp YAML" in err.message
    assert "dấu hai chấm" in err.message
    assert "ngoặc kép" in err.hint


def test_missing_required_field(content):
    edit(content, DOC, "trich_yeu:", "# trich_yeu:")
    err = only_error(content)
    assert err.file == DOC and err.line == 3  # the document's first field: where it starts
    assert err.message == "Thiếu trường bắt buộc `trich_yeu`."


def test_unknown_field_suggests_the_right_name(content):
    line = edit(content, DOC, "trich_yeu:", "trich_yue:")
    errs = errors(content)
    unknown = [e for e in errs if "không có trong mẫu" in e.message]
    assert len(unknown) == 1
    assert (unknown[0].file, unknown[0].line, unknown[0].column) == (DOC, line, 1)
    assert "`trich_yue`" in unknown[0].message
    assert "`trich_yeu`" in unknown[0].hint  # "did you mean"
    # the real name is now missing too: both are reported in one run
    assert any(e.message == "Thiếu trường bắt buộc `trich_yeu`." for e in errs)


def test_wrong_type(content):
    line = edit(content, DOC, "thuc_hien:\n  - 1306/CTr-TLĐ", "thuc_hien:\n  ten: 1306/CTr-TLĐ")
    err = only_error(content)
    assert (err.file, err.line) == (DOC, line + 1)
    assert "`thuc_hien` phải là một danh sách" in err.message


def test_impossible_date(content):
    line = edit(content, DOC, "ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 31/02/2020")
    err = only_error(content)
    assert (err.file, err.line, err.column) == (DOC, line, 16)
    assert "Ngày `31/02/2020` không có thật trong lịch" in err.message


def test_badly_written_date(content):
    line = edit(content, DOC, "ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 29.11.2020")
    err = only_error(content)
    assert err.line == line and "không đúng dạng ngày/tháng/năm" in err.message


def test_symbol_inconsistent_with_type(content):
    edit(content, DOC, "loai: Kế hoạch", "loai: Chỉ thị")
    line = (content.parent / DOC).read_text(encoding="utf-8").splitlines().index("so_ky_hieu: 117/KH-LĐLĐ") + 1
    err = only_error(content)
    assert (err.file, err.line) == (DOC, line)
    assert "mang mã loại `KH` (Kế hoạch)" in err.message and "`Chỉ thị`" in err.message
    assert "loai: Kế hoạch" in err.hint


def test_malformed_symbol(content):
    line = edit(content, DOC, "so_ky_hieu: 117/KH-LĐLĐ", "so_ky_hieu: 117 KH LĐLĐ")
    errs = errors(content)
    assert any(e.line == line and "không đúng quy tắc" in e.message for e in errs)


def test_duplicate_symbol(content):
    src = content / "van-ban" / "117-kh-ldld.yml"
    shutil.copy(src, content / "van-ban" / "zz-ban-sao.yml")
    err = only_error(content)
    assert err.file == "content/van-ban/zz-ban-sao.yml"
    assert err.line == 3
    assert "trùng với văn bản trong tệp content/van-ban/117-kh-ldld.yml" in err.message


def test_duplicate_symbol_written_differently(content):
    src = content / "van-ban" / "36-ctr-tu.yml"
    text = src.read_text(encoding="utf-8").replace("so_ky_hieu: 36-CTr/TU", "so_ky_hieu: 36 –CTr/TU")
    (content / "van-ban" / "zz-36.yml").write_text(text, encoding="utf-8")
    err = only_error(content)
    assert err.file == "content/van-ban/zz-36.yml" and "trùng" in err.message


def test_duplicate_document_id(content):
    text = (content.parent / PLAN).read_text(encoding="utf-8")
    (content / "van-ban" / "zz-copy.yml").write_text(text, encoding="utf-8")
    err = only_error(content)
    assert err.file == "content/van-ban/zz-copy.yml"
    assert "Mã `ke-hoach-thuc-hien-chi-thi-07` trùng" in err.message


def test_duplicate_part_id(content):
    line = edit(content, PLAN, '- so: "2"\n        tieu_de: Yêu cầu', '- so: "1"\n        tieu_de: Yêu cầu')
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line)
    assert "Mã mục `I.1` bị trùng" in err.message


def test_duplicate_yaml_key(content):
    line = edit(content, DOC, "loai: Kế hoạch", "loai: Kế hoạch\nloai: Kế hoạch")
    err = only_error(content)
    assert (err.file, err.line) == (DOC, line + 1)
    assert "Trường `loai` bị khai báo hai lần" in err.message


def test_unknown_unit_id(content):
    line = edit(content, PLAN, "don_vi: [cdcs]\n        noi_dung:", "don_vi: [cong-doan-co-so]\n        noi_dung:")
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line)
    assert "Mã đơn vị `cong-doan-co-so` không có trong danh mục đơn vị" in err.message
    assert "`cdcs`" in err.hint


def test_reference_to_missing_part(content):
    line = edit(content, "content/van-ban/107-kh-ldld.yml", "thuc_hien:\n  - 36-CTr/TU",
                "thuc_hien:\n  - 36-CTr/TU\ngan_voi:\n  - ke-hoach-thuc-hien-chi-thi-07#II.9")
    err = only_error(content)
    assert (err.file, err.line, err.column) == ("content/van-ban/107-kh-ldld.yml", line + 3, 5)
    assert err.message == "Văn bản `ke-hoach-thuc-hien-chi-thi-07` không có mục `II.9`."
    assert "II.3.1" in err.hint  # lists the parts that do exist


def test_reference_to_existing_part_is_accepted(content):
    edit(content, "content/van-ban/107-kh-ldld.yml", "thuc_hien:\n  - 36-CTr/TU",
         "thuc_hien:\n  - 36-CTr/TU\ngan_voi:\n  - ke-hoach-thuc-hien-chi-thi-07#ii.3.2")
    assert errors(content) == []


def test_self_reference(content):
    line = edit(content, PLAN, "gan_voi:\n  - 117/KH-LĐLĐ", "gan_voi:\n  - ke-hoach-thuc-hien-chi-thi-07")
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line + 1)
    assert "không thể “gắn với” chính nó" in err.message


def test_reference_to_missing_document(content):
    line = edit(content, DOC, "  - 1306/CTr-TLĐ", "  - 999/CTr-TLĐ")
    err = only_error(content)
    assert (err.file, err.line, err.column) == (DOC, line, 5)
    assert "Văn bản `999/CTr-TLĐ` (quan hệ “thực hiện”) chưa có trong kho" in err.message
    assert 'make new SO="999/CTr-TLĐ"' in err.hint


def test_several_errors_reported_in_one_run(content):
    edit(content, DOC, "ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 31/02/2020")
    edit(content, "content/van-ban/07-ct-ttg.yml", "trich_yeu:", "trich_yue:")
    edit(content, PLAN, "don_vi: [ldld-tinh]", "don_vi: [khong-co]")
    files = {e.file for e in errors(content)}
    assert files == {DOC, "content/van-ban/07-ct-ttg.yml", PLAN}


def test_strict_load_raises_with_every_error(content):
    edit(content, DOC, "ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 31/02/2020")
    with pytest.raises(ContentInvalid) as exc:
        load_corpus(content)
    assert f"{DOC}:" in str(exc.value) and "31/02/2020" in str(exc.value)


def _break_everything(project: Path):
    edit(project / "content", DOC, "ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 31/02/2020")
    edit(project / "content", "content/van-ban/07-ct-ttg.yml", "loai: Chỉ thị", "loai: Chỉ thị: x")


def test_make_validate_reports_without_traceback(project):
    _break_everything(project)
    result = subprocess.run([sys.executable, "-m", "ldkb", "validate"], cwd=project,
                            capture_output=True, text=True)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in out
    assert f"{DOC}:6:16: Lỗi: `ngay_ban_hanh`: Ngày `31/02/2020` không có thật trong lịch." in out
    assert "content/van-ban/07-ct-ttg.yml:4:" in out and "Lỗi cú pháp YAML" in out
    assert "Nội dung có 2 lỗi" in out


def test_mkdocs_build_fails_with_file_line_and_no_traceback(project, tmp_path):
    _break_everything(project)
    result = run_mkdocs(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert f"{DOC}:6:16" in out and "không có thật trong lịch" in out
    assert "content/van-ban/07-ct-ttg.yml:4:" in out


def test_block_anchors_never_collide_with_sub_parts(content):
    # II.3 gets a paragraph of its own before 3.1: its anchor must differ from 3.1's (`ii-3-1`).
    edit(content, PLAN, "        muc:\n          - so: \"3.1\"",
         "        noi_dung:\n          - Đoạn dẫn của mục 3.\n        muc:\n          - so: \"3.1\"")
    corpus = load_corpus(content)
    doc = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    part = corpus.find_part(doc, "II.3")
    assert part.noi_dung[0].anchor == "ii-3-y1"
    assert corpus.find_part(doc, "II.3.1").anchor == "ii-3-1"


def test_block_id_colliding_with_a_part_is_reported(content):
    # A bullet of I.1 takes the id `ii-1`; part II.1, met later, is the one reported.
    edit(content, PLAN, "- gach_dau_dong: Tuyên truyền, vận động",
         "- ma: ii-1\n            gach_dau_dong: Tuyên truyền, vận động")
    text = (content.parent / PLAN).read_text(encoding="utf-8")
    line = text[: text.index('- so: "1"\n        tieu_de: Tuyên truyền')].count("\n") + 1
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line)
    assert "Mã mục `II.1` bị trùng" in err.message


def test_documents_kept_outside_are_neither_linked_nor_reported(project, tmp_path):
    (project / "docs" / "ngoai-kho.md").write_text(
        "# Thử\n\nTheo Nghị định số 30/2020/NĐ-CP và Kế hoạch số 998/KH-LĐLĐ.\n", encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "a")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "998/KH-LĐLĐ" in out and "docs/ngoai-kho.md:3:" in out
    assert "30/2020/NĐ-CP` chưa có trong kho" not in out  # listed in cai-dat.yml
    settings = project / "content" / "cai-dat.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("  - 933/QĐ-TLĐ", "  - 933/QĐ-TLĐ\n  - 998/KH-LĐLĐ"),
                        encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "b")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "b" / "ngoai-kho" / "index.html").read_text(encoding="utf-8")
    assert "998/KH-LĐLĐ" in html and "30/2020/NĐ-CP" in html
    assert "van-ban/998" not in html


def test_paragraph_ending_in_colon_is_explained(content):
    line = edit(content, PLAN, "        noi_dung:\n          - Căn cứ Kế hoạch",
                "        noi_dung:\n          - Các nhiệm vụ sau:\n          - Căn cứ Kế hoạch")
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line + 1)
    assert err.message == ("Đoạn “Các nhiệm vụ sau:” (mục III.2 › đoạn thứ 1) kết thúc bằng dấu hai chấm nên bị "
                           "hiểu nhầm thành tên một trường.")
    assert '`- "Các nhiệm vụ sau:"`' in err.hint
    assert "không có trong mẫu" not in err.message


def test_list_where_one_value_is_expected_names_the_place_not_a_path(content):
    # Several lead units are a list since issue 16 (`chu_tri: [a, b]`); a deadline stays one value.
    edit(content, PLAN, "chu_tri: ban-cspl-qhld", "chu_tri: [ban-cspl-qhld, van-phong]")
    assert errors(content) == []
    line = edit(content, PLAN, "chu_tri: [ban-cspl-qhld, van-phong]",
                "chu_tri: [ban-cspl-qhld, van-phong]\n            thoi_han: [Quý I/2025, Quý II/2025]") + 1
    err = only_error(content)
    assert (err.file, err.line) == (PLAN, line)
    assert err.message == ("Trường `thoi_han` (mục III.1 › đoạn thứ 4) chỉ nhận một giá trị, nhưng đang ghi một "
                           "danh sách (`Quý I/2025`, `Quý II/2025`).")
    assert "thoi_han: Quý I/2025" in err.hint
    assert "[" not in err.message.split("(")[0] and "noi_dung[" not in err.message


def test_signature_lines_of_any_depth_and_both_ways_refused(content):
    edit(content, PLAN, "nguoi_ky:", "nguoi_ky:\n  chuc_danh: [TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]")
    assert errors(content) == []
    edit(content, PLAN, "  chuc_danh:", "  tham_quyen: TM. BAN THƯỜNG VỤ\n  chuc_danh:")
    err = only_error(content)
    assert "vừa có `chuc_danh` vừa có `tham_quyen`" in err.message


def test_footnote_reference_needs_its_note(content):
    edit(content, PLAN, "nghiệp vụ, pháp luật, văn hoá, ngoại ngữ:", "nghiệp vụ, pháp luật[^1], văn hoá, ngoại ngữ:")
    err = only_error(content)
    assert "`[^1]`" in err.message and "chu_thich" in err.message
    edit(content, PLAN, "nguoi_ky:", "nguoi_ky:\nchu_thich:\n  - ky_hieu: \"1\"\n    noi_dung: Chú thích thử.")
    assert errors(content) == []


def test_blank_number_of_a_draft(content):
    edit(content, PLAN, "so_ky_hieu:\n", "so_ky_hieu:\nky_hieu_chua_so: \"      /KH-LĐLĐ\"\n")
    assert errors(content) == []
    corpus = load_corpus(content)
    plan = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    assert plan.ky_hieu_chua_so == "/KH-LĐLĐ" and plan.display_number.endswith("\u00a0/KH-LĐLĐ")
