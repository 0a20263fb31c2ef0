"""MkDocs' own build steps for one page, where the preview and the build cache call or skip them.

Read from MkDocs 1.6.1 (mkdocs/commands/build.py, mkdocs/structure/files.py, pages.py), none of
it documented:

- `build()` runs, per page, `_populate_page(page, config, files, dirty)` (every plugin's page
  events up to on_page_content, with `page.render` in between) then, after on_env,
  `_build_page(page, config, doc_files, nav, env, dirty, excluded)` (on_page_context, the
  template, on_post_page, then writes the page to `page.file.abs_dest_path`), and the static
  templates (404.html, sitemap.xml) with `_build_theme_template(name, env, files, config, nav)`;
  the preview (preview/session.py) runs the same for the pages a save changed;
- `File.abs_dest_path` is a cached property: set on the object, `_build_page` writes there;
- `Page.render` is looked up on the page object when `_populate_page` calls it: set on the
  object, it stands for MkDocs' for that page only (the build cache, for a page whose content
  it puts back).
- `_build_page` writes the page only if what on_post_page returns is not blank (else it logs
  "Page skipped: '<src_uri>'. Generated empty output." at INFO on `mkdocs.commands.build`, and
  writes nothing): the build cache returns `NOT_WRITTEN` for a page it has copied into place
  itself, and hides that line for those pages (`hide_not_written`).

tests/adapters/test_material.py checks these against the installed MkDocs.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


# What a last on_post_page returns for a page it wrote itself: MkDocs then writes nothing.
NOT_WRITTEN = ""


class _NotWritten(logging.Filter):
    def __init__(self, uris: Collection[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.uris)


def hide_not_written(uris: Collection[str]) -> Callable[[], None]:
    """Until the function returned is called, MkDocs' "Page skipped" line is not shown for
    these pages (written by a plugin: `NOT_WRITTEN`)."""
    logger = logging.getLogger("mkdocs.commands.build")
    found = _NotWritten(uris)
    logger.addFilter(found)
    return lambda: logger.removeFilter(found)


def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read the page's Markdown and convert it, through every plugin's page events."""
    _populate_page(page, config, files)


def build_page(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Any) -> None:
    """The page through the theme's template and every plugin's page events, written."""
    _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


def build_static_templates(config: MkDocsConfig, env: Any, files: Files, nav: Navigation) -> None:
    """404.html and the sitemap (into `config.site_dir`), as `build()` makes them."""
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)


@contextmanager
def written_to(file: File, path: Path) -> Iterator[None]:
    """While inside, MkDocs writes the page of `file` to `path` (then back to its own place)."""
    real = file.abs_dest_path
    file.abs_dest_path = str(path)
    try:
        yield
    finally:
        file.abs_dest_path = real


def instead_of_render(page: Page, render: Callable[[MkDocsConfig, Files], None]) -> None:
    """`render(config, files)` is what MkDocs calls to convert this page's Markdown."""
    page.render = render  # type: ignore[method-assign, assignment]


__all__ = ["NOT_WRITTEN", "hide_not_written", "populate_page", "build_page", "build_static_templates", "written_to", "instead_of_render"]
