"""Change history of content and page files, read from git in one invocation.

One `git log` lists every commit with the files it touched, so the cost is
linear in the history whatever the number of files (the benchmark builds
2,000 documents). Without git, or outside a repository, the history is simply
empty: pages then show no dates rather than failing.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Record and field separators that cannot occur in a one-line subject.
_REC, _FLD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Change:
    commit: str  # abbreviated hash
    date: dt.date  # author date, in the author's own time zone
    message: str  # subject line


@dataclass
class History:
    """Changes per file, newest first; paths are relative to the folder git was run in."""

    available: bool = False
    files: dict[str, list[Change]] = field(default_factory=dict)

    def of(self, path: str) -> list[Change]:
        return self.files.get(path, [])

    def last(self, path: str) -> Change | None:
        changes = self.files.get(path)
        return changes[0] if changes else None

    def last_under(self, prefix: str) -> Change | None:
        """Newest change of any file under a folder (for pages built from many files)."""
        prefix = prefix.rstrip("/") + "/"
        best = None
        for path, changes in self.files.items():
            if path.startswith(prefix) and (best is None or changes[0].date > best.date):
                best = changes[0]
        return best


def parse_log(output: str) -> dict[str, list[Change]]:
    """Parse `git log -z --name-only --format=<_FORMAT>` output."""
    files: dict[str, list[Change]] = {}
    for record in output.split(_REC):
        if not record.strip("\0\n"):
            continue
        header, _, names = record.partition("\0")
        parts = header.split(_FLD)
        if len(parts) != 3:
            continue
        commit, date, message = parts
        try:
            day = dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            continue
        change = Change(commit, day, message.strip())
        for name in names.split("\0"):
            name = name.strip("\n")
            if name:
                files.setdefault(name, []).append(change)  # git log runs newest first
    return files


_FORMAT = f"{_REC}%h{_FLD}%ad{_FLD}%s"


def read_history(root: Path, paths: list[str] | None = None, *, timeout: float = 120) -> History:
    """Every commit touching `paths` (folders or files under `root`), in ONE git call."""
    cmd = [
        "git", "-c", "core.quotepath=off", "log", "--relative", "--no-renames", "-z", "--name-only",
        "--date=iso-strict", f"--format={_FORMAT}", "--",
    ] + (paths or ["."])
    try:
        proc = subprocess.run(cmd, cwd=root, capture_output=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):  # git missing, hung or killed
        return History()
    if proc.returncode != 0:  # not a repository, or no commits yet
        return History()
    return History(True, parse_log(proc.stdout.decode("utf-8", errors="replace")))
