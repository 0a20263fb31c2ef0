"""Raw HTML blocks of generated pages set aside before Python-Markdown and put back after."""
from __future__ import annotations

import re

# Block-level tags our generated pages start raw HTML blocks with.
_RAW_BLOCK = re.compile(r"<(?:p|ul|ol|div|table|figure|section|aside|details|dl)[\s>]")
RAW_MARK_PREFIX = "<!--ldkb-raw-"
_RAW_MARK = RAW_MARK_PREFIX + "{}-->"
_RAW_MARK_RE = re.compile(r"<!--ldkb-raw-(\d+)-->")


def cut_raw_html(markdown: str) -> tuple[str, list[str]]:
    """Set aside the top-level raw HTML blocks of a generated page, each replaced by a short
    comment. Python-Markdown would parse them tag by tag only to pass them through unchanged
    (half of a document page's conversion); `splice_raw_html` puts them back afterwards."""
    chunks = markdown.split("\n\n")
    blocks: list[str] = []
    for i, chunk in enumerate(chunks):
        # Only complete blocks, and none that asks for Markdown inside (md_in_html).
        if _RAW_BLOCK.match(chunk) and chunk.endswith(">") and "markdown" not in chunk:
            chunks[i] = _RAW_MARK.format(len(blocks))
            blocks.append(chunk)
    return "\n\n".join(chunks), blocks


def splice_raw_html(text: str, blocks: list[str]) -> str:
    """The converted page (or the page's Markdown) with the blocks set aside put back."""
    if not blocks:
        return text
    return _RAW_MARK_RE.sub(lambda m: blocks[int(m.group(1))], text)
