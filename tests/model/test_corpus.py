"""The content model holds any plan of this kind: lettered points, sub-items, tables,
appendices and tasks with lead unit, cooperating units and deadline."""
from __future__ import annotations

import re

from conftest import run_mkdocs
from htmltext import collapse, page_text
from ldkb.model.corpus import iter_parts, load_corpus

LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]

DOC = """\
so_ky_hieu: 120/HD-LĐLĐ
loai: Hướng dẫn
co_quan_chu_quan: Tổng Liên đoàn Lao động Việt Nam
co_quan_ban_hanh: Ban Thường vụ Liên đoàn Lao động tỉnh
ngay_ban_hanh: 05/01/2021
trich_yeu: Văn bản thử nghiệm mô hình <script>alert(1)</script>
giai_doan:
  tu_nam: 2021
  den_nam: 2025
thuc_hien:
  - ke-hoach-thuc-hien-chi-thi-07#III.3
can_cu:
  - Căn cứ Điều lệ Công đoàn Việt Nam;
noi_dung:
  - so: I
    tieu_de: NHIỆM VỤ
    muc:
      - so: "1"
        tieu_de: Các điểm
        muc:
{points}
      - so: "2"
        tieu_de: Tiểu mục
        muc:
          - so: "2.1"
            tieu_de: Mục 2.1
            noi_dung:
              - gach_dau_dong: Ý có đơn vị chủ trì
                chu_tri: cdcs
                phoi_hop: [van-phong]
                thoi_han: Trước 30/6/2021
              - bang:
                  tieu_de: Bảng chỉ tiêu
                  cot: [Chỉ tiêu, Năm 2021]
                  dong:
                    - [Số CĐCS tham gia, "100"]
phu_luc:
  - so: "01"
    tieu_de: Mẫu báo cáo
    noi_dung:
      - Nội dung phụ lục [[không phải liên kết]] *không nghiêng*.
nguoi_ky:
  tham_quyen: TM. BAN THƯỜNG VỤ
  chuc_vu: CHỦ TỊCH
noi_nhan:
  - ten: Các CĐCS
    muc_dich: th/h
luu: VT
"""


def _points() -> str:
    return "\n".join(f"          - so: {letter}\n            noi_dung:\n              - Điểm {letter}." for letter in LETTERS)


def write_doc(project):
    path = project / "content" / "van-ban" / "120-hd-ldld.yml"
    path.write_text(DOC.format(points=_points()), encoding="utf-8")
    return path


def test_model_loads_lettered_points_tables_appendix_tasks(project):
    write_doc(project)
    corpus = load_corpus(project / "content")
    doc = corpus.by_symbol("120/HD-LĐLĐ")
    ids = [p.id for p in iter_parts(doc)]
    assert [f"I.1.{letter}" for letter in LETTERS] == [i for i in ids if i.startswith("I.1.")]
    anchors = [p.anchor for p in iter_parts(doc)]
    assert len(anchors) == len(set(anchors))  # đ and d do not collide
    assert "i-1-dd" in anchors and "i-1-d" in anchors
    assert "PL01" in ids
    part = corpus.find_part(doc, "I.2.1")
    task = part.noi_dung[0]
    # One code is still accepted for `chu_tri`; the model holds a list (several lead units).
    assert (task.chu_tri, task.phoi_hop, task.thoi_han) == (["cdcs"], ["van-phong"], "Trước 30/6/2021")
    assert part.noi_dung[1].bang.dong == [["Số CĐCS tham gia", "100"]]
    assert [p.label for p in part.muc] == []
    assert corpus.find_part(doc, "i.1.đ").label == "đ)"


def test_model_renders_and_escapes(project, tmp_path):
    write_doc(project)
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/van-ban/120-hd-ldld/index.html").read_text(encoding="utf-8")
    text = collapse(page_text(html))
    for letter in LETTERS:
        assert f"{letter}) Điểm {letter}." in text or f"{letter})" in text
    assert "<script>alert(1)</script>" not in html  # shown as text, never executed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[[không phải liên kết]] *không nghiêng*." in text  # Markdown in editors' text stays text
    # (abbreviations carry a tooltip: <abbr title="Công đoàn cơ sở">CĐCS</abbr>)
    assert re.search(r'<table>.*Bảng chỉ tiêu.*Số (<abbr[^>]*>)?CĐCS(</abbr>)? tham gia.*100', html, re.S)
    assert "PHỤ LỤC 01 Mẫu báo cáo" in text
    assert "TM. BAN THƯỜNG VỤ" in text and "CHỦ TỊCH" in text
    assert "Thời hạn: Trước 30/6/2021" in text
    assert 'id="i-1-dd"' in html
