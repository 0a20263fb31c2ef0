"""Every cache that outlives one build, in one place. Each is keyed by content, never by time, so
a stale entry is never used: a changed input has a new key.

- PDFs, on disk in `.cache/pdf/` (`PDF_CACHE`): named by the hash of everything that decides
  their bytes (ldkb.pdf.cache, ldkb.pdf.renderer's Job.key).
- Word files, on disk in `.cache/docx/` (`DOCX_CACHE`): named by the hash of the document, the
  collection facts it shows and the exporter's own code (ldkb.export.docx_build.cache_key).
- Compiled theme templates, on disk in `.cache/jinja/` (`TEMPLATE_CACHE`, setting
  `template_cache` of ldkb-editing) between builds, in memory (`MemoryTemplates`) between the
  rebuilds of a preview: jinja keys them by the template's name and source checksum.
- Site pages, on disk in `.cache/site/` (`SITE_CACHE`, plugin ldkb-cache, asked for by `ldkb
  build`): a generated page's content keyed by what the content model says it shows
  (ldkb.render.dependencies), a whole page by its content, metadata and menu, each page's part of
  the search index, a family's list of pages and each file written beside the pages (calendars,
  report forms, open data: ldkb.export.reuse) by the inputs of the page that decides it (the
  reference date is one of those inputs); one folder per environment (offline copy apart), committed only by a build
  without warnings (ldkb.util.keyed_store).
- The content model, on disk in `.cache/model/` (`MODEL_CACHE`, same plugin): each document file's
  parse and the graph's scan of its texts, keyed by the file's bytes and the code that reads it
  (ldkb.graph.stored_model).
- Per process only, rebuilt as needed: folding tables in ldkb.search.keys (keyed by the text).

Per-build state (the content model, the graph, the pages of one build) is not cached: each build
makes it anew (the plugins reset theirs in on_config).

The reference date of the build (ldkb.model.today: LDKB_TODAY, else the build date) is part of the PDF
and Word keys: what is overdue, and every "tính đến" date, is computed from it (issue 16). A new cache
must put it in its key too.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

CACHE_ROOT = ".cache"
PDF_CACHE = f"{CACHE_ROOT}/pdf"
DOCX_CACHE = f"{CACHE_ROOT}/docx"
TEMPLATE_CACHE = f"{CACHE_ROOT}/jinja"
SITE_CACHE = f"{CACHE_ROOT}/site"
MODEL_CACHE = f"{CACHE_ROOT}/model"


def cache_dir(project: Path, name: str) -> Path:
    """A cache folder of the project (`name`: PDF_CACHE, TEMPLATE_CACHE)."""
    return project / name


class MemoryTemplates(BytecodeCache):
    """Compiled theme templates kept in memory between preview rebuilds (keys include the
    template source's checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
