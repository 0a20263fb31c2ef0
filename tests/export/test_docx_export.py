"""The Word file of each document: NĐ 30/2020 layout read back with python-docx, byte-identical
output, no hidden copy of the content, and the round trip export -> import giving back the same
text, structure, numbering, citations, signature and recipients, for every document of the
collection with full text and every import fixture."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document

import importfixtures as fx
from conftest import ROOT
from importcheck import shape
from ldkb.export.docx_build import build_all, missing_docx_links
from ldkb.export.docx_document import document_docx
from ldkb.graph.citations import find_citations
from ldkb.ingest.importer import import_file
from ldkb.model.corpus import Corpus, load_corpus
from ldkb.model.schema import VanBan, _all_text
from ldkb.model.tasks import Task
from ldkb.pdf.document_html import document_html
from ldkb.render.document_page import document_markdown
from ldkb.render.paths import document_docx as docx_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "content")


@pytest.fixture(scope="module")
def plan(corpus):
    return corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")


def _row_tasks(tasks: list[Task]) -> list[tuple]:
    """The tasks of task tables, as the cells show them: where, which row, the work, the units and
    outside bodies the row names itself, its own deadline and output (what a part assigns is not
    in the text, so what a row inherits is left out)."""
    out = []
    for t in tasks:
        if t.row is None:
            continue
        own = not t.inherited_from and bool(t.units or t.outside)
        out.append((t.place, t.row, t.texts, {r: list(u) for r, u in t.units.items()} if own else {},
                    {r: list(o) for r, o in t.outside.items()} if own else {},
                    t.deadline.text if t.deadline is not None and not t.deadline_inherited else None, t.output))
    return out


def _fields(doc: VanBan, tasks: list[Task] | None = None, province: str = "…") -> dict:
    """What an officer sees in the file, as fields to compare; numbers as printed ("a)", "a.", "1.");
    the place as the header prints it (the province's name where the document names no place)."""
    def parts(items):
        return [(p.label, p.tieu_de, shape([{"noi_dung": p.noi_dung, "so": None, "tieu_de": None}])[0][2],
                 parts(p.muc)) for p in items]

    number = re.sub(r"^[\s\u00a0.…_]+", "", doc.display_number)
    signer = doc.nguoi_ky
    return {
        "number": number, "type": doc.loai, "parent": (doc.co_quan_chu_quan or "").casefold(),
        "issuer": doc.co_quan_ban_hanh.casefold(), "place": doc.noi_ban_hanh or province, "date": doc.ngay_ban_hanh,
        "subject": doc.subject_title, "bases": doc.can_cu,  # printed with a capital first letter
        "opening": shape([{"noi_dung": doc.mo_dau, "so": None, "tieu_de": None}])[0][2],
        "parts": parts(doc.noi_dung),
        "ending": shape([{"noi_dung": doc.ket_thuc, "so": None, "tieu_de": None}])[0][2],
        "appendices": parts(doc.phu_luc),
        "recipients": [(r.ten, r.muc_dich) for r in doc.noi_nhan], "keep": doc.luu,
        "signature": ([x.upper() for x in signer.lines], signer.ho_ten) if signer else None,
        "notes": [(n.ky_hieu, n.noi_dung) for n in doc.chu_thich],
        "citations": sorted({c.key for c in find_citations(_all_text(doc))}),
        "tasks": _row_tasks(tasks or []),
    }


def _round_trip(doc: VanBan, corpus: Corpus, tmp_path: Path) -> tuple[VanBan, list[Task]]:
    """Export `doc`, import the file back into a copy of its collection in place of its own file;
    the document as loaded there and its tasks."""
    path = tmp_path / f"{doc.slug}.docx"
    path.write_bytes(document_docx(doc, corpus))
    result = import_file(path, corpus.root, write=False, corpus=corpus)
    assert result.draft.unplaced == [], result.draft.unplaced
    assert result.errors == [], [e.format() for e in result.errors]
    copy = tmp_path / f"kho-{doc.slug}"
    shutil.copytree(corpus.root, copy)
    name = Path(doc.file).name
    (copy / "van-ban" / name).write_text(result.yaml_text, encoding="utf-8")
    again = load_corpus(copy, strict=False)
    back = next(d for d in again.documents if d.file.endswith(f"/{name}"))
    return back, again.tasks[back.slug]


def test_every_full_text_document_round_trips(corpus, tmp_path):
    docs = [d for d in corpus.documents if d.full_text]
    assert docs
    for doc in docs:
        back, tasks = _round_trip(doc, corpus, tmp_path)
        assert _fields(back, tasks) == _fields(doc, corpus.tasks[doc.slug]), doc.slug


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory):
    """The import fixtures (Word in four styles, PDF; the plan with a task appendix, the Party
    directive) imported into a copy of the content."""
    root = tmp_path_factory.mktemp("kho")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "van-ban" / "20-kh-ldld.yml").write_text(
        "so_ky_hieu: 20/KH-LĐLĐ\nloai: Kế hoạch\nco_quan_ban_hanh: Ban Thường vụ LĐLĐ tỉnh Mẫu\n"
        "trich_yeu: Văn bản giả định cho kiểm thử\n", encoding="utf-8")
    made = []
    for numbering in ("typed", "word"):
        for header in ("table", "tabs"):
            made.append(fx.build_docx(root / f"{numbering}-{header}.docx", numbering=numbering, header=header))
    made.append(fx.build_pdf(root / "pdf.pdf"))
    for k, path in enumerate(made):
        result = import_file(path, content, write=False, ma=None)
        text = result.yaml_text
        if k:  # the same plan five times: give each its own symbol
            text = text.replace("12/KH-CĐCS", f"{12 + k}/KH-CĐCS")
        (content / "van-ban" / f"fixture-{k}.yml").write_text(text, encoding="utf-8")
    for k, build in ((5, fx.build_task_plan_docx), (6, fx.build_party_docx)):
        result = import_file(build(root / f"{build.__name__}.docx"), content, write=False)
        assert result.errors == [], [e.format() for e in result.errors]
        (content / "van-ban" / f"fixture-{k}.yml").write_text(result.yaml_text, encoding="utf-8")
    return load_corpus(content)


