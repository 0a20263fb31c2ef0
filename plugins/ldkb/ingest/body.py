"""The body of a document: parts by their markers, blocks under the innermost part.

A numbered line ("1. …", "a) …", "Điều 1. …") opens a part. Whether the text after the number is
the part's title or its first paragraph (an untitled item whose number runs into its text) is read
from how the source marks its headings (`Conventions`):

- a plain-text file has no formatting: the text is the title (as the plan's own source is written),
  except an article's ("Điều 2. Quyết định này có hiệu lực …." runs in when it reads as a sentence);
- a Word or PDF line in a heading style, in bold or in italics is a title;
- otherwise a plain line is an untitled item when the file marks its headings (heading styles, or
  headings of the same kind in bold elsewhere); when the file bolds its headings but never this
  kind ("a) Thăm hỏi …" under bold "1." headings) it is a title, as writers set such points; when
  the file marks nothing, a line that reads as a sentence (ending in ".", ";" or ":") is an item.

A number alone ("1.") is an untitled part. A short line in bold, in a heading style or in capitals
without a number is a heading without a number: an unnumbered part (of the top level when in
capitals, the parts after it under it until the next one). "+" items (one level below
"-") are kept as paragraphs opening with "+", as written. Both are listed in the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ldkb.ingest import lines as line_rules
from ldkb.ingest.draft import Conversion, Data, DataPath, Draft, Tracker
from ldkb.ingest.markers import Marker, marker
from ldkb.ingest.source import Line, Source, Table
from ldkb.ingest.tables import table_block

RULE = re.compile(r"^[\s\-–—_=*.·]+$")
_SENTENCE = re.compile(r"[.;:!?…]\s*[”\")]*$")
_NOT_HEADING_END = re.compile(r"[.;:,!?…]\s*[”\")]*$")
_ADDRESS = re.compile(r"^\s*Kính\s+gửi\b", re.I)  # a letter's addressee, often in bold

PLUS_DONE = ("giữ thành đoạn văn bắt đầu bằng “+”, như bản gốc (mẫu chưa có cấp ý dưới gạch đầu dòng)")
HEADING_DONE = "ghi thành mục không đánh số (chỉ có `tieu_de`)"
BARE_DONE = "ghi thành mục không tiêu đề: số in liền vào đoạn văn đầu tiên của mục"


@dataclass(frozen=True)
class Conventions:
    """How a source marks its headings, read once from all its lines."""

    formatted: bool  # Word or PDF: bold and styles mean something
    styled: bool  # Word heading styles are used
    bold_kinds: frozenset[str]  # marker kinds seen on a line in bold or italics

    @classmethod
    def of(cls, src: Source) -> Conventions:
        styled = False
        kinds: set[str] = set()
        for item in src.items:
            if not isinstance(item, Line):
                continue
            styled = styled or item.heading
            mk = marker(item.full.strip())
            if mk is not None and mk.numbered and mk.rest and (item.bold or item.italic):
                kinds.add(mk.kind)
        return cls(src.kind != "txt", styled, frozenset(kinds))

    def titled(self, line: Line, mk: Marker) -> bool:
        """Whether the text after a number is the part's title (else its first paragraph)."""
        if not mk.rest:
            return False
        if line.heading or (self.formatted and (line.bold or line.italic)):
            return True
        if mk.kind == "D":  # "Điều 1. Phạm vi điều chỉnh" is a title; "Điều 2. Quyết định này …." is text
            return not _SENTENCE.search(mk.rest)
        if not self.formatted:
            return True
        if self.styled or mk.kind in self.bold_kinds:
            return False
        if self.bold_kinds:
            return True
        return not _SENTENCE.search(mk.rest)

    def unnumbered_heading(self, line: Line, text: str) -> bool:
        """A heading without a number: short, no sentence end, and marked as a heading."""
        if _NOT_HEADING_END.search(text) or text[:1] in "(“\"'[" or "\t" in text or len(text.split()) > 20 \
                or _ADDRESS.match(text):
            return False
        marked = line.heading or (self.formatted and line.bold)
        return marked or (len(text.split()) > 1 and line_rules.is_upper(text))

    def caption(self, line: Line, text: str) -> bool:
        """A table's title: centred, marked as a heading, right before the table."""
        return line.centered and marker(text) is None and self.unnumbered_heading(line, text)


def pieces(line: Line) -> list[Line]:
    """A paragraph split at its soft line breaks, pieces that continue a sentence joined again."""
    if "\n" not in line.text:
        return [line]
    out: list[Line] = []
    for k, part in enumerate(line.text.split("\n")):
        if not part.strip():
            continue
        if out and line_rules.continues(out[-1].text, part):
            out[-1].text = line_rules.join(out[-1].text, part)
            continue
        out.append(Line(part, line.where, label=line.label if k == 0 else "", bold=line.bold, italic=line.italic,
                        centered=line.centered, gap_before=line.gap_before if k == 0 else False,
                        seg_bold=line.seg_bold if "\t" in part else (), heading=line.heading))
    return out


