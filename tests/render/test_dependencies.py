"""Which pages show what changed: the content model's dependency graph (ldkb.render.dependencies),
kind of edit by kind of edit, on a small made-up collection loaded twice (no site build).

Each test saves one file, loads the collection again with the preview's loader and checks the
pages that must be made again, and that the others are not (a sentence edited in one document
must not touch the rest of the collection).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import small_content
from ldkb.model.corpus_cache import CorpusLoader
from ldkb.render.dependencies import changed_inputs, page_inputs, pages_showing, same_documents


# Made-up documents of a made-up federation ("LĐLĐ tỉnh Mẫu"): A is implemented by B, B by C;
# D names A in an explicit citation of its part I.1 and is "gắn với" U, which has no number.
DOCS = {
    "501-kh-ldld.yml": """
so_ky_hieu: 501/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 02/01/2021
trich_yeu: Kế hoạch thử nghiệm về năng suất tại Công ty TNHH Thử Nghiệm
noi_dung:
  - so: I
    tieu_de: MỤC ĐÍCH
    muc:
      - so: "1"
        tieu_de: Mục đích thứ nhất
        noi_dung:
          - Câu thử nghiệm thứ nhất của kế hoạch mẫu.
          - gach_dau_dong: Việc giao cho văn phòng trong kế hoạch mẫu.
            don_vi: [van-phong]
""",
    "502-kh-ldld.yml": """
so_ky_hieu: 502/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 03/02/2021
trich_yeu: Thực hiện Kế hoạch số 501/KH-LĐLĐ
thuc_hien: [501/KH-LĐLĐ]
noi_dung:
  - so: I
    tieu_de: NỘI DUNG
    noi_dung:
      - Triển khai Kế hoạch số 501/KH-LĐLĐ tại Công ty TNHH Thử Nghiệm.
""",
    "503-kh-ldld.yml": """
so_ky_hieu: 503/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 04/03/2021
trich_yeu: Thực hiện Kế hoạch số 502/KH-LĐLĐ
thuc_hien: [502/KH-LĐLĐ]
noi_dung:
  - so: I
    tieu_de: NỘI DUNG
    noi_dung:
      - Một câu không trích dẫn văn bản nào.
""",
    "504-kh-ldld.yml": """
