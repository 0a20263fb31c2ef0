"""Small HTML fixes for readers: accessibility gaps of the pages' content, and the offline copy's
pages. (Fixes to the theme's own markup live with the theme's other internals:
ldkb_mkdocs.material.markup.)

Plain string work on finished pages (no MkDocs import); each function does one thing and
leaves the page untouched when its pattern is absent, so a theme upgrade cannot break a page.
"""
from __future__ import annotations

import re

# Home-page blocks written between these comments only make sense on the web site
# (the link to download the offline copy, which the copy cannot contain).
_ONLINE_ONLY = re.compile(r"<!-- ldkb:online-only -->.*?<!-- /ldkb:online-only -->", re.S)
OFFLINE_NOTE = (
    '<p class="ldkb-offline-note"><strong>Bạn đang đọc bản ngoại tuyến</strong> của kho văn bản: '
    "đọc, tìm kiếm và mở PDF đều không cần mạng. Bản này không tự cập nhật; "
    "khi có mạng, hãy tải bản mới trên trang web của kho.</p>"
)


# The "¶" permalinks are named by a title, which the theme's content tooltips turn into one
# live tooltip each (22 on the plan's page: a third of its main-thread script time on a phone).
# An aria-label names them just as well for assistive technology, without a tooltip.
_PERMALINK_TITLE = re.compile(r'(<a class="headerlink" href="[^"]*") title=("[^"]*")')


def label_permalinks(html: str) -> str:
    return _PERMALINK_TITLE.sub(r"\1 aria-label=\2", html)


def strip_online_only(html: str, replacement: str = OFFLINE_NOTE) -> str:
    """Replace every online-only block by `replacement` (the offline copy's pages)."""
    return _ONLINE_ONLY.sub(lambda _m: replacement, html)


# Plain Markdown tables (the theme makes them scroll sideways on a phone) in a region that a
# keyboard can reach and scroll (axe: scrollable-region-focusable, serious).
_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.S)
TABLE_REGION_LABEL = "Bảng (cuộn ngang nếu cần)"


def focusable_tables(html: str) -> str:
    """Wrap plain tables in numbered regions (region names must differ on a page)."""
    count = iter(range(1, 10_000))
    return _PLAIN_TABLE.sub(
        lambda m: f'<div class="ldkb-scroll" tabindex="0" role="region" '
                  f'aria-label="{TABLE_REGION_LABEL.replace("Bảng", f"Bảng {next(count)}", 1)}">'
                  f"{m.group(0)}</div>", html)


_RELATIVE_ATTR = re.compile(r'((?:href|src)=")((?:\.\./)+)')


def keep_links_inside_site(html: str, page_dest: str) -> str:
    """Offline copy: fix raw-HTML links written for folder URLs (`van-ban/x/`).

    A page that is `van-ban/x/index.html` online is `van-ban/x.html` offline, one level
    higher, so a hand-written `../../pdf/x.pdf` would climb out of the site. A relative link
    cannot climb more levels than the page is deep; the surplus `../` are dropped.
    Links that MkDocs computed itself never climb that far and are left alone.
    """
    depth = page_dest.count("/")

    def fit(m: re.Match[str]) -> str:
        ups = len(m.group(2)) // 3
        return m.group(1) + "../" * min(ups, depth) if ups > depth else m.group(0)

    return _RELATIVE_ATTR.sub(fit, html)