def _fixture(corpus: Corpus, k: int) -> VanBan:
    return next(d for d in corpus.documents if d.file.endswith(f"/fixture-{k}.yml"))


def test_every_fixture_round_trips(fixture_corpus, tmp_path):
    for k in range(7):
        doc = _fixture(fixture_corpus, k)
        back, tasks = _round_trip(doc, fixture_corpus, tmp_path)
        assert _fields(back, tasks) == _fields(doc, fixture_corpus.tasks[doc.slug]), doc.file
        if k < 5:
            assert len(back.nguoi_ky.lines) == 3 and back.chu_thich  # the deep signature and the footnote
    # The task tables gave the same tasks, and they are the ones the fixtures were written with.
    plan = _fixture(fixture_corpus, 5)
    rows = [t for t in fixture_corpus.tasks[plan.slug] if t.row is not None]
    assert [(t.units.get("chu_tri", ()), t.units.get("phoi_hop", ()), t.outside.get("chu_tri", ()),
             t.outside.get("phoi_hop", ()), t.deadline.text if t.deadline else None, t.output) for t in rows] \
        == fx.TASK_EXPECTED
    assert [t.texts for t in rows] == [[r[1]] for r in fx.TASK_ROWS]
    first = _fixture(fixture_corpus, 0)
    assert [(t.row, t.units, t.outside) for t in fixture_corpus.tasks[first.slug] if t.row is not None] == [
        (1, {}, {"chu_tri": ("Ban Nữ công",), "phoi_hop": ("Tổ sản xuất số 1", "Tổ sản xuất số 2")}),
        (2, {}, {"chu_tri": ("Ban Nữ công",), "phoi_hop": ("Phòng Hành chính",)})]


