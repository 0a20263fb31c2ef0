"""The preview's correctness check: after each edit, the preview's site equals a full build.

A preview session (ldkb_mkdocs/preview/session.py) builds a project once, then takes a sequence
of seeded random edits (edits.py), bringing its site up to date after each. After each edit the
whole site is compared, file by file, with a full build of the same content made by a fresh
process (the reference: what `ldkb serve` shows when started on that content). The build dates
are fixed for both (`LDKB_BUILD_DATE`, `SOURCE_DATE_EPOCH`), so any difference is a difference.

Used by tests/test_preview_equivalence.py (one seed, a small collection) and by the benchmark
(several seeds). Run alone:

    python -m tools.bench.equivalence --documents 24 --seeds 1 2 3 --edits 12
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench import REPO_ROOT
from tools.bench.edits import KINDS, Edit, add_unnumbered, random_edit

SERVE_URL = "http://127.0.0.1:8000/"
FIXED_DATES = {"LDKB_BUILD_DATE": "2026-01-15", "SOURCE_DATE_EPOCH": "1768435200"}


def fix_dates() -> None:
    """Both sides must build as of the same day (timeline, periods ended, sitemap dates)."""
    os.environ.update(FIXED_DATES)


def reference_site(project: Path, workdir: Path, run: Callable[..., subprocess.CompletedProcess] = subprocess.run) -> Path:
    """A full preview build of `project` by a fresh process (no state shared with the session);
    `run` starts it (`subprocess.run`, or the tests' fork server, which is as fresh)."""
    code = ("import sys; from ldkb_mkdocs.preview.session import PreviewSession; "
            "s = PreviewSession(sys.argv[1], sys.argv[2], sys.argv[3]); u = s.build_full('reference'); "
            "print('FAILED ' + u.failed if u.failed else s.site)")
    env = {**os.environ, **FIXED_DATES, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    done = run([sys.executable, "-c", code, str(project / "mkdocs.yml"), SERVE_URL, str(workdir)],
               cwd=project, env=env, capture_output=True, text=True, timeout=1800)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode != 0 or not last or last.startswith("FAILED"):
        raise RuntimeError(f"reference build failed: {last}\n{done.stderr[-3000:]}")
    return Path(last)


def differences(site: Path, reference: Path) -> list[str]:
    """Files that differ or exist on one side only (paths in the site)."""
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(reference).as_posix() for p in reference.rglob("*") if p.is_file()}
    out = [f"{rel} (chỉ có ở bản xem trước)" for rel in sorted(ours - theirs)]
    out += [f"{rel} (thiếu ở bản xem trước)" for rel in sorted(theirs - ours)]
    out += [f"{rel} (khác)" for rel in sorted(ours & theirs)
            if (site / rel).read_bytes() != (reference / rel).read_bytes()]
    return out


@dataclass
class Step:
    edit: Edit
    full: bool
    pages: list[str]
    differ: list[str] = field(default_factory=list)


def served_differences(server, reference: Path) -> list[str]:
    """Every page of the reference site asked of the preview server over HTTP: the pages that
    differ from the reference once the server's notice and reload script are taken out."""
    from ldkb_mkdocs.preview.server import strip_injected

    host, port = server.server_address[:2]
    out = []
    for path in sorted(reference.rglob("*.html")):
        rel = path.relative_to(reference).as_posix()
        url = f"http://{host}:{port}/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:
                body = answer.read()
        except urllib.error.HTTPError as exc:
            body = exc.read() if rel == "404.html" else b""
        if strip_injected(body) != path.read_bytes():
            out.append(f"{rel} (trang máy chủ trả về khác)")
    return out


def check_sequence(project: Path, seed: int, edits: int, workdir: Path,
                   kinds: tuple[str, ...] = KINDS, *, every_kind: bool = False,
                   served: bool = False, run: Callable[..., subprocess.CompletedProcess] = subprocess.run
                   ) -> list[Step]:
    """Seeded edits of `project`'s content, each followed by the session's update and the
    comparison with a fresh full build (every file; with `served`, every page as the preview
    server answers it too). With `every_kind`, each kind comes once, in a seeded order, before
    any comes again. `run` starts the reference builds' processes (see `reference_site`). Returns
    every step with its differences."""
    from ldkb_mkdocs.preview.server import PreviewServer
    from ldkb_mkdocs.preview.session import PreviewSession

    fix_dates()
    rng = random.Random(seed)
    add_unnumbered(project / "content", rng)  # a title other pages show, to change
    session = PreviewSession(project / "mkdocs.yml", SERVE_URL, workdir / "session")
    server = None
    if served:
        server = PreviewServer(("127.0.0.1", 0))
        session.on_site = server.set_site
        server.start()
    order: list[str] = []
    steps: list[Step] = []
    try:
        first = session.build_full("đầu tiên")
        if first.failed:
            raise RuntimeError(first.failed)
        session.prepare()
        for n in range(edits):
            if every_kind and not order:
                order = rng.sample(kinds, len(kinds))
            edit = random_edit(project / "content", rng, n, (order.pop(0),) if every_kind else kinds)
            update = session.update({edit.path})
            if update.failed:
                raise RuntimeError(f"{edit.what}: {update.failed}")
            if server is not None:
                server.publish(None if update.full else update.urls + update.removed)
            if not update.full:
                session.finish()
            session.prepare()
            ref_dir = workdir / f"ref-{n}"
            reference = reference_site(project, ref_dir, run)
            differ = differences(session.site, reference)
            if server is not None:
                differ += served_differences(server, reference)
            steps.append(Step(edit, update.full, update.pages, differ))
            shutil.rmtree(ref_dir, ignore_errors=True)
    finally:
        if server is not None:
            server.stop()
        session.close()
    return steps


def main(argv=None) -> int:
    from tools.bench.project import make_project

    ap = argparse.ArgumentParser(description="Kiểm tra bản xem trước cập nhật từng phần so với bản dựng đầy đủ.")
    ap.add_argument("--documents", type=int, default=24)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1])
    ap.add_argument("--edits", type=int, default=12)
    args = ap.parse_args(argv)
    bad = 0
    for seed in args.seeds:
        work = Path(tempfile.mkdtemp(prefix="ldkb-equiv-"))
        try:
            project = make_project(work / "project", args.documents)
            for step in check_sequence(project, seed, args.edits, work, every_kind=True):
                mark = "✗" if step.differ else "✓"
                how = "toàn bộ" if step.full else f"{len(step.pages)} trang"
                print(f"{mark} hạt {seed}: {step.edit.what} — {how}" + (f"; khác: {step.differ[:5]}" if step.differ else ""))
                bad += bool(step.differ)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
