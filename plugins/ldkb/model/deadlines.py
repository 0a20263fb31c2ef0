"""Deadlines as plans write them (`thoi_han`), parsed into a date range.

The source's wording is kept for display; the parsed range sorts tasks, decides what is overdue
and what falls due soon, and makes calendar events. Matching is done on folded text (no marks,
any case), so `Quý III năm 2024`, `quy 3/2024` and `QUÝ III NĂM 2024` are one deadline, and
`hằng năm` / `hàng năm` are the same word as writers use both.

Wording the grammar does not know is a content error listing `ACCEPTED_FORMS`: a deadline that
nothing can sort or check is not silently kept as text.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ldkb.text.normalize import DASHES, fold

# What editors may write, shown in the error message and the editors' guide.
ACCEPTED_FORMS: tuple[tuple[str, str], ...] = (
    ("30/6/2025", "một ngày (cũng được: `ngày 30/6/2025`, `ngày 30 tháng 6 năm 2025`)"),
    ("trước ngày 30/6/2025", "trước một ngày (hạn là ngày hôm trước; cũng được: `trước 30/6/2025`)"),
    ("chậm nhất ngày 30/6/2025", "chậm nhất vào một ngày (cũng được: `hạn chót 30/6/2025`)"),
    ("tháng 6/2025", "trong một tháng (cũng được: `tháng 6 năm 2025`)"),
    ("Quý III năm 2024", "trong một quý, số La Mã hoặc số thường (cũng được: `Quý 3/2024`)"),
    ("6 tháng đầu năm 2025", "nửa đầu năm; `6 tháng cuối năm 2025` là nửa cuối năm"),
    ("năm 2025", "trong một năm"),
    ("giai đoạn 2020–2023", "cả một giai đoạn nhiều năm (cũng được: `2020-2023`)"),
    ("hằng năm", "lặp lại mỗi năm (`hàng năm` cũng được)"),
    ("hằng quý", "lặp lại mỗi quý (`hàng quý` cũng được)"),
    ("hằng tháng", "lặp lại mỗi tháng (`hàng tháng` cũng được)"),
    ("thường xuyên", "làm liên tục, không có ngày hạn, không bao giờ quá hạn"),
)

KINDS = ("ngay", "truoc-ngay", "thang", "quy", "nua-nam", "nam", "giai-doan",
         "hang-nam", "hang-quy", "hang-thang", "thuong-xuyen")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DASH_RE = re.compile(f"\\s*[{DASHES}]\\s*")

_DATE = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DATE_WORDS = r"(?P<d>\d{1,2}) thang (?P<m>\d{1,2}) nam (?P<y>\d{4})"
_MONTH_YEAR = r"(?P<m>\d{1,2})\s*(?:/|-| nam )\s*(?P<y>\d{4})"
_QUARTER = r"(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|-| nam |\s)\s*(?P<y>\d{4})"

_FORMS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(rf"^{pattern}$")) for kind, pattern in (
    ("thuong-xuyen", r"thuong xuyen"),
    ("hang-nam", r"(?:hang|moi) nam"),
    ("hang-quy", r"(?:hang|moi) quy"),
    ("hang-thang", r"(?:hang|moi) thang"),
    ("truoc-ngay", rf"truoc (?:ngay )?(?:{_DATE})"),
    ("truoc-ngay", rf"truoc ngay (?:{_DATE_WORDS})"),
    ("ngay", rf"(?:(?:cham nhat|han chot|han|den|trong)(?: la)?(?: ngay)? |ngay )?(?:{_DATE})"),
    ("ngay", rf"(?:(?:cham nhat|han chot|den) )?ngay (?:{_DATE_WORDS})"),
    ("thang", rf"(?:trong )?thang {_MONTH_YEAR}"),
    ("quy", rf"(?:trong )?quy {_QUARTER}"),
    ("nua-nam", r"(?:6|sau) thang (?P<half>dau|cuoi) nam (?P<y>\d{4})"),
    ("nam", r"(?:trong )?(?:nam )?(?P<y>\d{4})"),
    ("giai-doan", r"(?:giai doan |trong giai doan |tu nam )?(?P<a>\d{4})(?:-| den (?:nam )?)(?P<b>\d{4})"),
)]


class DeadlineError(ValueError):
    """Wording the grammar does not know, or a date that does not exist."""

    def __init__(self, text: str, reason: str = ""):
        self.text = text
        self.reason = reason
        super().__init__(reason or f"Không hiểu thời hạn `{text}`.")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline: the source's words, and what they mean as dates.

    `start`..`end` is the range the wording names (a day: start = end); `end` is the due date.
    Recurring forms (`every` = "nam" / "quy" / "thang") have no fixed range: each period is due on
    its last day. `thuong-xuyen` has neither: never due, never overdue.
    """

    text: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None
    every: str | None = None

    @property
    def recurring(self) -> bool:
        return self.every is not None

    @property
    def ongoing(self) -> bool:
        return self.kind == "thuong-xuyen"

    def period_of(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The recurring period (first day, last day) that holds `day`."""
        if self.every == "nam":
            return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        if self.every == "quy":
            first = 3 * ((day.month - 1) // 3) + 1
            return dt.date(day.year, first, 1), _month_end(day.year, first + 2)
        if self.every == "thang":
            return dt.date(day.year, day.month, 1), _month_end(day.year, day.month)
        raise ValueError("not a recurring deadline")

    def next_due(self, today: dt.date) -> dt.date | None:
        """The due date a reader must look at on `today`: the fixed one (even when past), the end
        of the current period for a recurring form, None for `thường xuyên`."""
        if self.recurring:
            return self.period_of(today)[1]
        return self.end

    def previous_period(self, today: dt.date) -> tuple[dt.date, dt.date] | None:
        """The last recurring period that ended before `today`."""
        if not self.recurring:
            return None
        first, _ = self.period_of(today)
        return self.period_of(first - dt.timedelta(days=1))

    def sort_key(self, today: dt.date) -> tuple[int, int]:
        due = self.next_due(today)
        return (0, due.toordinal()) if due is not None else (1, 0)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(text: str, d: str, m: str, y: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise DeadlineError(text, f"Ngày `{d}/{m}/{y}` trong thời hạn `{text}` không có thật trong lịch.") from None


def normalise(text: str) -> str:
    """Folded, single-spaced, one kind of dash, no final full stop: what the grammar reads."""
    folded = " ".join(fold(text).split()).rstrip(".;,")
    return _DASH_RE.sub("-", folded)


def parse_deadline(text: str) -> Deadline:
    """The deadline `text` names; DeadlineError when the wording is not one of ACCEPTED_FORMS."""
    key = normalise(text)
    for kind, pattern in _FORMS:
        m = pattern.match(key)
        if m is None:
            continue
        g = m.groupdict()
        if kind == "thuong-xuyen":
            return Deadline(text, kind)
        if kind.startswith("hang-"):
            return Deadline(text, kind, every=kind[len("hang-"):])
        if kind in ("ngay", "truoc-ngay"):
            day = _date(text, g["d"], g["m"], g["y"])
            if kind == "truoc-ngay":
                day -= dt.timedelta(days=1)
            return Deadline(text, kind, day, day)
        if kind == "thang":
            month, year = int(g["m"]), int(g["y"])
            if not 1 <= month <= 12:
                raise DeadlineError(text, f"Tháng `{month}` trong thời hạn `{text}` không có thật (1 đến 12).")
            return Deadline(text, kind, dt.date(year, month, 1), _month_end(year, month))
        if kind == "quy":
            q, year = _ROMAN[g["q"]], int(g["y"])
            return Deadline(text, kind, dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
        if kind == "nua-nam":
            year = int(g["y"])
            if g["half"] == "dau":
                return Deadline(text, kind, dt.date(year, 1, 1), dt.date(year, 6, 30))
            return Deadline(text, kind, dt.date(year, 7, 1), dt.date(year, 12, 31))
        if kind == "nam":
            year = int(g["y"])
            return Deadline(text, kind, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if kind == "giai-doan":
            a, b = int(g["a"]), int(g["b"])
            if b < a:
                raise DeadlineError(text, f"Giai đoạn `{text}`: năm kết thúc ({b}) trước năm bắt đầu ({a}).")
            return Deadline(text, kind, dt.date(a, 1, 1), dt.date(b, 12, 31))
    raise DeadlineError(text)


def accepted_forms_hint() -> str:
    """The accepted forms as one line for an error's advice."""
    return ("Viết thời hạn theo một trong các dạng: "
            + "; ".join(f"`{example}`" for example, _ in ACCEPTED_FORMS)
            + " (chữ hoa hay thường đều được; quý viết số La Mã hay số thường đều được). "
            "Nếu văn bản ghi thời hạn theo cách khác hẳn, đừng đoán: bỏ trống `thoi_han` và chép nguyên văn "
            "thời hạn vào `ghi_chu` của văn bản.")


__all__ = ["ACCEPTED_FORMS", "Deadline", "DeadlineError", "parse_deadline", "accepted_forms_hint", "normalise"]
