"""What the recogniser makes of a source: the content file's data and everything the report says.

Every source line ends up in exactly one place: a field of the draft, the list of recognised layout
text (national title, "Số:", …, shown in the report), or the list of unplaced lines (shown in the
report with their position). Text the model holds only in a nearby form ("+" items, a heading
without a number) is placed and also listed in `conversions`, so the report says what was done.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ldkb.ingest.source import Line, Source

# The content file's data as YAML holds it: mappings, lists and strings.
Data = dict[str, Any]
# A place in `Data`: keys and list indexes ("noi_dung", 1, "muc", 0).
DataPath = tuple[str | int, ...]


@dataclass
class Unplaced:
    text: str
    where: str
    why: str


@dataclass
class Conversion:
    """Source text written in the nearest form the model holds, and what was done."""

    what: str  # "Ý “+”", "Tiêu đề không đánh số"
    text: str
    where: str
    done: str  # in the editor's words


@dataclass
class TaskTable:
    """A table recognised as a task table: each row becomes a task (`bang.giao_viec`)."""

    table: Data  # the `bang` mapping inside `data` (the importer adds bodies outside the registry)
    path: DataPath  # of the block holding it
    where: str  # its position in the source ("bảng 3")
    columns: dict[str, str]  # role (nhiem_vu, chu_tri, …) -> the column's name as written


@dataclass
class UnknownName:
    """A name in a task table's cell that no unit of the registry has (kept as an outside body)."""

    name: str
    where: str  # "Phụ lục I, bảng giao việc, dòng 2, cột “Đơn vị phối hợp”"
    count: int = 1
    suggestion: str | None = None  # the code of a unit this may be another name of
    state_body: bool = False  # reads as a body outside the unions ("Sở …", "Bảo hiểm xã hội …")


@dataclass
class Draft:
    data: Data = field(default_factory=dict)
    # data path -> note written as a YAML comment above the value
    unsure: dict[DataPath, str] = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    # (what, source text, where): layout text recognised but not stored as such (national title…)
    layout: list[tuple[str, str, str]] = field(default_factory=list)
    conversions: list[Conversion] = field(default_factory=list)
    task_tables: list[TaskTable] = field(default_factory=list)
    unknown_units: list[tuple[str, str]] = field(default_factory=list)  # (name, where): part headings
    unknown_names: list[UnknownName] = field(default_factory=list)  # task-table cells
    source: Source | None = None


class Tracker:
    """Which source lines were placed; every other line is reported as unplaced."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.placed: set[int] = set()

    def take(self, line: Line) -> None:
        self.placed.add(id(line))

    def unplaced(self, line: Line | None, text: str, where: str, why: str) -> None:
        if line is not None:
            self.placed.add(id(line))
        if text.strip():
            self.draft.unplaced.append(Unplaced(text.strip(), where, why))


__all__ = ["Data", "DataPath", "Unplaced", "Conversion", "TaskTable", "UnknownName", "Draft", "Tracker"]
