"""Files named by the hash of everything that decides their bytes, kept between builds.

One folder per kind of result (`.cache/site/<namespace>/`, next to `.cache/pdf/` and
`.cache/jinja/`). A build reads what it finds under a key and stages what it makes; only a build
that succeeded commits: its new files are renamed into the store, and every file it did not use
is removed, so the store holds one build's results and never grows from build to build. A
failed build leaves the store as it was. `manifest.json` lists the keys of the last commit.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

MANIFEST = "manifest.json"


class KeyedStore:
    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()
        # Where this build's new files wait for its end (a helper process may write there too).
        self.stage = self.folder / f".stage-{os.getpid()}"
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.used.add(key)
        self.hits += 1
        return data

    def copy_to(self, key: str, dest: Path | str) -> bool:
        """The file kept under `key` copied to `dest` (its folder made; a copy, never a link: the
        store's file must not change if `dest` is rewritten later); False if there is none."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(self._path(key), dest)
        except FileNotFoundError:
            if not dest.parent.is_dir():
                raise
            self.misses += 1
            return False
        self.used.add(key)
        self.hits += 1
        return True

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def put(self, key: str, data: bytes) -> None:
        self.stage.mkdir(exist_ok=True)
        (self.stage / key).write_bytes(data)
        self.used.add(key)

    def commit(self) -> dict[str, int]:
        """The staged files into the store, the unused ones out; counts of what was done."""
        added = 0
        if self.stage.is_dir():
            for path in self.stage.iterdir():
                target = self._path(path.name)
                target.parent.mkdir(exist_ok=True)
                os.replace(path, target)
                added += 1
            shutil.rmtree(self.stage, ignore_errors=True)
        removed = 0
        for sub in self.folder.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                for path in sub.iterdir():
                    if path.name not in self.used:
                        path.unlink(missing_ok=True)
                        removed += 1
        manifest = self.folder / MANIFEST
        partial = manifest.with_name(MANIFEST + ".part")
        partial.write_text(json.dumps(sorted(self.used), indent=0), encoding="utf-8")
        os.replace(partial, manifest)
        return {"hits": self.hits, "added": added, "removed": removed, "kept": len(self.used)}

    def abandon(self) -> None:
        """A failed build: nothing it made joins the store."""
        shutil.rmtree(self.stage, ignore_errors=True)


__all__ = ["KeyedStore"]
