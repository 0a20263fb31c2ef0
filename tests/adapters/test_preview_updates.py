"""The preview session after a save: which pages go through MkDocs again, kind by kind of change,
and which changes make it build everything again. One generated collection, one session for the
module (a real MkDocs build once, then updates); no timing involved.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from ldkb_mkdocs.preview.session import PreviewSession
from tools.bench.edits import cite, documents, read, write
from tools.bench.equivalence import SERVE_URL, fix_dates
from tools.bench.project import make_project

pytestmark = pytest.mark.slow

DOCUMENTS = 20


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    fix_dates()
    work = tmp_path_factory.mktemp("updates")
    project = make_project(work / "project", DOCUMENTS)
    s = PreviewSession(project / "mkdocs.yml", SERVE_URL, work / "session")
    first = s.build_full("đầu tiên")
    assert first.full and first.failed is None
    s.prepare()
    yield s
    s.close()


def _content(session) -> Path:
    return session.project / "content"


def _update(session, *paths):
    update = session.update(set(paths))
    assert update.failed is None
    if not update.full:
        session.finish()
    session.prepare()
    return update


def _plain_block_document(session) -> Path:
    """A generated document and the marker edit of a block that assigns no work and names no campaign."""
    for path in documents(_content(session)):
        if path.stem.startswith("2") and read(path).get("noi_dung"):
            return path
    raise AssertionError("no generated document")


def test_a_sentence_edited_makes_one_page_again(session):
    path = _plain_block_document(session)
    data = read(path)
    data["mo_dau"] = [data["mo_dau"][0] + " Câu mở đầu được sửa."]  # the opening: no task, no campaign
    write(path, data)
    update = _update(session, path)
    assert not update.full
    assert update.pages == [f"van-ban/{path.stem}.md"]
    page = session.site / "van-ban" / path.stem / "index.html"
    assert "Câu mở đầu được sửa." in page.read_text(encoding="utf-8")


def test_a_citation_added_makes_the_cited_page_again(session):
    path = _plain_block_document(session)
    target = next(p for p in documents(_content(session)) if p.stem == "37-ct-tw")
    cite(path, "37-CT/TW", "Chỉ thị", random.Random(1))
    update = _update(session, path)
    assert not update.full
    assert {f"van-ban/{path.stem}.md", f"van-ban/{target.stem}.md"} <= set(update.pages)
    assert len(update.pages) < 6
    cited_by = (session.site / "van-ban" / "37-ct-tw" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{path.stem}/' in cited_by.split('id="lien-quan-duoc-trich-dan"')[1]


def test_a_date_changed_makes_the_menus_that_show_it_again(session):
    plans = [p for p in documents(_content(session)) if read(p)["loai"] == "Kế hoạch" and read(p).get("ngay_ban_hanh")]
    path = max(plans, key=lambda p: "/".join(reversed(read(p)["ngay_ban_hanh"].split("/"))))
    data = read(path)
    data["ngay_ban_hanh"] = "01/01/2009"  # from last to first of its group: every sibling's menu changes
    write(path, data)
    update = _update(session, path)
    assert not update.full
    total = sum(1 for f in session.state.capture.files.documentation_pages())
    # Its siblings in the menu (the main document, cai-dat.yml `van_ban_chinh`, has its own entry).
    main = session.state.corpus.main_document
    same_type = [p.stem for p in documents(_content(session))
                 if read(p)["loai"] == data["loai"] and (main is None or p.stem != main.slug)]
    assert {f"van-ban/{stem}.md" for stem in same_type} <= set(update.pages)
    assert len(update.pages) < total


def test_a_swap_file_saved_beside_a_document_builds_nothing(session):
    swap = _content(session) / "van-ban" / ".200-kh-ldld.yml.swp"
    swap.write_bytes(b"\x00editor state")
    update = _update(session, swap)
    assert not update.full and update.pages == []


def test_a_document_added_then_removed_makes_its_page_and_those_that_show_it(session):
    source = _plain_block_document(session)
    data = read(source)
    data.update(so_ky_hieu="950/KH-LĐLĐ", loai="Kế hoạch")
    path = source.with_name("950-kh-ldld.yml")
    write(path, data)
    update = _update(session, path)
    assert not update.full
    assert {"van-ban/950-kh-ldld.md", "van-ban/index.md", "dong-thoi-gian.md"} <= set(update.pages)
    # (Every page under "Văn bản" shows the group it joined, folded: in a collection this small
    # the group is not split by year, so they are all made again for their menus.)
    assert (session.site / "van-ban" / "950-kh-ldld" / "index.html").is_file()
    path.unlink()
    update = _update(session, path)
    assert not update.full and "van-ban/950-kh-ldld/" in update.removed
    assert not (session.site / "van-ban" / "950-kh-ldld").exists()
    assert "950-kh-ldld" not in (session.site / "van-ban" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("what", ["registry", "config", "handwritten", "renumbered"])
def test_changes_that_reach_every_page_build_everything(session, what):
    project = session.project
    if what == "registry":
        path = project / "content" / "thuat-ngu.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif what == "config":
        path = project / "mkdocs.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif what == "handwritten":
        path = project / "docs" / "index.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nMột dòng thêm.\n", encoding="utf-8")
    else:  # a document's number changed in its file: its page moves
        path = _plain_block_document(session)
        data = read(path)
        data["so_ky_hieu"] = "951/KH-LĐLĐ"
        write(path, data)
    update = _update(session, path)
    assert update.full, update
    assert update.reason
