"""Debian's Chromium through Playwright, and a quiet static server for a built site.

The search measurement already has both; the benchmark reuses them.
"""
from __future__ import annotations

from tools.search_measure import CHROMIUM, CHROMIUM_ARGS, chromium, serve as serve_dir

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "serve_dir"]
