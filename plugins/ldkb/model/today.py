"""The reference date: what "overdue" and "falls due soon" are computed from.

`LDKB_TODAY` (`30/6/2025` or `2025-06-30`) fixes it, for tests and for rebuilding a past state;
unset, it is the day of the build: `LDKB_BUILD_DATE` (ISO) or `SOURCE_DATE_EPOCH` when set
(reproducible builds), else the clock's day. The "period ended" notice (graph/effect.py) reads the
same date, so a page never mixes two "today"s. It is shown wherever it is used ("tính đến dd/mm/yyyy") and is
part of every cache key of an output computed from it.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping

from ldkb.text.dates import DateError, parse_date

ENV = "LDKB_TODAY"


class BadReferenceDate(ValueError):
    pass


def parse_reference_date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except DateError as exc:
        if exc.kind == "form":
            raise BadReferenceDate(f"{ENV}=`{text}` không phải một ngày (viết 30/6/2025 hoặc 2025-06-30).") from None
        raise BadReferenceDate(f"{ENV}=`{text}` không có thật trong lịch.") from None


def reference_date(environ: Mapping[str, str] | None = None,
                   clock: Callable[[], dt.date] = dt.date.today) -> dt.date:
    """`LDKB_TODAY` when set, else the build date (`LDKB_BUILD_DATE`, `SOURCE_DATE_EPOCH`), else the
    clock's day."""
    env = os.environ if environ is None else environ
    value = env.get(ENV, "").strip()
    if value:
        return parse_reference_date(value)
    iso = env.get("LDKB_BUILD_DATE", "").strip()
    if iso:
        return parse_reference_date(iso)
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return clock()
