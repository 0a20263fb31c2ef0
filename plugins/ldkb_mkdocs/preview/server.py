"""The preview's web server: answers at once from the last good build, reloads changed pages.

Requests are served from the site folder the session last finished (a full build swaps in a new
folder; an update renames each new page over its old file), so a request never waits for a
build and never sees half a page. Each HTML page gets a small script that asks the server,
with a long poll, whether a newer version of *that* page exists: after an update only the pages
it made again reload; after a full build, every page. It also gets a one-line notice that the
printable and downloadable files are made by the publishing build only.
"""
from __future__ import annotations

import html
import json
import mimetypes
import posixpath
import re
import threading
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RELOAD_PATH = "/_ldkb/reload"
STATUS_PATH = "/_ldkb/status"  # {"epoch", "busy", "indexed"}: what is shown, running, searchable
POLL_SECONDS = 30.0
_HISTORY = 200  # updates remembered for pollers that are behind

# Files the preview does not make: printed, downloadable and calendar outputs of `make build`.
FULL_BUILD_ONLY = (".pdf", ".docx", ".odt", ".xlsx", ".ics", ".zip")

NOTICE = ("Bản xem trước — tệp PDF, sổ tay, lịch, mẫu báo cáo, tệp Word và bản ngoại tuyến chỉ được tạo "
          "khi xuất bản (<code>make build</code>); các liên kết tải về chưa dùng được ở đây.")

_BANNER = """<div class="ldkb-preview-note" role="note" style="font:14px/1.4 sans-serif;background:#fff8e1;\
color:#3e2723;border-bottom:1px solid #ffe082;padding:4px 12px">%s</div>"""

_SCRIPT = """<script>(function(){var epoch=%(epoch)d,page=%(page)s;function poll(){fetch("%(url)s?since="+epoch+"&page="+\
encodeURIComponent(page),{cache:"no-store"}).then(function(r){return r.json()}).then(function(d){if(d.reload)\
{location.reload();return}epoch=d.epoch;poll()}).catch(function(){setTimeout(poll,2000)})}\
if(document.readyState==="complete")poll();else addEventListener("load",poll)})();</script>"""