def test_task_fixture_round_trips_with_its_numbering_and_table(tmp_path):
    """Issue 16's task fixture: untitled items "1.", "2)", points "a)", "b.", "c/", a task table
    whose cells name two leads, groups, an outside body, quarters and "Thường xuyên"."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "giao-viec" / "content", content)
    # Its closing paragraph ends as a document's does ("./."): a paragraph after the last part
    # without it reads, in any Word file, as that part's last paragraph.
    path = content / "van-ban" / "15-kh-ldld.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("về Liên đoàn Lao động tỉnh Mẫu.\n", "về Liên đoàn Lao động tỉnh Mẫu./.\n"),
                    encoding="utf-8")
    corpus = load_corpus(content)
    doc = corpus.by_slug("15-kh-ldld")
    assert doc is not None and doc.ket_thuc[0].text.endswith("./.")
    back, tasks = _round_trip(doc, corpus, tmp_path)
    assert _fields(back, tasks) == _fields(doc, corpus.tasks[doc.slug], corpus.province)
    assert [p.label for p in back.noi_dung[1].muc] == ["1.", "2)"]
    assert [(p.label, p.tieu_de) for p in back.noi_dung[1].muc[1].muc] == [("a)", None), ("b.", None), ("c/", None)]
    rows = _row_tasks(tasks)
    assert len(rows) == 9 and rows[1][3] == {"chu_tri": ["ban-tuyen-giao", "ban-to-chuc"]}
    assert rows[5][4] == {"chu_tri": ["Sở Thử Nghiệm tỉnh Mẫu"]}


def test_layout_follows_the_decree(plan, corpus):
    document = Document(io.BytesIO(document_docx(plan, corpus)))
    section = document.sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210.0, 297.0)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    # Every run in Times New Roman; body 14 pt.
    body = document.element.body
    fonts = {f.get(f"{W}ascii") for f in body.iter(f"{W}rFonts")}
    assert fonts == {"Times New Roman"}
    assert document.styles["Normal"].font.size.pt == 14
    # Header: a borderless two-column table; issuer bold in capitals; national title bold.
    header = document.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"nil"}
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    assert left[-1].text == plan.co_quan_ban_hanh.upper() and all(r.bold for r in left[-1].runs)
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert header.cell(1, 0).text.startswith("Số: ")
    assert all(r.italic for r in header.cell(1, 1).paragraphs[0].runs)
    # Type and subject bold and centred.
    paras = [p for p in document.paragraphs if p.text]
    kind = next(p for p in paras if p.text == "KẾ HOẠCH")
    subject = paras[paras.index(kind) + 1]
    assert subject.text == plan.trich_yeu
    for p in (kind, subject):
        assert p.alignment == 1 and all(r.bold for r in p.runs)  # 1 = centre
        assert {r.font.size.pt for r in p.runs} == {14}
    # Numbering as written, headings bold.
    heading = next(p for p in paras if p.text == "I. MỤC ĐÍCH, YÊU CẦU")
    assert all(r.bold for r in heading.runs)
    # "Nơi nhận" beside the signature: the last table, two columns; recipients 11 pt.
    closing = document.tables[-1]
    cells = closing.rows[0].cells
    assert cells[0].paragraphs[0].text == "Nơi nhận:" and cells[0].paragraphs[0].runs[0].font.size.pt == 12
    assert cells[0].paragraphs[1].runs[0].font.size.pt == 11
    # Page numbers from page 2, centred at the top.
    assert section.different_first_page_header_footer
    assert 'instr=" PAGE "' in section.header._element.xml


def test_same_content_same_bytes(plan, corpus):
    assert document_docx(plan, corpus) == document_docx(plan, corpus)


def test_no_hidden_copy_of_the_content(plan, corpus):
    data = document_docx(plan, corpus)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        # The plan's text is in the visible body only (and its subject in the file's title).
        holding = {n for n in names if plan.mo_dau[0].text[:40].encode("utf-8") in z.read(n)}
        assert holding == {"word/document.xml"}
        assert {n for n in names if plan.trich_yeu.encode("utf-8") in z.read(n)} == {
            "word/document.xml", "docProps/core.xml"}
        # python-docx's template carries an empty bibliography store, nothing else custom.
        for n in names:
            if n.startswith("customXml/item") and not n.startswith("customXml/itemProps"):
                assert b"<b:Sources" in z.read(n) and b"<b:Source>" not in z.read(n)
        text = b"".join(z.read(n) for n in names)
    for key in (b"so_ky_hieu", b"trich_yeu", b"gach_dau_dong", b"noi_dung:"):
        assert key not in text


def test_cell_line_breaks_and_deep_signature_in_word(fixture_corpus):
    doc = next(d for d in fixture_corpus.documents if d.file.endswith("fixture-0.yml"))
    document = Document(io.BytesIO(document_docx(doc, fixture_corpus)))
    task = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert task.cell(1, 3).text == "Tổ sản xuất số 1\nTổ sản xuất số 2"
    sign = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert sign == ["TM. BAN CHẤP HÀNH", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Thử"]
    with zipfile.ZipFile(io.BytesIO(document_docx(doc, fixture_corpus))) as z:
        assert fx.NOTE in z.read("word/footnotes.xml").decode("utf-8")


def test_build_step_writes_beside_the_pdfs_and_the_page_links_them(corpus, plan, tmp_path):
    site = tmp_path / "site"
    report = build_all(corpus, site, tmp_path / "cache")
    full = [d for d in corpus.documents if d.full_text]
    assert report.written == len(full)
    assert sorted(p.name for p in (site / "pdf").glob("*.docx")) == sorted(docx_name(d) for d in full)
    again = build_all(corpus, site, tmp_path / "cache")
    assert again.cached == len(full) and again.written == 0
    page = document_markdown(plan, corpus)
    # a button whose size is written in once the file exists (issue 18: ldkb.export.file_sizes)
    assert f'href="../../pdf/{docx_name(plan)}" download>Tải bản Word<span class="ldkb-filesize"' in page
    other = next(d for d in corpus.documents if not d.full_text)
    assert "Tải bản Word" not in document_markdown(other, corpus)
    # A page linking a Word file the step did not make is reported.
    (site / "van-ban" / "x").mkdir(parents=True)
    (site / "van-ban" / "x" / "index.html").write_text('<a href="../../pdf/khong-co.docx">x</a>', encoding="utf-8")
    assert missing_docx_links(site) == [("van-ban/x/index.html", "../../pdf/khong-co.docx")]


def test_web_page_and_print_show_the_new_fields(fixture_corpus):
    """Signature of four lines, footnote, cell line breaks on the site page and in the print HTML;
    the blank number of an unnumbered draft in all three outputs."""
    doc = next(d for d in fixture_corpus.documents if d.file.endswith("fixture-0.yml"))
    page = document_markdown(doc, fixture_corpus)
    printed = document_html(doc, fixture_corpus)
    for html in (page, printed):
        assert "Tổ sản xuất số 1<br>Tổ sản xuất số 2" in html
        assert '<sup class="vb-fn"><a href="#chu-thich-1">1</a></sup>' in html
        assert 'id="chu-thich-1"' in html and fx.NOTE in html
        for line in fx.SIGN:
            assert line in html
    assert page.index("TM. BAN CHẤP HÀNH") < page.index("KT. CHỦ TỊCH") < page.index("PHÓ CHỦ TỊCH")
    draft = doc.model_copy(update={"so_ky_hieu": None, "ma": "du-thao", "ky_hieu_chua_so": "/KH-CĐCS"})
    draft._slug, draft._file = "du-thao", doc.file
    for out in (document_markdown(draft, fixture_corpus), document_html(draft, fixture_corpus)):
        assert "Số: " + "\u00a0" * 8 + "/KH-CĐCS" in out
    header = Document(io.BytesIO(document_docx(draft, fixture_corpus))).tables[0]
    assert header.cell(1, 0).text == "Số: " + "\u00a0" * 8 + "/KH-CĐCS"


def test_numbering_as_written_untitled_parts_run_in_headings_styled():
    """"1.", "2)", "a)", "b.", "c/" printed as the document writes them; an untitled part's number
    runs into its first paragraph (plain text, as the PDF); titled headings bold, italic from the
    third level, in Word's heading style of their level."""
    corpus = load_corpus(ROOT / "tests" / "fixtures" / "giao-viec" / "content")
    doc = corpus.by_slug("15-kh-ldld")
    document = Document(io.BytesIO(document_docx(doc, corpus)))
    paras = {p.text: p for p in document.paragraphs if p.text}
    for text in ("1. Tổ chức hội nghị thử nghiệm triển khai kế hoạch.", "2) Tổ chức các hoạt động thử nghiệm sau đây.",
                 "a) Hội thi thử nghiệm cấp tỉnh.", "b. Sơ kết hội thi thử nghiệm.", "c/ Triển lãm ảnh thử nghiệm."):
        p = paras[text]
        assert not any(r.bold for r in p.runs) and p.style.name == "Normal", text
    for text, level in (("I. MỤC ĐÍCH, YÊU CẦU", 1), ("1. Mục đích", 2), ("PHỤ LỤC I", 1)):
        p = paras[text]
        assert p.style.name == f"Heading {level}" and all(r.bold for r in p.runs), text
        assert {f.get(f"{W}ascii") for f in p._p.iter(f"{W}rFonts")} == {"Times New Roman"}
    heading = document.styles["Heading 1"]
    assert heading.font.name == "Times New Roman" and heading.font.color.rgb == (0, 0, 0)
    assert "Theme" not in heading.element.xml.split("<w:rFonts")[1].split("/>")[0]


def test_party_document_has_the_party_header(fixture_corpus):
    """Hướng dẫn 36-HD/VPTW: the Party's title (no national title, no motto), a star under the
    issuing body, "Số 12-CT/ĐU" without a colon; "T/M BAN THƯỜNG VỤ" signs."""
    doc = _fixture(fixture_corpus, 6)
    assert doc.so_ky_hieu == fx.PARTY_SYMBOL and doc.loai == "Chỉ thị"
    document = Document(io.BytesIO(document_docx(doc, fixture_corpus)))
    header = document.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in header.cell(0, 1).paragraphs if p.text]
    assert left == ["ĐẢNG BỘ TỈNH MẪU", "ĐẢNG ỦY CÔNG TY TNHH THỬ NGHIỆM", "*"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert header.cell(1, 0).text == f"Số {fx.PARTY_SYMBOL}"
    assert "Độc lập" not in document.element.xml and "CỘNG HÒA" not in document.element.xml
    sign = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert sign == [*fx.PARTY_SIGN, fx.PARTY_SIGNER]
    items = [p.text for p in document.paragraphs if p.text[:2] in ("1.", "2.", "3.")]
    assert items == [f"{k}. {text}" for k, text in enumerate(fx.PARTY_ITEMS, 1)]
