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
    commit: str  # full hash
    date: dt.date  # author date, in the author's own time zone
    message: str  # subject line


@dataclass
class History:
    """Changes per file, newest first; paths are relative to the folder git was run in."""

    available: bool = False
    files: dict[str, list[Change]] = field(default_factory=dict)
    # (path, commit) -> (blob before, blob after); None where the file did not exist
    blobs: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)

    def of(self, path: str) -> list[Change]:
        return self.files.get(path, [])

    def last(self, path: str) -> Change | None:
        changes = self.files.get(path)
        return changes[0] if changes else None

    def last_under(self, prefix: str) -> Change | None:
        """Newest change of any file under a folder (for pages built from many files)."""
        return self.newest_under([prefix])

    def newest_under(self, prefixes: list[str]) -> Change | None:
        """Newest change of any file under any of the folders (the content's last change)."""
        wanted = tuple(p.rstrip("/") + "/" for p in prefixes)
        best = None
        for path, changes in self.files.items():
            if path.startswith(wanted) and (best is None or changes[0].date > best.date):
                best = changes[0]
        return best


_NO_BLOB = "0" * 40


def parse_log(output: str) -> tuple[dict[str, list[Change]], dict[tuple[str, str], tuple[str | None, str | None]]]:
    """Parse `git log -z --raw --no-abbrev --format=<_FORMAT>` output: the changes of each file,
    and the blobs each change went from and to (for what changed: ldkb.model.content_diff)."""
    files: dict[str, list[Change]] = {}
    blobs: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for record in output.split(_REC):
        if not record.strip("\0\n"):
            continue
        header, _, rest = record.partition("\0")
        parts = header.split(_FLD)
        if len(parts) != 3:
            continue
        commit, date, message = parts
        try:
            day = dt.date.fromisoformat(date.strip()[:10])
        except ValueError:
            continue
        change = Change(commit, day, message.strip())
        tokens = rest.lstrip("\n").split("\0")
        i = 0
        while i < len(tokens):
            token = tokens[i].strip("\n")
            if token.startswith(":") and i + 1 < len(tokens):
                fields = token[1:].split()
                name = tokens[i + 1].strip("\n")
                i += 2
                if len(fields) >= 4 and name:
                    old, new = fields[2], fields[3]
                    files.setdefault(name, []).append(change)  # git log runs newest first
                    blobs[(name, commit)] = (None if old == _NO_BLOB else old, None if new == _NO_BLOB else new)
            else:
                i += 1
    return files, blobs


_FORMAT = f"{_REC}%H{_FLD}%ad{_FLD}%s"


def read_history(root: Path, paths: list[str] | None = None, *, timeout: float = 120) -> History:
    """Every commit touching `paths` (folders or files under `root`), in ONE git call."""
    cmd = [
        "git", "-c", "core.quotepath=off", "log", "--relative", "--no-renames", "-z", "--raw", "--no-abbrev",
        "--date=iso-strict", f"--format={_FORMAT}", "--",
    ] + (paths or ["."])
    try:
        proc = subprocess.run(cmd, cwd=root, capture_output=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):  # git missing, hung or killed
        return History()
    if proc.returncode != 0:  # not a repository, or no commits yet
        return History()
    files, blobs = parse_log(proc.stdout.decode("utf-8", errors="replace"))
    return History(True, files, blobs)


def read_blobs(root: Path, ids: list[str], *, timeout: float = 120) -> dict[str, str]:
    """The text of each blob, in ONE `git cat-file --batch` call; {} when git cannot answer."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    try:
        proc = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(ids).encode() + b"\n",
                              capture_output=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    out: dict[str, str] = {}
    data, pos = proc.stdout, 0
    for _ in ids:
        end = data.find(b"\n", pos)
        if end < 0:
            break
        head = data[pos:end].split()
        pos = end + 1
        if len(head) != 3:  # "<id> missing"
            continue
        size = int(head[2])
        out[head[0].decode()] = data[pos:pos + size].decode("utf-8", errors="replace")
        pos += size + 1
    return out


def content_edition(content: Path) -> dt.date | None:
    """The date of the last change to the content (`content/` and the hand-written pages in
    `docs/` beside it), from git: what the handbooks print as their edition. None without git."""
    content = Path(content).resolve()
    paths = [content.name, "docs"]
    last = read_history(content.parent, paths).newest_under(paths)
    return last.date if last else None
