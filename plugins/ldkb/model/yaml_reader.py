"""Read a YAML content file safely, keeping the line and column of every value.

Editors' files arrive with BOMs, Windows line endings, NFD text or in legacy
Vietnamese encodings; each case gets a clear outcome, never a traceback.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from ldkb.model.errors import ErrorLog
from ldkb.util.gc_pause import gc_paused

_BaseLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # the C composer is ~10x faster; same nodes and marks
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]  # one of the two loaders
    """Composes nodes without resolving their tags: nothing here reads a tag (scalars stay
    strings, see _convert), and PyYAML's resolver runs in Python, with regexes, for every
    node even under the C composer (a fifth of loading time)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

MAX_BYTES = 2 * 1024 * 1024
_NULLS = {"", "~", "null", "Null", "NULL"}

# Letters of NFC Vietnamese that live in Latin-1; anything else from U+00A0-U+00FF
# in bulk means the text was typed in TCVN3 (ABC) or VNI and mis-decoded.
_VI_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# One regex scan instead of a Python loop over every character (a tenth of loading time).
_ODD_LATIN1 = re.compile("[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VI_LATIN1) + "]")
_CP1258_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


class Source(Protocol):
    """Where values stand in a content file (`Located`, or a stand-in that parses the file only
    when a line number is asked for: model/corpus_cache.py)."""

    path: Path

    def where(self, loc: tuple[Any, ...], prefer_key: bool = False) -> tuple[int, int]: ...


@dataclass
class Located:
    """Parsed data plus where each value and key stands in the file."""

    path: Path
    data: Any
    values: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: tuple[Any, ...], prefer_key: bool = False) -> tuple[int, int]:
        """Line and column for a data path, falling back to the nearest parent."""
        loc = tuple(loc)
        if prefer_key and loc in self.keys:
            return self.keys[loc]
        # The value is the precise spot for a wrong value; a key with no
        # recorded value (unknown field) falls back to the key itself.
        if loc in self.values:
            return self.values[loc]
        if loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


