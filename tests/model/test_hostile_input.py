"""Hostile and broken input: the loader never raises, every problem is a content error
with file and line, and each kind of broken file has its own Vietnamese message."""
from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from ldkb.model.corpus import load_corpus
from ldkb.model.schema import VanBan

TARGET = "117-kh-ldld.yml"
REL = f"content/van-ban/{TARGET}"
PLAN_FILE = "ke-hoach-thuc-hien-chi-thi-07.yml"
# What a broken file may cause elsewhere: documents that cite it lose their target.
KNOCK_ON = ("chưa có trong kho", "không có mục", "trùng với văn bản")
BASE = (ROOT / "content" / "van-ban" / "117-kh-ldld.yml").read_text(encoding="utf-8")
PLAN = (ROOT / "content" / "van-ban" / "ke-hoach-thuc-hien-chi-thi-07.yml").read_text(encoding="utf-8")
# Words of pydantic's and PyYAML's own (English) messages: editors must never see them.
ENGLISH = ("Input should", "Field required", "validation error", "Traceback", "unacceptable character",
           "Recursion error", "Extra inputs")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A copy of the real content; each test replaces one document file for one load."""
    root = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def load_bytes(content: Path, raw: bytes, name: str = TARGET):
    path = content / "van-ban" / name
    original = path.read_bytes()
    path.write_bytes(raw)
    try:
        return load_corpus(content, strict=False)
    finally:
        path.write_bytes(original)


def check_outcome(corpus, rel: str = REL) -> None:
    """The property: no exception; every problem names the file and a line, in Vietnamese."""
    for item in corpus.log.items:
        assert item.line >= 0 and item.column >= 0
        assert item.message and not any(w in item.message + item.hint for w in ENGLISH), item.format()
        if item.file != rel:
            assert not item.warning and any(k in item.message for k in KNOCK_ON), item.format()
        elif item.line == 0:  # the whole file is concerned
            assert item.message.startswith(("Tệp", "Không đọc được")), item.format()
    if not corpus.log.errors:
        assert len(corpus.documents) == 13


FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes(content, raw):
    check_outcome(load_bytes(content, raw))


@FUZZ
@given(text=st.text(max_size=1000))
def test_random_text(content, text):
    check_outcome(load_bytes(content, text.encode("utf-8")))


YAML_CHARS = ":-[]{}#&*!|>'\"%@`,?\t\n\r\\ \ufeff\u0301\x00\x85\u2028aĐ1"


@st.composite
def mutated(draw, base: str):
    """A real document file, damaged the way hands and tools damage files."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "indent", "truncate"]))
        lines = text.split("\n")
        i = draw(st.integers(0, max(len(text) - 1, 0)))
        if op == "delete":
            text = text[:i] + text[i + draw(st.integers(1, 40)):]
        elif op == "insert":
            text = text[:i] + draw(st.text(alphabet=YAML_CHARS, min_size=1, max_size=8)) + text[i:]
        elif op == "duplicate":
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
        elif op == "swap":
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif op == "indent":
            k = draw(st.integers(0, len(lines) - 1))
            lines[k] = draw(st.sampled_from(["", " ", "   ", "\t", "- "])) + lines[k].lstrip(" ")
            text = "\n".join(lines)
        else:
            text = text[:i]
    return text


@FUZZ
@given(text=mutated(BASE))
def test_mutated_document(content, text):
    check_outcome(load_bytes(content, text.encode("utf-8")))


@settings(FUZZ, max_examples=60)
@given(text=mutated(PLAN))
def test_mutated_full_text(content, text):
    check_outcome(load_bytes(content, text.encode("utf-8"), PLAN_FILE), f"content/van-ban/{PLAN_FILE}")


FIELDS = list(VanBan.model_fields) + ["so", "tieu_de", "muc", "doan_van", "gach_dau_dong", "bang", "cot",
                                      "dong", "don_vi", "chu_tri", "tinh_trang", "ten", "tu_nam", "<<", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["Kế hoạch", "31/02/2020", "117/KH-LĐLĐ#II.3",
                                                           "cdcs", "<script>alert(1)</script>", "I"]))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5)), max_leaves=30)


