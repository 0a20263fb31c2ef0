"""PDF figures, from the PDF builder's own bench functions (`ldkb.pdf.bench`)."""
from __future__ import annotations

from pathlib import Path


def pdf_figures(project: Path, work: Path) -> dict:
    try:
        from ..pdf import bench as pdf_bench  # noqa: F401
    except ImportError:
        return {"error": "chưa có hàm đo của phần PDF (`ldkb.pdf.bench`)"}
    return {"error": "chưa nối với `ldkb.pdf.bench`"}
