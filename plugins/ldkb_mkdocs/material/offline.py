"""Material's offline plugin and the iframe-worker shim, as the offline copy's build uses them.

Read from Material 9.8.1 (material/plugins/offline/plugin.py): on_config (priority 0) adds a CDN
copy of the `iframe-worker` shim to `extra.polyfills` unless a polyfill whose URL contains
"iframe-worker" is there already. Ours is that polyfill, added before it (priority 50).
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

SHIM_NAME = "iframe-worker"


def use_local_shim(config: MkDocsConfig, uri: str) -> None:
    polyfills = [p for p in config.extra.get("polyfills", []) if SHIM_NAME not in str(p)]
    config.extra["polyfills"] = [*polyfills, uri]
