#!/usr/bin/env python3
"""Build the site, PDFs and search index of two revisions and compare every file byte for byte.

A restructuring must change no output. This checks it: each side is checked out into a temporary
folder (a git revision, or `.` for the working tree as it is now, uncommitted changes included),
built there from nothing (no PDF or template cache) with that side's own code on PYTHONPATH, and
the two `site/` folders compared file by file.

    python tools/same_output.py HEAD .          # last commit vs the working tree
    python tools/same_output.py 97c6d0e HEAD     # two commits
    python tools/same_output.py . . --warm-from HEAD~1
        # the working tree from nothing vs the working tree built with the caches (.cache/: pages,
        # model, PDFs, templates) a build of HEAD~1 left, as CI restores them: must not differ

Exit status 0 when identical, 1 when any file differs or exists on one side only.
Both sides are built by this interpreter's packages (the venv), so only our own code differs.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", ".cache", "site", "node_modules", ".git", ".pytest_cache", ".hypothesis", "__pycache__"}


def checkout(rev: str, dest: Path) -> None:
    if rev == ".":
        def ignore(_dir: str, names: list[str]) -> set[str]:
            return {n for n in names if n in SKIP or n.startswith(".site-")}
        shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
        # git history feeds the "last change" dates: keep the same log as the working tree.
        subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(dest / ".git")], check=True)
        subprocess.run(["git", "--git-dir", str(dest / ".git"), "config", "core.bare", "false"], check=True)
        return
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    subprocess.run(["git", "-C", str(dest), "checkout", "-q", "--detach", rev], check=True)


def build(tree: Path) -> Path:
    env = dict(os.environ, PYTHONPATH=str(tree / "plugins"), PYTHONDONTWRITEBYTECODE="1")
    site = tree / "site"
    proc = subprocess.run([sys.executable, "-m", "ldkb", "build", "--site-dir", str(site)],
                          cwd=tree, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"build failed in {tree}")
    return site


def digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", help="git revision, or . for the working tree")
    ap.add_argument("head", help="git revision, or . for the working tree")
    ap.add_argument("--keep", action="store_true", help="keep the two build folders")
    ap.add_argument("--warm-from", metavar="REV",
                    help="build the head side with the caches a build of REV left (incremental build)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="same-output-"))
    try:
        if args.warm_from:
            checkout(args.warm_from, tmp / "warm")
            build(tmp / "warm")
        sides = []
        for name, rev in (("base", args.base), ("head", args.head)):
            tree = tmp / name
            checkout(rev, tree)
            if name == "head" and args.warm_from:
                shutil.copytree(tmp / "warm" / ".cache", tree / ".cache")
            sides.append(digests(build(tree)))
        a, b = sides
        only_a = sorted(set(a) - set(b))
        only_b = sorted(set(b) - set(a))
        differ = sorted(k for k in set(a) & set(b) if a[k] != b[k])
        for k in only_a:
            print(f"only in {args.base}: {k}")
        for k in only_b:
            print(f"only in {args.head}: {k}")
        for k in differ:
            print(f"differs: {k}")
        pdfs = sum(k.endswith(".pdf") for k in a)
        print(f"{len(a)} files ({pdfs} PDFs) in {args.base}, {len(b)} in {args.head}: "
              f"{len(differ)} differ, {len(only_a) + len(only_b)} on one side only")
        if args.keep:
            print(f"kept in {tmp}")
        return 1 if (only_a or only_b or differ) else 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
