"""PDFs read back: text, fonts, page geometry, numbering, handbooks' TOC, bookmarks, links, bytes.

The PDFs are built once per session with the real command (`build_pdf.py`), from the
repository's content, into a temporary site with a temporary cache.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from conftest import PDF_CACHE, ROOT, SOURCE

pytestmark = pytest.mark.slow

MM = 72 / 25.4
PLAN = "ke-hoach-thuc-hien-chi-thi-07.pdf"


def run_build(site: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "build_pdf.py"), "--site-dir", str(site), "--cache-dir", str(cache), *extra]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def pdf_base(tmp_path_factory, built_site) -> Path:
    """The PDFs of the real content, from a copy of the cache the session's `make build` filled
    (built_site): rendered once per run. test_two_builds_give_identical_bytes renders them all
    again from nothing, one process, and compares the bytes."""
    import shutil

    base = tmp_path_factory.mktemp("pdfs")
    shutil.copytree(PDF_CACHE, base / "cache")
    run_build(base / "site", base / "cache")
    return base


@pytest.fixture(scope="session")
def pdfs(pdf_base) -> Path:
    return pdf_base / "site" / "pdf"


@pytest.fixture(scope="session")
def corpus():
    from ldkb.model.corpus import load_corpus

    return load_corpus(ROOT / "content")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def body_text(path: Path, top_mm: float = 20) -> str:
    """Text below the top margin (the page numbers live in it), pages joined."""
    with pdfplumber.open(path) as pdf:
        return norm(" ".join(p.crop((0, top_mm * MM, p.width, p.height)).extract_text() for p in pdf.pages))


def source_sentences() -> list[str]:
    out = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\[bookmark: [^\]]*\]", "", line).strip()
        line = re.sub(r"^[-·]\s*", "", line).strip()
        if line:
            out += [s for s in re.split(r"(?<=[.;:!?…])\s+", norm(line)) if s]
    return out


# -- per-document PDFs ---------------------------------------------------------------------

def test_every_sentence_of_the_plan_is_in_its_pdf(pdfs):
    sentences = source_sentences()
    assert len(sentences) > 90
    text = body_text(pdfs / PLAN)
    missing = [s for s in sentences if s not in text]
    assert not missing, missing[:5]


def test_one_pdf_per_document_and_record_sheets_are_one_labelled_page(pdfs, corpus):
    for doc in corpus.documents:
        path = pdfs / f"{doc.slug}.pdf"
        assert path.is_file(), path
        if not doc.full_text:
            reader = pypdf.PdfReader(path)
            assert len(reader.pages) == 1, doc.slug
            text = norm(reader.pages[0].extract_text())
            assert "PHIẾU THÔNG TIN VĂN BẢN" in text and "Chưa có toàn văn" in text
            assert doc.so_ky_hieu in text and norm(doc.trich_yeu)[:40] in text


def test_a4_margins_of_the_decree(pdfs):
    with pdfplumber.open(pdfs / PLAN) as pdf:
        assert len(pdf.pages) >= 3
        for i, page in enumerate(pdf.pages):
            assert abs(page.width - 210 * MM) < 1 * MM and abs(page.height - 297 * MM) < 1 * MM
            body = [c for c in page.chars if c["text"].strip() and c["top"] > 20 * MM]
            # Left 30 mm, right 15 mm: lines of justified text touch both.
            assert abs(min(c["x0"] for c in body) - 30 * MM) < 1 * MM, i
            assert abs(max(c["x1"] for c in body) - 195 * MM) < 1 * MM, i
            assert max(c["bottom"] for c in body) < 277 * MM + 1 * MM, i
        first = [c for c in pdf.pages[0].chars if c["text"].strip()]
        assert abs(min(c["top"] for c in first) - 20 * MM) < 1 * MM


def test_page_number_from_page_two_centred_in_the_top_margin(pdfs):
    with pdfplumber.open(pdfs / PLAN) as pdf:
        top = [w for w in pdf.pages[0].extract_words() if w["bottom"] < 20 * MM]
        assert top == []
        for n, page in enumerate(pdf.pages[1:], start=2):
            words = [w for w in page.extract_words(extra_attrs=["size"]) if w["bottom"] < 20 * MM]
            assert [w["text"] for w in words] == [str(n)]
            centre = (words[0]["x0"] + words[0]["x1"]) / 2
            assert abs(centre - (30 + 195) / 2 * MM) < 1 * MM
            assert 12.9 < words[0]["size"] < 14.1


def test_official_header_on_page_one(pdfs):
    with pdfplumber.open(pdfs / PLAN) as pdf:
        page = pdf.pages[0]
        text = norm(page.extract_text())
        for piece in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số:",
                      "ngày … tháng … năm …", "KẾ HOẠCH"):
            assert piece in text, piece
        words = page.extract_words(extra_attrs=["fontname", "size"])
        nation = [w for w in words if w["text"] == "CỘNG"][0]
        # Two columns: 42 % and 58 % of the 165 mm text width, i.e. split at 99.3 mm from the edge.
        assert nation["x0"] > 99.3 * MM and "Bold" in nation["fontname"]
        date = [w for w in words if w["text"] == "tháng"][0]
        assert "Italic" in date["fontname"] and date["x0"] > 99.3 * MM
        number = [w for w in words if w["text"] == "Số:"][0]
        assert number["x1"] < 99.3 * MM and abs(number["top"] - date["top"]) < 2 * MM
        kind = [w for w in words if w["text"] == "KẾ"][0]
        assert abs((kind["x0"] + [w for w in words if w["text"] == "HOẠCH"][0]["x1"]) / 2 - 112.5 * MM) < 2 * MM


def test_fonts_embedded_and_of_one_family(pdfs):
    from fontTools.ttLib import TTFont

    for path in sorted(pdfs.glob("*.pdf")):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, path
        for row in rows:
            name, emb = row.split()[0], row.split()[-5]
            assert re.fullmatch(r"[A-Z]{6}\+LDKB-Serif(-Bold)?(-Italic)?", name), (path.name, row)
            assert emb == "yes", (path.name, row)
    # The private family name is ours; the embedded programs must be Liberation Serif 2 (or Tinos).
    reader = pypdf.PdfReader(pdfs / "so-tay-a4.pdf")
    families = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            desc = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            ttf = TTFont(io.BytesIO(desc["/FontFile2"].get_object().get_data()))
            families.add((ttf["name"].getDebugName(1), ttf["name"].getDebugName(5).split()[1][0]))
    assert families and all(f == "Tinos" or (f == "Liberation Serif" and v == "2") for f, v in families), families


def test_document_pdf_is_pdf_a_without_dates(pdfs):
    reader = pypdf.PdfReader(pdfs / PLAN)
    xmp = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfaid:part="3"' in xmp
    assert "/CreationDate" not in reader.metadata and "/ModDate" not in reader.metadata
    assert "Chỉ thị số 07/CT-TTg" in reader.metadata.title


# -- handbooks -----------------------------------------------------------------------------

def _dest_pages(reader: pypdf.PdfReader) -> dict[str, int]:
    return {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}


def test_handbook_toc_gives_the_real_pages(pdfs, corpus):
    for size in ("a4", "a5"):
        path = pdfs / f"so-tay-{size}.pdf"
        reader = pypdf.PdfReader(path)
        dests = _dest_pages(reader)
        with pdfplumber.open(path) as pdf:
            toc_pages = [p for p in pdf.pages[:4] if "MỤC LỤC" in (p.extract_text() or "")]
            assert toc_pages
            lines = [ln for p in toc_pages for ln in p.extract_text().splitlines()]
            # Documents with their text each have an entry; those without, one table (issue 18).
            entries = [(doc.title, f"d-{doc.slug}") for doc in corpus.documents if doc.full_text]
            entries.append(("Văn bản liên quan chưa có toàn văn", "van-ban-chua-co-toan-van"))
            for title, dest in entries:
                entry = [ln for ln in lines if norm(ln).startswith(norm(title))]
                assert entry, (size, title)
                printed = int(re.search(r"(\d+)\s*$", entry[0]).group(1))
                real = dests[dest] + 1
                assert printed == real, (size, title, printed, real)
            for doc in corpus.documents:
                real = dests[f"d-{doc.slug}"] + 1
                shown = doc.so_ky_hieu or "KẾ HOẠCH"  # a row of the table, or the official title
                assert norm(pdf.pages[real - 1].extract_text()).find(shown) >= 0, (size, doc.title)


def test_handbook_bookmarks_for_every_document_and_part(pdfs, corpus):
    from ldkb.model.corpus import iter_parts

    reader = pypdf.PdfReader(pdfs / "so-tay-a4.pdf")
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(norm(item.title))

    walk(reader.outline)
    for doc in corpus.documents:
        assert norm(doc.title) in titles
        for part in iter_parts(doc):
            assert norm(part.heading) in titles, part.id


def test_handbook_running_header_page_x_of_y_and_cited_pages(pdfs, corpus):
    path = pdfs / "so-tay-a4.pdf"
    reader = pypdf.PdfReader(path)
    dests = _dest_pages(reader)
    total = len(reader.pages)
    plan = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    doc117 = corpus.by_symbol("117/KH-LĐLĐ")
    with pdfplumber.open(path) as pdf:
        for n in (2, total):
            assert f"Trang {n}/{total}" in norm(pdf.pages[n - 1].extract_text())
        page = pdf.pages[dests[f"d-{plan.slug}"]]
        header = norm(page.crop((0, 0, page.width, 20 * MM)).extract_text())
        assert plan.title in header  # the document's one short name
        plan_text = norm(" ".join(p.extract_text() for p in pdf.pages[dests[f"d-{plan.slug}"]:]))
    cited = dests[f"d-{doc117.slug}"] + 1  # its row in the table of documents without text
    assert f"Kế hoạch số 117/KH-LĐLĐ ngày 29/11/2020 (tr. {cited})" in plan_text


def test_internal_links_point_inside_the_file(pdfs):
    for name in ("so-tay-a4.pdf", "so-tay-a5.pdf", "so-tay-cdcs-a4.pdf", PLAN):
        reader = pypdf.PdfReader(pdfs / name)
        names = set(reader.named_destinations)
        links = 0
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/Subtype") != "/Link":
                    continue
                links += 1
                action = annot.get("/A")
                assert action is None or action.get_object().get("/S") != "/URI", (name, action)
                dest = annot.get("/Dest")
                if dest is None and action is not None:
                    dest = action.get_object().get("/D")
                assert dest is not None, name
                if isinstance(dest, str):
                    assert dest in names, (name, dest)
        if name.startswith("so-tay-a"):
            assert links > 20, name


def test_unit_handbook_for_cdcs_contains_part_iii_3(pdfs, corpus):
    plan = corpus.by_slug("ke-hoach-thuc-hien-chi-thi-07")
    part = corpus.find_part(plan, "III.3")
    for size in ("a4", "a5"):
        text = body_text(pdfs / f"so-tay-cdcs-{size}.pdf", top_mm=0)
        assert "Sổ tay dành cho".upper() in text.upper() and "CÔNG ĐOÀN CƠ SỞ" in text
        assert "Mục III.3" in text
        for block in part.noi_dung:
            assert norm(block.text) in text
        # What the plan addresses to all levels is there too, marked as such (the closing paragraph).
        assert "Đoạn kết" in text and "đề nghị các cấp công đoàn chỉ đạo, hướng dẫn" in text
        assert "việc giao cho “Các cấp công đoàn trong tỉnh”" in text
        # II.3.2 "Hỗ trợ Công đoàn cơ sở…": the CĐCS is helped there, it does not act (issue 16).
        assert "Hỗ trợ Công đoàn cơ sở chủ động" not in text
        assert "BẢNG CHỮ VIẾT TẮT" in text
        # Tasks of other units are not.
        assert "Giao Ban Chính sách Pháp luật" not in text


def test_handbooks_per_unit_and_sizes(pdfs, corpus):
    for unit in corpus.units:
        for size, (w, h) in (("a4", (210, 297)), ("a5", (148, 210))):
            page = pypdf.PdfReader(pdfs / f"so-tay-{unit}-{size}.pdf").pages[0]
            assert abs(float(page.mediabox.width) - w * MM) < MM and abs(float(page.mediabox.height) - h * MM) < MM


# -- reproducible, cached ------------------------------------------------------------------

def test_two_builds_give_identical_bytes(pdfs, tmp_path):
    """Rendered from nothing in one process, as the session's build rendered them in several."""
    result = run_build(tmp_path / "site", tmp_path / "cache", "--jobs", "1")
    assert "lấy từ bộ nhớ đệm 0;" in result.stdout + result.stderr
    again = tmp_path / "site" / "pdf"
    first = sorted(p.name for p in pdfs.glob("*.pdf"))
    assert first == sorted(p.name for p in again.glob("*.pdf"))
    for name in first:
        assert (pdfs / name).read_bytes() == (again / name).read_bytes(), name


