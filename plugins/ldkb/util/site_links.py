"""Links of a built site to files that are not there: the last check of every step that writes
files the pages link to (PDFs, Word files), so a page never offers a download that fails."""
from __future__ import annotations

import re
from pathlib import Path


def missing_file_links(site_dir: Path, suffix: str) -> list[tuple[str, str]]:
    """(page, link) for every link of the built site to a `suffix` file (".pdf") that does not exist."""
    href_re = re.compile(r'href="([^"#?]*' + re.escape(suffix) + r')(?:[#?][^"]*)?"')
    site_dir = Path(site_dir)
    missing = []
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if suffix not in text:
            continue
        for href in href_re.findall(text):
            if "://" in href or href.startswith("//"):
                continue
            target = (site_dir / href.lstrip("/")) if href.startswith("/") else (page.parent / href)
            if not target.resolve().is_file():
                missing.append((str(page.relative_to(site_dir)), href))
    return missing