def _legacy_encoding(raw: bytes) -> str | None:
    """Name the legacy encoding a non-UTF-8 file most likely uses."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "TCVN3 (ABC) hoặc VNI"
    if any(unicodedata.normalize("NFD", ch)[-1] in _CP1258_MARKS for ch in text) or any(
        ch in "ăâđêôơưĂÂĐÊÔƠƯ" for ch in text
    ):
        return "Windows-1258"
    return "TCVN3 (ABC) hoặc VNI"


def decode(raw: bytes, path: Path, log: ErrorLog) -> str | None:
    if not raw.strip():
        log.add(path, 0, 0, "Tệp rỗng, không có nội dung.",
                "Điền nội dung theo mẫu (xem trang Hướng dẫn biên tập) hoặc xoá tệp này.")
        return None
    if len(raw) > MAX_BYTES:
        log.add(path, 0, 0,
                f"Tệp quá lớn ({len(raw) / 1048576:.1f} MB, giới hạn {MAX_BYTES // 1048576} MB).",
                "Tách văn bản thành nhiều tệp hoặc đưa phụ lục lớn ra tệp riêng.")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        log.add(path, 1, 1, "Tệp được lưu bằng bảng mã UTF-16, không phải UTF-8.",
                "Mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8.")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        log.add(path, 1, 1, "Tệp có dấu BOM ở đầu; đã bỏ qua.",
                "Nên lưu tệp dạng UTF-8 không có BOM.", warning=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        enc = _legacy_encoding(raw)
        log.add(path, line, 1,
                f"Tệp không phải UTF-8: có vẻ được gõ bằng bảng mã cũ {enc}.",
                "Dùng Unikey (Công cụ chuyển mã) chuyển sang Unicode dựng sẵn rồi lưu tệp với "
                "bảng mã UTF-8.")
        return None
    odd = [m.start() for m in itertools.islice(_ODD_LATIN1.finditer(text), 3)]
    if len(odd) >= 3:
        line = text.count("\n", 0, odd[0]) + 1
        log.add(path, line, 1,
                "Chữ tiếng Việt bị lỗi phông: văn bản có vẻ được gõ bằng bảng mã cũ "
                "TCVN3 (ABC) hoặc VNI rồi chép sang.",
                "Dùng Unikey (Công cụ chuyển mã) chuyển từ TCVN3/VNI sang Unicode dựng sẵn.")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        line = next(i for i, (a, b) in enumerate(zip(text.splitlines(), nfc.splitlines(), strict=False)) if a != b)
        log.add(path, line + 1, 1,
                "Văn bản ở dạng Unicode tổ hợp (NFD); đã tự chuyển sang dạng dựng sẵn (NFC).",
                "Nên lưu tệp ở dạng Unicode dựng sẵn.", warning=True)
    return nfc


def load(path: Path, log: ErrorLog, raw: bytes | None = None) -> Located | None:
    """Parse one YAML file; on any problem add it to `log` and return None."""
    # Tens of thousands of nodes, marks and tuples are made per file and all live until
    # the file is converted: cyclic-GC passes in between only walk them again, more so
    # in a build's large heap (a third of loading time). The file size is capped.
    with gc_paused():
        return _load(path, log, raw)


def _load(path: Path, log: ErrorLog, raw: bytes | None) -> Located | None:
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            log.add(path, 0, 0, f"Không đọc được tệp ({exc.strerror}).")
            return None
    text = decode(raw, path, log)
    if text is None:
        return None
    try:
        deep = _too_deep(text)
        if deep is not None:
            log.add(path, *deep, f"Nội dung lồng nhau quá sâu (quá {MAX_DEPTH} cấp).",
                    "Kiểm tra lại thụt lề và các dấu ngoặc `[` `{`.")
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # A control character (often pasted from Word or a PDF): point at it.
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        # The reader stops at the first such character (libyaml counts its position in bytes).
        pos = text.find(chr(code))
        if pos < 0:
            pos = min(max(exc.position, 0), len(text))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        log.add(path, line, col, f"Tệp có ký tự điều khiển không hợp lệ (mã U+{code:04X}).",
                "Xoá ký tự đó (thường lẫn vào khi chép từ Word hoặc PDF); trình soạn thảo có thể hiện nó "
                "thành ô vuông hoặc không hiện gì.")
        return None
    except RecursionError:
        log.add(path, 1, 1, f"Nội dung lồng nhau quá sâu (quá {MAX_DEPTH} cấp).",
                "Kiểm tra lại thụt lề và các dấu ngoặc `[` `{`.")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "cú pháp không hợp lệ"
        log.add(path, line, col, f"Lỗi cú pháp YAML: {_vi_problem(problem)}.",
                "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường, "
                "và đặt văn bản có dấu `:` hoặc `#` trong ngoặc kép.")
        return None
    except yaml.YAMLError as exc:
        log.add(path, 1, 1, f"Lỗi cú pháp YAML: {exc}.")
        return None
    if node is None:
        log.add(path, 0, 0, "Tệp không có nội dung YAML nào.",
                "Điền nội dung theo mẫu (xem trang Hướng dẫn biên tập).")
        return None
    located = Located(path, None)
    ok = [True]
    located.data = _convert(node, (), located, log, ok, set())
    return located if ok[0] else None


MAX_DEPTH = 60  # data levels; a real document nests about a dozen (a part's point's bullet)
# Only a file with many brackets or a very long indentation can nest that deep.
# `^…` under re.M is tried at every position; "\n…" is found with a fast literal scan.
_DEEP_HINT = re.compile(rf"[ \t\-?:]{{{2 * MAX_DEPTH},}}")
_DEEP_HINT_LINE = re.compile(rf"\n[ \t\-?:]{{{2 * MAX_DEPTH},}}")


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting first exceeds MAX_DEPTH, found from the parser's events (no recursion):
    the composer recurses in C and a file nested thousands deep crashes the process."""
    if (text.count("[") + text.count("{") <= MAX_DEPTH and not _DEEP_HINT.match(text)
            and not _DEEP_HINT_LINE.search(text)):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


