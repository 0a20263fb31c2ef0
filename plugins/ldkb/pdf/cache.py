"""Content-hash cache of rendered PDFs, kept outside the site (default `.cache/pdf/`).

A file is named by the hash of everything that decides its bytes (see `Job.key`) and
carries its page count: `<key>.<pages>p.pdf`. Writes are atomic (rename), so a hard
link placed into a site keeps pointing at complete bytes.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class PdfCache:
    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _find(self, key: str) -> Path | None:
        for path in self.folder.glob(f"{key}.*p.pdf"):
            return path
        return None

    def get(self, key: str) -> tuple[bytes, int] | None:
        path = self._find(key)
        if path is None:
            return None
        pages = int(path.name.split(".")[-2][:-1])
        return path.read_bytes(), pages

    def put(self, key: str, data: bytes, pages: int) -> Path:
        final = self.folder / f"{key}.{pages}p.pdf"
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # site files are served to everyone
        os.replace(tmp, final)
        return final

    def place(self, key: str, dest: Path) -> bool:
        """Put the cached file at `dest` (hard link, else copy); False if not cached."""
        src = self._find(key)
        if src is None:
            return False
        if dest.exists() or dest.is_symlink():
            dest.unlink()
        try:
            os.link(src, dest)
        except OSError:
            shutil.copyfile(src, dest)
        os.chmod(dest, 0o644)  # also repairs entries written private by an older build
        return True
