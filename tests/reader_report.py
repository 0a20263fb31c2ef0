"""Figures for docs-dev/hieu-nang.md: axe-core per page type and Lighthouse (mobile) on two pages.

    .venv/bin/python -m ldkb build && .venv/bin/python tests/reader_report.py site

Prints Markdown tables; the tests (test_a11y.py, test_lighthouse.py) enforce the bars.
"""
from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from pagechecks import AXE, PHONE, PLAN, ROOT, open_search, page_types  # noqa: E402
from staticserver import serve  # noqa: E402

_AXE_ALL = """() => axe.run(document, {runOnly: {type: 'tag', values:
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
    .then(r => r.violations.map(v => [v.id, v.impact, v.nodes.length]))"""


def axe_table(site: Path, base: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    rows = ["| Loại trang | Địa chỉ | Nghiêm trọng/nặng | Vừa | Nhẹ |", "|---|---|---|---|---|"]
    targets = dict(page_types(site))
    targets["tim-kiem"] = ""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for kind, url in targets.items():
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            if kind == "tim-kiem":
                open_search(page)
            page.add_script_tag(path=str(AXE))
            count = collections.Counter()
            for _rule, impact, _nodes in page.evaluate(_AXE_ALL):
                count[impact] += 1
            rows.append(f"| {kind} | `/{url}` | {count['serious'] + count['critical']} | {count['moderate']} | {count['minor']} |")
            context.close()
        browser.close()
    return rows


def lighthouse_table(base: str, multiplier: str | None) -> list[str]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    if multiplier:
        env["LH_CPU_MULTIPLIER"] = multiplier
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(["node", str(ROOT / "tests" / "lighthouse_run.mjs"), base, out, "", PLAN],
                              env=env, capture_output=True, text=True, check=True)
    rows = ["| Trang | Hiệu năng | Hỗ trợ tiếp cận | Thực hành tốt | SEO | Dung lượng tải (nén) | Số yêu cầu | FCP | LCP | TBT | CLS | CPU chậm × |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for line in proc.stdout.strip().splitlines():
        r = json.loads(line)
        s = {k: round(v * 100) for k, v in r["scores"].items()}
        m = r["metrics"]
        rows.append(f"| `/{r['path']}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
                    f"| {r['bytes'] / 1024:.0f} KiB | {r['requests']} | {m['first-contentful-paint']} "
                    f"| {m['largest-contentful-paint']} | {m['total-blocking-time']} | {m['cumulative-layout-shift']} "
                    f"| {r['throttling']['cpuSlowdownMultiplier']} (BenchmarkIndex {r['benchmarkIndex']:.0f}) |")
    return rows


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    base, server = serve(site)
    try:
        print("\n".join(axe_table(site, base)), end="\n\n")
        print("\n".join(lighthouse_table(base, None)), end="\n\n")
        print("\n".join(lighthouse_table(base, "4")))
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
