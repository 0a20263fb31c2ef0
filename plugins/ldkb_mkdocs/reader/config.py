"""Options of `ldkb-reader` (mkdocs.yml)."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ReaderConfig(Config):
    offline: bool = c.Type(bool, default=False)
    """True only for the offline copy's build (`ldkb.export.offline_zip` sets LDKB_OFFLINE=true):
    file-based URLs, a local Web Worker shim, no link to the download itself."""
