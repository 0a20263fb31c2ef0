"""Issue 19's figures: the preview after a save, the site rebuilt after one changed document.

Preview (the real `ldkb serve` and Chromium), at each size: a document's page is open; a
file is saved and the time until the page shows the change is taken, for
- (a) a sentence edited in the document (its opening: no task, no campaign, same citations),
  20 saves; after the first and after the twentieth, the server's memory (process tree, PSS);
  after the last, the time until the search finds the new word;
- (a') a sentence of a part that assigns work (the units' pages show it too), 5 saves;
- (b) a citation of another document added, 5 saves (each a document not cited yet);
- (c) a new document, 5 saves: the time until its page is served and shown.
Rebuild (`mkdocs build --strict`, empty site folder, as `make build`): twice from nothing
(as a plain `mkdocs build`) and three times after one changed document with the cache
(.cache/site, .cache/model) the previous build left.
Correctness: the preview's site after seeded edits of every kind equals a full build
(equivalence.py), for several seeds.

    python -m tools.bench.incremental_bench [--sizes 13 200 2000] [--seeds 1 2 3]

Nothing here is a test: figures go into `make bench`'s table, with the issue's targets.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

from tools.bench.edits import documents, read, write
from tools.bench.measure import _tree_pss_kb, child_env, median, mkdocs_build
from tools.bench.project import make_project
from tools.bench.report import Row, check, figure, text_table, vi

SIZES = [13, 200, 2000]
SAVES = 5
MEMORY_SAVES = 20
REBUILDS = 3
CLEAN_BUILDS = 2
PLAN = "ke-hoach-thuc-hien-chi-thi-07"


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return json.loads(answer.read())
    except (OSError, ValueError):
        return None


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


class Preview:
    """`ldkb serve` of a project, in its own session (stopped by its process group)."""

    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen([sys.executable, "-m", "ldkb", "serve", "--addr", f"127.0.0.1:{self.port}"],
                                     cwd=project, env=child_env(), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def wait_idle(self, timeout: float = 1800) -> None:
        """Until the server is up and has nothing left to do (updates, search index, memos)."""
        end = time.monotonic() + timeout
        quiet = 0
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError("`ldkb serve` đã dừng")
            status = _get_json(self.url + "_ldkb/status")
            quiet = quiet + 1 if status is not None and not status["busy"] else 0
            if quiet >= 3:
                return
            time.sleep(0.2)
        raise RuntimeError("`ldkb serve` vẫn bận")

    def memory_mb(self) -> float:
        return _tree_pss_kb(self.proc.pid) / 1024

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def _document(project: Path, n: int) -> Path:
    """The document edited: the plan in the real collection, else a generated one in the middle."""
    files = documents(project / "content")
    if n <= 13:
        return next(p for p in files if p.stem == PLAN)
    generated = [p for p in files if p.stem[0].isdigit() and read(p).get("noi_dung") and read(p).get("mo_dau")]
    return generated[len(generated) // 2]


def _edit_opening(path: Path, marker: str) -> None:
    data = read(path)
    if data.get("mo_dau"):
        first = data["mo_dau"][0]
        data["mo_dau"][0] = (first if isinstance(first, str) else first.get("doan_van", "")) + f" {marker}"
    else:
        data["mo_dau"] = [f"Đoạn mở đầu {marker}"]
    write(path, data)


def _task_block(data: dict):
    def walk(parts):
        for part in parts or []:
            for i, block in enumerate(part.get("noi_dung") or []):
                if isinstance(block, dict) and (block.get("don_vi") or block.get("chu_tri")):
                    return part["noi_dung"], i
            found = walk(part.get("muc"))
            if found:
                return found
        return None
    return walk(data.get("noi_dung"))


def _edit_task_text(path: Path, marker: str) -> bool:
    data = read(path)
    found = _task_block(data)
    if found is None:
        return False
    items, i = found
    key = "gach_dau_dong" if "gach_dau_dong" in items[i] else "doan_van"
    items[i][key] = f"{items[i][key]} {marker}"
    write(path, data)
    return True


def _timed_save(page, save, marker: str, timeout_ms: int = 600_000) -> float:
    t0 = time.perf_counter()
    save()
    page.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                           polling=20, timeout=timeout_ms)
    return time.perf_counter() - t0


def _search_delay(preview: Preview, browser, page_path: str, marker: str, since: float, before: int,
                  timeout: float = 300) -> float | None:
    """Seconds from `since` (a save) until the server says the search index of the version after
    `before` is written; None if the site search then does not find `marker` on the page."""
    from tools.search_measure import SearchPage

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status = _get_json(preview.url + "_ldkb/status")
        if status is not None and status.get("indexed", 0) > before:
            break
        time.sleep(0.02)
    else:
        return None
    took = time.perf_counter() - since
    tab = browser.new_page()
    try:  # checked as a member would: typed into the search box of a freshly opened page
        search = SearchPage(tab, preview.url)
        search.open(preview.url)
        found = search.search(marker, keystrokes=True)
        return took if any(page_path in h.get("path", "") for h in found["all"]) else None
    finally:
        tab.close()


def preview_figures(n: int, work: Path, *, saves: int = SAVES, memory_saves: int = MEMORY_SAVES) -> dict:
    from tools.bench.browser import chromium

    project = make_project(work / f"preview-{n}", n)
    doc = _document(project, n)
    slug = doc.stem
    targets = [p for p in documents(project / "content") if read(p).get("so_ky_hieu") and p != doc]
    cited = {t for t in targets if read(t)["so_ky_hieu"] in doc.read_text(encoding="utf-8")}
    targets = [t for t in targets if t not in cited][:saves]
    out: dict = {"n": n}
    preview = Preview(project)
    try:
        t0 = time.perf_counter()
        preview.wait_idle()
        out["first_build_s"] = time.perf_counter() - t0
        log(f"N = {n}: bản xem trước đầu tiên {out['first_build_s']:.1f} s")
        page_url = f"{preview.url}van-ban/{slug}/"
        with chromium() as browser:
            page = browser.new_page()
            page.goto(page_url, wait_until="load")
            # (a) a sentence, with the memory after the first and the last save
            times = []
            for i in range(memory_saves):
                marker = f"dokiemtra{n}x{i}"
                before = (_get_json(preview.url + "_ldkb/status") or {}).get("epoch", 0)
                times.append(_timed_save(page, partial(_edit_opening, doc, marker), marker))
                if i == memory_saves - 1:
                    # the search: from this save until its index is written (after the page is
                    # shown), then checked by a search in Chromium
                    since = time.perf_counter() - times[-1]
                    out["search_s"] = _search_delay(preview, browser, f"van-ban/{slug}/", marker, since, before)
                preview.wait_idle()
                if i == 0:
                    out["memory_first_mb"] = preview.memory_mb()
            out["memory_last_mb"] = preview.memory_mb()
            out["sentence"] = times
            log(f"N = {n}: sửa một câu {median(times):.2f} s (trung vị {len(times)} lần), "
                f"tìm kiếm {out.get('search_s')}, bộ nhớ {out['memory_first_mb']:.0f} → {out['memory_last_mb']:.0f} MB")
            # (a') a sentence that assigns work
            times = []
            for i in range(saves):
                marker = f"dogiaoviec{n}x{i}"
                if not _task_block(read(doc)):
                    break
                times.append(_timed_save(page, partial(_edit_task_text, doc, marker), marker))
                preview.wait_idle()
            out["task_sentence"] = times
            # (b) a citation
            times = []
            for i, target in enumerate(targets):
                marker = f"dotrichdan{n}x{i}"
                data = read(target)
                sentence = f"Theo {data['loai']} số {data['so_ky_hieu']} ({marker})."
                times.append(_timed_save(page, partial(_append_opening, doc, sentence), marker))
                preview.wait_idle()
            out["citation"] = times
            log(f"N = {n}: thêm trích dẫn {median(times):.2f} s")
            # (c) a new document
            times = []
            for i in range(saves):
                marker = f"dovanbanmoi{n}x{i}"
                number = 8000 + i
                new = doc.with_name(f"{number}-kh-ldld.yml")
                data = read(doc)
                data.update(so_ky_hieu=f"{number}/KH-LĐLĐ", loai="Kế hoạch", trich_yeu=f"Kế hoạch thử nghiệm {marker}",
                            thuc_hien=[read(targets[0])["so_ky_hieu"]] if targets else [])
                for key in ("gan_voi", "co_quan_chu_quan", "ma"):
                    data.pop(key, None)
                data["co_quan_ban_hanh"] = "Ban Thường vụ Liên đoàn Lao động tỉnh"
                url = f"{preview.url}van-ban/{number}-kh-ldld/"
                t0 = time.perf_counter()
                write(new, data)
                while _status(url) != 200:
                    if time.perf_counter() - t0 > 1800:
                        raise RuntimeError("trang văn bản mới không xuất hiện")
                    time.sleep(0.05)
                tab = browser.new_page()
                tab.goto(url, wait_until="load")
                # document.body is null for a moment while the page reloads itself
                tab.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                                      polling=20)
                times.append(time.perf_counter() - t0)
                tab.close()
                preview.wait_idle()
            out["new_document"] = times
            log(f"N = {n}: thêm văn bản mới {median(times):.2f} s")
    except Exception as exc:  # noqa: BLE001 - the figures measured before a failing step are kept
        log(f"preview_figures: {type(exc).__name__}: {exc}")
        out["error"] = f"preview_figures: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    finally:
        preview.stop()
        shutil.rmtree(project, ignore_errors=True)
    return out


def _append_opening(path: Path, sentence: str) -> None:
    data = read(path)
    opening = data.get("mo_dau") or [""]
    first = opening[0] if isinstance(opening[0], str) else opening[0].get("doan_van", "")
    data["mo_dau"] = [f"{first} {sentence}".strip()] + opening[1:]
    write(path, data)


def rebuild_figures(n: int, work: Path, *, clean: int = CLEAN_BUILDS, rebuilds: int = REBUILDS,
                    known: list[float] | None = None) -> dict:
    """`mkdocs build --strict` from nothing (or the times `make bench` measured already), and
    after one changed document with the caches."""
    project = make_project(work / f"rebuild-{n}", n)
    site = work / f"rebuild-site-{n}"
    out: dict = {"n": n, "clean": list(known or []), "incremental": []}
    try:
        for _ in range(0 if known else clean):
            run = mkdocs_build(project, site, strict=True)  # from nothing
            if run.returncode != 0:
                raise RuntimeError(run.output[-2000:])
            out["clean"].append(run.seconds)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        first = mkdocs_build(project, site, strict=True, cache=True)  # fills the caches (not counted)
        if first.returncode != 0:
            raise RuntimeError(first.output[-2000:])
        out["filling"] = first.seconds
        files = [p for p in documents(project / "content") if read(p).get("mo_dau")]
        rng = random.Random(n)
        for i in range(rebuilds):
            _edit_opening(rng.choice(files), f"doxaydunglai{i}")
            run = mkdocs_build(project, site, strict=True, cache=True)
            if run.returncode != 0:
                raise RuntimeError(run.output[-2000:])
            out["incremental"].append(run.seconds)
        log(f"N = {n}: xây dựng từ đầu {median(out['clean']):.1f} s, sau khi sửa một văn bản "
            f"{median(out['incremental']):.1f} s")
    finally:
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    return out


def equivalence_figures(work: Path, seeds: list[int], documents_n: int = 24) -> dict:
    from tools.bench.edits import KINDS
    from tools.bench.equivalence import check_sequence

    out = {"seeds": seeds, "edits": 0, "differ": 0, "full": 0}
    for seed in seeds:
        folder = work / f"equivalence-{seed}"
        project = make_project(folder / "project", documents_n)
        steps = check_sequence(project, seed, len(KINDS), folder, every_kind=True)
        out["edits"] += len(steps)
        out["differ"] += sum(1 for s in steps if s.differ)
        out["full"] += sum(1 for s in steps if s.full)
        shutil.rmtree(folder, ignore_errors=True)
    log(f"Tương đương: {out['edits']} lần sửa, {out['differ']} lần khác bản dựng đầy đủ")
    return out


def figures(work: Path, sizes: list[int], seeds: list[int], clean: dict[int, list[float]] | None = None,
            parts: tuple[str, ...] = ("rebuild", "preview")) -> dict:
    """Every figure; `clean`: times of builds from nothing already measured, by size."""
    out: dict = {"preview": {}, "rebuild": {}}
    for n in sizes:
        if "rebuild" in parts:
            out["rebuild"][n] = _guarded(partial(rebuild_figures, n, work, known=(clean or {}).get(n)))
        if "preview" in parts:
            out["preview"][n] = _guarded(preview_figures, n, work)
    if seeds:
        out["equivalence"] = _guarded(equivalence_figures, work, seeds)
    return out


def _guarded(fn, *args) -> dict:
    name = getattr(getattr(fn, "func", fn), "__name__", "?")
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - one failing part must not lose the others' figures
        log(f"{name}: {type(exc).__name__}: {exc}")
        return {"error": f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"}


def rows(fig: dict) -> list[Row]:
    out: list[Row] = []
    preview, rebuild = fig.get("preview", {}), fig.get("rebuild", {})
    big = max([*preview, *rebuild] or [0])  # the targets are the largest size's
    for n in sorted(preview):
        p = preview[n]
        a = median(p.get("sentence", [])) if p.get("sentence") else None
        label = f"Xem trước, N = {vi(n, 0)}: sửa một câu → trang hiện trong Chromium (trung vị {len(p.get('sentence', []))} lần lưu)"
        if n == big:
            out.append(check(label, a, "{:.2f} s", "≤ 3 s", lambda v: v <= 3))
        elif n <= 13:
            out.append(check(label, a, "{:.2f} s", "≤ 1 s", lambda v: v <= 1))
        else:
            out.append(figure(label, a, "{:.2f} s"))
        task = p.get("task_sentence")
        out.append(figure(f"Như trên, câu của một mục có giao việc (trang đơn vị cũng làm lại), N = {vi(n, 0)}",
                          median(task) if task else None, "{:.2f} s"))
        label = f"Xem trước, N = {vi(n, 0)}: thêm một trích dẫn → trang hiện"
        b = median(p["citation"]) if p.get("citation") else None
        out.append(check(label, b, "{:.2f} s", "≤ 5 s", lambda v: v <= 5) if n == big else figure(label, b, "{:.2f} s"))
        c = median(p["new_document"]) if p.get("new_document") else None
        full = median(rebuild.get(n, {}).get("clean", [])) if rebuild.get(n, {}).get("clean") else None
        label = f"Xem trước, N = {vi(n, 0)}: thêm một văn bản mới → trang hiện"
        if n == big and full:
            out.append(check(label, c, "{:.2f} s", f"≤ xây dựng đầy đủ ({vi(full, 1)} s)", lambda v, f=full: v <= f))
        else:
            out.append(figure(label, c, "{:.2f} s"))
        if n == big:
            out.append(check(f"Xem trước, N = {vi(n, 0)}: tìm kiếm thấy câu vừa sửa sau khi lưu", p.get("search_s"),
                             "{:.1f} s", "≤ 10 s", lambda v: v <= 10))
        # The memory target holds at every size (the preview's, whatever the collection).
        first, last = p.get("memory_first_mb"), p.get("memory_last_mb")
        ratio = last / first if first and last else None
        out.append(check(f"Xem trước, N = {vi(n, 0)}: bộ nhớ sau {MEMORY_SAVES} lần lưu / sau lần đầu"
                         + (f" ({vi(first, 0)} → {vi(last, 0)} MB)" if ratio else ""),
                         ratio, "{:.3f}×", "≤ 1,10×", lambda v: v <= 1.10))
        if p.get("error"):
            out.append(Row(f"Xem trước, N = {vi(n, 0)}: lỗi", p["error"][:80]))
    for n in sorted(rebuild):
        r = rebuild[n]
        if r.get("clean") and r.get("incremental"):
            ratio = median(r["incremental"]) / median(r["clean"])
            label = (f"Xây dựng lại sau khi sửa một văn bản / từ đầu, N = {vi(n, 0)} "
                     f"({vi(median(r['incremental']), 1)} s / {vi(median(r['clean']), 1)} s)")
            out.append(check(label, ratio, "{:.2f}×", "≤ 0,25×", lambda v: v <= 0.25) if n == big
                       else figure(label, ratio, "{:.2f}×"))
        elif r.get("error"):
            out.append(Row(f"Xây dựng lại, N = {vi(n, 0)}: lỗi", r["error"][:80]))
    eq = fig.get("equivalence")
    if eq and not eq.get("error"):
        out.append(check(f"Xem trước = bản dựng đầy đủ sau mỗi lần sửa ({len(eq['seeds'])} hạt, {eq['edits']} lần sửa)",
                         eq["differ"], "{} lần khác", "0", lambda v: v == 0))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.bench.incremental_bench",
                                 description="Đo xem trước từng phần và xây dựng lại từng phần.")
    ap.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    ap.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3])
    ap.add_argument("--json", help="ghi số liệu vào tệp JSON này")
    ap.add_argument("--parts", nargs="+", default=["rebuild", "preview"], choices=["rebuild", "preview"],
                    help="chỉ đo các phần này")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ldkb-incremental-"))
    try:
        fig = figures(work, args.sizes, args.seeds, parts=tuple(args.parts))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(text_table(rows(fig)))
    print(f"\nTải máy (1 phút): {vi(os.getloadavg()[0])}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
