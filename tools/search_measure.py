"""Drive and measure the site's search in Chromium: relevance, index size, latency.

Used by the browser tests (tests/whole_site/test_search_browser.py), the engine comparison
(docs-dev/tim-kiem.md, `python -m tools.search_measure compare SITE`) and the benchmark.

For the benchmark helper::

    from tools.search_measure import measure_site
    stats = measure_site(site_dir, ["năng suất", "117", ...])
    # {'engine': 'lunr', 'docs': 50, 'index_raw': 123456, 'index_gzip': 23456,
    #  'setup_ms': 80.1, 'median_ms': 3.2, 'p90_ms': 5.0, 'queries': 40}

`site_dir` is a built site (`mkdocs build`); it is served on 127.0.0.1 for the run.
`index_raw`/`index_gzip` are the bytes of search/search_index.json as stored and
gzip-compressed (level 6, as a web server would send it). `setup_ms` is the time from
page load to the search worker's READY message (lunr builds its index in the browser),
`median_ms`/`p90_ms` the time from the query message to the result message inside the
page (engine time, without rendering), over `queries` after one warm-up query.
Only Chromium at /usr/bin/chromium is used (Debian's package), never a downloaded browser.
No mkdocs import here; Playwright is imported when a function needs it.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import statistics
import threading
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]

# Installed before the page's own scripts: records what the search worker receives and
# returns, with timings, so a test can assert the query the engine actually got.
INIT_SCRIPT = """
(() => {
  const log = window.__ldkbSearch = { ready: null, start: performance.now(), sent: [], results: [], done: null };
  const W = window.Worker;
  if (!W) return;
  const wrap = (w) => {
    const post = w.postMessage.bind(w);
    w.postMessage = (m, o) => {
      if (m && m.type === 2) log.sent.push({ q: m.data, t: performance.now() });
      return o === undefined ? post(m) : post(m, o);
    };
    w.addEventListener("message", (e) => {
      const d = e.data || {};
      if (d.type === 1) log.ready = performance.now();
      if (d.type === 3) {
        const sent = log.sent.length ? log.sent[log.sent.length - 1] : null;
        // Our worker reports the query it searched; stock Material's does not (raw query).
        const q = (d.data && d.data.query) || (sent ? { typed: sent.q, engine: sent.q } : null);
        log.results.push({ query: q, t: performance.now(), ms: sent ? performance.now() - sent.t : null });
        // Runs after Material's own listener has rendered the first results.
        setTimeout(() => { log.done = q; }, 0);
      }
    });
    return w;
  };
  // Material creates its worker with `new Worker(url)`; offline builds replace Worker
  // by the iframe shim later, so patch lazily through a setter too.
  const patch = (Base) => class extends Base { constructor(...a) { super(...a); wrap(this); } };
  let current = patch(W);
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get() { return current; },
    set(v) { current = patch(v); },
  });
})();
"""

# Results in display order, one per result group (page): the group's best link. The page's
# own link counts only when it matched at least as well as its best part (otherwise it is
# just the heading of the group, and the best part is the hit).
HITS_JS = """
() => {
  const out = [], all = [];
  for (const li of document.querySelectorAll(".md-search-result__item")) {
    const items = [...li.querySelectorAll("a.md-search-result__link")].map(a => ({
      href: a.href,
      score: parseFloat(a.querySelector("article").dataset.mdScore || "0"),
      parent: !!a.querySelector(".md-search-result__icon"),
      title: (a.querySelector("h1, h2") || {}).textContent || "",
      part: (a.querySelector(".ldkb-sr-part") || {}).textContent || null,
      doc: (a.querySelector(".ldkb-sr-doc") || {}).textContent || null,
    }));
    let best = null;
    for (const i of items) {
      if (!(i.score > 0)) continue;
      all.push(i);
      if (best === null || i.score > best.score || (i.parent && i.score >= best.score)) best = i;
    }
    if (best) out.push(best);
  }
  return { best: out, all: all };
}
"""


def site_path(href: str, base: str) -> str:
    """`http://h/van-ban/x/?h=a#ii-1` or `file:///…/van-ban/x.html#ii-1` -> `van-ban/x/#ii-1`."""
    parts = urlsplit(href)
    base_path = urlsplit(base).path
    path = unquote(parts.path)
    if path.startswith(base_path):
        path = path[len(base_path):]
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")] + "/"
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def index_size(site: Path) -> tuple[int, int]:
    """Bytes of Material's search index, raw and gzip-compressed."""
    data = (Path(site) / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 (free port); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class SearchPage:
    """Material's search box on one page, driven like a member types."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base = base_url
        page.add_init_script(INIT_SCRIPT)

    def open(self, url: str | None = None, timeout: float = 60_000) -> float:
        """Load the page, focus the search box, wait for the worker; returns setup ms."""
        self.page.goto(url or self.base)
        self.page.click("input.md-search__input")
        self.page.wait_for_function("() => window.__ldkbSearch && window.__ldkbSearch.ready !== null",
                                    timeout=timeout)
        return self.page.evaluate("() => window.__ldkbSearch.ready - window.__ldkbSearch.start")

    def search(self, query: str, timeout: float = 15_000, *, keystrokes: bool = False) -> dict:
        """Put `query` in the box (`keystrokes`: type it key by key, one query per key, as a
        member does; else paste it whole, one query), then press a real key (End) so Material's
        keyup handler runs even when the last character produced no key event (non-ASCII);
        returns what the engine received (`typed`, `engine`), its time (`ms`), the best hit of
        each result page in display order (`hits`) and every matching link in display order
        (`all`). The answer to a whole query is the same either way (tests/whole_site/
        test_search_typing.py checks key-by-key typing itself); pasting is a third faster."""
        box = self.page.locator("input.md-search__input")
        box.fill("")
        self.page.evaluate("() => { window.__ldkbSearch.done = undefined; }")
        if keystrokes:
            box.type(query)
        else:
            box.fill(query)
        box.press("End")
        self.page.wait_for_function(
            "q => { const d = window.__ldkbSearch.done; return d && d.typed === q; }",
            arg=query, timeout=timeout)
        log = self.page.evaluate("() => window.__ldkbSearch.results[window.__ldkbSearch.results.length - 1]")
        found = self.page.evaluate(HITS_JS)
        for h in found["best"] + found["all"]:
            h["path"] = site_path(h["href"], self.base)
        return {"typed": log["query"]["typed"], "engine": log["query"]["engine"], "ms": log["ms"],
                "hits": found["best"], "all": found["all"]}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def measure_site(site: Path | str, queries: list[str], *, browser=None) -> dict:
    """Index size and query latency of the built site's search (see module docstring)."""
    site = Path(site)
    raw, gz = index_size(site)
    import json

    docs = len(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium())
        base = stack.enter_context(serve(site))
        page = browser.new_page()
        try:
            sp = SearchPage(page, base)
            setup = sp.open()
            sp.search("lao động", keystrokes=True)  # warm-up: first query compiles lunr's code paths
            times = [sp.search(q, keystrokes=True)["ms"] for q in queries]
        finally:
            page.close()
    times.sort()
    return {
        "engine": "lunr",
        "docs": docs,
        "index_raw": raw,
        "index_gzip": gz,
        "setup_ms": round(setup, 1),
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(times[min(len(times) - 1, int(0.9 * len(times)))], 2),
        "queries": len(times),
    }


