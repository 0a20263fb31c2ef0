"""Compare search engines on our query set: stock Material (lunr), ours (lunr with Vietnamese
preprocessing and query folding), and Pagefind (`pagefind-bin` wheel). Results feed docs-dev/tim-kiem.md.

    python -m tools.search_compare [--synthetic 2000] [--json out.json]

Every figure is measured in Debian's Chromium on a built site served on 127.0.0.1:
relevance on tests/search_queries.yml (same rules as the browser tests), index size
(raw and gzip) and bytes the browser fetched, setup time and median query time.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from tools.search_measure import SearchPage, chromium, nfd, serve, site_path
from ldkb.text.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILE = ROOT / "tests" / "search_queries.yml"

# Pagefind: the search, then the data of the first ten results (what its UI shows).
PAGEFIND_JS = """
async (q) => {
  const t0 = performance.now();
  const search = await window.__pf.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const ms = performance.now() - t0;
  return { ms, results: data.map(d => ({ url: d.url,
    subs: (d.sub_results || []).map(s => ({ url: s.url, n: (s.locations || []).length })) })) };
}
"""
FETCHED_JS = """
(part) => performance.getEntriesByType("resource").filter(e => e.name.includes(part))
  .reduce((n, e) => n + (e.encodedBodySize || e.transferSize || 0), 0)
"""


def load_queries() -> tuple[str, list[dict]]:
    spec = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
    return spec["plan"], spec["queries"]


def build(project: Path, out: Path, *, ldkb_search: bool = True) -> Path:
    """`mkdocs build` of `project` (optionally without our search plugin) into `out`."""
    cfg = project / "mkdocs.yml"
    work = project
    if not ldkb_search:
        work = Path(tempfile.mkdtemp(prefix="stock-", dir=out.parent))
        for item in project.iterdir():
            if item.name in {"site", ".git", ".venv", "node_modules"}:
                continue
            (work / item.name).symlink_to(item.resolve())
        (work / "mkdocs.yml").unlink()
        text = cfg.read_text(encoding="utf-8")
        (work / "mkdocs.yml").write_text(
            "\n".join(line for line in text.splitlines() if line.strip() != "- ldkb-search") + "\n",
            encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
                       cwd=work, env=env, capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        raise RuntimeError(r.stdout + r.stderr)
    return out


def pagefind_index(site: Path) -> Path:
    r = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(site),
                        "--root-selector", "article.md-content__inner", "--silent"],
                       capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        raise RuntimeError(r.stdout + r.stderr)
    return site / "pagefind"


def sizes(files: list[Path]) -> dict:
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return {"raw": raw, "gzip": gz}


def judge(entry: dict, best: list[str], every: list[str], plan: str) -> bool:
    want = plan + entry["expect"] if entry["expect"].startswith("#") else entry["expect"]
    if "#" not in want:
        # A page is expected: any part of it counts (Pagefind always answers with a part).
        best = [p.split("#")[0] for p in best]
        every = [p.split("#")[0] for p in every]
    if entry.get("anywhere"):
        return want in every
    if entry.get("above"):
        other = plan + entry["above"]
        return want in every and (other not in every or every.index(want) < every.index(other))
    if entry.get("first"):
        return best[:1] == [want]
    return want in best[:3]


def score(runs: dict[str, tuple[list, list]], queries: list[dict], plan: str) -> dict:
    """Relevance: share of the set passed, and of accented queries whose plain form has the
    same first result."""
    passed = sum(judge(e, *runs[key(e)], plan) for e in queries)
    accented = [e for e in queries if not e.get("exact") and fold(e["q"]) != e["q"].lower()]
    same = sum(bool(runs[key(e)][0]) and runs[key(e)][0][:1] == runs["plain:" + e["q"]][0][:1]
               for e in accented)
    failed = [e["q"] for e in queries if not judge(e, *runs[key(e)], plan)]
    return {"passed": passed, "total": len(queries), "same_first": same, "accented": len(accented),
            "failed": failed}


def key(entry: dict) -> str:
    return ("nfd:" if entry.get("nfd") else "") + entry["q"]


def typed(entry: dict) -> str:
    return nfd(entry["q"]) if entry.get("nfd") else entry["q"]


def run_material(browser, site: Path, queries: list[dict] | None, latency_queries: list[str]) -> dict:
    """Stock or ours: both drive Material's search box."""
    out: dict = {"index": sizes([site / "search" / "search_index.json"])}
    with serve(site) as base:
        page = browser.new_page()
        try:
            sp = SearchPage(page, base)
            out["setup_ms"] = round(sp.open(timeout=300_000), 1)
            runs = {}
            for entry in queries or []:
                r = sp.search(typed(entry))
                runs[key(entry)] = ([h["path"] for h in r["hits"]], [h["path"] for h in r["all"]])
                if not entry.get("exact") and fold(entry["q"]) != entry["q"].lower():
                    r = sp.search(fold(entry["q"]))
                    runs["plain:" + entry["q"]] = ([h["path"] for h in r["hits"]], [])
            times = sorted(sp.search(q)["ms"] for q in latency_queries)
            out["median_ms"] = round(statistics.median(times), 2)
            out["fetched"] = page.evaluate(FETCHED_JS, "search_index")
            out["runs"] = runs
        finally:
            page.close()
    return out


