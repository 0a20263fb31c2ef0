"""Vietnamese formatting of dates and periods, as official documents write them."""
from __future__ import annotations

import datetime as dt

UNKNOWN = "chưa rõ"


def short_date(d: dt.date | None) -> str:
    """`4/2/2020`, `30/3/2020`: the site's own running text and lists write d/m/yyyy, without leading
    zeros (official headers use `long_date`; quotations of a source keep their own form)."""
    return f"{d.day}/{d.month}/{d.year}" if d else UNKNOWN


def long_date(d: dt.date | None) -> str:
    """`ngày 04 tháng 02 năm 2020`: days below 10 and months 1-2 take a leading zero (NĐ 30/2020)."""
    if d is None:
        return "ngày … tháng … năm …"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
