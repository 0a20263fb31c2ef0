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
import yaml
from docx import Document

import importfixtures as fx
from conftest import ROOT
from importcheck import shape
from ldkb.export.docx_build import build_all, missing_docx_links
from ldkb.export.docx_document import document_docx
from ldkb.graph.citations import find_citations
from ldkb.ingest.importer import import_file
from ldkb.model.corpus import load_corpus
from ldkb.model.schema import VanBan, _all_text
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


def _fields(doc: VanBan) -> dict:
    """What an officer sees in the file, as fields to compare."""
    def parts(items):
        return [(p.so, p.tieu_de, shape([{"noi_dung": p.noi_dung, "so": None, "tieu_de": None}])[0][2],
                 parts(p.muc)) for p in items]

    number = re.sub(r"^[\s\u00a0.…_]+", "", doc.display_number)
    signer = doc.nguoi_ky
    return {
        "number": number, "type": doc.loai, "parent": (doc.co_quan_chu_quan or "").casefold(),
        "issuer": doc.co_quan_ban_hanh.casefold(), "place": doc.noi_ban_hanh, "date": doc.ngay_ban_hanh,
        "subject": doc.trich_yeu, "bases": doc.can_cu,
        "opening": shape([{"noi_dung": doc.mo_dau, "so": None, "tieu_de": None}])[0][2],
        "parts": parts(doc.noi_dung),
        "ending": shape([{"noi_dung": doc.ket_thuc, "so": None, "tieu_de": None}])[0][2],
        "appendices": parts(doc.phu_luc),
        "recipients": [(r.ten, r.muc_dich) for r in doc.noi_nhan], "keep": doc.luu,
        "signature": ([x.upper() for x in signer.lines], signer.ho_ten) if signer else None,
        "notes": [(n.ky_hieu, n.noi_dung) for n in doc.chu_thich],
        "citations": sorted({c.key for c in find_citations(_all_text(doc))}),
    }


def _round_trip(doc: VanBan, corpus, tmp_path: Path) -> VanBan:
    path = tmp_path / f"{doc.slug}.docx"
    path.write_bytes(document_docx(doc, corpus))
    result = import_file(path, ROOT / "content", write=False, corpus=corpus)
    assert result.draft.unplaced == [], result.draft.unplaced
    data = yaml.safe_load(result.yaml_text)
    return VanBan.model_validate(data)


def test_every_full_text_document_round_trips(corpus, tmp_path):
    docs = [d for d in corpus.documents if d.full_text]
    assert docs
    for doc in docs:
        back = _round_trip(doc, corpus, tmp_path)
        assert _fields(back) == _fields(doc), doc.slug


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory):
    """The import fixtures (Word in four styles, PDF) imported into a copy of the content."""
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
    return load_corpus(content)


def test_every_fixture_round_trips(fixture_corpus, tmp_path):
    docs = [d for d in fixture_corpus.documents if d.file.endswith(tuple(f"fixture-{k}.yml" for k in range(5)))]
    assert len(docs) == 5
    for doc in docs:
        back = _round_trip(doc, fixture_corpus, tmp_path)
        assert _fields(back) == _fields(doc), doc.file
        assert len(back.nguoi_ky.lines) == 3 and back.chu_thich  # the deep signature and the footnote


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
    assert f'href="../../pdf/{docx_name(plan)}" download>Tải bản Word</a>' in page
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
