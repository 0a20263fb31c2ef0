"""What the fictional task fixture (tests/fixtures/giao-viec/content/van-ban/15-kh-ldld.yml) assigns,
written by hand from its text, not computed: every (task anchor, unit, role, deadline) pair, the
bodies outside the registry, and what is late or falls due soon on TASKS_TODAY (15/10/2025)."""
from __future__ import annotations

DOC = "15-kh-ldld"

# (anchor, unit, role, deadline as written, group it was addressed to or None)
PAIRS = [
    ("ii-1", "ldld-tinh", "don_vi", "Quý I/2025", None),
    ("ii-2", "ldld-tinh", "don_vi", None, None),
    ("ii-2-a", "ldld-tinh", "don_vi", None, None),
    ("ii-2-b", "ban-to-chuc", "chu_tri", "tháng 3/2025", None),
    ("ii-2-b", "ban-tuyen-giao", "chu_tri", "tháng 3/2025", None),
    ("ii-2-b", "van-phong", "phoi_hop", "tháng 3/2025", None),
    ("ii-2-c", "cd-nganh-thu", "don_vi", "Quý II năm 2025", None),
    ("iii-1", "cdcs", "don_vi", "Thường xuyên", None),
    ("iii-2-y1", "van-phong", "chu_tri", "30/11/2025", None),
    ("ket-thuc-y1", "cac-cap-cong-doan", "don_vi", "hằng quý", None),
    ("ket-thuc-y1", "ldld-tinh", "don_vi", "hằng quý", "cac-cap-cong-doan"),
    ("ket-thuc-y1", "cd-cap-tren", "don_vi", "hằng quý", "cac-cap-cong-doan"),
    ("ket-thuc-y1", "cdcs", "don_vi", "hằng quý", "cac-cap-cong-doan"),
    ("pli-y1-d1", "ban-to-chuc", "chu_tri", "Quý I/2025", None),
    ("pli-y1-d1", "van-phong", "phoi_hop", "Quý I/2025", None),
    ("pli-y1-d2", "ban-tuyen-giao", "chu_tri", "tháng 6/2025", None),
    ("pli-y1-d2", "ban-to-chuc", "chu_tri", "tháng 6/2025", None),  # written "Ban TC" (an alias)
    ("pli-y1-d3", "cd-nganh-thu", "chu_tri", "Quý III năm 2025", None),
    ("pli-y1-d3", "ban-to-chuc", "phoi_hop", "Quý III năm 2025", None),
    ("pli-y1-d3", "van-phong", "phoi_hop", "Quý III năm 2025", None),
    ("pli-y1-d4", "ban-tuyen-giao", "chu_tri", "Thường xuyên", None),
    ("pli-y1-d4", "cac-cap-cong-doan", "phoi_hop", "Thường xuyên", None),
    ("pli-y1-d4", "ldld-tinh", "phoi_hop", "Thường xuyên", "cac-cap-cong-doan"),
    ("pli-y1-d4", "cd-cap-tren", "phoi_hop", "Thường xuyên", "cac-cap-cong-doan"),
    ("pli-y1-d4", "cdcs", "phoi_hop", "Thường xuyên", "cac-cap-cong-doan"),
    ("pli-y1-d5", "van-phong", "chu_tri", "trước ngày 30/9/2025", None),
    ("pli-y1-d6", "ban-to-chuc", "phoi_hop", "6 tháng cuối năm 2025", None),
    ("pli-y1-d7", "cdcs", "chu_tri", "hằng năm", None),
    ("pli-y1-d8", "ban-to-chuc", "chu_tri", "QUÝ IV/2025", None),
    ("pli-y1-d8", "ban-tuyen-giao", "chu_tri", "QUÝ IV/2025", None),
    ("pli-y1-d8", "van-phong", "phoi_hop", "QUÝ IV/2025", None),
    ("pli-y1-d9", "ldld-tinh", "don_vi", "năm 2025", None),  # inherited from Phụ lục I
]

# Bodies outside the registry, as the text writes them: (anchor, name, role).
OUTSIDE = [
    ("ii-2-c", "Sở Văn hóa Thử Nghiệm", "phoi_hop"),
    ("pli-y1-d2", "Sở Thử Nghiệm tỉnh Mẫu", "phoi_hop"),
    ("pli-y1-d6", "Sở Thử Nghiệm tỉnh Mẫu", "chu_tri"),
]

# A task with a deadline and no unit on it or above it: kept, "không nêu đơn vị".
NO_UNIT = ["i-2-y1"]

# On 15/10/2025: (anchor, unit) late (no "hoàn thành" by the due date; a recurring form: nothing
# reported for the last quarter), and falling due within 90 days (to 13/01/2026). None: no unit.
LATE = {
    ("ii-1", "ldld-tinh"),  # its "hoàn thành" record is dated 20/10/2025, after the reference date
    ("ii-2-b", "ban-to-chuc"), ("ii-2-b", "ban-tuyen-giao"), ("ii-2-b", "van-phong"),
    ("ii-2-c", "cd-nganh-thu"),
    ("pli-y1-d1", "van-phong"),  # the lead reported it done; the partner did not
    ("pli-y1-d2", "ban-tuyen-giao"), ("pli-y1-d2", "ban-to-chuc"),
    ("pli-y1-d3", "cd-nganh-thu"), ("pli-y1-d3", "ban-to-chuc"), ("pli-y1-d3", "van-phong"),
    ("pli-y1-d5", "van-phong"),
    ("ket-thuc-y1", "cac-cap-cong-doan"), ("ket-thuc-y1", "ldld-tinh"), ("ket-thuc-y1", "cd-cap-tren"),
}
SOON = {
    ("iii-2-y1", "van-phong"),
    ("ket-thuc-y1", "cdcs"),  # reported on 05/10/2025 for this quarter
    ("pli-y1-d6", "ban-to-chuc"),
    ("pli-y1-d7", "cdcs"),
    ("pli-y1-d8", "ban-to-chuc"), ("pli-y1-d8", "ban-tuyen-giao"), ("pli-y1-d8", "van-phong"),
    ("pli-y1-d9", "ldld-tinh"),
    ("i-2-y1", None),
}

ROLE_LABELS = {"chu_tri": "Chủ trì", "don_vi": "Thực hiện", "phoi_hop": "Phối hợp"}


def pairs_of(unit: str) -> list[tuple]:
    return [p for p in PAIRS if p[1] == unit]


UNITS = sorted({p[1] for p in PAIRS})
