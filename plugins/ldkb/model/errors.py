"""Content errors and warnings: what editors see. Always file, line, column and a Vietnamese message.

`Problem` is the one kind of problem the core reports: the YAML reader, the schema checks, the
corpus's cross-checks, the graph's citations and the hand-written pages' citations all make these;
the command line prints them, the build logs them, the preview and the maintenance page list them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # relative to the project, as the editor opens it (`content/van-ban/117-kh-ldld.yml`)
    line: int  # 1-based; 0 when the whole file is concerned
    column: int  # 1-based
    message: str  # what is wrong, in the editor's words
    hint: str = ""  # how to fix it
    warning: bool = False  # a warning does not stop a build

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        kind = "Cảnh báo" if self.warning else "Lỗi"
        text = f"{where}: {kind}: {self.message}"
        if self.hint:
            text += f"\n    → Cách sửa: {self.hint}"
        return text


@dataclass
class ErrorLog:
    """Collects every problem of a run so that editors see them all at once."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def rel(self, path: Path | str) -> str:
        p = Path(path)
        if self.root is not None:
            root = self.__dict__.get("_root_resolved")
            if root is None:  # resolved once: a load names thousands of files
                root = self.__dict__["_root_resolved"] = self.root.resolve()
            try:
                return p.resolve().relative_to(root).as_posix()
            except ValueError:
                pass
        return p.as_posix()

    def add(self, path: Path | str, line: int, column: int, message: str, hint: str = "", *,
            warning: bool = False) -> None:
        self.items.append(Problem(self.rel(path), line, column, message, hint, warning))

    def extend(self, problems: list[Problem]) -> None:
        """Problems found outside the loader (the graph's citations), in the same log."""
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(e for e in self.items if not e.warning)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(e for e in self.items if e.warning)

    def report(self) -> str:
        return "\n".join(e.format() for e in self.errors + self.warnings)


class ContentInvalid(Exception):
    """Raised when content has errors; carries them all."""

    def __init__(self, log: ErrorLog):
        self.log = log
        n = len(log.errors)
        super().__init__(f"Nội dung có {n} lỗi:\n{log.report()}")
