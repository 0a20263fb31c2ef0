"""The one content model of a build, shared by every plugin of that build, and what the
plugins that generate pages do alike to them.

The documents plugin loads the model in `on_config` and keeps it; other plugins find that plugin
in `config.plugins` (`get_corpus`) instead of parsing the content again.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from collections.abc import Callable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ldkb.export.reuse import Made
from ldkb.model.corpus import Corpus
from ldkb.graph.linking import Href, resolve_links
from ldkb.render.markup import unlink_folders
from ldkb.render.raw_blocks import cut_raw_html, splice_raw_html

log = get_plugin_logger(__name__)

# The plugin that loads the content model, by its name in mkdocs.yml.
DOCUMENTS_PLUGIN = "ldkb-documents"


def get_corpus(config: MkDocsConfig) -> Corpus:
    """This build's content model, from the documents plugin (loaded in its on_config, which
    runs before the other plugins' with priority 100)."""
    corpus: Corpus | None = getattr(config.plugins.get(DOCUMENTS_PLUGIN), "corpus", None)
    if corpus is None:
        raise PluginError(
            "Plugin `ldkb-documents` phải đứng trước các plugin khác của kho trong mục `plugins` "
            "của mkdocs.yml (nó nạp nội dung cho các plugin còn lại)."
        )
    return corpus


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def put_generated(files: Files, config: MkDocsConfig, uri: str, text: str,
                  inclusion: InclusionLevel = InclusionLevel.INCLUDED) -> None:
    """Add a generated file, replacing any file with the same path (MkDocs refuses duplicates)."""
    old = files.get_file_from_path(uri)
    if old is not None:
        files.remove(old)
    files.append(File.generated(config, uri, content=text, inclusion=inclusion))


def page_href(file: File, files: Files) -> Href:
    """Where an `ldkb:` placeholder (`van-ban/117-kh-ldld`, `don-vi`) leads from the page of
    `file`: a relative URL, None when the site has no such page."""
    urls: dict[str, str | None] = {}  # a page links to the same few pages many times
    by_uri = files.src_uris  # our paths are POSIX already: no get_file_from_path normalising

    def href(path: str, anchor: str | None) -> str | None:
        if path not in urls:
            target = by_uri.get(f"{path}.md") or by_uri.get(f"{path}/index.md")
            urls[path] = None if target is None else target.url_relative_to(file)
        url = urls[path]
        if url is None:
            return None
        return url + (f"#{anchor}" if anchor else "")

    return href


def unlink_absent(page_html: str, files: Files) -> str:
    """`ldkb:` links into a folder the site has no pages in, as text (render_page.unlink_folders)."""
    by_uri = files.src_uris
    return unlink_folders(page_html, lambda folder: f"{folder}/index.md" not in by_uri)


def warn_missing(uri: str, missing: list[str]) -> None:
    """A strict build fails on these (a generated link to a page the site does not have)."""
    for target in missing:
        log.warning(f"{uri}: liên kết nội bộ đến trang `{target}` không tồn tại.")


