"""File names of the printed files inside the site (`<site>/pdf/` …): shared by the site pages that
link them, the PDF build that writes them and the "Bản in" page that lists them (no heavy imports).

The one list of what can be printed is built from these names (ldkb.render.printables_page);
files other build steps put into the site that it does not name are found in the built site and
listed too (ldkb.export.file_sizes).
"""
from __future__ import annotations

from ldkb.model.schema import VanBan

PDF_DIR = "pdf"
SIZES = ("a4", "a5")
# Page counts of the PDFs the build made, by site path: written by the PDF build, read when sizes
# and page counts are written into the pages (pages are built before the PDFs exist).
PAGES_MANIFEST = f"{PDF_DIR}/so-trang.json"
# File kinds a reader may print or keep, by suffix, as the "Bản in" page names them.
PRINTABLE_KINDS = {".pdf": "PDF", ".docx": "Word", ".odt": "OpenDocument", ".xlsx": "Excel", ".ods": "OpenDocument"}
# Every kind a size note may name (a unit's calendar is a download, not a printable).
FILE_KINDS = {**PRINTABLE_KINDS, ".ics": "tệp lịch"}


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


def pdf_path(name: str) -> str:
    """The site path of a PDF named by one of the functions above (`pdf/so-tay-a4.pdf`)."""
    return f"{PDF_DIR}/{name}"


# -- tasks: calendars and report forms (issue 16) ----------------------------------------------
CALENDAR_DIR = "lich"
REPORT_FORM_DIR = "mau-bao-cao"


def unit_calendar(unit_id: str) -> str:
    """Site path of a unit's calendar of deadlines (iCalendar)."""
    return f"{CALENDAR_DIR}/{unit_id}.ics"


def collection_calendar() -> str:
    """Site path of the whole collection's calendar of deadlines."""
    return f"{CALENDAR_DIR}/toan-bo.ics"


def report_form_docx(unit_id: str) -> str:
    """Site path of a unit's editable report form (Word)."""
    return f"{REPORT_FORM_DIR}/mau-bao-cao-{unit_id}.docx"


def report_form_pdf(unit_id: str) -> str:
    """File name, inside `pdf/`, of a unit's report form as PDF (site path: `pdf_path(...)`)."""
    return f"mau-bao-cao-{unit_id}.pdf"
