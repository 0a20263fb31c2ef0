"""Saved files, gathered into batches: one batch per save, however many events an editor makes.

Editors write a file in several steps (a temporary file renamed over it, a backup, a swap file).
Events are collected until the folder is quiet for a moment, and the files that cannot change
the site (hidden, backup and swap files) are left out, so that a swap file never costs a full
build.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchdog.events
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".bak", ".orig")
# Events that say nothing was written.
_QUIET_EVENTS = (watchdog.events.FileOpenedEvent, watchdog.events.FileClosedNoWriteEvent)


def relevant(path: str | Path) -> bool:
    name = Path(path).name
    return bool(name) and not (name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES) or name == "4913")


class _Handler(watchdog.events.FileSystemEventHandler):
    def __init__(self, callback: Callable[[watchdog.events.FileSystemEvent], None]) -> None:
        self.callback = callback

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        self.callback(event)


class Watcher:
    """Files saved under `folders` (recursively) or saved as one of `files`."""

    def __init__(self, folders: list[Path], files: list[Path], *, quiet: float = 0.1, longest: float = 2.0,
                 polling: bool = False) -> None:
        self.quiet = quiet
        self.longest = longest
        self._changed: set[Path] = set()
        self._last = 0.0
        self._cond = threading.Condition()
        self._files = {Path(f).resolve() for f in files}
        self._folders = sorted({Path(f).resolve() for f in folders})
        self.polling = polling
        self.observer = None

    def _observe(self, polling: bool):
        observer = PollingObserver(timeout=0.5) if polling else Observer()
        handler = _Handler(self._event)
        for folder in self._folders:
            if folder.is_dir():
                observer.schedule(handler, str(folder), recursive=True)
        for parent in sorted({f.parent for f in self._files} - set(self._folders)):
            if parent.is_dir():
                observer.schedule(handler, str(parent), recursive=False)
        observer.start()
        return observer

    def start(self) -> None:
        try:
            self.observer = self._observe(self.polling)
        except OSError:  # no inotify watch left (many watchers on one machine): poll instead
            self.polling = True
            self.observer = self._observe(True)

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)

    def _wanted(self, path: Path) -> bool:
        if not relevant(path):
            return False
        if path in self._files:
            return True
        return any(path.is_relative_to(f) for f in self._folders)

    def _event(self, event) -> None:
        if event.is_directory or isinstance(event, _QUIET_EVENTS):
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        found = {Path(p) for p in paths if p and self._wanted(Path(p))}
        if found:
            self.add(found)

    def add(self, paths) -> None:
        with self._cond:
            self._changed |= set(paths)
            self._last = time.monotonic()
            self._cond.notify_all()

    def pending(self) -> bool:
        """Whether files were saved since the last batch (work in progress may stop for them)."""
        with self._cond:
            return bool(self._changed)

    def next_batch(self, timeout: float | None = None) -> set[Path]:
        """The files saved since the last batch, once no event came for `quiet` seconds (or
        `longest` after the first); empty after `timeout` seconds without any."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._changed, timeout):
                return set()
            first = time.monotonic()
            while True:
                now = time.monotonic()
                wait = min(self._last + self.quiet, first + self.longest) - now
                if wait <= 0:
                    break
                self._cond.wait(wait)
            batch, self._changed = self._changed, set()
            return batch


__all__ = ["Watcher", "relevant"]