class GeneratedPages:
    """The pages one plugin generates, handled alike by every such plugin:

    - their top-level raw HTML skips Python-Markdown, which would parse it tag by tag only to
      pass it through (speed): set aside in on_page_markdown, put back in on_page_content;
    - their `ldkb:` placeholders become relative URLs there too, so the pages are right whatever
      other plugins the site uses. Links into a folder the site has no pages in (unit pages
      without the graph plugin) become text; any other missing page is a warning;
    - each keeps what makes its Markdown from a content model, so that one page can be made
      again (the preview, after a save). A *family* makes several pages in one go (a unit's page
      and its pages by year): which pages it has depends on the content too.
    """

    def __init__(self) -> None:
        self.uris: set[str] = set()
        self.raw: dict[str, list[str]] = {}
        self.makers: dict[str, Callable[[Corpus], str]] = {}
        self.family_of: dict[str, Family] = {}
        self.not_in_nav: set[str] = set()

    def reset(self, makers: Mapping[str, Callable[[Corpus], str] | Family], corpus: Corpus,
              not_in_nav: set[str] | frozenset[str] = frozenset(), listed: FamilyLister | None = None) -> None:
        """In on_files: this build's pages (a `serve` rebuild starts afresh), in order: a page and
        what makes it, or a family's name and the family (its pages for `corpus` take its place).
        `listed` (the build cache: `set_family_lister`) may name a family's pages as the previous
        build had them, without making them."""
        self.makers, self.family_of = {}, {}
        for key, maker in makers.items():
            if isinstance(maker, Family):
                uris = (listed(maker, partial(_uris, maker, corpus))
                        if listed is not None and maker.decided_by is not None else maker.pages(corpus))
                for uri in uris:
                    self.makers[uri] = partial(maker.page, uri)
                    self.family_of[uri] = maker
            else:
                self.makers[key] = maker
        self.uris = set(self.makers)
        self.not_in_nav = set(not_in_nav)
        self.raw = {}

    def make(self, uri: str, corpus: Corpus) -> str:
        return self.makers[uri](corpus)

    def refresh(self, family: Family, corpus: Corpus) -> None:
        """A family's pages for `corpus` (the preview, after a save): pages it no longer has
        out, new ones in, right after the family's others."""
        old = [u for u in self.makers if self.family_of.get(u) is family]
        new = list(family.pages(corpus))
        if old == new:
            return
        items = list(self.makers.items())
        at = next(i for i, (u, _) in enumerate(items) if u in old) if old else len(items)
        items = [(u, m) for u, m in items if u not in old]
        items[at:at] = [(u, partial(family.page, u)) for u in new]
        self.makers = dict(items)
        for u in old:
            del self.family_of[u]
        for u in new:
            self.family_of[u] = family
        self.uris = set(self.makers)

    def put_all(self, files: Files, config: MkDocsConfig, corpus: Corpus) -> None:
        """Every page made and added to the build's files (a page the build reuses from the
        previous one, `set_reuse`, is not made: it gets the Markdown the reuser gives)."""
        reuse = getattr(config, _REUSE, None)
        for uri in self.makers:
            text = reuse(uri) if reuse is not None else None
            put_generated(files, config, uri, self.make(uri, corpus) if text is None else text, self.inclusion(uri))

    def inclusion(self, uri: str) -> InclusionLevel:
        return InclusionLevel.NOT_IN_NAV if uri in self.not_in_nav else InclusionLevel.INCLUDED

    def set_aside(self, markdown: str, page: Page) -> str:
        if page.file.src_uri not in self.uris:
            return markdown
        markdown, self.raw[page.file.src_uri] = cut_raw_html(markdown)
        return markdown

    def put_back(self, html: str, page: Page, files: Files) -> str:
        uri = page.file.src_uri
        if uri not in self.uris:
            return html
        blocks = self.raw.pop(uri, None)
        if blocks:
            page.markdown = splice_raw_html(page.markdown or "", blocks)
            html = splice_raw_html(html, blocks)
        result = resolve_links(unlink_absent(html, files), page_href(page.file, files))
        warn_missing(uri, result.missing_pages)
        return result.html


class Family:
    """Pages made in one go from a content model (`make(corpus)` -> {page: Markdown}); made once
    per model however many of its pages are asked for. A page that appears later (the preview,
    after a save) is not in the menu: such pages are further pages reached from the first one.
    `decided_by`: a page whose inputs (ldkb.render.dependencies) decide which pages the family
    has and cover what each of them shows (the build cache lists the pages without making them
    while those inputs are the same); None: the pages are always made to be listed."""

    def __init__(self, name: str, make: Callable[[Corpus], Mapping[str, str]], decided_by: str | None = None) -> None:
        self.name = name
        self._make = make
        self.decided_by = decided_by
        self._last: tuple[Corpus, Mapping[str, str]] | None = None

    def pages(self, corpus: Corpus) -> Mapping[str, str]:
        if self._last is None or self._last[0] is not corpus:
            self._last = (corpus, self._make(corpus))
        return self._last[1]

    def page(self, uri: str, corpus: Corpus) -> str:
        return self.pages(corpus)[uri]


def _uris(family: Family, corpus: Corpus) -> list[str]:
    return list(family.pages(corpus))


# listed(family, make) -> the family's pages (from an earlier build, or `make()`)
FamilyLister = Callable[[Family, Callable[[], list[str]]], list[str]]
_FAMILIES = "_ldkb_family_lister"


def set_family_lister(config: MkDocsConfig, listed: FamilyLister | None) -> None:
    """For this build, how a family's pages are listed (`GeneratedPages.reset`): by the build cache
    from the previous build while the family's inputs are the same; None: by making them."""
    setattr(config, _FAMILIES, listed)


def family_lister(config: MkDocsConfig) -> FamilyLister | None:
    listed: FamilyLister | None = getattr(config, _FAMILIES, None)
    return listed


_REUSE = "_ldkb_reuse"


def set_reuse(config: MkDocsConfig, reuse: Callable[[str], str | None] | None) -> None:
    """For this build, `reuse(uri)` gives the Markdown to use instead of making a generated page
    (the page's content is reused from the previous build: ldkb-cache), or None to make it."""
    setattr(config, _REUSE, reuse)


_FILES = "_ldkb_file_reuse"


def set_file_reuse(config: MkDocsConfig, made: Made | None) -> None:
    """For this build, how files written beside the pages (task files, open data:
    export/reuse.py `Made`) get their bytes: from the previous build when the page that decides them did not
    change (ldkb-cache); None: every file is made."""
    setattr(config, _FILES, made)


def file_reuse(config: MkDocsConfig) -> Made | None:
    made: Made | None = getattr(config, _FILES, None)
    return made


_READER = "_ldkb_document_reader"


def set_document_reader(config: MkDocsConfig, reader) -> None:
    """For this build, how the documents plugin reads each document file (model/corpus.py
    DocumentReader): the stored model of ldkb-cache; None: parse every file."""
    setattr(config, _READER, reader)


def document_reader(config: MkDocsConfig):
    return getattr(config, _READER, None)
