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
from collections.abc import Callable
from pathlib import Path

from ldkb.model.corpus import load_corpus
from ldkb.ingest.scaffold import cmd_new
from ldkb.ingest.importer import ImportRefused, import_file
from ldkb.ingest.limits import MB, Limits
from ldkb.ingest.report import format_report
from ldkb.ingest.units import UnitRefused, add_alias, add_unit
from ldkb.graph.relations import graph_of


def cmd_validate(args: argparse.Namespace) -> int:
    corpus = load_corpus(Path(args.content), strict=False)
    graph = graph_of(corpus)
    # Citations of documents missing from the collection fail the site build: report them here too.
    corpus.log.extend(graph.problems)
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


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site and PDFs into a temporary folder; swap it in only if everything succeeded."""
    if cmd_validate(args):
        print("Trang web cũ (nếu có) được giữ nguyên.", file=sys.stderr)
        return 1
    site = Path(args.site_dir).resolve()
    site.parent.mkdir(parents=True, exist_ok=True)  # `--site-dir` may name a folder not made yet
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    swapped = False
    # mkdtemp makes a private (0700) folder: once swapped in, a web server must read it.
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)
    # The site builds (the site, the offline copy) reuse the previous build's pages whose inputs
    # did not change (ldkb-cache, .cache/site and .cache/model), as the PDFs do (.cache/pdf).
    env = {**os.environ, "LDKB_SITE_CACHE": "1"}
    try:
        steps = [
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(tmp)],
            [sys.executable, "build_pdf.py", "--site-dir", str(tmp)],
            # The editable Word file beside each full-text document's PDF.
            [sys.executable, "-m", "ldkb.export.docx_build", "--site-dir", str(tmp)],
            # Every printed file is there now: their sizes and page counts into the pages.
            [sys.executable, "-m", "ldkb.export.file_sizes", "--site-dir", str(tmp)],
            # Last: the offline zip carries the PDFs made just before.
            [sys.executable, "-m", "ldkb.export.offline_zip", "--site-dir", str(tmp)],
        ]
        for step in steps:
            if subprocess.run(step, env=env).returncode != 0:
                print(f"\n✗ Xây dựng thất bại ở bước `{' '.join(step[1:3])}`. "
                      f"Trang web cũ trong `{site.name}/` được giữ nguyên.", file=sys.stderr)
                return 1
        _swap(tmp, site)
        swapped = True
    finally:
        if not swapped:
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


def cmd_serve(args: argparse.Namespace) -> int:
    # Not strict: mkdocs.yml's `strict: true` would stop the preview at the first content error
    # (or leave it stuck on the last good build); errors are shown on the pages instead. The
    # preview server (ldkb_mkdocs/preview) rebuilds only the pages a save changes.
    try:
        return subprocess.run([sys.executable, "-m", "ldkb_mkdocs.preview", "--addr", args.addr]).returncode
    except KeyboardInterrupt:
        return 0


def cmd_import(args: argparse.Namespace) -> int:
    """`make nhap TEP=…`: read a .docx, .pdf or .txt file into a content file, print the report."""
    if not args.tep:
        print('✗ Thiếu tệp cần nhập. Dùng: make nhap TEP="đường/dẫn/tệp.docx"', file=sys.stderr)
        return 1
    limits = Limits(max_file_bytes=int(args.toi_da_mb * MB), max_pdf_pages=args.toi_da_trang)
    try:
        result = import_file(Path(args.tep), Path(args.content), overwrite=args.ghi_de, ma=args.ma,
                             write=not args.thu, limits=limits)
    except ImportRefused as exc:
        print(f"✗ Không nhập được `{args.tep}`: {exc}", file=sys.stderr)
        print("Không có tệp nào được ghi.", file=sys.stderr)
        return 1
    print(format_report(result))
    if args.in_yaml:
        print(result.yaml_text)
    if result.existing is not None and not result.written:
        return 1
    return 1 if result.errors else 0


def cmd_unit(args: argparse.Namespace) -> int:
    """`make don-vi MA=… TEN=…` adds a unit; `make don-vi MA=… TEN_KHAC=…` another name of one."""
    try:
        if args.ten_khac and not args.ten:
            path = add_alias(Path(args.content), args.ma, args.ten_khac)
            print(f"✓ Đã thêm tên khác “{args.ten_khac}” cho đơn vị `{args.ma}` trong `{path.as_posix()}`. "
                  "Chạy lại `make validate`.")
            return 0
        path = add_unit(Path(args.content), args.ma, args.ten, args.ten_ngan, args.thuoc)
        if args.ten_khac:
            add_alias(Path(args.content), args.ma or "", args.ten_khac)
    except UnitRefused as exc:
        print(f"✗ {exc}", file=sys.stderr)
        return 1
    print(f"✓ Đã thêm đơn vị `{args.ma}` vào `{path.as_posix()}`. Chạy lại `make validate`.")
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
    i = sub.add_parser("import", help="nhập văn bản từ tệp .docx, .pdf, .txt: ldkb import tệp.docx")
    i.add_argument("tep", nargs="?", default="", help="tệp cần nhập (.docx, .pdf, .txt, .md)")
    i.add_argument("--ghi-de", action="store_true", help="ghi đè tệp nội dung đã có của văn bản này")
    i.add_argument("--ma", help="mã văn bản (khi văn bản chưa có số, ký hiệu)")
    i.add_argument("--thu", action="store_true", help="chạy thử: in báo cáo, không ghi tệp")
    i.add_argument("--in-yaml", action="store_true", help="in cả nội dung tệp YAML")
    i.add_argument("--toi-da-mb", type=float, default=Limits().max_file_bytes / MB,
                   help="cỡ tệp tối đa (MB, mặc định 50)")
    i.add_argument("--toi-da-trang", type=int, default=Limits().max_pdf_pages,
                   help="số trang PDF tối đa (mặc định 500)")
    i.set_defaults(func=cmd_import)
    u = sub.add_parser("don-vi", help='thêm đơn vị vào danh mục: ldkb don-vi --ma ban-x --ten "Ban X"')
    u.add_argument("--ma", default="", help="mã đơn vị (chữ thường không dấu, nối bằng -)")
    u.add_argument("--ten", default="", help="tên đầy đủ")
    u.add_argument("--ten-ngan", default=None, help="tên ngắn")
    u.add_argument("--thuoc", default=None, help="mã đơn vị cấp trên")
    u.add_argument("--ten-khac", default=None,
                   help="một cách gọi khác của đơn vị (thêm vào `ten_khac`; không có --ten: đơn vị đã có mã --ma)")
    u.set_defaults(func=cmd_unit)
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.func
    return command(args)


if __name__ == "__main__":
    sys.exit(main())