so_ky_hieu: 504/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 05/04/2021
trich_yeu: Kế hoạch mẫu gắn với kế hoạch chưa có số
gan_voi: [ke-hoach-mau-chua-so]
noi_dung:
  - so: I
    tieu_de: NỘI DUNG
    noi_dung:
      - Xem [[501/KH-LĐLĐ#I.1]] về mục đích.
""",
    "ke-hoach-mau-chua-so.yml": """
ma: ke-hoach-mau-chua-so
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 06/05/2021
trich_yeu: Kế hoạch mẫu chưa có số, ký hiệu
""",
}


@pytest.fixture
def content(tmp_path) -> Path:
    return small_content(tmp_path / "content", DOCS)


def pages_after(content: Path, name: str, old: str, new: str, pages: tuple[str, ...] = ()) -> tuple[set, set[str]]:
    """(changed inputs, pages to make again) after replacing `old` by `new` in one file;
    `pages`: generated pages the rules name by their folder only."""
    loader = CorpusLoader(content)
    before = loader.load()
    before_inputs = page_inputs(before, pages=pages)
    path = content / "van-ban" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    after = loader.load()
    assert same_documents(before, after) and not after.log.errors, after.log.report()
    assert [p.name for p in loader.parsed] == [name]  # only the saved file was read again
    after_inputs = page_inputs(after, pages=pages)
    changed = changed_inputs(before, after, before_inputs, after_inputs)
    return changed, pages_showing(changed, before_inputs, after_inputs)


def test_a_sentence_edited_remakes_its_own_page_only(content):
    changed, pages = pages_after(content, "503-kh-ldld.yml", "Một câu không", "Một câu đã sửa, không")
    assert changed == {("503-kh-ldld", "text")}
    assert pages == {"van-ban/503-kh-ldld.md"}


def test_a_citation_added_remakes_the_cited_page_and_the_graph(content):
    changed, pages = pages_after(content, "503-kh-ldld.yml", "Một câu không trích dẫn văn bản nào.",
                                 "Một câu trích dẫn Kế hoạch số 501/KH-LĐLĐ.")
    assert ("503-kh-ldld", "cites:501-kh-ldld") in changed
    # The open data lists each document's references too (a file, not a page: the build cache
    # keeps it while its inputs are the same; a sentence edited elsewhere leaves it out).
    assert pages == {"van-ban/503-kh-ldld.md", "van-ban/501-kh-ldld.md", "so-do-van-ban.md", "api/documents.json"}


# The lists of every task: "Ai làm gì", "Việc sắp đến hạn", the units index, "Bản in" (report forms).
TASK_LISTS = {"ai-lam-gi.md", "viec-sap-den-han.md", "don-vi/index.md", "ban-in.md"}


def test_a_task_given_remakes_that_unit_and_the_lists_of_tasks_only(content):
    changed, pages = pages_after(content, "503-kh-ldld.yml", "      - Một câu không trích dẫn văn bản nào.",
                                 "      - doan_van: Một câu không trích dẫn văn bản nào.\n        don_vi: [cdcs]")
    assert ("503-kh-ldld", "tasks:cdcs") in changed
    assert pages == {"van-ban/503-kh-ldld.md", "don-vi/cdcs.md"} | TASK_LISTS


def test_a_task_text_edited_remakes_the_unit_pages_that_show_it(content):
    _, pages = pages_after(content, "501-kh-ldld.yml", "Việc giao cho văn phòng", "Việc (sửa) giao cho văn phòng")
    assert pages == {"van-ban/501-kh-ldld.md", "don-vi/van-phong.md"} | TASK_LISTS


# At archive size the lists of tasks go on further pages: "Ai làm gì" and each unit's checklist by
# year of the documents, "Việc sắp đến hạn" by unit (`-2`: a second page).
FURTHER = ("ai-lam-gi/nam-2021.md", "ai-lam-gi/nam-2021-2.md", "ai-lam-gi/nam-2020.md",
           "viec-sap-den-han/van-phong.md", "viec-sap-den-han/cdcs.md", "viec-sap-den-han/cdcs-2.md",
           "don-vi/van-phong/nam-2021.md", "don-vi/cdcs/nam-2020.md", "don-vi/cdcs/nam-2021.md")

# A document of 2020 giving a task to the units' committee ("cdcs").
DOC_2020 = """
so_ky_hieu: 500/KH-LĐLĐ
loai: Kế hoạch
co_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu
ngay_ban_hanh: 02/01/2020
trich_yeu: Kế hoạch mẫu năm trước
noi_dung:
  - so: I
    tieu_de: NỘI DUNG
    noi_dung:
      - doan_van: Việc giao cho công đoàn cơ sở trong năm trước.
        don_vi: [cdcs]
"""


def test_a_task_text_edited_remakes_its_year_and_its_units_further_pages_only(content):
    (content / "van-ban" / "500-kh-ldld.yml").write_text(DOC_2020.lstrip(), encoding="utf-8")
    _, pages = pages_after(content, "501-kh-ldld.yml", "Việc giao cho văn phòng", "Việc (sửa) giao cho văn phòng",
                           FURTHER)
    assert pages == {"van-ban/501-kh-ldld.md", "don-vi/van-phong.md", "ai-lam-gi/nam-2021.md",
                     "ai-lam-gi/nam-2021-2.md", "viec-sap-den-han/van-phong.md",
                     "don-vi/van-phong/nam-2021.md"} | TASK_LISTS


def test_a_task_given_to_a_unit_remakes_that_units_further_pages(content):
    (content / "van-ban" / "500-kh-ldld.yml").write_text(DOC_2020.lstrip(), encoding="utf-8")
    _, pages = pages_after(content, "503-kh-ldld.yml", "      - Một câu không trích dẫn văn bản nào.",
                           "      - doan_van: Một câu không trích dẫn văn bản nào.\n        don_vi: [cdcs]", FURTHER)
    assert pages == {"van-ban/503-kh-ldld.md", "don-vi/cdcs.md", "ai-lam-gi/nam-2021.md", "ai-lam-gi/nam-2021-2.md",
                     "viec-sap-den-han/cdcs.md", "viec-sap-den-han/cdcs-2.md", "don-vi/cdcs/nam-2021.md"} | TASK_LISTS


def test_a_title_change_reaches_every_page_that_names_the_document(content):
    # Without a number, the subject line is the title: 504 shows it in "Quan hệ khác".
    changed, pages = pages_after(content, "ke-hoach-mau-chua-so.yml", "Kế hoạch mẫu chưa có số, ký hiệu",
                                 "Kế hoạch mẫu đổi tên")
    assert ("ke-hoach-mau-chua-so", "title") in changed
    assert {"van-ban/ke-hoach-mau-chua-so.md", "van-ban/504-kh-ldld.md", "van-ban/index.md",
            "dong-thoi-gian.md", "so-do-van-ban.md"} <= pages
    assert "van-ban/503-kh-ldld.md" not in pages


def test_a_relation_changed_remakes_the_chains_that_pass_through_it(content):
    # 503 -> 502 -> 501: 503's chain to the root goes through 502's relations.
    _, pages = pages_after(content, "502-kh-ldld.yml", "thuc_hien: [501/KH-LĐLĐ]", "thuc_hien: []")
    assert {"van-ban/502-kh-ldld.md", "van-ban/501-kh-ldld.md", "van-ban/503-kh-ldld.md", "so-do-van-ban.md"} <= pages


def test_a_part_renumbered_remakes_the_pages_that_link_into_it(content):
    # 504 links to 501's part I.1 by an explicit citation: the link (or its problem) changes.
    changed, pages = pages_after(content, "501-kh-ldld.yml", '      - so: "1"', '      - so: "2"')
    assert ("501-kh-ldld", "parts") in changed
    assert ("504-kh-ldld", "problems") in changed  # the part it names is gone
    assert {"van-ban/501-kh-ldld.md", "van-ban/504-kh-ldld.md", "bao-tri/trich-dan-chua-lien-ket.md"} <= pages
    assert "van-ban/503-kh-ldld.md" not in pages


def test_a_date_changed_remakes_the_lists_ordered_by_date(content):
    changed, pages = pages_after(content, "503-kh-ldld.yml", "04/03/2021", "04/03/2019")
    assert ("503-kh-ldld", "summary") in changed
    assert {"van-ban/index.md", "dong-thoi-gian.md", "so-do-van-ban.md", "van-ban/503-kh-ldld.md"} <= pages
    assert "van-ban/504-kh-ldld.md" not in pages


def test_a_campaign_named_remakes_that_campaign_and_the_campaigns_index_only(content):
    _, pages = pages_after(content, "503-kh-ldld.yml", "Một câu không trích dẫn văn bản nào.",
                           "Hưởng ứng phong trào “Lao động giỏi, Lao động sáng tạo”.")
    assert pages == {"van-ban/503-kh-ldld.md", "phong-trao/lao-dong-gioi-lao-dong-sang-tao.md", "phong-trao/index.md"}


def test_the_documents_added_or_removed_are_not_compared_aspect_by_aspect(content):
    loader = CorpusLoader(content)
    before = loader.load()
    (content / "van-ban" / "503-kh-ldld.yml").unlink()
    assert not same_documents(before, loader.load())  # the callers build everything again
