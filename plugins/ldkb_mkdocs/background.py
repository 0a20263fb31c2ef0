"""Work done beside MkDocs' page loop, in one forked process.

MkDocs renders pages on one core; the machines we build on have two. Work that needs only the
content model (loaded before the fork, shared copy-on-write) and what pages send it — the
search index — runs in a worker process while MkDocs goes on with the pages. Calls run in the
order they were sent, one at a time, so the worker keeps state between them (module globals on
its side). Callers run the same functions inline where there is no fork (`can_fork`) or a
process would not pay for itself (previews, small sites).

One pipe each way. The main process pickles each message itself and hands the bytes to one
sending thread, which only writes them (the write releases the GIL): when the worker falls
behind for a moment (a page that costs it more than MkDocs), the pipe fills and the sending
thread waits, not MkDocs (at 2,000 documents the page loop waited 1.0-1.8 s on full pipes).
concurrent.futures' pool costs more: its feeder threads pickle, contending with MkDocs for the GIL.
"""
from __future__ import annotations

import fcntl
import gc
import multiprocessing
import os
import queue
import threading
import traceback
from multiprocessing.reduction import ForkingPickler
from typing import Any
from collections.abc import Callable

_F_SETPIPE_SZ = 1031  # Linux: a bigger pipe lets pages queue up while the worker is busy
_PIPE_BYTES = 1 << 20
_BATCH_BYTES = 512 << 10  # text sent to the worker at a time (pages' HTML)
_BATCH_CALLS = 64  # or this many calls, however small


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class BackgroundError(RuntimeError):
    """A call failed in the worker; the message carries the worker's traceback."""


class Background:
    def __init__(self) -> None:
        # Set together by `start` (a running worker), cleared by `close`.
        self._process: Any = None
        self._calls: Any = None
        self._replies: Any = None
        self._batch: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
        self._batch_bytes = 0
        self._outbox: Any = None  # queue.SimpleQueue of pickled messages for the sending thread
        self._sender: Any = None

    def call(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run fn(*args) in order, without waiting for it (a failure is reported by `collect`)."""
        self.start()
        self._batch.append((fn, args))
        self._batch_bytes += sum(len(a) for a in args if isinstance(a, str))
        # Small calls count too: a build with the cache sends 2,590 calls of a key each, which
        # counted by their text alone all waited for the end of the build before being sent.
        if self._batch_bytes >= _BATCH_BYTES or len(self._batch) >= _BATCH_CALLS:
            self._flush()

    def flush(self) -> None:
        """Send the calls made so far now (work the worker can do while this process goes on)."""
        self._flush()

    def result(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run fn(*args) after every call sent before it; its value (or the first failure)."""
        self.request(fn, *args)
        return self.collect()

    def request(self, fn: Callable[..., Any], *args: Any) -> None:
        """Like `result`, but only asks: `collect` waits for the value later, so this process
        can do other work meanwhile."""
        self.start()
        self._flush()
        self._send(("result", [(fn, args)]))

    def each(self, fn: Callable[..., Any], arg_lists: list[tuple]) -> None:
        """Run fn(*args) for every args after the calls sent before, each value sent back on its
        own as soon as it is ready: `collect` once per args, in order. One message, however
        many args (requests never fill the pipe while replies wait to be read)."""
        self.start()
        self._flush()
        self._send(("each", [(fn, args) for args in arg_lists]))

    def collect(self) -> Any:
        ok, value = self._replies.recv()
        if not ok:
            raise BackgroundError(value)
        return value

    def _flush(self) -> None:
        # Calls go in batches: each message wakes the worker, and a woken process tends to be
        # put on the waker's core, where it would take turns with MkDocs instead of using the
        # idle one. Rarer, bigger messages leave the scheduler time to move it.
        if self._batch:
            self._send(("calls", self._batch))
            self._batch, self._batch_bytes = [], 0

    def _send(self, message) -> None:
        # Pickled here, in order; written by the sending thread (`_write_all`). The pickle's
        # buffer is handed over as it is (a memoryview), not copied.
        self._outbox.put(ForkingPickler.dumps(message))

    def close(self) -> None:
        """Stop the worker (also after a failed build: nothing must be left running)."""
        if self._process is None:
            return
        # Calls not yet written are dropped (after a failed build nobody waits for them);
        # then the worker is told to stop, and the sending thread stops after writing that.
        try:
            while True:
                self._outbox.get_nowait()
        except queue.Empty:
            pass
        self._send(None)
        self._outbox.put(None)
        self._sender.join(timeout=10)
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._sender.join()  # the pipe has no reader now: a write still waiting fails
        self._calls.close()
        self._replies.close()
        self._process = None

    def start(self) -> None:
        """Fork the worker now (else at the first call)."""
        if self._process is not None:
            return
        ctx = multiprocessing.get_context("fork")
        calls_in, calls_out = ctx.Pipe(duplex=False)
        replies_in, replies_out = ctx.Pipe(duplex=False)
        for end in (calls_out, replies_out):
            try:
                fcntl.fcntl(end.fileno(), _F_SETPIPE_SZ, _PIPE_BYTES)
            except OSError:
                pass  # the default size only means waiting sooner
        # Objects made so far (the content model) stay out of the worker's GC passes, and
        # their memory pages stay shared with this process.
        gc.freeze()
        self._process = ctx.Process(target=_serve, args=(calls_in, replies_out), daemon=True)
        self._process.start()
        calls_in.close()
        replies_out.close()
        self._calls, self._replies = calls_out, replies_in
        self._outbox = queue.SimpleQueue()
        self._sender = threading.Thread(target=_write_all, args=(self._outbox, calls_out),
                                        name="ldkb-background-send", daemon=True)
        self._sender.start()


def _write_all(outbox: queue.SimpleQueue, calls) -> None:
    """The sending thread: writes the pickled messages in order until None. A worker that died
    closes the pipe: the rest is dropped, and the main process learns of it from `collect`."""
    while (data := outbox.get()) is not None:
        try:
            calls.send_bytes(data)
        except OSError:
            while outbox.get() is not None:
                pass
            return


def _serve(calls, replies) -> None:
    failed: str | None = None
    while True:
        try:
            message = calls.recv()
        except EOFError:
            break
        if message is None:
            break
        kind, batch = message
        value = None
        for fn, args in batch:
            if failed is None:
                try:
                    value = fn(*args)
                except BaseException:  # noqa: BLE001 - reported to the main process
                    failed = traceback.format_exc()
            if kind == "each":  # one reply per call, the failure again once there is one
                replies.send((False, failed) if failed is not None else (True, value))
        if kind == "result":
            replies.send((False, failed) if failed is not None else (True, value))
    os._exit(0)  # no atexit handlers or buffers inherited from the build
