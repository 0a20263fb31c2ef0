"""Editors' aids on every page: "Sửa trang này", last change and history from git,
the guide's navigation title and its schema-generated field reference."""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ldkb.render.field_reference import field_reference
from ldkb.render.nav_order import arrange
from ldkb.model.content_diff import describe
from ldkb.model.git_history import Change, History, read_blobs, read_history
from ldkb.text.dates import short_date

from ..shared import get_corpus, project_root, relink
from .config import EditingConfig


def _rel(path: str | Path, root: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()


def _time(change: Change) -> str:
    return f'<time datetime="{change.date.isoformat()}">{short_date(change.date)}</time>'


def _guide_key(item, prefix: str) -> str | None:
    if isinstance(item, Page) and item.file.src_uri.startswith(prefix):
        return item.file.src_uri[len(prefix):]
    return None


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates, kept between preview rebuilds (keys include the source's checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class EditingPlugin(BasePlugin[EditingConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds because on_startup is defined; per-build state is set in on_config.
        self.serving = False
        self.templates = _MemoryBytecodeCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = project_root(config)
        self.docs_rel = _rel(config.docs_dir, self.root)
        self.content_rel = _rel(get_corpus(config).root, self.root)
        self.history = History()
        if self.config.git:
            self.history = read_history(self.root, [self.docs_rel, self.content_rel])
        self.sources: dict[str, str | None] = {}  # page src_uri -> file in the repository
        self.summaries: dict[tuple[str, str], str] = {}  # (file, commit) -> what changed, in words
        self.repo = bool(config.repo_url)
        self.doc_pages: set[str] = set()
        self.guide_url: str | None = None
        return config

    # -- where each page comes from -----------------------------------------------
    @event_priority(-100)  # after every plugin that generates pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        corpus = get_corpus(config)
        section = "van-ban"
        documents = config.plugins.get("ldkb-documents")
        if documents is not None:
            section = documents.config.section
        by_page = {f"{section}/{doc.slug}.md": doc.file for doc in corpus.documents}
        if self.serving:
            by_page.update(self._broken_document_pages(files, config, section))
        self.doc_pages = set(by_page)
        for file in files.documentation_pages():
            uri = file.src_uri
            if file.generated_by is None:
                source = f"{self.docs_rel}/{uri}"
            elif uri in by_page:
                source = by_page[uri]
            else:
                source = next((src for prefix, src in self.config.sources.items() if uri.startswith(prefix)),
                              None)
            self.sources[uri] = source
            if source is not None and file.generated_by is not None:
                # MkDocs joins edit_uri (relative to docs/) with this path, so page.edit_url
                # (and Material's edit button) point at the YAML file itself.
                file.edit_uri = posixpath.relpath(source, self.docs_rel)
        guide = files.get_file_from_path(f"{self.config.guide_dir}/index.md")
        self.guide_url = guide.url if guide is not None else None
        self.summaries = self._summaries(by_page.values())
        return files

    def _summaries(self, sources) -> dict[tuple[str, str], str]:
        """What each listed change of each document changed, from the two versions of its file:
        every blob read in one `git cat-file` call, each pair compared once."""
        if not self.history.available:
            return {}
        pairs: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        for source in set(sources):
            for change in self.history.of(source)[: self.config.history_limit]:
                pair = self.history.blobs.get((source, change.commit))
                if pair is not None:
                    pairs[(source, change.commit)] = pair
        texts = read_blobs(self.root, [b for pair in pairs.values() for b in pair if b])
        out = {}
        for key, (old, new) in pairs.items():
            if (old is None or old in texts) and (new is None or new in texts):
                out[key] = describe(texts.get(old) if old else None, texts.get(new) if new else None)
        return out

    def _broken_document_pages(self, files: Files, config: MkDocsConfig, section: str) -> dict[str, str]:
        """While previewing, a document file that failed to load keeps its page (named after the
        file, as `make new` names it), so the page being previewed shows the errors instead of
        disappearing; the documents plugin puts the error list at the top of every page."""
        corpus = get_corpus(config)
        loaded = {doc.file for doc in corpus.documents}
        broken = {e.file for e in corpus.log.errors}
        out: dict[str, str] = {}
        for path in sorted((Path(corpus.root) / "van-ban").glob("*.y*ml")):
            rel = _rel(path, self.root)
            uri = f"{section}/{path.stem}.md"
            if rel in loaded or rel not in broken or files.get_file_from_path(uri) is not None:
                continue
            title = html.escape(path.stem, quote=True)  # a file name: keep the front matter valid
            text = (f"---\ntitle: \"{title}\"\n---\n\n"
                    f"# Tệp `{rel.replace('`', '')}` đang có lỗi\n\n"
                    "Văn bản này chưa hiển thị được vì tệp của nó đang có lỗi (xem danh sách lỗi ở trên). "
                    "Sửa và lưu tệp: trang sẽ tự tải lại.\n")
            files.append(File.generated(config, uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
            out[uri] = rel
        return out

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Each build makes a new template environment; compiling Material's templates again is
        # a good part of a small build (~0.15 s of 0.8 s for the real corpus) and of every
        # preview rebuild. Reuse the compiled code: in memory while previewing, on disk between
        # builds (jinja keys it by the template's checksum and Python version; writes are atomic).
        # The date of the last content change, for the footer of every page (reader's theme).
        last = self.history.newest_under([self.docs_rel, self.content_rel])
        site = dict(env.globals.get("ldkb_site") or {})
        site.update(updated=short_date(last.date) if last else "", updated_iso=last.date.isoformat() if last else "")
        env.globals["ldkb_site"] = site
        if env.bytecode_cache is None:
            if self.serving:
                env.bytecode_cache = self.templates
            elif self.config.template_cache:
                folder = self.root / self.config.template_cache
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        prefix = self.config.guide_dir + "/"
        order = tuple(self.config.guide_order)

        def walk(items):
            for item in items:
                if isinstance(item, Section):
                    pages = [c for c in item.children if isinstance(c, Page)]
                    if pages and all(p.file.src_uri.startswith(prefix) for p in pages):
                        item.title = self.config.guide_title
                        # Working order, not the alphabet: the file names say nothing to editors.
                        item.children = arrange(item.children, lambda c: _guide_key(c, prefix), order)
                    walk(item.children)

        walk(nav.items)
        relink(nav)
        return nav

    # -- the field reference ------------------------------------------------------------
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        marker = self.config.field_reference_marker
        if marker in markdown:
            markdown = markdown.replace(marker, field_reference(heading_level=2))
        return markdown

    # -- the footer of every page ---------------------------------------------------------
    @event_priority(-100)
    def on_page_content(self, html_: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return html_ + self._footer(page)

    def _footer(self, page: Page) -> str:
        """The page's last change and, on document pages, its history. "Sửa trang này" only with a
        repository address (then it opens the file there); file names only while previewing."""
        uri = page.file.src_uri
        source = self.sources.get(uri)
        bits: list[str] = []
        if source is not None and page.edit_url:
            bits.append(f'<a class="ldkb-edit__link" href="{html.escape(page.edit_url)}" rel="edit">'
                        "Sửa trang này</a>")
        elif self.repo and self.guide_url and not self.serving:
            # Built from many files: the guide says which.
            guide = get_relative_url(self.guide_url, page.url)
            bits.append(f'<a class="ldkb-edit__link" href="{html.escape(guide)}">Sửa trang này</a>')
        if self.serving:
            guide = get_relative_url(self.guide_url, page.url) if self.guide_url else None
            label = f'<a href="{html.escape(guide)}">Sửa trang này</a>' if guide else "Sửa trang này"
            if source is not None:
                what = f"mở tệp <code>{html.escape(source)}</code> trong kho"
            else:
                what = f"trang được tạo tự động từ các tệp trong <code>{html.escape(self.content_rel)}/</code>"
            bits.append(f'<span class="ldkb-edit__file">{label if not page.edit_url else "Tệp nguồn"}: {what}</span>')
        if self.history.available:
            last = self.history.last(source) if source else self.history.last_under(self.content_rel)
            if last is not None:
                bits.append(f'<span class="ldkb-edit__date">Cập nhật lần cuối: {_time(last)}</span>')
            elif self.serving:
                bits.append('<span class="ldkb-edit__date">Chưa lưu vào lịch sử thay đổi (tệp chưa commit)</span>')
        history = self._history(source) if uri in self.doc_pages and self.history.available and source else ""
        if not bits and not history:
            return ""
        out = ['<aside class="ldkb-edit" data-search-exclude data-pagefind-ignore '
               'aria-label="Cập nhật và lịch sử thay đổi của trang">']
        if bits:
            out.append(f'<p class="ldkb-edit__meta">{" · ".join(bits)}</p>')
        if history:
            out.append(history)
        out.append("</aside>")
        return "\n" + "\n".join(out) + "\n"

    def _history(self, source: str) -> str:
        """Per change: its date and what it changed in the document, in words (content_diff)."""
        changes = self.history.of(source)
        if not changes:
            if not self.serving:
                return ""
            return '<p class="ldkb-history ldkb-history--empty">Lịch sử thay đổi: chưa có (tệp chưa commit).</p>'
        shown = changes[: self.config.history_limit]
        items = "".join(
            f"<li>{_time(c)} — {html.escape(self.summaries.get((source, c.commit), 'Cập nhật văn bản.'))}</li>"
            for c in shown
        )
        more = len(changes) - len(shown)
        tail = f"<p>… và {more} thay đổi cũ hơn.</p>" if more > 0 else ""
        return (f'<details class="ldkb-history"><summary>Lịch sử thay đổi ({len(changes)} lần)</summary>'
                f"<ol>{items}</ol>{tail}</details>")

    # -- no third-party requests ----------------------------------------------------------
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Material's repository widget fetches stars and forks from the GitHub/GitLab API;
        # without its component marker it stays a plain link to the repository.
        return output.replace(' data-md-component="source"', "")
