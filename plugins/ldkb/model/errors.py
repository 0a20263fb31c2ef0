"""Content errors: what editors see. Always file, line, column and a Vietnamese message."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int  # 1-based; 0 when the whole file is concerned
    column: int  # 1-based
    message: str
    hint: str = ""
    warning: bool = False

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
    items: list[ContentError] = field(default_factory=list)

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

    def add(self, path, line: int, column: int, message: str, hint: str = "", *, warning=False):
        self.items.append(ContentError(self.rel(path), line, column, message, hint, warning))

    @property
    def errors(self) -> list[ContentError]:
        return sorted(e for e in self.items if not e.warning)

    @property
    def warnings(self) -> list[ContentError]:
        return sorted(e for e in self.items if e.warning)

    def report(self) -> str:
        return "\n".join(e.format() for e in self.errors + self.warnings)


class ContentInvalid(Exception):
    """Raised when content has errors; carries them all."""

    def __init__(self, log: ErrorLog):
        self.log = log
        n = len(log.errors)
        super().__init__(f"Nội dung có {n} lỗi:\n{log.report()}")
