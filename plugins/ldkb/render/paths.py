"""File names of the PDFs inside `<site>/pdf/`: shared by the site pages that link them and
the PDF build that writes them (no heavy imports here)."""
from __future__ import annotations

from ldkb.model.schema import VanBan

PDF_DIR = "pdf"
SIZES = ("a4", "a5")


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
