"""`make bench`: every figure of the performance issue, with its target, in one table.

Medians over repeated runs; every comparison with plain Material is taken side by side
(ours and the baseline alternate at each repeat), so machine load hits both alike.
"""
from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tools.bench import REPO_ROOT
from tools.bench.baseline import make_baseline
from tools.bench.measure import median, mkdocs_build
from tools.bench.project import make_project
from tools.bench.report import FAIL, Row, check, figure, md_grid, md_table, plot, text_table, vi, write_page

PAGE = REPO_ROOT / "docs-dev" / "hieu-nang-xay-dung.md"
PLOT = REPO_ROOT / "docs-dev" / "assets" / "bench-scale.png"
# A build of 13 documents takes under a second and one of 200 a few seconds: the shared VM's
# noise (±0.2 s) is a large share of them, so small sizes get more repeats. Every compared size
# starts with one untimed pair (`warmup`), so that no side's first build pays for cold caches
# and the first compile of Material's templates, and the growth from 200 to 2,000 compares
# like with like.
FULL = {"sizes": [13, 200, 2000, 5000], "baseline": [13, 200, 2000], "search": [13, 2000],
        "repeats": {13: 15, 200: 7, 2000: 3, 5000: 1}, "warmup": [13, 200, 2000],
        "optional": [5000], "ablation": None,
        # Issue 19: the preview after a save and the rebuild after one changed document
        # (tools/bench/incremental_bench.py), and the preview's equivalence over several seeds.
        "incremental": [13, 200, 2000], "seeds": [1, 2, 3]}
QUICK = {"sizes": [13, 60, 200], "baseline": [13, 60, 200], "search": [13, 200],
         "repeats": {13: 1, 60: 1, 200: 1}, "warmup": [], "optional": [], "ablation": 60,
         "incremental": [13, 60], "seeds": [1]}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


BUDGET_S = 20 * 60  # the issue: `make bench` in under 20 minutes on two cores
RESERVE_S = 4 * 60  # PDFs, preview and search measured after the builds


def _estimate(scale: dict, n: int, key: str) -> float | None:
    """Linear extrapolation from the largest N measured so far (growth is checked separately)."""
    done = [m for m in scale if scale[m].get(key)]
    if not done:
        return None
    m = max(done)
    return scale[m][key]["seconds"] * n / m


def _built(key: str, n: int, project: Path, site: Path, **options):
    """One build of the bench (mkdocs_build); a failed build stops the bench with its output."""
    run = mkdocs_build(project, site, **options)
    if run.returncode != 0:
        raise SystemExit(f"Xây dựng ({key}, N = {n}) thất bại:\n{run.output[-4000:]}")
    return run


def _growth_sizes(plan: dict) -> tuple[int | None, int | None]:
    """The two sizes of the growth target: the two largest compared with the baseline."""
    sizes = sorted(plan["baseline"])
    return (sizes[-2], sizes[-1]) if len(sizes) >= 2 else (None, None)


def growth_pairs(scale: dict, hi: int) -> list[float]:
    """time(hi) / time(lo) for each timed run at `hi`, against the mean of the partner builds of
    `lo` made just before and just after it (bench_site). Taken side by side, like every other
    ratio here: medians of two phases minutes apart also compare the machine's load at two times."""
    s = scale.get(hi, {})
    runs, partner = (s.get("ours") or {}).get("runs", []), (s.get("partner") or {}).get("runs", [])
    if len(partner) != len(runs) + 1:
        return []
    return [t / ((partner[i] + partner[i + 1]) / 2) for i, t in enumerate(runs)]


