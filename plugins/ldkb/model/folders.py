"""The documents' folder: one setting for the content and the site.

Each document is a YAML file in `content/<DOCUMENTS_DIR>/` and has its page at
`/<DOCUMENTS_DIR>/<slug>/`. Everything that names that folder reads it here: the loader, `make
new`, every page that links a document, the search ranking and the MkDocs adapters.
"""
from __future__ import annotations

DOCUMENTS_DIR = "van-ban"


def document_page(slug: str) -> str:
    """A document's page as `ldkb:` links and MkDocs' file names spell it (`van-ban/117-kh-ldld`)."""
    return f"{DOCUMENTS_DIR}/{slug}"
