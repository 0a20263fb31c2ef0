"""Browser checks shared by the phone, accessibility and end-to-end tests.

Page types are the ones a reader meets (issue 7): each maps to one representative URL of
the built site, found from the site itself where the content decides the name.
"""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PLAN = "van-ban/ke-hoach-thuc-hien-chi-thi-07/"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# A query that the plan answers (its subject), typed as a reader would, with accents.
SEARCH_QUERY = "năng suất lao động"


def _first_child_page(site: Path, section: str) -> str | None:
    folder = site / section
    if not folder.is_dir():
        return None
    kids = sorted(p.parent.name for p in folder.glob("*/index.html"))
    return f"{section}/{kids[0]}/" if kids else None


def page_types(site: Path) -> dict[str, str]:
    """{page type: site-relative URL} for every page type present in `site`."""
    found = {
        "trang-chu": "",
        "van-ban": PLAN,
        "danh-muc-van-ban": "van-ban/",
        "don-vi": _first_child_page(site, "don-vi"),
        "phong-trao": _first_child_page(site, "phong-trao"),
        "so-do": "so-do-van-ban/",
        "thuat-ngu": "thuat-ngu/",
        "dong-thoi-gian": "dong-thoi-gian/",
        "ai-lam-gi": "ai-lam-gi/",
        "huong-dan-bien-tap": "huong-dan-bien-tap/",
    }
    return {k: v for k, v in found.items() if v is not None and (site / v / "index.html").is_file()}


def open_search(page, query: str = SEARCH_QUERY) -> None:
    """Open the search box (the search 'page' of the site) and wait for results."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():  # phones: a button opens the box; desktops show the box itself
        button.click()
    settle(page)  # the box slides in; measuring mid-animation sees the theme's transient overflow
    box = page.locator("input.md-search__input")
    box.fill(query)
    # Material searches on keyup; a last non-ASCII letter typed by fill() sends none.
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    settle(page)


def goto_quiet(page, url: str, quiet_ms: float = 150, timeout_ms: float = 15_000) -> None:
    """Open `url` and wait, after its load event, until no request of the page (its search
    worker's included) has been in flight for `quiet_ms`: the page as a reader sees it.

    Playwright's "networkidle" is the same wait with a fixed 500 ms of quiet, which its own docs
    discourage for tests; a page of this site makes its last requests (the search worker's index
    and lunr files, none of which changes the page) within 60 ms of its load event. Whether a
    page makes a request late (after half a second) is checked with "networkidle" by
    test_e2e.py::test_every_page_type_and_search_stay_on_the_site."""
    in_flight: set = set()  # this page's requests (one of the previous page's may end meanwhile)
    last = [time.monotonic()]

    def started(request) -> None:
        in_flight.add(request)
        last[0] = time.monotonic()

    def ended(request) -> None:
        in_flight.discard(request)
        last[0] = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        page.goto(url)
        deadline = time.monotonic() + timeout_ms / 1000
        while in_flight or time.monotonic() - last[0] < quiet_ms / 1000:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: requests still in flight after {timeout_ms:.0f} ms")
            page.wait_for_timeout(20)  # lets Playwright deliver the request events meanwhile
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", ended)
        page.remove_listener("requestfailed", ended)


def settle(page) -> None:
    """Wait until no CSS transition or animation runs (the state a reader looks at)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=10000)


# Interactive elements smaller than 44 × 44 CSS px that a finger must hit. Not counted,
# as WCAG 2.5.5 allows: links inside a sentence (sized by the text line), and elements
# that cannot be tapped at that moment (hidden, transparent, off-screen, no pointer events).
_TAP_TARGETS_JS = """
() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, label[for], summary, [role=button]';
  const vw = window.innerWidth, out = [];
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const all = (block ? block.textContent : '').replace(/\\s+/g, '');
    return all.length > el.textContent.replace(/\\s+/g, '').length;
  };
  for (const el of document.querySelectorAll(sel)) {
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || cs.pointerEvents === 'none') continue;
    let shown = true;
    for (let a = el; a; a = a.parentElement) if (getComputedStyle(a).opacity === '0') { shown = false; break; }
    if (!shown) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= vw) continue;
    if (inSentence(el)) continue;
    if (r.width < 44 || r.height < 44)
      out.push(`${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).trim().replace(/\\s+/g, '.')} `
               + `"${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" `
               + `${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
}
"""


def small_tap_targets(page) -> list[str]:
    return page.evaluate(_TAP_TARGETS_JS)


def page_overflow(page) -> dict:
    """How far the page itself scrolls sideways (0 when only inner scrollers are wide)."""
    return page.evaluate("""() => ({
        scroll: document.scrollingElement.scrollWidth, view: window.innerWidth,
        wide: [...document.querySelectorAll('.md-content *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                           && !e.closest('.md-typeset__scrollwrap, .vb-table-wrap, .vb-graph-scroll, pre, .md-typeset__table, [class*=scroll]'))
              .slice(0, 5).map(e => e.tagName + '.' + e.className)
    })""")


def with_axe(context) -> None:
    """Make axe-core part of every page `context` opens (registered once; a script tag added to
    each page afterwards cost a third of axe's own time: the 550 KB sent and parsed again)."""
    context.add_init_script(path=str(AXE))


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core in the page; returns the violations of the given impacts, readably."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))  # a context without with_axe
    result = page.evaluate("""() => axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}
    }).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))""")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in impacts]


def recording_context(browser, **options):
    """A browser context that records the URL of every request it makes: (context, urls)."""
    context = browser.new_context(**options)
    urls: list[str] = []
    context.on("request", lambda r: urls.append(r.url))
    return context, urls


def foreign(urls, origin: str) -> list[str]:
    """The URLs among `urls` that leave `origin` (data:, blob: and about: stay in the page)."""
    base = urlsplit(origin)
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            out.append(url)
    return out
