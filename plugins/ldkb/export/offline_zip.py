"""The offline copy: the whole site as one zip that works opened from disk (file://).

Run by `ldkb build` after the site and the PDFs exist in the new site folder:

    python -m ldkb.export.offline_zip --site-dir <site>

It builds the site a second time with LDKB_OFFLINE=true (file URLs instead of folder URLs,
search index as a script, a local Web Worker shim: see the `ldkb-reader` plugin), adds the
files that later build steps put into the site (the PDFs), and writes
<site>/tai-ve/kho-van-ban-ngoai-tuyen.zip. The zip is reproducible: fixed order and dates.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from ldkb.export.file_sizes import fill_sizes

ZIP_URI = "tai-ve/kho-van-ban-ngoai-tuyen.zip"
# One top folder, so unzipping never scatters files into the reader's Downloads folder.
TOP_FOLDER = "kho-van-ban-cong-doan"
# Source maps and the gzipped sitemap serve no reader on a disk.
SKIP_SUFFIXES = (".map", ".gz")
# Already compressed: storing them is as small and much faster.
STORED_SUFFIXES = (".pdf", ".docx", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2", ".zip")
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def build_offline_tree(project: Path, out: Path) -> int:
    """`mkdocs build` of `project` in offline mode into `out`; returns the exit code."""
    env = {**os.environ, "LDKB_OFFLINE": "true"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(out)]
    return subprocess.run(cmd, cwd=project, env=env).returncode


def add_later_files(site: Path, tree: Path) -> list[str]:
    """Copy into `tree` the non-page files of `site` that mkdocs did not make (PDFs, …).

    Pages are skipped: the online site's pages use folder URLs and would not work from disk.
    """
    copied = []
    for src in sorted(site.rglob("*")):
        rel = src.relative_to(site).as_posix()
        if not src.is_file() or src.suffix == ".html" or rel == ZIP_URI or rel.endswith(SKIP_SUFFIXES):
            continue
        dest = tree / rel
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        copied.append(rel)
    return copied


def write_zip(tree: Path, target: Path) -> int:
    """Zip `tree` under TOP_FOLDER into `target` (atomically); returns the zip's size in bytes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w") as zf:
        for path in sorted(p for p in tree.rglob("*") if p.is_file()):
            rel = path.relative_to(tree).as_posix()
            if rel.endswith(SKIP_SUFFIXES):
                continue
            info = zipfile.ZipInfo(f"{TOP_FOLDER}/{rel}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            if path.suffix.lower() in STORED_SUFFIXES:
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, path.read_bytes())
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(target)
    return target.stat().st_size


def make_offline_zip(site: Path, project: Path) -> Path | None:
    """Build the offline copy of `project` and put its zip into `site`; None if the build failed."""
    with tempfile.TemporaryDirectory(prefix="ldkb-offline-") as tmp:
        tree = Path(tmp) / TOP_FOLDER
        if build_offline_tree(project, tree) != 0:
            return None
        add_later_files(site, tree)
        fill_sizes(tree)  # the copy's own pages: sizes and page counts of the files just added
        target = site / ZIP_URI
        size = write_zip(tree, target)
    print(f"✓ Bản ngoại tuyến: `{ZIP_URI}` ({size / 1024 / 1024:.1f} MB).")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đóng gói bản ngoại tuyến của trang web thành một tệp ZIP.")
    parser.add_argument("--site-dir", default="site", help="thư mục trang web đã xây dựng (mặc định: site)")
    parser.add_argument("--project", default=".", help="thư mục chứa mkdocs.yml (mặc định: thư mục hiện tại)")
    args = parser.parse_args(argv)
    site = Path(args.site_dir).resolve()
    if not (site / "index.html").is_file():
        print(f"✗ Không thấy trang web đã xây dựng trong `{args.site_dir}/`: hãy chạy `make build`.", file=sys.stderr)
        return 1
    if make_offline_zip(site, Path(args.project).resolve()) is None:
        print("✗ Không xây dựng được bản ngoại tuyến (xem lỗi ở trên).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
