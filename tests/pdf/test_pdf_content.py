"""PDFs of content the repository does not have yet: tables, appendices, a signer, explicit links."""
from __future__ import annotations

import subprocess
import sys
import unicodedata

import pdfplumber
import pytest

from conftest import copy_project

pytestmark = pytest.mark.slow

DOC = """\
so_ky_hieu: 12/HD-LĐLĐ
loai: Hướng dẫn
co_quan_chu_quan: Tổng Liên đoàn Lao động Việt Nam
co_quan_ban_hanh: Liên đoàn Lao động tỉnh
noi_ban_hanh: Thử Nghiệm
ngay_ban_hanh: 05/01/2021
trich_yeu: Văn bản thử để kiểm tra bản in
mo_dau:
  - "Thực hiện [[117/KH-LĐLĐ|kế hoạch đã ban hành]] và [[ke-hoach-thuc-hien-chi-thi-07#III.3]]."
noi_dung:
  - so: I
    tieu_de: NỘI DUNG THỬ
    noi_dung:
      - bang:
          tieu_de: Bảng phân công thử
          cot: [Việc, Đơn vị]
          dong:
            - [Việc thứ nhất, Công đoàn cơ sở]
            - [Việc thứ hai, Văn phòng]
        don_vi: [cdcs]
phu_luc:
  - so: I
    tieu_de: DANH SÁCH THỬ
    noi_dung:
      - Dòng của phụ lục.
noi_nhan:
  - ten: Nơi nhận thử
luu: VT
nguoi_ky:
  tham_quyen: TM. BAN THƯỜNG VỤ
  chuc_vu: Chủ tịch
  ho_ten: Người Ký Thử
"""


def test_tables_appendix_signer_and_explicit_links(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "content" / "van-ban" / "12-hd-ldld.yml").write_text(DOC, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, str(project / "build_pdf.py"), "--site-dir", str(site),
                             "--jobs", "1", "--no-cache"], cwd=project, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    with pdfplumber.open(site / "pdf" / "12-hd-ldld.pdf") as pdf:
        text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pdf.pages))
        words = [w for p in pdf.pages for w in p.extract_words(extra_attrs=["fontname"])]
        tables = [t for p in pdf.pages for t in p.extract_tables()]
    text = " ".join(text.split())
    assert "Thực hiện kế hoạch đã ban hành và Kế hoạch thực hiện" in text and "[[" not in text
    assert ", mục III.3." in text
    assert "Thử Nghiệm, ngày 05 tháng 01 năm 2021" in text and "Số: 12/HD-LĐLĐ" in text
    assert ["Việc thứ nhất", "Công đoàn cơ sở"] in [row for t in tables for row in t]
    assert "PHỤ LỤC I DANH SÁCH THỬ" in text and "Dòng của phụ lục." in text
    assert "TM. BAN THƯỜNG VỤ" in text and "CHỦ TỊCH" in text
    name = [w for w in words if w["text"] == "Người"]
    assert name and "Bold" in name[-1]["fontname"]
    assert "- Nơi nhận thử;" in text and "- Lưu: VT." in text
    # Appendices follow the signature, on a page of their own.
    assert text.index("Người Ký Thử") < text.index("PHỤ LỤC I DANH SÁCH THỬ")
    # The handbook of CĐCS picks up the table assigned to it, with its part.
    with pdfplumber.open(site / "pdf" / "so-tay-cdcs-a4.pdf") as pdf:
        book = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Hướng dẫn 12/HD-LĐLĐ" in book and "Mục I. NỘI DUNG THỬ" in book and "Việc thứ nhất" in book
