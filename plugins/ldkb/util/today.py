"""The reference date: what "overdue" and "falls due soon" are computed from.

`LDKB_TODAY` (`30/6/2025` or `2025-06-30`) fixes it, for tests and for rebuilding a past state;
unset, it is the day of the build. It is shown wherever it is used ("tính đến dd/mm/yyyy") and is
part of every cache key of an output computed from it.
"""
from __future__ import annotations

import datetime as dt
import os
import re

ENV = "LDKB_TODAY"
_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


class BadReferenceDate(ValueError):
    pass


def parse_reference_date(text: str) -> dt.date:
    m = _DMY.match(text)
    if m:
        d, mth, y = (int(g) for g in m.groups())
    else:
        m = _ISO.match(text)
        if not m:
            raise BadReferenceDate(f"{ENV}=`{text}` không phải một ngày (viết 30/6/2025 hoặc 2025-06-30).")
        y, mth, d = (int(g) for g in m.groups())
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise BadReferenceDate(f"{ENV}=`{text}` không có thật trong lịch.") from None


def reference_date(environ: dict | None = None, clock=dt.date.today) -> dt.date:
    """`LDKB_TODAY` when set, else the clock's day."""
    value = (os.environ if environ is None else environ).get(ENV, "").strip()
    return parse_reference_date(value) if value else clock()