class Body:
    """The hierarchy parser: parts by their markers, blocks under the innermost part."""

    def __init__(self, tracker: Tracker, draft: Draft, base: DataPath, conv: Conventions,
                 loose_path: DataPath = ("mo_dau",)):
        """`base`: where the parts go (`("noi_dung",)`); `loose_path`: where blocks before the first
        part go (`("mo_dau",)`, or an appendix's own `noi_dung`)."""
        self.tracker = tracker
        self.draft = draft
        self.conv = conv
        self.root: list[Data] = []  # parts
        self.loose: list[Data] = []  # blocks before the first part
        self.stack: list[tuple[str, Data, DataPath]] = []
        self.base = base
        self.loose_path = loose_path

    def _blocks_here(self) -> tuple[list[Data], DataPath]:
        if self.stack:
            part, path = self.stack[-1][1], self.stack[-1][2]
            blocks: list[Data] = part.setdefault("noi_dung", [])
            return blocks, path + ("noi_dung",)
        return self.loose, self.loose_path

    def part(self, kind: str, so: str, title: str, line: Line) -> None:
        if kind == "U":
            # A heading without a number closes the untitled items above it; in capitals it is of the
            # top level (as "I. MỤC ĐÍCH" is), else a sibling of the last such heading, else a child.
            while self.stack and not self.stack[-1][1].get("tieu_de"):
                self.stack.pop()
            if line_rules.is_upper(title):
                self.stack.clear()
        kinds = [k for k, _, _ in self.stack]
        if kind in kinds:
            while self.stack and self.stack[-1][0] != kind:
                self.stack.pop()
            self.stack.pop()
        new: Data = {}
        if so:
            new["so"] = so
        if title:
            new["tieu_de"] = title
        if self.stack:
            parent, ppath = self.stack[-1][1], self.stack[-1][2]
            siblings: list[Data] = parent.setdefault("muc", [])
            path = ppath + ("muc", len(siblings))
        else:
            siblings = self.root
            path = self.base + (len(siblings),)
        siblings.append(new)
        self.stack.append((kind, new, path))
        self.tracker.take(line)

    def block(self, block: Data, line: Line | None) -> None:
        blocks, _path = self._blocks_here()
        blocks.append(block)
        if line is not None:
            self.tracker.take(line)

    def _note(self, what: str, text: str, where: str, done: str) -> None:
        self.draft.conversions.append(Conversion(what, text, where, done))

    def feed_all(self, items: list[Line | Table]) -> None:
        """Every item in order; a heading-like centred line right before a table is its title."""
        caption: Line | None = None
        for k, item in enumerate(items):
            nxt = items[k + 1] if k + 1 < len(items) else None
            if (isinstance(item, Line) and isinstance(nxt, Table) and "\n" not in item.full.strip()
                    and self.conv.caption(item, item.full.strip())):
                caption = item
                self.tracker.take(item)
                continue
            if isinstance(item, Table):
                self.table(item, caption)
            else:
                self.feed(item)
            caption = None

    def table(self, table: Table, caption: Line | None = None) -> None:
        blocks, path = self._blocks_here()
        block = table_block(table, self.tracker, self.draft, path + (len(blocks),))
        if caption is not None:
            if block is not None and "tieu_de" not in block["bang"]:
                block["bang"] = {"tieu_de": caption.full.strip(), **block["bang"]}
            else:
                self.feed(caption)
        if block is not None:
            self.block(block, None)

    def feed(self, item: Line | Table) -> None:
        if isinstance(item, Table):
            self.table(item)
            return
        for ln in pieces(item):
            text = ln.full.strip()
            if not text or RULE.match(text):
                continue
            mk = marker(text)
            if mk is None:
                if self.conv.unnumbered_heading(ln, text):
                    self.part("U", "", text, item)
                    self._note("Tiêu đề không đánh số", text, ln.where, HEADING_DONE)
                else:
                    self.block({"doan_van": text}, item)
            elif mk.kind == "B":
                self.block({"gach_dau_dong": mk.rest}, item)
            elif mk.kind == "P":
                self.block({"doan_van": text}, item)
                self._note("Ý “+”", text, ln.where, PLUS_DONE)
            elif self.conv.titled(ln, mk):
                self.part(mk.kind, mk.so, mk.rest, item)
            else:
                self.part(mk.kind, mk.so, "", item)
                if mk.rest:
                    self.block({"doan_van": mk.rest}, item)
                else:
                    self._note("Số mục không có tiêu đề", text, ln.where, BARE_DONE)
        self.tracker.take(item)


__all__ = ["Body", "Conventions", "pieces", "RULE"]
