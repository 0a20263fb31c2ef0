"""Generated pages linked in a background worker, ahead of MkDocs.

Linking a page (ldkb.graph.linking) walks all of its text, and nearly every page is generated (the
documents' pages, the graph's overview pages), its text known once the pages are generated.
Their raw HTML blocks (the bulk of each page, set aside from Python-Markdown:
render_page.cut_raw_html) are linked in a forked process while MkDocs converts the pages; the
graph plugin then links only the little that Python-Markdown made of a page and puts the linked
blocks in. The text nodes of a page are linked one by one, so the page linked in pieces is the
page linked whole. The worker reads the pages from its copy of the build's files: only page
names go to it, and only linked blocks come back.
"""
from __future__ import annotations

from mkdocs.structure.files import Files

from ldkb.graph.linking import Linker
from ldkb.render.raw_blocks import cut_raw_html

from ..background import Background, BackgroundError
from ..material.mkdocs_nav import page_markdown
from ..shared import page_href, unlink_absent

# What the worker links with: set before the fork, read in the worker (its own copy).
_state: tuple[Linker, Files, bool] | None = None


def _link_page(uri: str, slug: str | None) -> tuple[str, list[str], list[str]]:
    assert _state is not None, "set by Prelinked before the worker forks"
    linker, files, abbreviations = _state
    file = files.src_uris[uri]
    # The page's Markdown as MkDocs reads it (front matter off), cut as GeneratedPages cuts it;
    # each block as GeneratedPages.put_back and the graph plugin would treat it in the page.
    markdown = page_markdown(file)
    href = page_href(file, files)
    doc = linker.corpus.by_slug(slug) if slug else None
    blocks: list[str] = []
    missing: list[str] = []
    for block in cut_raw_html(markdown)[1]:
        result = linker.process(unlink_absent(block, files), href, doc, abbreviations)
        blocks.append(result.html)
        missing += result.missing_pages
    return uri, blocks, missing


class Prelinked:
    """The main side of one build: pages asked for in the order MkDocs will convert them, their
    linked blocks taken as each page comes."""

    def __init__(self, linker: Linker, files: Files, abbreviations: bool, pages: dict[str, str | None]):
        global _state
        _state = (linker, files, abbreviations)
        self.pending = set(pages)  # asked for and not yet taken
        self._ready: dict[str, tuple[list[str], list[str]]] = {}
        self._unread = len(pages)  # replies still in the pipe
        self._background = Background()
        self._background.each(_link_page, list(pages.items()))

    def _collect(self):
        self._unread -= 1  # a failure is a reply too
        return self._background.collect()

    def blocks(self, uri: str) -> tuple[list[str], list[str]] | None:
        """The page's linked blocks and the pages its links miss (waiting for the worker if
        needed); None for a page not asked for."""
        if uri not in self.pending:
            return None
        while uri not in self._ready:
            done, blocks, missing = self._collect()
            self._ready[done] = (blocks, missing)
        self.pending.discard(uri)
        return self._ready.pop(uri)

    def close(self) -> None:
        """Read what was asked for and never taken (a reply left in the pipe would block the
        worker), then stop it."""
        try:
            while self._unread:
                try:
                    self._collect()
                except BackgroundError:
                    pass  # a page nobody needs: its failure changes nothing
        finally:
            self.pending.clear()
            self._ready.clear()
            self._background.close()
