"""Search relevance for the benchmark: the real collection built as `make build` builds it, and
the graded query set typed into its search box (tools/search_relevance.py): nDCG@5."""
from __future__ import annotations

import sys
from pathlib import Path

from tools.bench import REPO_ROOT
from tools.bench.measure import child_env

import subprocess


def relevance(work: Path) -> dict:
    """{'ndcg': mean nDCG@5, 'n': queries, 'below': [(query, nDCG, first results)], 'first_wrong': [...]}"""
    from tools import search_relevance

    site = Path(work) / "real-site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(cmd, cwd=REPO_ROOT, env=child_env(), capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return {"error": f"mkdocs build: {(done.stderr or done.stdout).strip().splitlines()[-1][:200]}"}
    judged = search_relevance.run(site)
    return {
        "ndcg": search_relevance.mean(judged),
        "n": len(judged),
        "below": [(j.query, j.ndcg, j.hits[:3]) for j in sorted(judged, key=lambda j: j.ndcg) if j.ndcg < 0.8],
        "first_wrong": [j.query for j in judged if j.first_ok is False],
    }
