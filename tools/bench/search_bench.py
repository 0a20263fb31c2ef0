"""Search: the engine the build chose (lunr, shards or Pagefind, setting `engine` of ldkb-search),
what a phone downloads for it, and query latency measured in Chromium on the built site.

lunr: the browser downloads the whole index (search/search_index.json) before the first answer,
so `gzip` is that file compressed. Pagefind: the browser downloads pagefind.js, its WebAssembly
and only the index chunks and result fragments a query needs, so `gzip` is what the query set
actually fetched (Pagefind's files are stored compressed; pagefind.js counted gzip-compressed),
and `bundle_raw`/`bundle_gzip` the whole bundle on disk. Shards (ldkb.search.shards): likewise,
only the manifest, shard and chunk files the queries fetched (each counted gzip-compressed, as
any host serving gzip sends them); the bundle is the `search-shards/` folder.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from tools.bench.browser import chromium, serve_dir
from tools.bench.measure import median

# Words and phrases editors look for, taken from the plan; one symbol, one phrase without marks.
QUERIES = ["năng suất lao động", "công đoàn cơ sở", "phúc lợi", "thi đua", "tranh chấp lao động",
           "117/KH-LĐLĐ", "nang suat lao dong", "người sử dụng lao động"]

# Time from the keystroke to the results being in the page, measured inside the page so that
# Playwright's round trips do not count. Material listens to `keyup` on the search input.
_QUERY_JS = """
async ([q, timeout]) => {
  const input = document.querySelector('input.md-search__input, input[type=search]');
  const box = document.querySelector('.md-search-result') || document.body;
  const done = new Promise(resolve => {
    const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
    obs.observe(box, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(null); }, timeout);
  });
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: q.slice(-1)}));
  const t1 = await done;
  const n = document.querySelectorAll('.md-search-result__item').length;
  return t1 === null ? null : {ms: t1 - t0, items: n};
}
"""

_RESET_JS = """
() => { const i = document.querySelector('input.md-search__input, input[type=search]');
        i.value = ''; i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true})); }
"""


def index_files(site: Path) -> list[Path]:
    """Every file the search ships to the browser (Material's JSON, or a helper's own format)."""
    folder = site / "search"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".json", ".js", ".bin", ".idx"}
                  and "worker" not in p.name and "lunr" not in p.parts)


def engine_of(site: Path) -> str:
    """The engine the built site's search worker uses over http(s)."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return "none"
    config = json.loads(path.read_text(encoding="utf-8")).get("config", {})
    if config.get("ldkb_shards"):
        return "shards"
    return "pagefind" if config.get("ldkb_pagefind") else "lunr"


def _gz(path: Path) -> int:
    data = path.read_bytes()
    # Pagefind's index chunks, fragments and WebAssembly are stored gzip-compressed already.
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


def index_size(site: Path) -> dict:
    files = index_files(site)
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    out = {"engine": engine_of(site), "files": [p.relative_to(site).as_posix() for p in files],
           "raw": raw, "gzip": gz}
    bundle = site / {"pagefind": "pagefind", "shards": "search-shards"}.get(out["engine"], "pagefind")
    if out["engine"] in ("pagefind", "shards") and bundle.is_dir():
        parts = [p for p in bundle.rglob("*") if p.is_file()]
        out.update({"bundle_files": len(parts), "bundle_raw": sum(p.stat().st_size for p in parts),
                    "bundle_gzip": sum(_gz(p) for p in parts), "lunr_index_raw": raw, "lunr_index_gzip": gz})
    return out


def query_latency(site: Path, rounds: int = 3) -> dict:
    """Median latency over `rounds` of every query, after the index has loaded; and the search
    files the page fetched meanwhile (bytes as a gzip-serving host sends them)."""
    times: list[float] = []
    misses = 0
    fetched: dict[str, int] = {}

    def count(request) -> None:
        path = request.url.split("?", 1)[0]
        rel = path[len(url):] if path.startswith(url) else ""
        if rel.startswith(("pagefind/", "search/", "search-shards/")):
            fetched[rel] = _gz(site / rel) if (site / rel).is_file() else 0

    with serve_dir(site) as url, chromium() as browser:
        page = browser.new_page()
        page.on("requestfinished", count)
        page.goto(url, wait_until="load")
        page.click("label.md-search__icon, .md-search__input", timeout=10_000)
        # Warm up: the worker fetches and loads the index first; wait until it answers.
        for _ in range(120):
            r = page.evaluate(_QUERY_JS, [QUERIES[0], 1000])
            if r and r["items"]:
                break
            page.evaluate(_RESET_JS)
            page.wait_for_timeout(500)
        else:
            return {"median_ms": None, "error": "chỉ mục tìm kiếm không trả kết quả"}
        for _ in range(rounds):
            for q in QUERIES:
                page.evaluate(_RESET_JS)
                page.wait_for_timeout(400)
                r = page.evaluate(_QUERY_JS, [q, 5000])
                if r is None:
                    misses += 1
                else:
                    times.append(r["ms"])
    return {"median_ms": median(times), "samples": len(times), "timeouts": misses,
            "fetched": sum(fetched.values()), "fetched_files": len(fetched)}


def search_figures(site: Path) -> dict:
    """Index size; the search engine's own time (the search helper's `measure_site`, worker
    message to result message) and the whole time from keystroke to results in the page (ours)."""
    out = index_size(site)
    print(f"  tìm kiếm: bộ máy {out['engine']}", file=sys.stderr, flush=True)
    try:
        from tools.search_measure import measure_site
    except ImportError:
        measure_site = None
    if measure_site is not None:
        try:
            m = measure_site(site, QUERIES * 2)
            out.update({"engine_ms": m["median_ms"], "engine_p90_ms": m["p90_ms"], "setup_ms": m["setup_ms"]})
        except Exception as exc:  # a timeout on a loaded machine must not lose the other figures
            out["error"] = f"measure_site: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    try:
        out.update(query_latency(site, rounds=2))
        if out["engine"] in ("pagefind", "shards"):
            # What a phone downloads: only what the queries fetched, not the whole bundle.
            out["gzip"] = out["fetched"]
    except Exception as exc:
        out["error"] = (out.get("error", "") + f"; query_latency: {type(exc).__name__}: "
                        f"{str(exc).splitlines()[0][:200]}").lstrip("; ")
    return out
