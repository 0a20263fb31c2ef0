"""The benchmark's one table: printed, and written with a plot into a page of the site."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

PASS, FAIL, NA = "ĐẠT", "KHÔNG ĐẠT", "chưa đo"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass
class Row:
    label: str
    value: str
    target: str = ""
    status: str = ""  # PASS, FAIL, NA or "" (a figure without target)


def vi(x: float, decimals: int = 2) -> str:
    """A number as Vietnamese writes it: `1.234,5` (dot for thousands, comma for decimals)."""
    return f"{x:,.{decimals}f}".translate(str.maketrans(",.", ".,"))


def _fmt(fmt: str, value) -> str:
    # Format strings are written the Python way ("{:.2f} s"); show a decimal comma.
    return fmt.format(value).replace(".", ",")


def check(label: str, value, fmt: str, target_text: str, ok) -> Row:
    """A row with a target: `ok(value)` decides; a missing value is reported, never passed."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Row(label, NA, target_text, NA)
    return Row(label, _fmt(fmt, value), target_text, PASS if ok(value) else FAIL)


def figure(label: str, value, fmt: str) -> Row:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Row(label, NA)
    return Row(label, _fmt(fmt, value))


def text_table(rows: list[Row]) -> str:
    head = ("Hạng mục", "Kết quả", "Mục tiêu", "")
    cells = [head] + [(r.label, r.value, r.target, r.status) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    line = lambda c: "  ".join(x.ljust(w) for x, w in zip(c, widths, strict=False)).rstrip()  # noqa: E731
    return "\n".join([line(head), "  ".join("-" * w for w in widths)] + [line(c) for c in cells[1:]])


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def md_table(rows: list[Row]) -> str:
    out = ["| Hạng mục | Kết quả | Mục tiêu | Đánh giá |", "|---|---|---|---|"]
    for r in rows:
        status = {PASS: "✅ đạt", FAIL: "❌ không đạt", NA: "— chưa đo"}.get(r.status, "")
        out.append(f"| {_md_cell(r.label)} | {_md_cell(r.value)} | {_md_cell(r.target)} | {status} |")
    return "\n".join(out)


def md_grid(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def write_page(page: Path, body: str) -> None:
    """Replace the generated part of the page; the hand-written text around it stays."""
    text = page.read_text(encoding="utf-8") if page.exists() else f"# Hiệu năng\n\n{BEGIN}\n{END}\n"
    block = f"{BEGIN}\n{body.rstrip()}\n{END}"
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    page.write_text(text, encoding="utf-8")


def plot(scale: dict, out: Path) -> None:
    """Time and peak memory against N, log-log, with a slope-1 line: linear growth is parallel to it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = sorted(scale)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    for key, label, style in (("ours", "Có plugin của kho", "o-"), ("base", "Material thuần", "s--")):
        pts = [(n, scale[n][key]["seconds"]) for n in ns if scale[n].get(key)]
        if pts:
            ax1.plot(*zip(*pts, strict=False), style, label=label)
        pts = [(n, scale[n][key]["mb"]) for n in ns if scale[n].get(key)]
        if pts:
            ax2.plot(*zip(*pts, strict=False), style, label=label)
    ref = [(n, scale[n]["ours"]["seconds"]) for n in ns if scale[n].get("ours")]
    if len(ref) >= 2:
        n0, t0 = ref[1] if len(ref) > 2 else ref[0]
        xs = [ns[0], ns[-1]]
        ax1.plot(xs, [t0 * x / n0 for x in xs], ":", color="grey", label="tăng tuyến tính")
    from matplotlib.ticker import FuncFormatter, NullFormatter

    plain = FuncFormatter(lambda v, _: vi(v, 0) if v >= 1 else vi(v, 1))
    for ax, title, unit in ((ax1, "Thời gian xây dựng", "giây (trung vị)"), (ax2, "Bộ nhớ đỉnh", "MB")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(ns)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(plain)
            axis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("Số văn bản N")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    # Fixed metadata: the same figures give the same bytes.
    fig.savefig(out, metadata={"Software": None})
    plt.close(fig)
