"""The content schema: the single source of truth for what a content file may hold.

Keys are Vietnamese without diacritics, as editors read them. Each field's
description is Vietnamese: the editors' field reference is generated from it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ldkb.model.folders import document_page
from ldkb.model.symbols import DOCUMENT_TYPES, unnumbered_code
from ldkb.text.dates import DateError, parse_date
from ldkb.text.normalize import slugify

# A footnote reference in running text: `[^1]`, `[^*]`.
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,8})\]")
# The blank left for the number of a document not numbered yet (non-breaking, so it is kept).
BLANK_NUMBER = "\u00a0" * 8



def _parse_date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        return parse_date(text)
    except DateError as exc:
        if exc.kind == "form":
            raise PydanticCustomError(
                "ngay_sai_dang",
                "Ngày `{v}` không đúng dạng ngày/tháng/năm (ví dụ 04/02/2020).",
                {"v": text},
            ) from None
        raise PydanticCustomError(
            "ngay_khong_ton_tai", "Ngày `{v}` không có thật trong lịch.", {"v": text}
        ) from None


Ngay = Annotated[Optional[dt.date], BeforeValidator(_parse_date)]
NgayBatBuoc = Annotated[dt.date, BeforeValidator(_parse_date)]


# Where a subject's core ends and its qualifiers begin: "… Chỉ thị số 07/CT-TTg | ngày 04/02/2020
# của Thủ tướng …". Cut only there, at a whole word, never in the middle of a phrase.
_SUBJECT_QUALIFIER = re.compile(r"\s+(?:ngày\s+\d|của\s)")
_NUMBER_WORD = re.compile(r"\bsố\s+(?=\d)")


def short_subject(subject: str) -> str:
    """`Thực hiện Chỉ thị số 07/CT-TTg ngày 04/02/2020 của …` -> `thực hiện Chỉ thị 07/CT-TTg`: the
    subject up to its first "ngày"/"của", "số" before a number dropped (as symbols are named),
    the first letter lower-cased unless the word is an abbreviation. A subject without such a
    qualifier stays whole."""
    text = " ".join(subject.split())
    m = _SUBJECT_QUALIFIER.search(text)
    if m and len(text[:m.start()].split()) >= 2:
        text = text[:m.start()]
    text = _NUMBER_WORD.sub("", text).rstrip(" ,;:.")
    if len(text) > 1 and text[1:2].islower():
        text = text[:1].lower() + text[1:]
    return text


def _text_block(value: Any) -> Any:
    # A bare string in a list of blocks is a paragraph: the common case stays short.
    if isinstance(value, str):
        return {"doan_van": value}
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)
    if TYPE_CHECKING:
        # Pydantic sets it on every instance of a model with private attributes, the only ones
        # whose properties read it.
        __pydantic_private__: dict[str, Any]


def _code_list(value: Any) -> Any:
    # One code is still written as it always was (`chu_tri: ban-cspl-qhld`).
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


MaDonVi = Annotated[list[str], BeforeValidator(_code_list)]
TenCoQuan = Annotated[list[str], BeforeValidator(_code_list)]


class NgoaiDanhMuc(_Model):
    """Bodies outside the unit registry (a ministry, a provincial department), as the text names them."""

    don_vi: TenCoQuan = Field(default_factory=list, description="Tên các cơ quan thực hiện, chép như văn bản.")
    chu_tri: TenCoQuan = Field(default_factory=list, description="Tên các cơ quan chủ trì, chép như văn bản.")
    phoi_hop: TenCoQuan = Field(default_factory=list, description="Tên các cơ quan phối hợp, chép như văn bản.")

    def __bool__(self) -> bool:
        return bool(self.don_vi or self.chu_tri or self.phoi_hop)


class PhanCong(_Model):
    """Who is responsible: shared by parts and blocks."""

    don_vi: MaDonVi = Field(
        default_factory=list,
        description="Mã các đơn vị được giao hoặc chịu trách nhiệm (theo danh mục `content/don-vi.yml`).",
    )
    chu_tri: MaDonVi = Field(
        default_factory=list,
        description="Mã đơn vị chủ trì; danh sách mã khi văn bản giao nhiều đơn vị cùng chủ trì.",
    )
    phoi_hop: MaDonVi = Field(default_factory=list, description="Mã các đơn vị phối hợp.")
    ngoai_danh_muc: Optional[NgoaiDanhMuc] = Field(
        None,
        description="Cơ quan ngoài danh mục đơn vị (bộ, sở, ngành…) mà văn bản giao việc, ghi bằng tên như "
        "văn bản: `chu_tri`, `phoi_hop`, `don_vi` là các danh sách tên.",
    )
    giao_chung: bool = Field(
        False,
        description="`true` khi văn bản giao việc ở đây mà không nêu đơn vị nào (việc “giao chung”); "
        "không suy đoán đơn vị.",
    )
    thoi_han: Optional[str] = Field(
        None, description="Thời hạn, ghi như văn bản: `30/6/2025`, `trước ngày 30/6/2025`, `tháng 6/2025`, "
        "`Quý III năm 2024`, `6 tháng đầu năm 2025`, `năm 2025`, `giai đoạn 2020–2023`, `hằng năm`, "
        "`hằng quý`, `thường xuyên` (xem trang Giao việc cho đơn vị)."
    )
    san_pham: Optional[str] = Field(None, description="Sản phẩm, kết quả phải có, ghi như văn bản.")

    def unit_ids(self) -> list[str]:
        return list(dict.fromkeys([*self.don_vi, *self.chu_tri, *self.phoi_hop]))

    @property
    def names_units(self) -> bool:
        """Names who does the work: units of the registry or bodies outside it."""
        return bool(self.don_vi or self.chu_tri or self.phoi_hop or self.ngoai_danh_muc)

    @property
    def is_task(self) -> bool:
        return self.names_units or bool(self.thoi_han or self.san_pham or self.giao_chung)


class GiaoViecBang(_Model):
    """Which columns of a table carry the work: each row becomes a task."""

    nhiem_vu: str = Field(description="Cột nội dung công việc: tên cột như ở `cot`, hoặc số thứ tự cột (1, 2…).")
    don_vi: Optional[str] = Field(None, description="Cột đơn vị thực hiện (tên hoặc số thứ tự cột).")
    chu_tri: Optional[str] = Field(None, description="Cột đơn vị chủ trì (tên hoặc số thứ tự cột).")
    phoi_hop: Optional[str] = Field(None, description="Cột đơn vị phối hợp (tên hoặc số thứ tự cột).")
    thoi_han: Optional[str] = Field(None, description="Cột thời hạn, thời gian hoàn thành (tên hoặc số thứ tự cột).")
    san_pham: Optional[str] = Field(None, description="Cột sản phẩm (tên hoặc số thứ tự cột).")
    ngoai_danh_muc: list[str] = Field(
        default_factory=list,
        description="Tên các cơ quan ngoài danh mục đơn vị mà ô của bảng có ghi (chép đúng như trong ô).",
    )


class Bang(_Model):
    tieu_de: Optional[str] = Field(None, description="Tên bảng.")
    cot: list[str] = Field(description="Tên các cột.")
    dong: list[list[str]] = Field(
        description="Các dòng; mỗi dòng là danh sách ô, đủ số cột. Ô có nhiều dòng giữ nguyên chỗ xuống dòng: "
        "viết ô trong ngoặc kép với `\\n` tại chỗ xuống dòng (ví dụ `\"Dòng một\\nDòng hai\"`).")
    giao_viec: Optional[GiaoViecBang] = Field(
        None, description="Bảng giao việc: các cột nào là nhiệm vụ, chủ trì, phối hợp, thời hạn, sản phẩm.")

    @model_validator(mode="after")
    def _same_width(self) -> Self:
        for i, row in enumerate(self.dong, 1):
            if len(row) != len(self.cot):
                raise PydanticCustomError(
                    "bang_lech_cot",
                    "Dòng {i} của bảng có {n} ô nhưng bảng có {c} cột.",
                    {"i": i, "n": len(row), "c": len(self.cot)},
                )
        return self


class Khoi(PhanCong):
    """One block of text: a paragraph, a bullet or a table."""

    ma: Optional[str] = Field(None, description="Mã riêng của khối (tuỳ chọn), dùng làm neo liên kết.")
    doan_van: Optional[str] = Field(None, description="Một đoạn văn.")
    gach_dau_dong: Optional[str] = Field(None, description="Một ý gạch đầu dòng (không gõ dấu `-` ở đầu).")
    bang: Optional[Bang] = Field(None, description="Một bảng.")

    _anchor: str = PrivateAttr("")

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        kinds = [k for k in ("doan_van", "gach_dau_dong", "bang") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise PydanticCustomError(
                "khoi_mot_loai",
                "Mỗi khối phải có đúng một trong các trường `doan_van`, `gach_dau_dong`, `bang` "
                "(đang có: {k}).",
                {"k": ", ".join(kinds) or "không có"},
            )
        return self

    @property
    def kind(self) -> str:
        return "doan_van" if self.doan_van is not None else (
            "gach_dau_dong" if self.gach_dau_dong is not None else "bang")

    @property
    def text(self) -> str:
        if self.bang is not None:
            return " ".join([self.bang.tieu_de or ""] + self.bang.cot + [c for r in self.bang.dong for c in r]).strip()
        return self.doan_van if self.doan_van is not None else self.gach_dau_dong or ""

    @property
    def anchor(self) -> str:
        # Private attributes read from pydantic's dict directly (here and below): `self._anchor`
        # goes through BaseModel.__getattr__, which cost a build of 200 documents ~0.4 s CPU.
        value: str = self.__pydantic_private__["_anchor"]
        return value


Khoi_ = Annotated[Khoi, BeforeValidator(_text_block)]


class Muc(PhanCong):
    """A part of the body: I, 1, 3.1, a) …, nested to any depth."""

    so: Optional[str] = Field(
        None,
        description="Số hoặc chữ của mục như in trong văn bản: `I`, `1`, `3.1`, `a`, `đ`. "
        "Bỏ trống nếu mục không đánh số.",
    )
    tieu_de: Optional[str] = Field(None, description="Tiêu đề của mục, chép nguyên văn.")
    ma: Optional[str] = Field(
        None,
        description="Mã cố định của mục (tuỳ chọn). Mặc định ghép từ số các mục cha, ví dụ `II.3.1`; "
        "đặt mã riêng để liên kết không đổi khi đánh số lại.",
    )
    noi_dung: list[Khoi_] = Field(default_factory=list, description="Các đoạn văn, gạch đầu dòng, bảng của mục.")
    muc: list[Muc] = Field(default_factory=list, description="Các mục con.")

    _id: str = PrivateAttr("")
    _anchor: str = PrivateAttr("")
    _depth: int = PrivateAttr(1)

    @property
    def id(self) -> str:
        value: str = self.__pydantic_private__["_id"]
        return value

    @property
    def anchor(self) -> str:
        value: str = self.__pydantic_private__["_anchor"]
        return value

    @property
    def depth(self) -> int:
        value: int = self.__pydantic_private__["_depth"]
        return value

    @property
    def label(self) -> str:
        """The number as printed: as written when it carries its own mark (`a)`, `a.`, `a/`, `1)`,
        `1.`), else `I.`, `1.`, `3.1.` and `a)` for a bare letter."""
        if not self.so:
            return ""
        if self.so[-1] in ").:/":
            return self.so
        return f"{self.so})" if re.fullmatch(r"[a-zđ]", self.so) else f"{self.so}."

    @property
    def number(self) -> str:
        """The number without its mark: `a` for `a)`, `a.`, `a/`; `3.1` for `3.1.`."""
        return (self.so or "").rstrip(").:/ ")

    @property
    def heading(self) -> str:
        return " ".join(x for x in (self.label, self.tieu_de or "") if x)


class PhuLuc(Muc):
    """An appendix (phụ lục)."""


class NoiNhan(_Model):
    ten: str = Field(description="Tên nơi nhận, ví dụ `Tổng LĐLĐ Việt Nam`.")
    muc_dich: Optional[str] = Field(
        None, description="Mục đích gửi như ghi trong văn bản: `b/cáo`, `chỉ đạo`, `th/h`, …"
    )


class NguoiKy(_Model):
    tham_quyen: Optional[str] = Field(None, description="Thẩm quyền ký, ví dụ `TM. BAN THƯỜNG VỤ`.")
    chuc_vu: Optional[str] = Field(None, description="Chức vụ người ký, ví dụ `CHỦ TỊCH`.")
    chuc_danh: list[str] = Field(
        default_factory=list,
        description="Các dòng thẩm quyền và chức vụ theo thứ tự từ trên xuống, khi khối chữ ký có nhiều dòng "
        "hơn (ví dụ `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`). Dùng thay cho `tham_quyen` và "
        "`chuc_vu`, không dùng cùng lúc.",
    )
    ho_ten: Optional[str] = Field(None, description="Họ và tên người ký.")

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        if self.chuc_danh and (self.tham_quyen or self.chuc_vu):
            raise PydanticCustomError(
                "chu_ky_hai_cach",
                "Khối chữ ký vừa có `chuc_danh` vừa có `tham_quyen`/`chuc_vu`. Ghi mọi dòng trên tên người ký "
                "vào `chuc_danh` (mỗi dòng một mục) và xoá `tham_quyen`, `chuc_vu`.",
                {},
            )
        return self

    @property
    def lines(self) -> list[str]:
        """Every line above the name, top to bottom (`TM. …`, `KT. …`, position)."""
        if self.chuc_danh:
            return list(self.chuc_danh)
        return [x for x in (self.tham_quyen, self.chuc_vu) if x]


class ChuThich(_Model):
    ky_hieu: str = Field(description="Dấu chú thích như trong văn bản: `1`, `2`, `*`. Trong chữ, chỗ dẫn chú thích "
                         "viết `[^1]` (hoặc `[^*]`).")
    noi_dung: str = Field(description="Nội dung chú thích, chép nguyên văn.")


class GiaiDoan(_Model):
    tu_nam: int = Field(description="Năm bắt đầu.")
    den_nam: int = Field(description="Năm kết thúc.")

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.den_nam < self.tu_nam:
            raise PydanticCustomError(
                "giai_doan_nguoc", "Năm kết thúc ({b}) trước năm bắt đầu ({a}).",
                {"a": self.tu_nam, "b": self.den_nam},
            )
        return self

    def __str__(self) -> str:
        return f"{self.tu_nam}–{self.den_nam}"


TINH_TRANG = {
    "chua-ro": "Chưa rõ",
    "con-hieu-luc": "Còn hiệu lực",
    "het-hieu-luc": "Hết hiệu lực",
    "bi-thay-the": "Được thay thế",
}


class HieuLuc(_Model):
    tinh_trang: Literal["chua-ro", "con-hieu-luc", "het-hieu-luc", "bi-thay-the"] = Field(
        "chua-ro",
        description="Tình trạng hiệu lực: `chua-ro` (mặc định, không đoán), `con-hieu-luc`, "
        "`het-hieu-luc`, `bi-thay-the`.",
    )
    thay_the_boi: Optional[str] = Field(None, description="Số, ký hiệu văn bản thay thế (khi `bi-thay-the`).")
    ghi_chu: Optional[str] = Field(None, description="Ghi chú về hiệu lực và nguồn thông tin.")


class VanBan(_Model):
    """One document: a plan, programme, directive, resolution, …"""

    ma: Optional[str] = Field(
        None,
        description="Mã văn bản (chữ thường không dấu, nối bằng `-`). Bắt buộc khi văn bản chưa có số, "
        "ký hiệu; mặc định lấy từ số, ký hiệu.",
    )
    so_ky_hieu: Optional[str] = Field(
        None, description="Số, ký hiệu, ví dụ `117/KH-LĐLĐ`, `36-CTr/TU`. Bỏ trống nếu chưa biết."
    )
    ky_hieu_chua_so: Optional[str] = Field(
        None,
        description="Văn bản chưa có số (bản dự thảo, số để trống chờ ký): phần ký hiệu như bản gốc ghi sau chỗ "
        "để trống, ví dụ `/KH-BTNMT` cho dòng `Số:       /KH-BTNMT`. Trang web và bản in giữ chỗ trống trước "
        "dấu `/`. Không dùng cùng `so_ky_hieu`.",
    )
    loai: str = Field(description="Loại văn bản: " + ", ".join(DOCUMENT_TYPES) + ".")
    co_quan_chu_quan: Optional[str] = Field(None, description="Cơ quan chủ quản (cấp trên của cơ quan ban hành).")
    co_quan_ban_hanh: str = Field(description="Cơ quan, tổ chức ban hành.")
    noi_ban_hanh: Optional[str] = Field(None, description="Địa danh nơi ban hành. Bỏ trống nếu nguồn không ghi.")
    ngay_ban_hanh: Ngay = Field(None, description="Ngày ban hành, dạng ngày/tháng/năm (ví dụ `04/02/2020`).")
    trich_yeu: str = Field(description="Trích yếu nội dung, chép nguyên văn.")
    ten_ngan: Optional[str] = Field(
        None,
        description="Tên ngắn của văn bản, dùng ở trình đơn, kết quả tìm kiếm, trang đơn vị, mục lục và "
        "đầu trang sổ tay. Bỏ trống thì lấy loại và số, ký hiệu (`Kế hoạch 117/KH-LĐLĐ`); văn bản chưa có "
        "số, ký hiệu thì lấy loại và phần đầu trích yếu, đến trước chữ “ngày” hoặc “của” "
        "(`Kế hoạch thực hiện Chỉ thị 07/CT-TTg`).",
    )
    giai_doan: Optional[GiaiDoan] = Field(None, description="Giai đoạn thực hiện, nếu văn bản nêu.")
    thuc_hien: list[str] = Field(default_factory=list, description="Số, ký hiệu các văn bản mà văn bản này thực hiện; có thể chỉ đến một mục, ví dụ `117/KH-LĐLĐ#II.3`.")
    gan_voi: list[str] = Field(default_factory=list, description="Số, ký hiệu các văn bản được thực hiện gắn với văn bản này.")
    thay_the: list[str] = Field(default_factory=list, description="Số, ký hiệu các văn bản bị văn bản này thay thế.")
    sua_doi: list[str] = Field(default_factory=list, description="Số, ký hiệu các văn bản được văn bản này sửa đổi, bổ sung.")
    can_cu: list[str] = Field(default_factory=list, description="Các căn cứ ban hành, chép nguyên văn.")
    hieu_luc: HieuLuc = Field(default_factory=HieuLuc, description="Tình trạng hiệu lực.")
    mo_dau: list[Khoi_] = Field(default_factory=list, description="Phần mở đầu (trước mục I).")
    noi_dung: list[Muc] = Field(
        default_factory=list,
        description="Toàn văn, chia thành các mục I, II, … Để trống khi chưa nhập toàn văn.",
    )
    ket_thuc: list[Khoi_] = Field(default_factory=list, description="Đoạn kết (sau mục cuối cùng).")
    phu_luc: list[PhuLuc] = Field(default_factory=list, description="Các phụ lục.")
    noi_nhan: list[NoiNhan] = Field(default_factory=list, description="Nơi nhận.")
    luu: Optional[str] = Field(None, description="Dòng `Lưu:` của nơi nhận, ví dụ `VT, Ban CSPL & QHLĐ`.")
    nguoi_ky: Optional[NguoiKy] = Field(None, description="Người ký, nếu biết.")
    chu_thich: list[ChuThich] = Field(
        default_factory=list,
        description="Chú thích cuối trang: mỗi chú thích có dấu (`ky_hieu`) và nội dung; trong chữ, chỗ dẫn "
        "chú thích viết `[^ky_hieu]`, ví dụ `[^1]`.",
    )
    nguon: Optional[str] = Field(None, description="Nguồn của các thông tin trên (để người đọc kiểm chứng).")
    ghi_chu: Optional[str] = Field(None, description="Ghi chú của biên tập viên, hiển thị trên trang.")

    _file: str = PrivateAttr("")
    _slug: str = PrivateAttr("")

    @field_validator("loai")
    @classmethod
    def _known_type(cls, value: str) -> str:
        for name in DOCUMENT_TYPES:
            if value.casefold() == name.casefold():
                return name
        raise PydanticCustomError(
            "loai_khong_ro", "Loại văn bản `{v}` không có trong danh mục.", {"v": value}
        )

    @field_validator("ky_hieu_chua_so")
    @classmethod
    def _blank_number(cls, value: Optional[str]) -> Optional[str]:
        if value is None:
            return value
        tail = re.sub(r"^[\s.…_]*", "", value)
        if not re.fullmatch(r"/?[A-Za-zĐđ]+(?:[-–][A-Za-zĐđ]+)*", tail):
            raise PydanticCustomError(
                "ky_hieu_chua_so_sai",
                "Ký hiệu `{v}` của văn bản chưa có số phải là phần sau chỗ để trống, ví dụ `/KH-BTNMT`.",
                {"v": value},
            )
        return "/" + tail.lstrip("/")

    @model_validator(mode="after")
    def _id_or_symbol(self) -> Self:
        if not self.ma and not self.so_ky_hieu:
            raise PydanticCustomError(
                "thieu_ma", "Văn bản chưa có số, ký hiệu thì phải có trường `ma`.", {}
            )
        if self.so_ky_hieu and self.ky_hieu_chua_so:
            raise PydanticCustomError(
                "hai_so_ky_hieu",
                "Văn bản đã có `so_ky_hieu` thì không ghi `ky_hieu_chua_so` (chỉ dùng khi số còn để trống).", {}
            )
        return self

    @model_validator(mode="after")
    def _footnotes_match(self) -> Self:
        marks = [n.ky_hieu for n in self.chu_thich]
        used = set(FOOTNOTE_REF.findall(_all_text(self)))
        missing = sorted(used - set(marks))
        if missing:
            raise PydanticCustomError(
                "chu_thich_thieu",
                "Chữ có chỗ dẫn chú thích {m} nhưng `chu_thich` không có chú thích mang dấu đó. Thêm chú thích "
                "(`- ky_hieu: …` và `noi_dung: …`) hoặc xoá chỗ dẫn.",
                {"m": ", ".join(f"`[^{x}]`" for x in missing)},
            )
        dup = sorted({m for m in marks if marks.count(m) > 1})
        if dup:
            raise PydanticCustomError(
                "chu_thich_trung", "Dấu chú thích {m} bị dùng cho hai chú thích.",
                {"m": ", ".join(f"`{x}`" for x in dup)},
            )
        return self

    @property
    def display_number(self) -> str:
        """The number as the header prints it: the symbol, the blank before an unnumbered draft's
        symbol, or `…/` and the type code when nothing is known."""
        if self.so_ky_hieu:
            return self.so_ky_hieu
        if self.ky_hieu_chua_so:
            return BLANK_NUMBER + self.ky_hieu_chua_so
        return f"…/{unnumbered_code(self.loai, self.co_quan_ban_hanh)}"

    @property
    def full_text(self) -> bool:
        return bool(self.noi_dung or self.mo_dau)

    @property
    def file(self) -> str:
        value: str = self.__pydantic_private__["_file"]
        return value

    @property
    def slug(self) -> str:
        value: str = self.__pydantic_private__["_slug"]
        return value

    @property
    def url(self) -> str:
        return f"{document_page(self.slug)}/"

    @property
    def display_symbol(self) -> str:
        return self.so_ky_hieu or f"…/{self.loai}"

    @property
    def title(self) -> str:
        """The document's one short name: `ten_ngan`, else `Kế hoạch 117/KH-LĐLĐ`, else the type and
        the subject up to its first qualifier (`Kế hoạch thực hiện Chỉ thị 07/CT-TTg`)."""
        if self.ten_ngan:
            return self.ten_ngan
        if self.so_ky_hieu:
            return f"{self.loai} {self.so_ky_hieu}"
        return f"{self.loai} {short_subject(self.trich_yeu)}"

    @property
    def subject_title(self) -> str:
        """The subject shown as a title: its first letter capital, every other character as written."""
        return self.trich_yeu[:1].upper() + self.trich_yeu[1:]


def _all_text(doc: VanBan) -> str:
    """Every running text of a document, for checks that look for marks in it."""
    out: list[str] = [doc.trich_yeu]

    def blocks(items: list[Khoi]) -> None:
        for b in items:
            out.append(b.text)

    def parts(items: Sequence[Muc]) -> None:
        for p in items:
            out.append(p.tieu_de or "")
            blocks(p.noi_dung)
            parts(p.muc)

    blocks(doc.mo_dau)
    parts(doc.noi_dung)
    blocks(doc.ket_thuc)
    parts(doc.phu_luc)
    out.extend(doc.can_cu)
    return "\n".join(out)


class DonVi(_Model):
    ma: str = Field(description="Mã đơn vị (chữ thường không dấu, nối bằng `-`).")
    ten: str = Field(description="Tên đầy đủ.")
    ten_ngan: Optional[str] = Field(None, description="Tên ngắn hoặc viết tắt.")
    ten_khac: list[str] = Field(
        default_factory=list,
        description="Các cách văn bản khác gọi đơn vị này (để nhận ra tên đơn vị trong ô của bảng giao việc).",
    )
    bao_gom: list[str] = Field(
        default_factory=list,
        description="Với một nhóm đơn vị (ví dụ `Các cấp công đoàn`): mã các đơn vị thuộc nhóm. Việc giao cho "
        "nhóm hiện trên trang của từng đơn vị trong nhóm.",
    )
    thuoc: Optional[str] = Field(None, description="Mã đơn vị cấp trên (nếu có).")
    mo_ta: Optional[str] = Field(None, description="Mô tả ngắn: đơn vị này là ai.")


class ThuatNgu(_Model):
    viet_tat: str = Field(description="Chữ viết tắt như trong văn bản, ví dụ `CĐCS`.")
    day_du: str = Field(description="Nghĩa đầy đủ.")
    ghi_chu: Optional[str] = Field(None, description="Giải thích thêm.")


class PhongTrao(_Model):
    ma: str = Field(description="Mã phong trào (chữ thường không dấu).")
    ten: str = Field(description="Tên phong trào như văn bản ghi.")
    loai: Literal["phong trào thi đua", "cuộc vận động"] = Field(
        "phong trào thi đua", description="`phong trào thi đua` hoặc `cuộc vận động`."
    )
    bien_the: list[str] = Field(default_factory=list, description="Các cách viết khác của tên (để nhận diện).")
    mo_ta: Optional[str] = Field(None, description="Mô tả ngắn.")


class CaiDat(_Model):
    ten_tinh: Optional[str] = Field(
        None, description="Tên tỉnh. Nguồn chưa cho biết: bỏ trống, trang sẽ ghi `…` thay vì đoán."
    )
    ten_website: str = Field("Kho văn bản Công đoàn", description="Tên hiển thị của trang.")
    van_ban_chinh: Optional[str] = Field(
        None,
        description="Số, ký hiệu hoặc mã (trường `ma`) của văn bản chính của kho: đứng đầu trình đơn, "
        "đầu mọi danh sách văn bản và đầu sổ tay.",
    )
    lien_he: Optional[str] = Field(
        None,
        description="Nơi bạn đọc hỏi khi cần toàn văn một văn bản kho chưa có, ví dụ "
        "`Văn phòng Liên đoàn Lao động tỉnh, điện thoại …`. Bỏ trống: trang chỉ báo là chưa có toàn văn.",
    )
    dia_chi_web: Optional[str] = Field(
        None,
        description="Địa chỉ công khai của trang web, ví dụ `https://vanban.example.vn/`: in trên bìa sổ tay "
        "kèm mã QR. Bỏ trống khi chưa có địa chỉ.",
    )
    van_ban_ngoai_kho: list[str] = Field(
        default_factory=list,
        description="Số, ký hiệu các văn bản được nhắc đến nhưng cố ý không đưa vào kho (ví dụ nghị định "
        "về thể thức văn bản): không tạo liên kết, không báo “chưa có trong kho”.",
    )


TIEN_DO = {
    "chua-trien-khai": "Chưa triển khai",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
}


def _status_code(value: Any) -> Any:
    # `hoàn thành`, `Hoàn thành`, `hoan-thanh` are one status.
    if isinstance(value, str):
        return slugify(value)
    return value


class BaoCao(_Model):
    """What a unit reported on one task."""

    nhiem_vu: str = Field(
        description="Nhiệm vụ được báo cáo: số, ký hiệu (hoặc mã) của văn bản, dấu `#`, rồi số mục như in "
        "(`ke-hoach-thuc-hien-chi-thi-07#III.3`) hoặc neo của ý, của bảng (phần sau dấu `#` trong liên kết "
        "đến nhiệm vụ, ví dụ `#iii-1-y4`).",
    )
    dong: Optional[int] = Field(None, description="Số thứ tự dòng trong bảng giao việc, khi nhiệm vụ là một dòng bảng.")
    don_vi: str = Field(description="Mã đơn vị báo cáo (theo danh mục `content/don-vi.yml`).")
    ngay: NgayBatBuoc = Field(description="Ngày báo cáo, dạng ngày/tháng/năm.")
    tinh_trang: Annotated[
        Literal["chua-trien-khai", "dang-thuc-hien", "hoan-thanh"], BeforeValidator(_status_code)
    ] = Field(description="Tình trạng: `chưa triển khai`, `đang thực hiện` hoặc `hoàn thành`.")
    ket_qua: Optional[str] = Field(None, description="Kết quả, ngắn gọn, theo báo cáo của đơn vị.")
    van_ban: Optional[str] = Field(
        None, description="Số, ký hiệu văn bản báo cáo; có trong kho thì trang sẽ liên kết đến văn bản đó.")
    so_don_vi_bao_cao: Optional[int] = Field(
        None, description="Với đơn vị đại diện cho nhiều đơn vị (CĐCS): số đơn vị đã báo cáo.")
    tong_so_don_vi: Optional[int] = Field(None, description="… trên tổng số đơn vị (nếu biết).")


class TienDo(_Model):
    bao_cao: list[BaoCao] = Field(description="Các báo cáo tiến độ, mỗi báo cáo một nhiệm vụ của một đơn vị.")


class DanhMucDonVi(_Model):
    don_vi: list[DonVi] = Field(description="Danh mục đơn vị.")


class DanhMucThuatNgu(_Model):
    thuat_ngu: list[ThuatNgu] = Field(description="Danh mục chữ viết tắt.")


class DanhMucPhongTrao(_Model):
    phong_trao: list[PhongTrao] = Field(description="Danh mục phong trào thi đua, cuộc vận động.")


Muc.model_rebuild()
PhuLuc.model_rebuild()
VanBan.model_rebuild()
