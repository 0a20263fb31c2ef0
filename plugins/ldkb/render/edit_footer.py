"""The footer of every page for editors: "Sửa trang này", the source file, the last change and,
on document pages, the change history (from one `git log` per build: ldkb.model.git_history).

The MkDocs adapter (ldkb_mkdocs.editing) finds where each page comes from and the URLs; this
module writes the HTML.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from ldkb.model.git_history import Change, History
from ldkb.text.dates import short_date


@dataclass(frozen=True)
class PageSource:
    """Where a page comes from, as the footer tells it."""

    source: str | None  # file in the repository; None for pages made from all documents
    edit_url: str | None  # the host's edit view of `source`, when the repository is configured
    guide_url: str | None  # the editors' guide, relative to the page
    content_dir: str  # the content folder, relative to the repository (`content`)
    is_document: bool  # a document's page: its change history is listed


def _time(change: Change) -> str:
    return f'<time datetime="{change.date.isoformat()}">{short_date(change.date)}</time>'


def edit_footer(page: PageSource, history: History, history_limit: int) -> str:
    source = page.source
    guide = page.guide_url
    bits: list[str] = []
    if source is not None and page.edit_url:
        bits.append(f'<a class="ldkb-edit__link" href="{html.escape(page.edit_url)}" rel="edit">'
                    "Sửa trang này</a>")
    elif source is not None:
        # No repository address configured (mkdocs.yml `repo_url`): name the file to open.
        label = f'<a href="{html.escape(guide)}">Sửa trang này</a>' if guide else "Sửa trang này"
        bits.append(f"{label}: mở tệp <code>{html.escape(source)}</code> trong kho")
    else:
        label = f'<a href="{html.escape(guide)}">Sửa trang này</a>' if guide else "Sửa trang này"
        bits.append(f"{label}: trang được tạo tự động từ các tệp trong "
                    f"<code>{html.escape(page.content_dir)}/</code>")
    if source is not None and page.edit_url:
        bits.append(f'<span class="ldkb-edit__file">Tệp nguồn: <code>{html.escape(source)}</code></span>')
    if history.available:
        last = history.last(source) if source else history.last_under(page.content_dir)
        if last is not None:
            bits.append(f'<span class="ldkb-edit__date">Cập nhật lần cuối: {_time(last)}</span>')
        else:
            bits.append('<span class="ldkb-edit__date">Chưa lưu vào lịch sử thay đổi (tệp chưa commit)</span>')
    out = ['<aside class="ldkb-edit" data-search-exclude data-pagefind-ignore '
           'aria-label="Nguồn và lịch sử thay đổi của trang">',
           f'<p class="ldkb-edit__meta">{" · ".join(bits)}</p>']
    if page.is_document and history.available and source:
        out.append(_history(history, source, history_limit))
    out.append("</aside>")
    return "\n" + "\n".join(out) + "\n"


def _history(history: History, source: str, limit: int) -> str:
    changes = history.of(source)
    if not changes:
        return '<p class="ldkb-history ldkb-history--empty">Lịch sử thay đổi: chưa có (tệp chưa commit).</p>'
    shown = changes[:limit]
    items = "".join(
        f"<li>{_time(c)} — {html.escape(c.message)} <code>{html.escape(c.commit)}</code></li>"
        for c in shown
    )
    more = len(changes) - len(shown)
    tail = f"<p>… và {more} thay đổi cũ hơn.</p>" if more > 0 else ""
    return (f'<details class="ldkb-history"><summary>Lịch sử thay đổi ({len(changes)} lần)</summary>'
            f"<ol>{items}</ol>{tail}</details>")


def broken_document_page(file_stem: str, rel_path: str) -> str:
    """While previewing: the page of a document file that failed to load (named after the file, as
    `make new` names it), so the page being previewed shows the errors instead of disappearing."""
    title = html.escape(file_stem, quote=True)  # a file name: keep the front matter valid
    return (f"---\ntitle: \"{title}\"\n---\n\n"
            f"# Tệp `{rel_path.replace('`', '')}` đang có lỗi\n\n"
            "Văn bản này chưa hiển thị được vì tệp của nó đang có lỗi (xem danh sách lỗi ở trên). "
            "Sửa và lưu tệp: trang sẽ tự tải lại.\n")
