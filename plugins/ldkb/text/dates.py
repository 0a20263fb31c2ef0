"""Vietnamese formatting of dates and periods, as official documents write them."""
from __future__ import annotations

import datetime as dt
import re

UNKNOWN = "chưa rõ"

_DMY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class DateError(ValueError):
    """Text that is not a date: `kind` is "form" (not written d/m/yyyy or yyyy-mm-dd) or
    "calendar" (written as a date, but no such day: 31/02/2025)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def parse_date(text: str) -> dt.date:
    """`30/6/2025`, `30/06/2025`, `30 / 6 / 2025` or `2025-06-30`: the forms editors write."""
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            raise DateError("form")
        y, mth, d = (int(g) for g in m.groups())
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise DateError("calendar") from None


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
