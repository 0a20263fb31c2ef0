"""The site's search worker run in Node as the browser loads it (Material's worker stubbed out),
with the rules the plugin writes before it: for tests that compare its functions with Python's."""
from __future__ import annotations

import json
import subprocess
from typing import Any

from conftest import ROOT
from ldkb.text.words import browser_rules

WORKER = ROOT / "plugins/ldkb_mkdocs/search/assets/search-worker.js"

# Reads {worker, rules, glossary?, ...} from stdin and loads the worker; the caller's script then
# uses `input` and `self.LDKB_SEARCH` and writes its answer as JSON.
_LOAD = r"""
const fs = require("fs"), vm = require("vm")
const input = JSON.parse(fs.readFileSync(0, "utf8"))
globalThis.self = globalThis
self.location = { href: "http://127.0.0.1/assets/javascripts/workers/ldkb-search.js", protocol: "http:" }
self.addEventListener = function () {}
self.postMessage = function () {}
self.importScripts = function () {}
self.LDKB_MATERIAL_WORKER = "search.js"
self.LDKB_RULES = input.rules
if (input.glossary !== undefined) self.LDKB_GLOSSARY = input.glossary
vm.runInThisContext(fs.readFileSync(input.worker, "utf8"))
"""


def run_in_worker(script: str, **payload: Any) -> Any:
    """Runs `script` (JavaScript) after loading the worker; `payload` reaches it as `input`."""
    data = {"worker": str(WORKER), "rules": browser_rules(), **payload}
    out = subprocess.run(["node", "-e", _LOAD + script], input=json.dumps(data), capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(out.stdout)
