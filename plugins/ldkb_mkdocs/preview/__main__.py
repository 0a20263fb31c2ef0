"""`python -m ldkb_mkdocs.preview`: the preview server (`make serve`, `ldkb serve`)."""
from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from ldkb.util.steady_malloc import steady_malloc

from .server import PreviewServer
from .session import PreviewSession, Update
from .watch import Watcher


class _Format(logging.Formatter):
    LEVELS = {logging.ERROR: "LỖI", logging.WARNING: "CẢNH BÁO", logging.CRITICAL: "LỖI"}

    def format(self, record: logging.LogRecord) -> str:
        return f"{self.LEVELS.get(record.levelno, record.levelname)}: {record.getMessage()}"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logger.propagate = False


def _vi(seconds: float) -> str:
    return f"{seconds:.2f}".replace(".", ",")


def report(update: Update) -> None:
    if update.failed:
        print(f"✗ Không dựng được bản xem trước ({update.failed}). Trang đang xem được giữ nguyên; "
              "sửa lỗi rồi lưu tệp để thử lại.", file=sys.stderr, flush=True)
    elif update.full:
        why = f" ({update.reason})" if update.reason else ""
        print(f"✓ Đã dựng lại toàn bộ trang{why} trong {_vi(update.seconds)} s.", flush=True)
    else:
        shown = ", ".join(u or "trang chủ" for u in update.urls[:5])
        more = f" và {len(update.urls) - 5} trang khác" if len(update.urls) > 5 else ""
        print(f"✓ Đã cập nhật {len(update.urls)} trang trong {_vi(update.seconds)} s: {shown}{more}.", flush=True)


def serve(config_file: Path, addr: str, *, polling: bool = False) -> int:
    steady_malloc()  # before any thread: memory flat from save to save (util/steady_malloc.py)
    host, _, port = addr.rpartition(":")
    server = PreviewServer((host or "127.0.0.1", int(port)))
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    work = Path(tempfile.mkdtemp(prefix="ldkb-preview-"))
    session = PreviewSession(config_file, f"http://{bound_host}:{bound_port}/", work)
    session.on_site = server.set_site
    server.start()
    print(f"Xem trước tại http://{bound_host}:{bound_port}/ — lưu tệp trong content/ hoặc docs/ thì trang tự tải lại. "
          "Nhấn Ctrl+C để dừng.", flush=True)
    watcher = None
    try:
        # Watching first: a file saved during the first build is taken by the next update.
        folders, files = session.watched()
        watcher = Watcher(folders, files, polling=polling)
        watcher.start()
        server.busy = True
        first = session.build_full("lần đầu")
        report(first)
        if session.state is None:
            return 1
        server.indexed = server.publish(None)
        session.prepare(stop=watcher.pending)
        while True:
            server.busy = False
            changed = watcher.next_batch()
            server.busy = True
            try:
                update = session.update(changed)
            except Exception:  # noqa: BLE001 - an update that fails gets a full build instead
                logging.getLogger("mkdocs").debug(traceback.format_exc())
                update = session.build_full("cập nhật từng phần gặp lỗi")
            report(update)
            if update.failed:
                continue
            epoch = server.publish(None if update.full else update.urls + update.removed)
            if not update.full:
                session.finish()  # search index, open data: after the page is shown
            server.indexed = epoch
            session.prepare(stop=watcher.pending)
    except KeyboardInterrupt:
        return 0
    finally:
        if watcher is not None:
            watcher.stop()
        server.stop()
        session.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ldkb_mkdocs.preview", description="Xem trước trang web.")
    parser.add_argument("--addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--polling", action="store_true", help="dò thay đổi bằng cách quét định kỳ")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    return serve(Path(args.config_file), args.addr, polling=args.polling)


if __name__ == "__main__":
    sys.exit(main())