def _pagefind_hits(results: list[dict], base: str) -> tuple[list[str], list[str]]:
    best, every = [], []
    for res in results:
        subs = sorted(res["subs"], key=lambda s: -s["n"]) or [{"url": res["url"], "n": 0}]
        paths = [site_path(base.rstrip("/") + s["url"], base) for s in subs]
        best.append(paths[0])
        every += paths
    return best, every


def run_pagefind(browser, site: Path, queries: list[dict] | None, latency_queries: list[str]) -> dict:
    folder = pagefind_index(site)
    out: dict = {"index": sizes([p for p in folder.rglob("*") if p.is_file()])}
    with serve(site) as base:
        page = browser.new_page()
        try:
            page.goto(base)
            # The default buffer keeps 250 entries: too few to count every fetched fragment.
            page.evaluate("() => performance.setResourceTimingBufferSize(1000000)")
            out["setup_ms"] = round(page.evaluate(
                "async (u) => { const t = performance.now(); window.__pf = await import(u);"
                " await window.__pf.init(); return performance.now() - t; }", base + "pagefind/pagefind.js"), 1)
            runs = {}
            for entry in queries or []:
                r = page.evaluate(PAGEFIND_JS, typed(entry))
                runs[key(entry)] = _pagefind_hits(r["results"], base)
                if not entry.get("exact") and fold(entry["q"]) != entry["q"].lower():
                    r = page.evaluate(PAGEFIND_JS, fold(entry["q"]))
                    runs["plain:" + entry["q"]] = (_pagefind_hits(r["results"], base)[0], [])
            page.evaluate(PAGEFIND_JS, "lao động")  # warm-up
            times = sorted(page.evaluate(PAGEFIND_JS, q)["ms"] for q in latency_queries)
            out["median_ms"] = round(statistics.median(times), 2)
            out["fetched"] = page.evaluate(FETCHED_JS, "/pagefind/")
            out["runs"] = runs
        finally:
            page.close()
    return out


def compare(work: Path, synthetic: int = 0) -> dict:
    plan, queries = load_queries()
    latency = [typed(e) for e in queries]
    report: dict = {"queries": len(queries)}
    with chromium() as browser:
        ours = build(ROOT, work / "ours")
        stock = build(ROOT, work / "stock", ldkb_search=False)
        pf_site = work / "pagefind"
        shutil.copytree(stock, pf_site)
        for name, site, runner in (("stock", stock, run_material), ("ours", ours, run_material),
                                   ("pagefind", pf_site, run_pagefind)):
            res = runner(browser, site, queries, latency)
            res["relevance"] = score(res.pop("runs"), queries, plan)
            report[name] = res
            print(name, json.dumps(res, ensure_ascii=False), file=sys.stderr, flush=True)
        if synthetic:
            from tools.bench.project import make_project

            project = make_project(work / f"project-{synthetic}", synthetic)
            big = build(project, work / f"ours-{synthetic}")
            big_pf = work / f"pagefind-{synthetic}"
            shutil.copytree(build(project, work / f"stock-{synthetic}", ldkb_search=False), big_pf)
            words = ["năng suất lao động", "cong doan co so", "phúc lợi", "thi đua", "117/KH-LĐLĐ",
                     "tranh chấp lao động", "hài hoà", "người sử dụng lao động"]
            report[f"ours_{synthetic}"] = run_material(browser, big, None, words)
            report[f"pagefind_{synthetic}"] = run_pagefind(browser, big_pf, None, words)
            for k in (f"ours_{synthetic}", f"pagefind_{synthetic}"):
                report[k].pop("runs", None)
                print(k, json.dumps(report[k], ensure_ascii=False), file=sys.stderr, flush=True)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=0, help="also measure size/latency at N synthetic documents")
    ap.add_argument("--json", type=Path, help="write the full report here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ldkb-search-compare-") as tmp:
        report = compare(Path(tmp), args.synthetic)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
