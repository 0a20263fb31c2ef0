"""Grammar of Vietnamese document numbers and symbols (số, ký hiệu).

State and union style: `117/KH-LĐLĐ`, `30/2020/NĐ-CP`, letters `05/BNV-VP`.
Party style: `36-CTr/TU`, `37-CT/TW`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ldkb.text.normalize import fold, nfc, normalise_dashes, slugify

# Nghị định 30/2020, Phụ lục III (also used by party documents), plus legal normative types.
TYPE_CODES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    # Legal normative documents (Luật Ban hành văn bản QPPL), cited as legal bases.
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
}
# Documents without a type code in their symbol.
LETTER_TYPE = "Công văn"
DOCUMENT_TYPES: tuple[str, ...] = tuple(TYPE_CODES.values()) + (LETTER_TYPE,)

# Codes compared exactly first (QĐ vs QyĐ, ĐA vs DA, HĐ vs HD differ only by Đ),
# then case-insensitively for upper-cased real text (`CT-TTG`).
_CODE_EXACT = dict(TYPE_CODES)
_CODE_UPPER: dict[str, str] = {}
for _code, _name in TYPE_CODES.items():
    _CODE_UPPER.setdefault(_code.upper(), _name)

_L = r"A-Za-zĐđ"
_NUM = r"\d+[a-z]?"
STATE_RE = re.compile(
    rf"^(?P<num>{_NUM})(?:/(?P<year>\d{{4}}))?/(?P<type>[{_L}]+)(?P<issuer>(?:-[{_L}]+)+)$"
)
PARTY_RE = re.compile(rf"^(?P<num>{_NUM})-(?P<type>[{_L}]+)/(?P<issuer>[{_L}]+(?:-[{_L}]+)*)$")


@dataclass(frozen=True)
class Symbol:
    text: str  # as written by the editor, NFC
    number: str
    year: str | None
    type_code: str | None  # None for a letter (công văn)
    issuer: str
    party: bool

    @property
    def type_name(self) -> str:
        if self.type_code is None:
            return LETTER_TYPE
        return type_name_for_code(self.type_code) or LETTER_TYPE

    @property
    def key(self) -> str:
        return symbol_key(self.text)

    @property
    def slug(self) -> str:
        return slugify(self.text)


def unnumbered_code(loai: str, issuer: str) -> str:
    """The part after "…/" in the number line of a document without a number yet ("KH-LĐLĐ")."""
    code = next((c for c, name in TYPE_CODES.items() if name == loai), "")
    issuer_code = "LĐLĐ" if "Liên đoàn Lao động" in issuer or "LĐLĐ" in issuer else "…"
    return f"{code}-{issuer_code}" if code else issuer_code


def type_name_for_code(code: str) -> str | None:
    return _CODE_EXACT.get(code) or _CODE_UPPER.get(code.upper())


def clean(text: str) -> str:
    """NFC, ASCII hyphens, no spaces: `36 –CTr/TU` -> `36-CTr/TU`."""
    return re.sub(r"\s+", "", normalise_dashes(nfc(text)))


def parse_symbol(text: str) -> Symbol | None:
    """Parse a symbol as an editor writes it; None when it does not follow the grammar."""
    s = clean(text)
    m = STATE_RE.match(s)
    if m:
        code = m.group("type")
        issuer = m.group("issuer")[1:]
        if type_name_for_code(code) is None:
            # A letter: `05/BNV-VP` has no type code, the first part is the issuer.
            return Symbol(s, m.group("num"), m.group("year"), None, f"{code}-{issuer}", False)
        return Symbol(s, m.group("num"), m.group("year"), code, issuer, False)
    m = PARTY_RE.match(s)
    if m and type_name_for_code(m.group("type")):
        return Symbol(s, m.group("num"), None, m.group("type"), m.group("issuer"), True)
    return None


def symbol_key(text: str) -> str:
    """Key under which two spellings of one symbol compare equal."""
    return fold(clean(text)).upper()


def symbol_slug(text: str) -> str:
    return slugify(clean(text))
