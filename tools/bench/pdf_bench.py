"""PDF figures, from the PDF builder's own bench functions (`tools.pdf_bench.figures`)."""
from __future__ import annotations

import os
from pathlib import Path


def pdf_figures(project: Path, work: Path) -> dict:
    """Renderer vs plain WeasyPrint on the same HTML, parallel speed-up, no-change rebuild,
    on the project's content (the real corpus in `make bench`)."""
    try:
        from tools.pdf_bench import figures
    except ImportError:
        return {"error": "chưa có hàm đo của phần PDF (`tools.pdf_bench.figures`)"}
    return figures(project / "content", workers=os.cpu_count() or 2)