_WAITING = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đang dựng bản xem trước…</title>
<body><p style="font:16px sans-serif;padding:2em">Đang dựng bản xem trước lần đầu; trang sẽ tự mở khi xong.</p>
</body></html>"""

_MISSING_OUTPUT = """<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chưa có trong bản xem trước</title>
<body><div style="font:16px/1.5 sans-serif;padding:2em;max-width:40em"><h1>Tệp này chưa có trong bản xem trước</h1>
<p><code>%(path)s</code></p><p>Tệp PDF, sổ tay, lịch, mẫu báo cáo, tệp Word và bản ngoại tuyến chỉ được tạo khi xuất
bản: chạy <code>make build</code> rồi mở thư mục <code>site/</code>.</p></div></body></html>"""


_INJECTED = re.compile(
    r'<div class="ldkb-preview-note" role="note"[^>]*>.*?</div>|<script>\(function\(\)\{var epoch=.*?</script>', re.S)


def strip_injected(data: bytes) -> bytes:
    """A served page without what the server adds (the notice and the reload script)."""
    return _INJECTED.sub("", data.decode("utf-8")).encode("utf-8")


def page_key(url_path: str) -> str:
    """The page an address shows, as the session names pages (`van-ban/117-kh-ldld/`, "" home)."""
    key = url_path.lstrip("/")
    if key.endswith("index.html"):
        key = key[: -len("index.html")]
    return key


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.site: Path | None = None
        self.epoch = 0
        self._history: list[tuple[int, frozenset[str] | None]] = []
        self._cond = threading.Condition()
        self.waiting = 0  # pages waiting for a newer version right now
        self.busy = False  # a build, an update or its end-of-build steps are running
        self.indexed = 0  # the last version whose search index is written too
        self.thread: threading.Thread | None = None

    # -- told by the build loop ------------------------------------------------------
    def set_site(self, site: Path) -> None:
        with self._cond:
            self.site = Path(site)

    def publish(self, urls: list[str] | None) -> int:
        """A new version is on disk: of these pages (their addresses), or of every page (None)."""
        with self._cond:
            self.epoch += 1
            self._history.append((self.epoch, None if urls is None else frozenset(urls)))
            del self._history[:-_HISTORY]
            self._cond.notify_all()
            return self.epoch

    def start(self) -> None:
        self.thread = threading.Thread(target=self.serve_forever, name="ldkb-preview-http", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    # -- asked by the pages ------------------------------------------------------------
    def wait_for_change(self, since: int, page: str, timeout: float = POLL_SECONDS) -> dict:
        """Block until a version newer than `since` exists (or `timeout`); whether it changed `page`."""
        deadline = time.monotonic() + timeout
        with self._cond:
            self.waiting += 1
            try:
                while self.epoch <= since:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._cond.wait(left)
            finally:
                self.waiting -= 1
            oldest = self._history[0][0] if self._history else self.epoch + 1
            reload = since < oldest - 1 or any(
                urls is None or page in urls for epoch, urls in self._history if epoch > since)
            return {"epoch": self.epoch, "reload": bool(reload and self.epoch > since)}

    def current(self) -> tuple[Path | None, int]:
        with self._cond:
            return self.site, self.epoch


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet: the build loop reports
        pass

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        if path == RELOAD_PATH:
            query = urllib.parse.parse_qs(parsed.query)
            try:
                since = int(query.get("since", ["0"])[0])
            except ValueError:
                since = 0
            answer = self.server.wait_for_change(since, query.get("page", [""])[0])
            return self._send(HTTPStatus.OK, json.dumps(answer).encode(), "application/json", head)
        if path == STATUS_PATH:
            answer = {"epoch": self.server.epoch, "busy": self.server.busy, "indexed": self.server.indexed}
            return self._send(HTTPStatus.OK, json.dumps(answer).encode(), "application/json", head)
        site, epoch = self.server.current()
        if site is None:  # the first build is not done yet: this page reloads when it is
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, self._inject(_WAITING.encode(), epoch, ""),
                              "text/html", head)
        rel = posixpath.normpath("/" + path).lstrip("/")
        target = site / rel if rel not in ("", ".") else site
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(urllib.parse.quote(path) + "/")
            target = target / "index.html"
        try:
            data = target.read_bytes()  # whole: a page renamed over meanwhile stays whole
        except OSError:
            return self._not_found(site, rel, epoch, head)
        ctype = _content_type(target.name)
        if ctype == "text/html":
            data = self._inject(data, epoch, page_key(path))
        self._send(HTTPStatus.OK, data, ctype, head)

    def _not_found(self, site: Path, rel: str, epoch: int, head: bool) -> None:
        if rel.lower().endswith(FULL_BUILD_ONLY):
            body = (_MISSING_OUTPUT % {"path": html.escape(rel)}).encode()
        else:
            try:
                body = (site / "404.html").read_bytes()
            except OSError:
                body = b"<!doctype html><title>404</title><p>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang.</p>"
        self._send(HTTPStatus.NOT_FOUND, self._inject(body, epoch, ""), "text/html", head)

    @staticmethod
    def _inject(data: bytes, epoch: int, page: str) -> bytes:
        """The notice first in the body, the reload script last (the page itself untouched)."""
        script = (_SCRIPT % {"epoch": epoch, "page": json.dumps(page), "url": RELOAD_PATH}).encode()
        end = data.rfind(b"</body>")
        data = data + script if end < 0 else data[:end] + script + data[end:]
        body = data.find(b"<body")
        opened = data.find(b">", body) + 1 if body >= 0 else 0
        return data[:opened] + (_BANNER % NOTICE).encode() + data[opened:]

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, data: bytes, ctype: str, head: bool) -> None:
        self.send_response(status)
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass


def _content_type(name: str) -> str:
    if name.endswith((".js", ".mjs")):
        return "application/javascript"
    if name.endswith(".html"):
        return "text/html"
    guess, _ = mimetypes.guess_type(name)
    return guess or "application/octet-stream"


__all__ = ["PreviewServer", "page_key", "strip_injected", "RELOAD_PATH", "STATUS_PATH", "NOTICE"]