@FUZZ
@given(extra=st.dictionaries(st.sampled_from(FIELDS), trees, max_size=6))
def test_random_structures(content, extra):
    data = {"so_ky_hieu": "117/KH-LĐLĐ", "loai": "Kế hoạch", "co_quan_ban_hanh": "LĐLĐ tỉnh",
            "trich_yeu": "Thử", **extra}
    check_outcome(load_bytes(content, yaml.safe_dump(data, allow_unicode=True).encode("utf-8")))


# --- each kind of broken file, with its message --------------------------------------------------

def only(corpus, *, warning=False):
    items = [i for i in (corpus.log.warnings if warning else corpus.log.errors) if i.file == REL]
    assert len(items) == 1, corpus.log.report()
    return items[0]


def test_empty_file(content):
    for raw in (b"", b"  \n\n\t\n"):
        err = only(load_bytes(content, raw))
        assert (err.file, err.line, err.message) == (REL, 0, "Tệp rỗng, không có nội dung.")
        assert "Hướng dẫn biên tập" in err.hint


def test_file_with_only_comments(content):
    err = only(load_bytes(content, "# chỉ có chú thích\n# chưa điền gì\n".encode()))
    assert err.message == "Tệp không có nội dung YAML nào."


def test_bom_is_dropped_with_a_warning(content):
    corpus = load_bytes(content, b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert corpus.log.errors == [] and len(corpus.documents) == 13
    warn = only(corpus, warning=True)
    assert (warn.line, warn.message) == (1, "Tệp có dấu BOM ở đầu; đã bỏ qua.")
    assert corpus.by_symbol("117/KH-LĐLĐ").trich_yeu == yaml.safe_load(BASE)["trich_yeu"]


def test_windows_line_endings_read_like_unix_ones(content):
    lf = load_bytes(content, BASE.encode("utf-8")).by_symbol("117/KH-LĐLĐ")
    crlf_corpus = load_bytes(content, BASE.replace("\n", "\r\n").encode("utf-8"))
    assert crlf_corpus.log.items == []
    assert crlf_corpus.by_symbol("117/KH-LĐLĐ").model_dump() == lf.model_dump()
    # and errors in a CRLF file point at the right line
    broken = BASE.replace("ngay_ban_hanh: 29/11/2020", "ngay_ban_hanh: 31/02/2020")
    line = broken.split("\n").index("ngay_ban_hanh: 31/02/2020") + 1
    err = only(load_bytes(content, broken.replace("\n", "\r\n").encode("utf-8")))
    assert (err.line, err.column) == (line, 16) and "không có thật trong lịch" in err.message


def test_nfd_is_normalised_to_nfc_with_a_warning(content):
    nfd = unicodedata.normalize("NFD", BASE)
    assert nfd != BASE
    corpus = load_bytes(content, nfd.encode("utf-8"))
    assert corpus.log.errors == []
    warn = only(corpus, warning=True)
    first = next(i for i, ln in enumerate(BASE.split("\n"), 1) if unicodedata.normalize("NFD", ln) != ln)
    assert warn.line == first
    assert warn.message == "Văn bản ở dạng Unicode tổ hợp (NFD); đã tự chuyển sang dạng dựng sẵn (NFC)."
    doc = corpus.by_symbol("117/KH-LĐLĐ")
    assert doc.trich_yeu == yaml.safe_load(BASE)["trich_yeu"] and unicodedata.is_normalized("NFC", doc.trich_yeu)


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters (â, ơ…) precomposed, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in nfd[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", nfd[0] + "".join(m for m in nfd[1:] if m not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def test_windows_1258_is_rejected_naming_the_encoding(content):
    raw = to_cp1258(BASE)
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == BASE  # really Windows-1258
    err = only(load_bytes(content, raw))
    assert err.message == "Tệp không phải UTF-8: có vẻ được gõ bằng bảng mã cũ Windows-1258."
    assert err.line == 1  # `# Kế hoạch…` on the first line is already not UTF-8
    assert "Unikey" in err.hint and "UTF-8" in err.hint


# The national title and motto as TCVN3 (ABC) bytes: how they look when read as Latin-1.
TCVN3_TITLE = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
TCVN3_MOTTO = "§éc lËp - Tù do - H¹nh phóc"


def test_tcvn3_file_is_rejected_naming_the_encoding(content):
    raw = ("so_ky_hieu: 120/KH-LĐLĐ\n").encode()  # UTF-8 first line…
    raw += f"co_quan_chu_quan: {TCVN3_TITLE}\ntrich_yeu: {TCVN3_MOTTO}\n".encode("latin-1")  # …then TCVN3
    err = only(load_bytes(content, raw))
    assert err.message == "Tệp không phải UTF-8: có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI."
    assert err.line == 2
    assert "Unikey" in err.hint


def test_tcvn3_text_pasted_into_a_utf8_file_is_rejected(content):
    text = BASE.replace("co_quan_ban_hanh: Ban Thường vụ Liên đoàn Lao động tỉnh",
                        f"co_quan_ban_hanh: {TCVN3_TITLE}")
    line = text.split("\n").index(f"co_quan_ban_hanh: {TCVN3_TITLE}") + 1
    err = only(load_bytes(content, text.encode("utf-8")))
    assert err.line == line
    assert err.message.startswith("Chữ tiếng Việt bị lỗi phông") and "TCVN3 (ABC) hoặc VNI" in err.message


def test_utf16_is_rejected(content):
    err = only(load_bytes(content, BASE.encode("utf-16")))
    assert err.message == "Tệp được lưu bằng bảng mã UTF-16, không phải UTF-8."


def test_very_large_file_is_rejected_quickly_and_clearly(content):
    para = "  - " + "Đoạn văn rất dài của một văn bản thử nghiệm. " * 40 + "\n"
    raw = (BASE + "mo_dau:\n").encode("utf-8")
    raw += para.encode("utf-8") * (10 * 1024 * 1024 // len(para.encode("utf-8")) + 1)
    assert len(raw) >= 10 * 1024 * 1024
    err = only(load_bytes(content, raw))
    assert (err.line, err.message) == (0, "Tệp quá lớn (10.0 MB, giới hạn 2 MB).")
    assert "Tách văn bản" in err.hint


def test_control_character_is_pointed_at(content):
    text = BASE.replace("trich_yeu: Thực hiện", "trich_yeu: Thực\x0chiện")
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "\x0c" in ln)
    err = only(load_bytes(content, text.encode("utf-8")))
    assert (err.line, err.column) == (line, len("trich_yeu: Thực") + 1)
    assert err.message == "Tệp có ký tự điều khiển không hợp lệ (mã U+000C)."


def test_deep_nesting_is_refused_without_recursion_error(content):
    err = only(load_bytes(content, b"mo_dau: " + b"[" * 50_000 + b"]" * 50_000))
    assert err.message == "Nội dung lồng nhau quá sâu (quá 60 cấp)."


def test_yaml_bomb_is_refused(content):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    corpus = load_bytes(content, bomb.encode())
    own = [e for e in corpus.log.errors if e.file == REL]
    assert own and all("Không hỗ trợ tham chiếu YAML" in e.message for e in own)


def test_validate_command_reports_without_traceback(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "van-ban" / "hong.yml").write_bytes(b"mo_dau: " + b"[" * 5000)
    (tmp_path / "content" / "van-ban" / "rong.yml").write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "ldkb", "validate"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/van-ban/rong.yml: Lỗi: Tệp rỗng" in result.stderr
    assert "content/van-ban/hong.yml:1:" in result.stderr
    assert "Traceback" not in result.stderr
