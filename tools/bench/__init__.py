"""Performance and scale benchmark (`make bench`, `python -m tools.bench`).

Plain Python like the rest of the core: it drives MkDocs, WeasyPrint and
Chromium only as subprocesses or through the other helpers' bench functions.
"""
from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