def test_cache_rebuilds_only_what_changed(pdf_base, pdfs, tmp_path):
    import shutil

    from ldkb.model.corpus import load_corpus
    from ldkb.model.git_history import content_edition
    from ldkb.pdf.build import build_all

    edition = content_edition(ROOT / "content")  # as build_pdf.py prints it (the copy has no git)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache = tmp_path / "cache"
    shutil.copytree(pdf_base / "cache", cache)  # filled by the session's build
    again = build_all(load_corpus(content), tmp_path / "s2", cache, workers=1, edition=edition)
    assert again.rendered == 0 and len(again.results) == len(list(pdfs.glob("*.pdf")))
    assert all((pdfs / r.name).read_bytes() == (tmp_path / "s2/pdf" / r.name).read_bytes()
               for r in again.results)
    path = content / "van-ban" / "07-ct-ttg.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Giải pháp thúc đẩy tăng năng suất lao động quốc gia", "Giải pháp thúc đẩy năng suất"), encoding="utf-8")
    third = build_all(load_corpus(content), tmp_path / "s3", cache, workers=1, edition=edition)
    rebuilt = {r.name for r in third.results if not r.cached}
    assert "07-ct-ttg.pdf" in rebuilt and "so-tay-a4.pdf" in rebuilt
    assert "117-kh-ldld.pdf" not in rebuilt and "so-tay-cdcs-a4.pdf" not in rebuilt


