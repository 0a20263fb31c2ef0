"""File names of the printed files inside the site (`<site>/pdf/` …): shared by the site pages that
link them, the PDF build that writes them and the "Bản in" page that lists them (no heavy imports).

`printables(corpus)` is the one list of what can be printed that the site knows before the files
exist; files that other build steps put into the site (report forms, Word files) and that it does
not name are found in the built site and listed too (ldkb.export.file_sizes).
"""
from __future__ import annotations

from dataclasses import dataclass

from ldkb.model.corpus import Corpus
from ldkb.model.schema import VanBan

PDF_DIR = "pdf"
SIZES = ("a4", "a5")
# Page counts of the PDFs the build made, by site path: written by the PDF build, read when sizes
# and page counts are written into the pages (pages are built before the PDFs exist).
PAGES_MANIFEST = f"{PDF_DIR}/so-trang.json"
# File kinds a reader may print or keep, by suffix, as the "Bản in" page names them.
PRINTABLE_KINDS = {".pdf": "PDF", ".docx": "Word", ".odt": "OpenDocument", ".xlsx": "Excel", ".ods": "OpenDocument"}


def document_pdf(doc: VanBan) -> str:
    """A document's PDF: its page's slug (`van-ban/117-kh-ldld/` -> `117-kh-ldld.pdf`)."""
    return f"{doc.slug}.pdf"


def document_docx(doc: VanBan) -> str:
    """A document's editable Word file, beside its PDF in `<site>/pdf/` (documents with full text)."""
    return f"{doc.slug}.docx"


def collection_pdf(size: str = "a4") -> str:
    return f"so-tay-{size}.pdf"


def unit_pdf(unit_id: str, size: str = "a4") -> str:
    return f"so-tay-{unit_id}-{size}.pdf"


@dataclass(frozen=True)
class Printable:
    path: str  # inside the site: "pdf/so-tay-a4.pdf"
    group: str  # heading it is listed under on the "Bản in" page
    title: str  # what it is, for a member: "Sổ tay toàn bộ văn bản"
    note: str = ""  # "khổ A4", "bản theo thể thức", …


GROUPS = ("Sổ tay", "Sổ tay dành cho từng đơn vị", "Văn bản")


def printables(corpus: Corpus) -> list[Printable]:
    """Every printed file the PDF build makes, in the order the "Bản in" page lists them."""
    out: list[Printable] = []
    for size in SIZES:
        out.append(Printable(f"{PDF_DIR}/{collection_pdf(size)}", "Sổ tay", "Sổ tay toàn bộ văn bản",
                             _size_note(size)))
    for unit in corpus.units.values():
        for size in SIZES:
            out.append(Printable(f"{PDF_DIR}/{unit_pdf(unit.ma, size)}", "Sổ tay dành cho từng đơn vị",
                                 f"Sổ tay dành cho {unit.ten}", _size_note(size)))
    for doc in corpus.sorted_documents():
        note = "PDF theo thể thức, khổ A4" if doc.full_text else "phiếu thông tin, chưa có toàn văn"
        out.append(Printable(f"{PDF_DIR}/{document_pdf(doc)}", "Văn bản", doc.title, note))
        if doc.full_text:  # the editable Word file (ldkb.export.docx_build)
            out.append(Printable(f"{PDF_DIR}/{document_docx(doc)}", "Văn bản", doc.title, "bản Word, sửa được"))
    return out


def _size_note(size: str) -> str:
    return "khổ A4" if size == "a4" else "khổ A5, bỏ túi"
