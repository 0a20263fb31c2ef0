"""Small HTML fixes for readers: accessibility gaps of the theme, and the offline copy's pages.

Plain string work on finished pages (no MkDocs import); each function does one thing and
leaves the page untouched when its pattern is absent, so a theme upgrade cannot break a page.
"""
from __future__ import annotations

import re

# Material's search overlay is a dialog without a name (axe: aria-dialog-name, serious).
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')
SEARCH_DIALOG_LABEL = "Tìm kiếm trong kho văn bản"

# Home-page blocks written between these comments only make sense on the web site
# (the link to download the offline copy, which the copy cannot contain).
_ONLINE_ONLY = re.compile(r"<!-- ldkb:online-only -->.*?<!-- /ldkb:online-only -->", re.S)
OFFLINE_NOTE = (
    '<p class="ldkb-offline-note"><strong>Bạn đang đọc bản ngoại tuyến</strong> của kho văn bản: '
    "đọc, tìm kiếm và mở PDF đều không cần mạng. Bản này không tự cập nhật; "
    "khi có mạng, hãy tải bản mới trên trang web của kho.</p>"
)


def label_search_dialog(html: str) -> str:
    return _SEARCH_DIALOG.sub(rf'\1 aria-label="{SEARCH_DIALOG_LABEL}"', html, count=1)


def strip_online_only(html: str, replacement: str = OFFLINE_NOTE) -> str:
    """Replace every online-only block by `replacement` (the offline copy's pages)."""
    return _ONLINE_ONLY.sub(lambda _m: replacement, html)