def bench_site(plan: dict, work: Path, skip: set[str], t_start: float,
               known: dict | None = None) -> tuple[dict, dict, dict, dict]:
    """Builds at every N: ours (strict) and the baseline, alternating; search on the kept sites.

    Repeats shrink (never below one) and optional sizes are skipped when the time already spent
    plus a linear estimate would break the 20-minute budget; what was cut is reported."""
    from tools.bench.search_bench import search_figures

    scale: dict = {}
    search: dict = {}
    cite: dict = {}
    cuts: dict = {}
    # The growth target's sizes: `grow_lo` is built again between the timed runs of `grow_hi`.
    grow_lo, grow_hi = _growth_sizes(plan)
    for n in plan["sizes"]:
        repeats = plan["repeats"].get(n, 1)
        seen = {**(known or {}), **scale}  # sizes measured by an earlier stage count too
        per_run = sum(filter(None, [_estimate(seen, n, "ours"),
                                    _estimate(seen, n, "base") if n in plan["baseline"] else 0,
                                    # the growth pair's partner build (see below)
                                    _estimate(seen, grow_lo, "ours") if n == grow_hi else 0]))
        left = (BUDGET_S - RESERVE_S - (time.perf_counter() - t_start) - 0.02 * n  # generation ≈ 20 ms/doc
                - (_estimate(seen, n, "ours") or 0))  # the memory run
        warmup = n in plan.get("warmup", [])
        if per_run and per_run * (repeats + warmup) > left:
            fit = int(left // per_run)
            if fit < 1 and n in plan.get("optional", []):
                cuts[n] = f"bỏ qua: ước tính {per_run / 60:.1f} phút mỗi lần, vượt ngân sách 20 phút"
                log(f"N = {n}: {cuts[n]}")
                continue
            cuts[n] = f"{max(fit, 1)} lần đo thay vì {repeats} (ngân sách 20 phút)"
            repeats, warmup = max(fit, 1), False
        log(f"N = {n}: tạo dữ liệu")
        ours = make_project(work / f"ours-{n}", n)
        base = make_baseline(ours, work / f"base-{n}") if n in plan["baseline"] else None
        os.sync()  # the generated files' write-back must not run during the timed builds
        if n == max(plan["baseline"]) and "citations" not in skip:
            from ldkb.model.corpus import load_corpus
            from tools.bench.citations_bench import throughput

            cite = throughput(load_corpus(ours / "content"))
            cite["n"] = n
        runs: dict[str, list] = {"ours": [], "base": []}
        site = work / f"site-{n}"
        # The growth target's smaller size, built again between the timed runs of this one
        # (`growth_pairs`), so both sides of that ratio meet the same machine load too.
        lo = grow_lo if n == grow_hi else None
        partner = work / f"ours-{lo}" if lo is not None and (work / f"ours-{lo}").is_dir() else None
        partner_runs: list[float] = []

        def partner_build(lo=lo, partner=partner, partner_runs=partner_runs, n=n) -> None:
            run = _built("ours", lo, partner, work / f"site-{lo}", strict=True)
            partner_runs.append(run.seconds)
            log(f"N = {lo} [ours, cặp với N = {n}] {run.seconds:.2f} s")

        for r in range(-1 if warmup else 0, repeats):
            if partner is not None and r == 0:
                partner_build()
            for key, project, strict in (("ours", ours, True), ("base", base, False)):
                if project is None:
                    continue
                out = site if key == "ours" else work / f"site-base-{n}"
                run = _built(key, n, project, out, strict=strict)
                if r < 0:
                    log(f"N = {n} [{key}, làm nóng, không tính] {run.seconds:.2f} s")
                    continue
                runs[key].append(run)
                log(f"N = {n} [{key} {r + 1}] {run.seconds:.2f} s (CPU {run.cpu_seconds:.2f} s), {run.max_rss_mb:.0f} MB")
            if partner is not None and r >= 0:
                partner_build()
        # Memory of ours with its background workers, in a run of its own: reading a process
        # tree's memory slows the build it reads (measure.SAMPLE_S). The baseline is one process.
        memory = _built("ours", n, ours, site, strict=True, tree_memory=True)
        log(f"N = {n} [ours, bộ nhớ] {memory.max_rss_mb:.0f} MB ({memory.seconds:.2f} s, không tính thời gian)")
        scale[n] = {}
        for key, rs in runs.items():
            if rs:
                mb = max(r.max_rss_mb for r in (rs + [memory] if key == "ours" else rs))
                scale[n][key] = {"seconds": median(r.seconds for r in rs), "mb": mb,
                                 "cpu": median(r.cpu_seconds for r in rs),
                                 "runs": [round(r.seconds, 2) for r in rs]}
        if partner_runs:
            scale[n]["partner"] = {"n": lo, "runs": [round(x, 2) for x in partner_runs]}
        scale[n]["site_mb"] = _du_mb(site)
        if n == plan.get("ablation") and "ablation" not in skip:
            scale[n]["ablation"] = ablation(ours, work)
        if n in plan["search"] and "search" not in skip:
            log(f"N = {n}: đo tìm kiếm trong Chromium")
            search[n] = search_figures(site)
        shutil.rmtree(work / f"site-base-{n}", ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True) if base else None
        if n != plan["sizes"][0] and n != grow_lo:
            shutil.rmtree(ours, ignore_errors=True)
        if partner is not None:
            shutil.rmtree(partner, ignore_errors=True)
            shutil.rmtree(work / f"site-{lo}", ignore_errors=True)
    return scale, search, cite, cuts


def ablation(project: Path, work: Path) -> dict:
    """Build time without each of our optional plugins in turn (one run each, non-strict:
    a plugin removed can leave links the others expect): where the overhead comes from."""
    from tools.bench.measure import run_timed
    from tools.bench.project import read_config, write_config

    cfg = read_config(project / "mkdocs.yml")
    names = [next(iter(e)) if isinstance(e, dict) else e for e in cfg.get("plugins", [])]
    out = {}
    for name in names:
        if not str(name).startswith("ldkb-") or name == "ldkb-documents":
            continue
        trimmed = dict(cfg, strict=False, plugins=[e for e, nm in zip(cfg["plugins"], names, strict=False) if nm != name])
        config = project / f"mkdocs-khong-{name}.yml"
        write_config(config, trimmed)
        run = run_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config.name,
                         "--site-dir", str(work / "site-ablation")], project)
        shutil.rmtree(work / "site-ablation", ignore_errors=True)
        out[name] = run.cpu_seconds if run.returncode == 0 else None
        log(f"  không có {name}: {run.seconds:.2f} s, CPU {run.cpu_seconds:.2f} s"
            + ("" if run.returncode == 0 else " (lỗi)"))
    return out


