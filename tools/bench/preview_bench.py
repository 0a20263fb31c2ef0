"""Preview: from saving a YAML file to the reloaded page, with the real `ldkb serve` and Chromium."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tools.bench.browser import chromium
from tools.bench.measure import child_env, median

PLAN = "content/van-ban/ke-hoach-thuc-hien-chi-thi-07.yml"
PAGE = "van-ban/ke-hoach-thuc-hien-chi-thi-07/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError("`ldkb serve` đã dừng: " + (proc.stdout.read() if proc.stdout else ""))
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"`ldkb serve` không trả lời sau {timeout:d} s")


def reload_times(project: Path, saves: int = 5) -> dict:
    """Edit the plan's subject line `saves` times; time each save until Chromium shows the new text."""
    port = _free_port()
    cmd = [sys.executable, "-m", "ldkb", "serve", "--addr", f"127.0.0.1:{port}"]
    # Own session, so the server and its mkdocs child stop together (by our process group id only).
    proc = subprocess.Popen(cmd, cwd=project, env=child_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    path = project / PLAN
    original = path.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        _wait_up(url, proc, 180)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            for i in range(saves):
                page.wait_for_timeout(1500)  # let the watcher settle after the previous build
                marker = f"đo-xem-trước-{i}"
                text = original.replace("\ntrich_yeu: ", f"\ntrich_yeu: {marker} ", 1)
                t0 = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                page.wait_for_function("m => document.body && document.body.innerText.includes(m)",
                                       arg=marker, polling=20, timeout=60_000)
                times.append(time.perf_counter() - t0)
    finally:
        path.write_text(original, encoding="utf-8")
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return {"median_s": median(times), "samples": times}