_PROBLEMS = {
    "mapping values are not allowed": "không được dùng dấu hai chấm `:` ở đây",
    "could not find expected ':'": "thiếu dấu hai chấm `:`",
    "found character '\\t' that cannot start any token": "có ký tự Tab",
    "found character that cannot start any token": "có ký tự không được đứng ở đây (thường là Tab dùng để "
    "thụt lề, hoặc dấu `@`, `` ` `` ở đầu giá trị)",
    "block sequence entries are not allowed": "không được bắt đầu danh sách (`- `) ở đây; xuống dòng và "
    "thụt lề cho danh sách",
    "did not find expected ',' or ']'": "thiếu dấu đóng ngoặc `]` (hoặc dấu phẩy giữa các mục)",
    "did not find expected ',' or '}'": "thiếu dấu đóng ngoặc `}` (hoặc dấu phẩy giữa các mục)",
    "but found another document": "tệp chỉ được chứa một văn bản (có dòng `---` hoặc `...` thừa)",
    "found undefined alias": "không hỗ trợ tham chiếu YAML (`*`)",
    "found invalid Unicode character escape code": "mã ký tự sau dấu `\\` không hợp lệ",
    "found unknown escape character": "ký tự sau dấu `\\` trong ngoặc kép không hợp lệ (viết `\\\\` cho một dấu `\\`)",
    "expected <block end>, but found '-'": "thụt lề của danh sách không khớp",
    "did not find expected key": "thụt lề không khớp",
    "found unexpected end of stream": "tệp kết thúc giữa chừng",
}


def _vi_problem(problem: str) -> str:
    for en, vi in _PROBLEMS.items():
        if problem.startswith(en):
            return vi
    return f"không hợp lệ ({problem})"


_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


def _scalar(node: Any) -> str | None:  # a yaml.ScalarNode
    # Scalars stay strings (so `3.10` is not the number 3.1); typed models coerce.
    if not node.style and node.value in _NULLS:
        return None
    value: str = node.value
    return value


def _convert(node: yaml.Node, loc: tuple[Any, ...], out: Located, log: ErrorLog, ok: list[Any], seen: set[Any]) -> Any:
    mark = node.start_mark
    values = out.values
    values[loc] = (mark.line + 1, mark.column + 1)
    depth = len(loc)
    if depth > MAX_DEPTH:  # stop before Python's recursion limit, with a line to look at
        log.add(out.path, *values[loc], f"Nội dung lồng nhau quá sâu (quá {MAX_DEPTH} cấp).",
                "Kiểm tra lại thụt lề và các dấu ngoặc `[` `{`.")
        ok[0] = False
        return None
    kind = type(node)
    if kind is _Scalar:
        return _scalar(node)
    # A collection met twice is an alias (`*name`): refuse it, which also
    # defuses "billion laughs" files that expand exponentially.
    if id(node) in seen:
        log.add(out.path, *values[loc], "Không hỗ trợ tham chiếu YAML (`&` / `*`).",
                "Viết đầy đủ nội dung thay cho tham chiếu.")
        ok[0] = False
        return None
    seen.add(id(node))
    # Scalar children (most nodes) are converted inline as in _scalar, saving a call
    # each; a child one level too deep still goes through _convert, which reports it.
    inline = depth < MAX_DEPTH
    if kind is _Mapping:
        keys = out.keys
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kline, kcol = kmark.line + 1, kmark.column + 1
            if type(key_node) is not _Scalar:
                log.add(out.path, kline, kcol, "Tên trường phải là một chữ, không phải danh sách.")
                ok[0] = False
                continue
            key = key_node.value
            if key == "<<":
                log.add(out.path, kline, kcol, "Không hỗ trợ gộp khoá YAML (`<<`).",
                        "Viết đầy đủ các trường.")
                ok[0] = False
                continue
            if key in result:
                log.add(out.path, kline, kcol, f"Trường `{key}` bị khai báo hai lần.",
                        "Xoá một trong hai dòng.")
                ok[0] = False
                continue
            child = loc + (key,)
            keys[child] = (kline, kcol)
            if inline and type(value_node) is _Scalar:
                vmark = value_node.start_mark
                values[child] = (vmark.line + 1, vmark.column + 1)
                result[key] = None if not value_node.style and value_node.value in _NULLS else value_node.value
            else:
                result[key] = _convert(value_node, child, out, log, ok, seen)
        return result
    items = []
    for i, item in enumerate(node.value):
        child = loc + (i,)
        if inline and type(item) is _Scalar:
            imark = item.start_mark
            values[child] = (imark.line + 1, imark.column + 1)
            items.append(None if not item.style and item.value in _NULLS else item.value)
        else:
            items.append(_convert(item, child, out, log, ok, seen))
    return items
