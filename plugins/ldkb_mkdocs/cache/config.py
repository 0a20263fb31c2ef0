from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ldkb.util.caches import MODEL_CACHE, SITE_CACHE


class CacheConfig(Config):
    # Reuse the previous build's pages whose inputs did not change, in the builds that ask for it
    # with LDKB_SITE_CACHE=1: `ldkb build` (`make build`, CI) does. Not while previewing (it has
    # its own way: ldkb_mkdocs/preview); LDKB_NO_SITE_CACHE=1 turns it off for one build; a
    # clean clone has no cache and builds everything (the reference).
    enabled = c.Type(bool, default=True)
    # Folder of the cache, relative to mkdocs.yml (ignored by git; kept between CI runs).
    cache_dir = c.Type(str, default=SITE_CACHE)
    # The content model kept between builds: each document file's parse and scan (same rules).
    model_dir = c.Type(str, default=MODEL_CACHE)
