"""Run a command as a child process and report its wall time and peak memory."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system CPU time of the child: barely moved by other load
    max_rss_mb: float
    returncode: int
    output: str


def child_env() -> dict:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["PYTHONHASHSEED"] = "0"
    return env


def _tree_pss_kb(pid: int) -> int:
    """Proportional set size of `pid` and its descendants (a build's background worker shares
    the content model's pages with it: PSS counts shared pages once, RSS would count them twice)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


# How often the process tree's memory is read. A read walks the page tables: ~30 ms for a
# 1.5 GB build, taken from the two cores the build itself uses; so timed runs do not sample
# (`tree_memory`), and the tree's memory is measured in a run of its own.
SAMPLE_S = 0.2


def run_timed(cmd: list[str], cwd: Path | str, timeout: float = 1800, *, tree_memory: bool = False,
              env: dict | None = None) -> Run:
    """Wall time, CPU time and peak memory of exactly this child (os.wait4, so other children
    don't mix in). CPU time includes the child's own workers (reaped by it); peak memory is the
    child's own peak RSS, or with `tree_memory` the larger of that and the peak of its process
    tree's PSS, sampled (the build's background workers count)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env or child_env())
        deadline = t0 + timeout
        tree_kb = 0
        next_sample = t0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if tree_memory and now >= next_sample:
                tree_kb = max(tree_kb, _tree_pss_kb(proc.pid))
                next_sample = now + SAMPLE_S
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    peak_kb = max(usage.ru_maxrss, tree_kb)
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, proc.returncode, text)


def mkdocs_build(project: Path, site: Path, *, strict: bool, tree_memory: bool = False, cache: bool = False) -> Run:
    """A build into an empty `site`, as `make build` (ldkb.cli) and CI make it. The previous
    run's output is deleted and the disk flushed before the clock starts: at 2,000 documents
    MkDocs' own clean-up of the previous 330 MB site, still being written back, took 0.4-1.1 s:
    a cost of repeating builds in one folder, set by the previous run, not by this build.
    With `cache`, as `ldkb build` makes it: reusing the previous build's pages (ldkb-cache,
    LDKB_SITE_CACHE=1); without, from nothing, as a plain `mkdocs build`."""
    site = Path(site)
    if site.exists():
        shutil.rmtree(site)
    os.sync()
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    env = child_env()
    env.pop("LDKB_NO_SITE_CACHE", None)
    env.pop("LDKB_SITE_CACHE", None)
    if cache:
        env["LDKB_SITE_CACHE"] = "1"
    return run_timed(cmd, project, tree_memory=tree_memory, env=env)


def median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")
