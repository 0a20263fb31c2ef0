"""Command line for editors and `make`: validate, build (atomically), serve.

Messages are Vietnamese; nothing here prints a Python traceback for content problems.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ldkb.model.corpus import load_corpus
from ldkb.ingest.scaffold import cmd_new
from ldkb.graph.relations import graph_of


def cmd_validate(args) -> int:
    corpus = load_corpus(Path(args.content), strict=False)
    graph = graph_of(corpus)
    # Citations of documents missing from the collection fail the site build: report them here too.
    for p in graph.problems:
        corpus.log.add(p.file, p.line, p.column, p.message, p.hint)
    report = corpus.log.report()
    if report:
        print(report, file=sys.stderr)
    n_err = len(corpus.log.errors)
    if n_err:
        print(f"\n✗ Nội dung có {n_err} lỗi. Sửa các lỗi trên rồi chạy lại `make validate`.", file=sys.stderr)
        return 1
    full = sum(d.full_text for d in corpus.documents)
    # Every task of the collection (model/tasks.py): parts, paragraphs, points and table rows.
    all_tasks = corpus.all_tasks()
    tasks = len(all_tasks)
    nobody = sum(t.no_unit for t in all_tasks)
    general = sum(t.general for t in all_tasks)
    print(f"✓ Nội dung hợp lệ: {len(corpus.documents)} văn bản ({full} đã nhập toàn văn), "
          f"{len(corpus.units)} đơn vị, {tasks} nhiệm vụ được giao ({general} giao chung, {nobody} không nêu "
          f"đơn vị), {len(corpus.progress)} báo cáo tiến độ, {len(corpus.glossary)} chữ viết tắt, "
          f"{len(corpus.campaigns)} phong trào.")
    return 0


def cmd_build(args) -> int:
    """Build the site and PDFs into a temporary folder; swap it in only if everything succeeded."""
    if cmd_validate(args):
        print("Trang web cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    site = Path(args.site_dir).resolve()
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    # mkdtemp makes a private (0700) folder: once swapped in, a web server must read it.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    try:
        steps = [
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(tmp)],
            [sys.executable, "build_pdf.py", "--site-dir", str(tmp)],
            # Last: the offline zip carries the PDFs made just before.
            [sys.executable, "-m", "ldkb.export.offline_zip", "--site-dir", str(tmp)],
        ]
        for step in steps:
            if subprocess.run(step).returncode != 0:
                print(f"\n✗ Xây dựng thất bại ở bước `{' '.join(step[1:3])}`. "
                      f"Trang web cũ trong `{site.name}/` được giữ nguyên.", file=sys.stderr)
                return 1
        _swap(tmp, site)
        tmp = None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"✓ Đã xây dựng trang web vào `{site.name}/`.")
    return 0


def _swap(new: Path, site: Path) -> None:
    """Replace `site` by `new` with renames only, so readers never see a half-built site."""
    old = None
    if site.exists():
        old = site.with_name(f".site-old-{os.getpid()}")
        site.rename(old)
    try:
        new.rename(site)
    except OSError:
        if old is not None:  # put the previous site back rather than leave none
            old.rename(site)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def cmd_serve(args) -> int:
    print("Xem trước tại http://127.0.0.1:8000/ — lưu tệp trong content/ hoặc docs/ thì trang tự tải lại. "
          "Nhấn Ctrl+C để dừng.")
    try:
        # Not strict: mkdocs.yml's `strict: true` would stop the preview at the first content error
        # (or leave it stuck on the last good build); errors are shown on the pages instead.
        return subprocess.run([sys.executable, "-m", "mkdocs", "serve", "--no-strict",
                               "--dev-addr", args.addr]).returncode
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ldkb", description="Kho văn bản: kiểm tra, xây dựng, xem trước.")
    parser.add_argument("--content", default="content", help="thư mục nội dung (mặc định: content)")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("validate", help="kiểm tra nội dung").set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="xây dựng trang web và PDF")
    b.add_argument("--site-dir", default="site")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="xem trước trang web")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)
    n = sub.add_parser("new", help='tạo tệp văn bản mới theo mẫu: ldkb new "120/KH-LĐLĐ"')
    n.add_argument("so", nargs="?", default="", help="số, ký hiệu của văn bản")
    n.add_argument("--ma", help="mã văn bản, khi văn bản chưa có số, ký hiệu")
    n.add_argument("--loai", help="loại văn bản, khi văn bản chưa có số, ký hiệu")
    n.set_defaults(func=cmd_new)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