def _guarded(fn, *args) -> dict:
    """One section failing (a timeout on a busy machine) must not lose the others' figures."""
    try:
        return fn(*args)
    except Exception as exc:
        log(f"{fn.__name__}: {type(exc).__name__}: {exc}")
        return {"error": f"{fn.__name__}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}


def rows_for(plan, scale, search, cite, pdf, preview, rel=None) -> list[Row]:
    rows: list[Row] = []
    rel = rel or {}
    rows.append(check(f"Tìm kiếm: nDCG@5 của bộ {rel.get('n', '…')} câu hỏi có chấm điểm (kho thật, Chromium)",
                      rel.get("ndcg"), "{:.3f}", "≥ 0,9", lambda v: v >= 0.9))
    if rel.get("first_wrong") is not None:
        rows.append(Row("Tìm kiếm: câu hỏi có kết quả đầu tiên quy định mà sai", str(len(rel["first_wrong"])), "0",
                        "ĐẠT" if not rel["first_wrong"] else "KHÔNG ĐẠT"))
    for n in plan["baseline"]:
        s = scale.get(n, {})
        ratio = s["ours"]["seconds"] / s["base"]["seconds"] if s.get("ours") and s.get("base") else None
        rows.append(check(f"Xây dựng trang, N = {vi(n, 0)}: có plugin / Material thuần", ratio,
                          "{:.2f}×", "≤ 1,25×", lambda v: v <= 1.25))
        cpu = s["ours"]["cpu"] / s["base"]["cpu"] if s.get("ours") and s.get("base") else None
        # Not a target: from 100 pages the search index is made by a second process (the build
        # uses both cores), whose CPU time counts here too. Less moved by a busy machine.
        rows.append(figure("Như trên, theo tổng thời gian CPU (cả tiến trình chạy nền)", cpu, "{:.2f}×"))
    t = {n: scale[n]["ours"]["seconds"] for n in scale if scale[n].get("ours")}
    lo, hi = _growth_sizes(plan)
    pairs = growth_pairs(scale, hi)
    phases = t[hi] / t[lo] if hi in t and lo in t else None
    rows.append(check(f"Tăng trưởng: thời gian({hi}) / thời gian({lo})"
                      + (f", đo từng cặp liền nhau (trung vị của {len(pairs)} cặp)" if pairs else ""),
                      median(pairs) if pairs else phases, "{:.2f}",
                      # 10× the documents: at most 11× the time (10 % over linear).
                      f"≤ {vi(1.1 * hi / lo, 1)} (tuyến tính: {vi(hi / lo, 1)})", lambda v: v <= 1.1 * hi / lo))
    if pairs:
        rows.append(Row("Như trên, từng cặp (thấp nhất–cao nhất)", f"{vi(min(pairs))}–{vi(max(pairs))}"))
        rows.append(figure(f"Như trên, trung vị N = {hi} / trung vị N = {lo} (hai giai đoạn đo cách nhau vài phút)",
                           phases, "{:.2f}"))
    big = max(plan["baseline"])
    if big in scale and scale[big].get("ours"):
        rows.append(check(f"Xây dựng {big} văn bản: thời gian", t[big], "{:.1f} s", "< 120 s", lambda v: v < 120))
        rows.append(check(f"Xây dựng {big} văn bản: bộ nhớ đỉnh", scale[big]["ours"]["mb"], "{:.0f} MB",
                          "< 2.048 MB", lambda v: v < 2048))
    top = max(scale) if scale else None
    if top and top != big and big in t:
        rows.append(figure(f"Tăng trưởng: thời gian({top}) / thời gian({big}) (tuyến tính: {vi(top / big, 1)})",
                           t[top] / t[big], "{:.2f}"))
    rows.append(figure(f"Nhận diện trích dẫn (N = {cite.get('n', '?')}, {vi(cite.get('mb', 0), 1)} MB văn bản)",
                       cite.get("mb_per_s"), "{:.1f} MB/s"))
    rows += pdf_rows(pdf)
    for n in plan["search"]:
        s = search.get(n, {})
        size = s.get("gzip")
        # lunr: the whole index; Pagefind: what the query set fetched (search_bench.py).
        label = (f"Chỉ mục tìm kiếm ({s.get('engine', 'lunr')}), N = {vi(n, 0)}: tải về, gzip"
                 f" (thô {vi(s.get('bundle_raw', s.get('raw', 0)) / 1e6, 1)} MB)")
        if n == max(plan["search"]):
            rows.append(check(label, size and size / 1e6, "{:.2f} MB", "< 2 MB", lambda v: v < 2))
        else:
            rows.append(figure(label, size and size / 1e6, "{:.2f} MB"))
        rows.append(check(f"Tìm kiếm, N = {n}: trung vị thời gian của bộ máy tìm kiếm (worker)",
                          s.get("engine_ms"), "{:.1f} ms", "< 50 ms", lambda v: v < 50))
        rows.append(check(f"Tìm kiếm, N = {n}: trung vị từ lúc gõ đến khi kết quả hiện trên trang",
                          s.get("median_ms"), "{:.0f} ms", "< 50 ms", lambda v: v < 50))
        rows.append(figure(f"Tìm kiếm, N = {n}: nạp chỉ mục trong trình duyệt", s.get("setup_ms"), "{:.0f} ms"))
    if preview.get("error"):
        rows.append(Row("Xem trước và xây dựng lại từng phần: lỗi", preview["error"][:80]))
    else:
        from tools.bench.incremental_bench import rows as incremental_rows

        rows += incremental_rows(preview)
    return rows


def pdf_rows(pdf: dict) -> list[Row]:
    return [
        check("PDF: thời gian / WeasyPrint thuần (cùng HTML)", pdf.get("ratio"), "{:.2f}×", "≤ 1,1×",
              lambda v: v <= 1.1),
        figure("PDF: trang/giây (WeasyPrint thuần)", pdf.get("plain_pages_per_s"), "{:.1f}"),
        figure("PDF: trang/giây (của kho)", pdf.get("ours_pages_per_s"), "{:.1f}"),
        check(f"PDF: tăng tốc song song ({os.cpu_count()} nhân)", pdf.get("speedup"), "{:.2f}×", "≥ 1,7×",
              lambda v: v >= 1.7),
        check("PDF: xây dựng lại khi không có thay đổi", pdf.get("nochange_s"), "{:.2f} s", "< 2 s",
              lambda v: v < 2),
    ]


def scale_grid(scale: dict) -> str:
    rows = []
    for n in sorted(scale):
        s = scale[n]
        o, b = s.get("ours"), s.get("base")
        rows.append([
            vi(n, 0),
            f"{vi(o['seconds'])} s" if o else "—",
            f"{vi(b['seconds'])} s" if b else "—",
            f"{vi(o['seconds'] / b['seconds'])}×" if o and b else "—",
            f"{vi(o['cpu'] / b['cpu'])}×" if o and b else "—",
            f"{vi(o['mb'], 0)} MB" if o else "—",
            f"{vi(b['mb'], 0)} MB" if b else "—",
            f"{vi(1000 * o['seconds'] / n, 0)} ms" if o else "—",
            f"{vi(s['site_mb'], 0)} MB",
            _spread(o, b),
        ])
    return md_grid(["N", "Có plugin", "Material thuần", "Tỉ lệ", "Tỉ lệ thời gian CPU", "Bộ nhớ (plugin)", "Bộ nhớ (thuần)",
                    "Mỗi văn bản", "Dung lượng site", "Các lần đo: plugin / thuần"], rows)


def _spread(ours: dict | None, base: dict | None) -> str:
    """Fastest–slowest of the timed runs of each side, and how many: the noise behind a ratio."""
    if not ours:
        return "—"
    sides = [d for d in (ours, base) if d]
    text = " / ".join(vi(min(d["runs"])) + ("–" + vi(max(d["runs"])) if len(d["runs"]) > 1 else "")
                      for d in sides)
    return f"{text} s ({len(ours['runs'])} lần)"


def ablation_grid(scale: dict) -> tuple[int, str] | None:
    for n in sorted(scale):
        abl = scale[n].get("ablation")
        if abl and scale[n].get("ours"):
            full = scale[n]["ours"]["cpu"]
            base = scale[n].get("base", {}).get("cpu")
            rows = [["(đủ các plugin)", f"{vi(full)} s", "—"]]
            for name, secs in sorted(abl.items(), key=lambda kv: -(full - (kv[1] or full))):
                rows.append([f"không có `{name}`", f"{vi(secs)} s" if secs else "lỗi",
                             f"{vi(100 * (full - secs) / full, 0)} %" if secs else "—"])
            if base:
                rows.append(["Material thuần (mốc)", f"{vi(base)} s", f"{vi(100 * (full - base) / full, 0)} %"])
            return n, md_grid(["Bản dựng", "Thời gian CPU", "Phần thời gian do phần bị bỏ"], rows)
    return None


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} nhân ({cpu}), Python {platform.python_version()}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description="Đo hiệu năng và khả năng mở rộng.")
    ap.add_argument("--quick", action="store_true", help="cỡ nhỏ, một lần đo (để thử)")
    ap.add_argument("--skip", default="", help="bỏ qua: pdf,search,preview,citations,relevance (phân cách bằng "
                    "dấu phẩy); preview: cả xem trước và xây dựng lại từng phần")
    ap.add_argument("--no-page", action="store_true", help="không ghi trang docs-dev/hieu-nang-xay-dung.md")
    ap.add_argument("--workdir", help="thư mục tạm (mặc định: một thư mục mới trong /tmp)")
    args = ap.parse_args(argv)
    plan = QUICK if args.quick else FULL
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="ldkb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # Our plugins' bytecode written once, untimed, as an installed package has it: where
    # PYTHONDONTWRITEBYTECODE is set (as on the machines we measure on), every timed build
    # would compile the edited modules again, while Material's come compiled from pip.
    compileall.compile_dir(str(REPO_ROOT / "plugins"), quiet=1)
    started, load0 = dt.datetime.now(dt.UTC), os.getloadavg()
    t0 = time.perf_counter()
    scale: dict = {}
    search: dict = {}
    cite: dict = {}
    cuts: dict = {}
    pdf: dict = {}
    preview: dict = {}
    rel: dict = {}
    # Small sizes, PDFs and preview first, and the page written after them: the big builds
    # come last, so a busy machine cuts the run short without losing what was measured.
    small = [n for n in plan["sizes"] if n <= 200]
    stages = [dict(plan, sizes=small), dict(plan, sizes=[n for n in plan["sizes"] if n not in small])]
    try:
        for i, stage in enumerate(stages):
            if not stage["sizes"]:
                continue
            sc, se, ci, cu = bench_site(stage, work, skip, t0, known=scale)
            scale.update(sc), search.update(se), cuts.update(cu)
            cite = ci or cite
            if i == 0:
                if "pdf" not in skip:
                    from tools.bench.pdf_bench import pdf_figures

                    log("PDF")
                    pdf = _guarded(pdf_figures, work / "ours-13", work / "pdf")
                if "relevance" not in skip:
                    from tools.bench.relevance_bench import relevance

                    log("Độ chính xác tìm kiếm (bộ câu hỏi có chấm điểm, Chromium)")
                    rel = _guarded(relevance, work)
            final = i == len(stages) - 1 or not stages[-1]["sizes"]
            if final and "preview" not in skip:
                from tools.bench.incremental_bench import figures as incremental_figures

                log("Xem trước và xây dựng lại từng phần (ldkb serve + Chromium; mkdocs build có bộ nhớ đệm)")
                # The builds from nothing measured above (strict, empty site folder) are the reference.
                clean = {n: scale[n]["ours"]["runs"] for n in plan["incremental"] if scale.get(n, {}).get("ours")}
                preview = _guarded(incremental_figures, work / "incremental", plan["incremental"], plan["seeds"], clean)
            publish(args, plan, started, load0, t0, scale, search, cite, cuts, pdf, preview, final, rel)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def publish(args, plan, started, load0, t0, scale, search, cite, cuts, pdf, preview, final: bool,
            rel: dict | None = None) -> None:
    total = time.perf_counter() - t0
    load1 = os.getloadavg()
    rel = rel or {}
    rows = rows_for(plan, scale, search, cite, pdf, preview, rel)
    print(("" if final else "\n(Kết quả tạm, các cỡ lớn đang được đo)\n") + text_table(rows))
    print(f"\n{machine()}; tải máy (1 phút) lúc đầu {vi(load0[0])}, lúc cuối {vi(load1[0])}; "
          f"tổng thời gian đo {vi(total / 60, 1)} phút.")
    misses = [r for r in rows if r.status == FAIL]
    abl = ablation_grid(scale)
    if abl:
        print(f"\nThời gian theo từng plugin (N = {abl[0]}):\n{abl[1]}")
    notes = [f"- N = {n}: {why}" for n, why in cuts.items()]
    notes += [f"- {name}: {d['error']}" for name, d in
              [("PDF", pdf), ("Trích dẫn", cite), ("Xem trước", preview), ("Độ chính xác tìm kiếm", rel)]
              + [(f"Tìm kiếm N = {n}", s) for n, s in search.items()] if d.get("error")]
    if not final:
        notes.append("- Kết quả tạm: các cỡ lớn chưa đo xong.")
    if notes:
        print("\nGhi chú:\n" + "\n".join(notes))
    if not args.no_page:
        plot(scale, PLOT)
        body = "\n\n".join([
            f"*Lần đo gần nhất: {started:%d/%m/%Y %H:%M} UTC, {'bản rút gọn (--quick)' if args.quick else 'đầy đủ'}; "
            f"{machine()}; tải máy trung bình 1 phút lúc bắt đầu {vi(load0[0])}, lúc kết thúc {vi(load1[0])} "
            f"(tải lớn hơn 2 nghĩa là máy đang bận việc khác: thời gian thực bị kéo dài, thời gian CPU "
            f"ít bị ảnh hưởng hơn); tổng thời gian đo {vi(total / 60, 1)} phút.*",
            "### Kết quả so với mục tiêu",
            md_table(rows),
            "### Thời gian và bộ nhớ theo số văn bản",
            scale_grid(scale),
            "![Thời gian xây dựng và bộ nhớ đỉnh theo số văn bản (thang log)](assets/bench-scale.png)",
        ] + ([f"### Thời gian theo từng plugin (N = {abl[0]}, mỗi bản dựng đo một lần)", abl[1]] if abl else [])
          + (["### Độ chính xác tìm kiếm: các câu hỏi dưới 0,8",
              "Bộ câu hỏi: `tests/search_graded.yml`; cách chấm: `tools/search_relevance.py`.",
              md_grid(["Câu hỏi", "nDCG@5", "Ba kết quả đầu"],
                      [[q, vi(v, 2), " · ".join(h or "(trang chủ)" for h in hits)] for q, v, hits in rel["below"]])
              if rel["below"] else "Mọi câu hỏi đạt từ 0,8 trở lên."] if rel.get("below") is not None else [])
          + (["### Ghi chú tự động", "\n".join(notes)] if notes else []))
        write_page(PAGE, body)
        log(f"Đã ghi {PAGE.relative_to(REPO_ROOT)} và {PLOT.relative_to(REPO_ROOT)}")
    if misses and final:
        print(f"\n{len(misses)} mục tiêu chưa đạt: " + "; ".join(r.label for r in misses))


if __name__ == "__main__":
    sys.exit(main())
