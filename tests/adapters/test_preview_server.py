"""The preview server: answers at once from the last good build while an update runs, tells each
open page whether it changed, and says which files only the publishing build makes.

A real session on a copy of the project and the real server on a free port; a build is held
mid-way with an event instead of waiting for it, so nothing here depends on the machine's speed.
"""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from conftest import copy_project
from ldkb_mkdocs.preview.server import NOTICE, PreviewServer, strip_injected
from ldkb_mkdocs.preview.session import PreviewSession

pytestmark = pytest.mark.slow

DOC = "content/van-ban/117-kh-ldld.yml"
PAGE = "van-ban/117-kh-ldld/"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("server")
    project = copy_project(work / "project")
    server = PreviewServer(("127.0.0.1", 0))
    host, port = server.server_address[:2]
    session = PreviewSession(project / "mkdocs.yml", f"http://{host}:{port}/", work / "session")
    session.on_site = server.set_site
    server.start()
    assert session.build_full("đầu tiên").failed is None
    server.publish(None)
    session.prepare()
    yield project, session, server, f"http://{host}:{port}/"
    server.stop()
    session.close()


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_requests_are_answered_from_the_last_build_while_an_update_runs(preview):
    project, session, server, url = preview
    path = project / DOC
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("nguon: Thông tin trích từ", "nguon: Bản sửa đang dựng. Thông tin trích từ"),
                    encoding="utf-8")
    held, release = threading.Event(), threading.Event()
    write = session._write

    def slow_write(pages):  # the update stops before writing its pages, until released
        held.set()
        release.wait(120)
        write(pages)

    session._write = slow_write
    done = {}
    worker = threading.Thread(target=lambda: done.setdefault("update", session.update({path})))
    worker.start()
    try:
        assert held.wait(120)
        status, body = get(url + PAGE)  # answered while the update is held
        assert status == 200
        assert "Bản sửa đang dựng" not in body.decode("utf-8")
    finally:
        release.set()
        worker.join(120)
        session._write = write
    update = done["update"]
    assert not update.full and PAGE in update.urls
    server.publish(update.urls)
    session.finish()
    session.prepare()
    assert "Bản sửa đang dựng" in get(url + PAGE)[1].decode("utf-8")


def test_only_the_pages_an_update_made_are_told_to_reload(preview):
    _, _, server, url = preview
    epoch = server.epoch
    answers = {}

    def poll(name, page):
        answers[name] = json.loads(get(f"{url}_ldkb/reload?since={epoch}&page={page}")[1])

    waiting = [threading.Thread(target=poll, args=("changed", PAGE)),
               threading.Thread(target=poll, args=("other", "thuat-ngu/"))]
    for t in waiting:
        t.start()
    while server.waiting < 2:  # both polls are waiting on the server
        threading.Event().wait(0.01)
    server.publish([PAGE])
    for t in waiting:
        t.join(60)
    assert answers["changed"] == {"epoch": epoch + 1, "reload": True}
    assert answers["other"] == {"epoch": epoch + 1, "reload": False}
    # A page opened before a full build reloads whatever it shows.
    server.publish(None)
    assert json.loads(get(f"{url}_ldkb/reload?since={epoch + 1}&page=thuat-ngu/")[1])["reload"] is True


def test_pages_carry_the_notice_and_the_reload_script_and_nothing_else_changes(preview):
    _, session, _, url = preview
    status, body = get(url + PAGE)
    assert status == 200
    text = body.decode("utf-8")
    assert NOTICE in text and "_ldkb/reload" in text
    assert text.index(NOTICE) < text.index('class="md-header')  # first thing in the page
    assert strip_injected(body) == (session.site / PAGE / "index.html").read_bytes()
    status, css = get(url + "assets/ldkb.css")
    assert status == 200 and NOTICE.encode() not in css


def test_files_made_only_by_make_build_are_explained(preview):
    _, _, _, url = preview
    status, body = get(url + "pdf/117-kh-ldld.pdf")
    assert status == 404
    assert "chỉ được tạo khi xuất bản" in body.decode("utf-8") and "make build" in body.decode("utf-8")
    status, body = get(url + "khong-co-trang-nay/")
    assert status == 404 and b"md-header" in body  # the site's own 404 page
