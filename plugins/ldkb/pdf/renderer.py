"""WeasyPrint rendering with per-process shared state.

One `FontConfiguration` and one parsed `CSS` object per stylesheet set live for the
whole process (parsing stylesheets and loading faces is a large share of a small
document's time); worker processes of the parallel build each make their own.
"""
from __future__ import annotations

import atexit
import gc
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ldkb.pdf.fonts import find_serif

# Bump when the rendering code changes in a way the inputs' hash cannot see.
RENDERER_VERSION = "1"
# PDF/A-3b for archiving; see docs (Bản in PDF) for the measured cost.
DEFAULT_DOCUMENT_VARIANT = "pdf/a-3b"

LAYOUTS = {
    # layout name -> stylesheets, in cascade order
    "official": ("base.css", "official.css"),
    "handbook": ("base.css", "handbook.css"),
}

# Page sizes of the handbooks: one template, two formats.
# A5 is handed out: body 10.5 pt, tables 9.5 pt, running heads 8.4 pt (0.8rem), nothing below 8.
PAGE_SIZES = {
    "a4": "@page { size: A4; margin: 20mm 18mm 18mm 25mm; } html { font-size: 12pt; }\n",
    "a5": ("@page { size: A5; margin: 14mm 11mm 13mm 14mm; } html { font-size: 10.5pt; }\n"
           "table.grid, table.meta, table.glossary, table.records-table { font-size: 9.5pt; }\n"
           ".vb-head .h-nation { font-size: 9pt; } .vb-head .h-motto { font-size: 9.5pt; }\n"),
}


@cache
def css_text(name: str) -> str:
    return resources.files("ldkb.pdf").joinpath("css", name).read_text(encoding="utf-8")


def stylesheet_texts(layout: str, size: str | None = None) -> list[str]:
    """Every stylesheet of a layout as text: fonts, the layout's files, the page size."""
    texts = [find_serif().font_face_css()] + [css_text(n) for n in LAYOUTS[layout]]
    if size:
        texts.append(PAGE_SIZES[size])
    return texts


@dataclass(frozen=True)
class Job:
    """One PDF to make: everything that decides its bytes is in here (see `key`)."""

    name: str  # file name inside <site>/pdf/
    html: str
    layout: str
    size: str | None = None
    variant: str | None = None
    kind: str = "document"  # document | record | handbook | unit-handbook | report-form (for reports)
    # The reference date (model/today.py, LDKB_TODAY) of the build: part of every key, so no cached PDF
    # outlives the date its "overdue" and "tính đến" were computed from.
    today: str = ""

    def key(self) -> str:
        import weasyprint

        h = hashlib.sha256()
        for part in (RENDERER_VERSION, weasyprint.__version__, find_serif().digest(), self.layout,
                     self.size or "", self.variant or "", self.today, *stylesheet_texts(self.layout, self.size),
                     self.html):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


class Renderer:
    """Renders jobs; keep one per process."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.font_config = FontConfiguration()
        self._css: dict[tuple[Any, ...], list[Any]] = {}
        self._image_cache: dict[str, Any] = {}

    def stylesheets(self, layout: str, size: str | None) -> list[Any]:
        key = (layout, size)
        if key not in self._css:
            from weasyprint import CSS

            self._css[key] = [CSS(string=t, font_config=self.font_config)
                              for t in stylesheet_texts(layout, size)]
        return self._css[key]

    def render(self, job: Job) -> tuple[bytes, int]:
        """The PDF's bytes and its number of pages."""
        from weasyprint import HTML

        options = {"pdf_variant": job.variant} if job.variant else {}
        document = HTML(string=job.html, base_url=".").render(
            font_config=self.font_config, stylesheets=self.stylesheets(job.layout, job.size),
            cache=self._image_cache, **options)
        return document.write_pdf(**options), len(document.pages)


_RENDERER: Renderer | None = None


def process_renderer() -> Renderer:
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = Renderer()
        # Free fonts while the interpreter is intact: FontConfiguration.__del__ fails at shutdown.
        atexit.register(_drop_renderer)
    return _RENDERER


def _drop_renderer() -> None:
    global _RENDERER
    _RENDERER = None
    gc.collect()


def render_job(job: Job) -> tuple[str, bytes, int]:
    """Entry point for worker processes."""
    data, pages = process_renderer().render(job)
    return job.name, data, pages