# -- site links ----------------------------------------------------------------------------

def test_site_links_to_pdfs_resolve(site, pdf_base, tmp_path, corpus):
    import shutil

    from ldkb.pdf.build import missing_pdf_links

    built = tmp_path / "site"
    shutil.copytree(site, built)
    assert missing_pdf_links(built)  # the site alone links to PDFs not built yet
    run_build(built, pdf_base / "cache")
    assert missing_pdf_links(built) == []
    for doc in corpus.documents:
        page = (built / "van-ban" / doc.slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../pdf/{doc.slug}.pdf"' in page and "Tải PDF" in page
    for unit in corpus.units:
        page = (built / "don-vi" / unit / "index.html").read_text(encoding="utf-8")
        for size in ("a4", "a5"):
            assert f'href="../../pdf/so-tay-{unit}-{size}.pdf"' in page, unit
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/so-tay-a4.pdf"' in home and 'href="pdf/so-tay-a5.pdf"' in home
    # A link to a PDF that is not produced fails the PDF build.
    (built / "extra.html").write_text('<a href="pdf/khong-co.pdf">x</a>', encoding="utf-8")
    cmd = [sys.executable, str(ROOT / "build_pdf.py"), "--site-dir", str(built), "--cache-dir", str(pdf_base / "cache")]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 1 and "khong-co.pdf" in result.stderr


@pytest.mark.browser
def test_browser_print_hides_site_chrome(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "van-ban/ke-hoach-thuc-hien-chi-thi-07/")
    assert page.query_selector(".md-header").is_visible() and page.query_selector(".vb-pdf").is_visible()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".vb-pdf"):
        for el in page.query_selector_all(selector):
            assert not el.is_visible(), selector
    link = page.query_selector(".md-content a[href*='van-ban']") or page.query_selector(".md-content a[href]")
    if link is not None:
        assert link.inner_text().strip()
        assert page.evaluate("e => getComputedStyle(e, '::after').content", link) in ("none", "normal", '""')
    assert page.query_selector(".vb-header").is_visible()
    page.close()
