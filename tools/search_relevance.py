"""Search relevance on a built site: nDCG@5 of the graded query set (tests/search_graded.yml).

Each query is typed into the site's own search box in Chromium (tools/search_measure.SearchPage),
and the results members see (the best link of each result group, in display order) are scored
against the query's graded answers. Used by `make bench` (figures in docs-dev/) and by
tests/test_search_relevance.py.

    python -m tools.search_relevance SITE_DIR        # per query, then the mean

No mkdocs import; Playwright only when run.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "search_graded.yml"
K = 5
TARGET = 0.9


@dataclass
class Judged:
    query: str
    ndcg: float
    hits: list[str]  # the first K results, site paths
    first_ok: bool | None  # None: the query names no required first result


def load(path: Path = QUERIES) -> tuple[str, list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["plan"], data["queries"]


def target_path(target: str, plan: str) -> str:
    """`#ii-3` -> the plan's page with that anchor; a site path as it is."""
    return plan + target if target.startswith("#") else target


def _page(path: str) -> str:
    return path.partition("#")[0]


def _covers(target: str, hit: str) -> bool:
    """A hit counts for a target at that place or inside it: a page anywhere on it (its title,
    `#van-ban` on a document page), a part in its sub-parts (`#ii-3-2` is inside `#ii-3`)."""
    if hit == target:
        return True
    t_page, _, t_anchor = target.partition("#")
    h_page, _, h_anchor = hit.partition("#")
    if t_page != h_page:
        return False
    return not t_anchor or h_anchor.startswith(t_anchor + "-")


def ndcg(hits: list[str], rel: dict[str, int], k: int = K) -> float:
    """nDCG@k: each target counts once (its first hit); the ideal takes the best target per page,
    since a page is one result group."""
    used: set[str] = set()
    dcg = 0.0
    for i, hit in enumerate(hits[:k]):
        best, gain = None, 0
        for target, grade in rel.items():
            if target not in used and grade > gain and _covers(target, hit):
                best, gain = target, grade
        if best is not None:
            used.add(best)
            dcg += (2 ** gain - 1) / math.log2(i + 2)
    per_page: dict[str, int] = {}
    for target, grade in rel.items():
        per_page[_page(target)] = max(per_page.get(_page(target), 0), grade)
    ideal = sorted(per_page.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def judge(item: dict, hits: list[str], plan: str) -> Judged:
    rel = {target_path(t, plan): int(g) for t, g in item["rel"].items()}
    first = item.get("first")
    first_ok = None
    if first is not None:
        wanted = [target_path(f, plan) for f in (first if isinstance(first, list) else [first])]
        first_ok = bool(hits) and any(_covers(w, hits[0]) for w in wanted)
    return Judged(item["q"], ndcg(hits, rel), hits[:K], first_ok)


def run(site: Path, *, browser=None, path: Path = QUERIES) -> list[Judged]:
    """Every query of the set, typed into the built site's search box."""
    from tools.search_measure import SearchPage, chromium, serve

    plan, queries = load(path)
    out: list[Judged] = []
    with serve(Path(site)) as base:
        def go(b):
            context = b.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = SearchPage(context.new_page(), base)
                page.open()
                for item in queries:
                    found = page.search(item["q"])
                    out.append(judge(item, [h["path"] for h in found["hits"]], plan))
            finally:
                context.close()

        if browser is not None:
            go(browser)
        else:
            with chromium() as b:
                go(b)
    return out


def mean(judged: list[Judged]) -> float:
    return sum(j.ndcg for j in judged) / len(judged) if judged else float("nan")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if not args:
        print("Cách dùng: python -m tools.search_relevance THU_MUC_TRANG_WEB", file=sys.stderr)
        return 2
    judged = run(Path(args[0]))
    for j in judged:
        mark = "" if j.first_ok is None else (" đúng kết quả đầu" if j.first_ok else " SAI KẾT QUẢ ĐẦU")
        print(f"{j.ndcg:5.2f}  {j.query}{mark}\n       {' | '.join(j.hits)}")
    print(f"\nnDCG@{K} trung bình: {mean(judged):.3f} trên {len(judged)} câu hỏi (mục tiêu ≥ {TARGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
