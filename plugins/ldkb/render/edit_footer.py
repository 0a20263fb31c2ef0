"""The footer of every page for editors: "Sửa trang này", the source file, the last change and,
on document pages, the change history (from one `git log` per build: ldkb.model.git_history).

The MkDocs adapter (ldkb_mkdocs.editing) finds where each page comes from and the URLs; this
module writes the HTML.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
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
    repository: bool = False  # a repository address is configured
    preview: bool = False  # `make serve`: file names and commands are for the editor at hand


def _time(change: Change) -> str:
    return f'<time datetime="{change.date.isoformat()}">{short_date(change.date)}</time>'


def edit_footer(page: PageSource, history: History, history_limit: int,
                summaries: Mapping[tuple[str, str], str] | None = None) -> str:
    """The page's last change and, on document pages, its history. "Sửa trang này" only with a
    repository address (then it opens the file there); file names only while previewing."""
    source = page.source
    bits: list[str] = []
    if source is not None and page.edit_url:
        bits.append(f'<a class="ldkb-edit__link" href="{html.escape(page.edit_url)}" rel="edit">'
                    "Sửa trang này</a>")
    elif page.repository and page.guide_url and not page.preview:
        # Built from many files: the guide says which.
        bits.append(f'<a class="ldkb-edit__link" href="{html.escape(page.guide_url)}">Sửa trang này</a>')
    if page.preview:
        guide = page.guide_url
        label = f'<a href="{html.escape(guide)}">Sửa trang này</a>' if guide else "Sửa trang này"
        if source is not None:
            what = f"mở tệp <code>{html.escape(source)}</code> trong kho"
        else:
            what = f"trang được tạo tự động từ các tệp trong <code>{html.escape(page.content_dir)}/</code>"
        bits.append(f'<span class="ldkb-edit__file">{label if not page.edit_url else "Tệp nguồn"}: {what}</span>')
    if history.available:
        last = history.last(source) if source else history.last_under(page.content_dir)
        if last is not None:
            bits.append(f'<span class="ldkb-edit__date">Trang này cập nhật lần cuối: {_time(last)}</span>')
        elif page.preview:
            bits.append('<span class="ldkb-edit__date">Chưa lưu vào lịch sử thay đổi (tệp chưa commit)</span>')
    listed = ""
    if page.is_document and history.available and source:
        listed = _history(history, source, history_limit, summaries or {}, page.preview)
    if not bits and not listed:
        return ""
    out = ['<aside class="ldkb-edit" data-search-exclude data-pagefind-ignore '
           'aria-label="Cập nhật và lịch sử thay đổi của trang">']
    if bits:
        out.append(f'<p class="ldkb-edit__meta">{" · ".join(bits)}</p>')
    if listed:
        out.append(listed)
    out.append("</aside>")
    return "\n" + "\n".join(out) + "\n"


def _history(history: History, source: str, limit: int, summaries: Mapping[tuple[str, str], str],
             preview: bool) -> str:
    """Per change: its date and what it changed in the document, in words (model.content_diff)."""
    changes = history.of(source)
    if not changes:
        if not preview:
            return ""
        return '<p class="ldkb-history ldkb-history--empty">Lịch sử thay đổi: chưa có (tệp chưa commit).</p>'
    shown = changes[:limit]
    items = "".join(
        f"<li>{_time(c)} — {html.escape(summaries.get((source, c.commit), 'Cập nhật văn bản.'))}</li>"
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
