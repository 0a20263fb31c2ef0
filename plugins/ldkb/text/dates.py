"""Vietnamese formatting of dates and periods, as official documents write them."""
from __future__ import annotations

import datetime as dt

UNKNOWN = "chưa rõ"


def short_date(d: dt.date | None) -> str:
    """`04/02/2020`: the form used in running text and lists."""
    return d.strftime("%d/%m/%Y") if d else UNKNOWN


def long_date(d: dt.date | None) -> str:
    """`ngày 04 tháng 02 năm 2020`: days below 10 and months 1-2 take a leading zero (NĐ 30/2020)."""
    if d is None:
        return "ngày … tháng … năm …"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
