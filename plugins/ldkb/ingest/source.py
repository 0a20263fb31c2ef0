"""The neutral form every reader produces: lines, tables and footnotes with their source positions.

A reader (`docx_reader`, `pdf_reader`, `text_reader`) turns a file into a `Source`; the structure
recogniser (`structure.py`) only ever sees this form, so it knows nothing of Word, PDF or text files.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One paragraph of the source (a Word paragraph, a line of a text file, a joined PDF line).

    `text` keeps tabs (`\\t`, column separators in tab-aligned headers) and line breaks (`\\n`,
    soft line breaks). `label` is the automatic number Word draws before the paragraph and that
    is not in its text ("1.", "a)", "-"). `seg_bold` gives, when the text has tabs, whether each
    tab-separated piece is bold. `heading` is a Word paragraph in a heading style (or with an
    outline level): the writer marked it as a heading, whatever its font.
    """

    text: str
    where: str  # "dòng 12", "đoạn 14", "trang 2, dòng 5": what the report prints
    label: str = ""
    bold: bool = False
    italic: bool = False
    centered: bool = False
    gap_before: bool = False  # a blank line (text) or a wide vertical gap (PDF) before it
    indent: bool = False  # starts further right than the body's left edge (PDF)
    seg_bold: tuple[bool, ...] = ()
    boxed: bool = False  # inside a Word text box
    heading: bool = False  # a Word heading style or outline level 1-9

    @property
    def full(self) -> str:
        """The text as the reader sees it on the page: the drawn label, then the text."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class Cell:
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(ln.full for ln in self.lines if ln.full.strip()).strip()


@dataclass
class Table:
    """A table as a rectangular grid; a merged cell appears at each grid position it covers
    (the same `Cell` object, so merges can be told apart from equal texts)."""

    rows: list[list[Cell]]
    where: str
    borderless: bool = False

    def lines(self) -> list[Line]:
        """Every line of every cell, each merged cell once."""
        out: list[Line] = []
        seen: set[int] = set()
        for row in self.rows:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    out.extend(cell.lines)
        return out


def distinct(row: list[Cell]) -> list[Cell]:
    """The cells of a row, a cell merged across columns once."""
    out: list[Cell] = []
    for cell in row:
        if not any(cell is seen for seen in out):
            out.append(cell)
    return out


@dataclass
class Note:
    """A footnote: its mark as the text shows it (`1`, `*`) and its text."""

    mark: str
    text: str
    where: str


@dataclass
class Source:
    path: str
    kind: str  # "docx", "pdf", "txt"
    items: list[Line | Table] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # What the reader changed or set aside, in the editor's words (shown in the report).
    repairs: list[str] = field(default_factory=list)
    # Pieces of the source the reader removed as page furniture (page numbers, running
    # headers): text and where, listed in the report so nothing disappears silently.
    removed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ImportRefused(Exception):
    """A file the importer will not read; the message says why and what to do (Vietnamese)."""
