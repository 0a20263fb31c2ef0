"""Effect status and the "period has ended" notice of a document, as of the build date.

The status is what an editor set (`hieu_luc`), never guessed; the notice only compares
the document's stated period with the date the site is built.
"""
from __future__ import annotations

import datetime as dt

from ldkb.model.schema import VanBan
from ldkb.text.dates import short_date
from ldkb.model.today import reference_date


def build_date() -> dt.date:
    """The date the site is built, the one reference date of every page (model/today.py: `LDKB_TODAY`,
    else `LDKB_BUILD_DATE` or `SOURCE_DATE_EPOCH` when set, else today)."""
    return reference_date()


def period_ended(doc: VanBan, today: dt.date | None = None) -> bool:
    today = today or build_date()
    return doc.giai_doan is not None and today.year > doc.giai_doan.den_nam


def period_notice(doc: VanBan, today: dt.date | None = None) -> list[str]:
    """Markdown lines of a warning when the document's period is over; empty otherwise."""
    today = today or build_date()
    if not period_ended(doc, today):
        return []
    status = {
        "chua-ro": "Tình trạng hiệu lực chưa rõ: kho chưa có thông tin nên không khẳng định văn bản "
                   "còn hay hết hiệu lực.",
        "con-hieu-luc": "Theo thông tin biên tập viên nhập, văn bản vẫn còn hiệu lực.",
        "het-hieu-luc": "Văn bản đã hết hiệu lực.",
        "bi-thay-the": "Văn bản đã được thay thế.",
    }[doc.hieu_luc.tinh_trang]
    return [
        '!!! warning "Giai đoạn thực hiện đã kết thúc"',
        "",
        f"    Văn bản này áp dụng cho giai đoạn {doc.giai_doan}; giai đoạn đó đã kết thúc "
        f"(tính đến ngày {short_date(today)}, ngày tạo trang). {status}",
        "",
    ]
