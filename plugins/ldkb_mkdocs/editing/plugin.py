"""Editors' aids on every page: "Sửa trang này", last change and history from git,
the guide's navigation title and its schema-generated field reference."""
from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ldkb.model.folders import DOCUMENTS_DIR, document_page
from ldkb.model.git_history import History, read_blobs, read_history
from ldkb.render.edit_footer import PageSource, broken_document_page, edit_footer
from ldkb.render.field_reference import field_reference
from ldkb.text.dates import short_date
from ldkb.model.content_diff import describe
from ldkb.render.nav_order import arrange
from ldkb.util.caches import MemoryTemplates, cache_dir

from ..material.markup import quiet_repo_widget
from ..material.mkdocs_nav import relink, sections
from ..shared import get_corpus, project_root
from .config import EditingConfig


def _rel(path: str | Path, root: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), root)).as_posix()


def _guide_key(item: object, prefix: str) -> str | None:
    if isinstance(item, Page) and item.file.src_uri.startswith(prefix):
        return item.file.src_uri[len(prefix):]
    return None


class EditingPlugin(BasePlugin[EditingConfig]):
    def __init__(self) -> None:
        # Kept across `serve` rebuilds (on_startup is defined, so MkDocs keeps this object).
        self.serving = False
        self.templates = MemoryTemplates()  # lives across preview rebuilds: keyed by content
        # Per build, set again in on_config / on_files.
        self.root = Path()
        self.docs_rel = ""
        self.content_rel = ""
        self.history = History()
        self.sources: dict[str, str | None] = {}  # page src_uri -> file in the repository
        self.summaries: dict[tuple[str, str], str] = {}  # (file, commit) -> what changed, in words
        self.repo = False  # a repository address is configured: "Sửa trang này" can open the file
        self.doc_pages: set[str] = set()
        self.guide_url: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = project_root(config)
        self.docs_rel = _rel(config.docs_dir, self.root)
        self.content_rel = _rel(get_corpus(config).root, self.root)
        self.history = History()
        if self.config.git:
            self.history = read_history(self.root, [self.docs_rel, self.content_rel])
        self.sources = {}
        self.summaries = {}
        self.repo = bool(config.repo_url)
        self.doc_pages = set()
        self.guide_url = None
        return config

    # -- where each page comes from -----------------------------------------------
    @event_priority(-100)  # after every plugin that generates pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        corpus = get_corpus(config)
        by_page = {f"{document_page(doc.slug)}.md": doc.file for doc in corpus.documents}
        if self.serving:
            by_page.update(self._broken_document_pages(files, config))
        self.doc_pages = set(by_page)
        for file in files.documentation_pages():
            uri = file.src_uri
            source: str | None
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

    def _summaries(self, sources: Iterable[str]) -> dict[tuple[str, str], str]:
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

    def _broken_document_pages(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """While previewing, a document file that failed to load keeps its page, which shows the
        errors (the documents plugin puts the error list at the top of every page)."""
        corpus = get_corpus(config)
        loaded = {doc.file for doc in corpus.documents}
        broken = {e.file for e in corpus.log.errors}
        out: dict[str, str] = {}
        for path in sorted((Path(corpus.root) / DOCUMENTS_DIR).glob("*.y*ml")):
            rel = _rel(path, self.root)
            uri = f"{document_page(path.stem)}.md"
            if rel in loaded or rel not in broken or files.get_file_from_path(uri) is not None:
                continue
            files.append(File.generated(config, uri, content=broken_document_page(path.stem, rel),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            out[uri] = rel
        return out

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Each build makes a new template environment; compiling Material's templates again is
        # a good part of a small build (~0.15 s of 0.8 s for the real corpus) and of every
        # preview rebuild. Reuse the compiled code: in memory while previewing, on disk between
        # builds (jinja keys it by the template's checksum and Python version; writes are atomic).
        # The date of the last content change, for the footer of every page (reader's theme).
        last = self.history.newest_under([self.docs_rel, self.content_rel])
        known = env.globals.get("ldkb_site")
        site: dict[str, Any] = dict(known) if isinstance(known, dict) else {}
        site.update(updated=short_date(last.date) if last else "", updated_iso=last.date.isoformat() if last else "")
        env.globals["ldkb_site"] = site
        if env.bytecode_cache is None:
            if self.serving:
                env.bytecode_cache = self.templates
            elif self.config.template_cache:
                folder = cache_dir(self.root, self.config.template_cache)
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        prefix = self.config.guide_dir + "/"
        order = tuple(self.config.guide_order)
        for sec in sections(nav.items):
            pages = [c for c in sec.children if isinstance(c, Page)]
            if pages and all(p.file.src_uri.startswith(prefix) for p in pages):
                sec.title = self.config.guide_title
                # Working order, not the alphabet: the file names say nothing to editors.
                sec.children = arrange(sec.children, lambda c: _guide_key(c, prefix), order)
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
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        source = PageSource(
            source=self.sources.get(uri), edit_url=page.edit_url,
            guide_url=get_relative_url(self.guide_url, page.url) if self.guide_url else None,
            content_dir=self.content_rel, is_document=uri in self.doc_pages,
            repository=self.repo, preview=self.serving)
        return html + edit_footer(source, self.history, self.config.history_limit, self.summaries)

    # -- no third-party requests ----------------------------------------------------------
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return quiet_repo_widget(output)
