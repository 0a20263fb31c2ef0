"""Fresh Python processes for the tests' builds, without paying for Python's start-up and imports
each time (half of a small build's time).

`python -m mkdocs build` in a subprocess is how the tests build a site, as an editor does: a fresh
process, nothing shared with the test. A fork server keeps that: one process per pytest worker
imports what a build imports (MkDocs, Material, our plugins, Markdown) and never builds; for each
run it forks a child, which sets the run's working folder, environment, arguments and standard
streams, then runs the command exactly as the interpreter would (`-m module` or `-c code`) and
exits as the interpreter does (exit code, atexit handlers, non-daemon threads). Nothing a build
does happens in the server, so each child starts from the same state as a fresh `python`.

    run(["-m", "mkdocs", "build", "--strict"], cwd=project)  # -> subprocess.CompletedProcess
    subprocess_run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True)
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# What a build imports anyway (see `python -X importtime -m mkdocs build`), made ready in the server.
PRELOAD = ["click", "mkdocs.commands.build", "material", "material.plugins.search.plugin",
           "markdown", "pymdownx", "jinja2", "yaml", "ldkb_mkdocs.documents.plugin", "ldkb_mkdocs.graph.plugin",
           "ldkb_mkdocs.search.plugin", "ldkb_mkdocs.cache.plugin", "ldkb_mkdocs.editing.plugin",
           "ldkb.model.corpus", "ldkb.export.task_files", "ldkb.export.open_data"]

_SERVER = r"""
import importlib, json, os, runpy, sys, types


def child(job):
    os.chdir(job["cwd"])
    os.environ.clear()
    os.environ.update(job["env"])
    for entry in reversed(job["env"].get("PYTHONPATH", "").split(os.pathsep)):
        if entry and entry not in sys.path:
            sys.path.insert(1, entry)  # as a fresh interpreter reads the run's PYTHONPATH
    for fd, path, mode in ((0, os.devnull, os.O_RDONLY), (1, job["out"], os.O_WRONLY), (2, job["err"], os.O_WRONLY)):
        target = os.open(path, mode)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    argv = job["argv"]
    if argv[0] == "-m":
        sys.argv = [argv[1]] + argv[2:]
        sys.path[0] = os.getcwd()
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:  # -c CODE
        sys.argv = ["-c"] + argv[2:]
        sys.path[0] = ""
        main = types.ModuleType("__main__")
        sys.modules["__main__"] = main
        exec(compile(argv[1], "<string>", "exec"), main.__dict__)


for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # a module moved: the child imports what it needs itself
channel_in, channel_out = os.fdopen(os.dup(0), "r"), os.fdopen(os.dup(1), "w")
print("ready", file=channel_out, flush=True)
for line in channel_in:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:
        channel_in.close()
        channel_out.close()
        child(job)
        break  # then exit as the interpreter does: atexit handlers, threads joined, streams flushed
    print(json.dumps({"pid": pid}), file=channel_out, flush=True)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), file=channel_out, flush=True)
"""


class ForkServer:
    def __init__(self, preload: list[str] | None = None) -> None:
        self._lock = threading.Lock()
        self._proc = subprocess.Popen([sys.executable, "-c", _SERVER, json.dumps(preload or PRELOAD)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        self._pending = b""
        if self._line(timeout=300) != "ready":
            raise RuntimeError("the fork server did not start")

    def _line(self, timeout: float | None) -> str:
        """The server's next line, waiting at most `timeout` seconds (TimeoutError)."""
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self._pending:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("the fork server stopped")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode("utf-8").strip()

    def run(self, argv: list[str], *, cwd: Path | str, env: dict[str, str] | None = None,
            timeout: float | None = None) -> subprocess.CompletedProcess:
        """As `subprocess.run([sys.executable, *argv], cwd=cwd, env=env, capture_output=True,
        text=True, timeout=timeout)`, with argv starting with "-m" or "-c"."""
        if argv[0] not in ("-m", "-c"):
            raise ValueError(f"-m or -c expected: {argv[:2]}")
        args = [sys.executable, *map(str, argv)]
        with self._lock, tempfile.TemporaryDirectory(prefix="forkrun-") as tmp:
            out, err = Path(tmp) / "out", Path(tmp) / "err"
            out.touch()
            err.touch()
            job = {"argv": args[1:], "cwd": str(cwd), "env": dict(os.environ if env is None else env),
                   "out": str(out), "err": str(err)}
            assert self._proc.stdin is not None
            self._proc.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
            self._proc.stdin.flush()
            pid = json.loads(self._line(timeout=60))["pid"]
            try:
                code = json.loads(self._line(timeout=timeout))["returncode"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self._line(timeout=60)  # the server has reaped it
                raise subprocess.TimeoutExpired(args, timeout or 0,
                                                out.read_bytes(), err.read_bytes()) from None
            return subprocess.CompletedProcess(args, code, out.read_text(encoding="utf-8", errors="replace"),
                                               err.read_text(encoding="utf-8", errors="replace"))

    def close(self) -> None:
        if self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait(timeout=60)


# Two servers, used in turn: each Python process has its own string-hash seed (the order of its
# sets), and a fresh process per build gave every build its own. Two builds a test compares come
# from different servers, so output that depends on that order still differs between them.
_servers: list[ForkServer] = []
_turn = 0


def run(argv: list[str], *, cwd: Path | str, env: dict[str, str] | None = None,
        timeout: float | None = None) -> subprocess.CompletedProcess:
    """`argv` (-m module ... or -c code ...) in a fresh process forked from one of this process's
    servers."""
    global _turn
    if not _servers:
        _servers.extend(ForkServer() for _ in range(2))
        for server in _servers:
            atexit.register(server.close)
    _turn = (_turn + 1) % len(_servers)
    return _servers[_turn].run(argv, cwd=cwd, env=env, timeout=timeout)


def subprocess_run(cmd: list, *, cwd: Path | str, env: dict[str, str] | None = None, capture_output: bool = True,
                   text: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess:
    """A drop-in for `subprocess.run([sys.executable, "-m"/"-c", ...], capture_output=True,
    text=True, ...)`, run by the fork server."""
    if not (capture_output and text) or str(cmd[0]) != sys.executable:
        raise ValueError("forkrun runs this Python's -m/-c commands, captured as text")
    return run([str(a) for a in cmd[1:]], cwd=cwd, env=env, timeout=timeout)
