"""Preview: `make serve` (python -m ldkb serve) reloads the page by itself when a YAML file is
saved, and shows content errors on the page being previewed instead of dying.

A real server process on 127.0.0.1 and Debian's Chromium; the page is never reloaded by the test.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DOC = "content/van-ban/117-kh-ldld.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    log = open(project / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "ldkb", "serve", "--addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while status(url) != 200:
        assert proc.poll() is None, (project / "serve.log").read_text()
        assert time.monotonic() < deadline, "the preview server did not start"
        time.sleep(0.3)
    yield project, url, proc
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    log.close()


def save(project: Path, old: str, new: str) -> int:
    path = project / DOC
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def wait_for_text(page, text: str, timeout_ms: int = 30_000) -> float:
    start = time.monotonic()
    page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=text,
                           timeout=timeout_ms)
    return time.monotonic() - start


def test_page_reloads_by_itself_after_saving_yaml(server, browser):
    project, url, proc = server
    page = browser.new_page()
    page.goto(url + "van-ban/117-kh-ldld/", wait_until="load")
    page.evaluate("window.__notReloaded = true")
    save(project, "nguon: Thông tin trích từ", "nguon: Đã sửa khi xem trước. Thông tin trích từ")
    took = wait_for_text(page, "Đã sửa khi xem trước.")
    assert page.evaluate("window.__notReloaded") is None  # the page reloaded itself
    print(f"\nreload after saving: {took:.2f} s")
    assert proc.poll() is None
    page.close()


def test_content_error_is_shown_on_the_previewed_page_and_the_server_lives(server, browser):
    project, url, proc = server
    page = browser.new_page()
    page.goto(url + "van-ban/117-kh-ldld/", wait_until="load")
    line = save(project, "loai: Kế hoạch", "loai: [Kế hoạch")  # a YAML syntax error
    wait_for_text(page, "Nội dung đang có lỗi")
    body = page.inner_text("body")
    assert f"{DOC}:{line + 1}" in body and "thiếu dấu đóng ngoặc `]`" in body  # reported where it shows
    assert "đang có lỗi" in page.inner_text("h1")  # the document's page itself, not a 404
    assert status(url) == 200 and proc.poll() is None
    # an error in another document shows on this page too
    save(project, "loai: [Kế hoạch", "loai: Kế hoạch")
    wait_for_text(page, "Thực hiện Chương trình số 1306/CTr-TLĐ")
    assert "Nội dung đang có lỗi" not in page.inner_text("body")
    other = project / "content" / "van-ban" / "37-ct-tw.yml"
    good = other.read_text(encoding="utf-8")
    other.write_text(good.replace("ngay_ban_hanh: 03/9/2019", "ngay_ban_hanh: 31/02/2019"), encoding="utf-8")
    wait_for_text(page, "Nội dung đang có lỗi")
    assert "content/van-ban/37-ct-tw.yml" in page.inner_text("body")
    assert "không có thật trong lịch" in page.inner_text("body")
    other.write_text(good, encoding="utf-8")
    # document.body is null for a moment while the page reloads itself
    page.wait_for_function("() => document.body && !document.body.innerText.includes('Nội dung đang có lỗi')",
                           timeout=30_000)
    assert proc.poll() is None
    page.close()


def test_a_new_scaffolded_document_appears_in_the_preview(server, browser):
    project, url, proc = server
    result = subprocess.run([sys.executable, "-m", "ldkb", "new", "120/KH-LĐLĐ"], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    deadline = time.monotonic() + 30
    while status(url + "van-ban/120-kh-ldld/") != 200:  # the unfilled file: its page lists what to fill in
        assert time.monotonic() < deadline
        time.sleep(0.3)
    page.goto(url + "van-ban/120-kh-ldld/", wait_until="load")
    assert "Chưa điền trường bắt buộc" in page.inner_text("body")
    path = project / "content" / "van-ban" / "120-kh-ldld.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nco_quan_ban_hanh:\n", "\nco_quan_ban_hanh: Ban Thường vụ Liên đoàn Lao động tỉnh\n")
    text = text.replace("\ntrich_yeu:\n", "\ntrich_yeu: Trích yếu thử khi xem trước\n")
    path.write_text(text, encoding="utf-8")
    # Saving may be seen half-written first: wait for the build of the whole file.
    page.wait_for_function("() => document.body && document.body.innerText.includes('Trích yếu thử khi xem trước') "
                           "&& !document.body.innerText.includes('Nội dung đang có lỗi')", timeout=30_000)
    path.unlink()
    page.close()


def test_preview_shows_editors_which_file_to_fill_in(server):
    """The file to open and the command to run are editors' words: on the preview, not the site
    (tests/test_members_site.py checks the built site has none)."""
    _, url, _ = server
    with urllib.request.urlopen(url + "van-ban/37-ct-tw/", timeout=30) as r:
        text = r.read().decode("utf-8")
    assert "content/van-ban/37-ct-tw.yml" in text and "make validate" in text
    assert "Dành cho biên tập viên (chỉ hiện khi xem trước)" in text
