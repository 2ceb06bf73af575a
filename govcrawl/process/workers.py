"""Clean and parse in worker processes, so CPU-heavy parsing does not stall the crawl's reactor,
and one hostile document cannot take the crawl down with it.

`GOVCRAWL_PARSE_WORKERS` worker processes (0: parse in the crawl process). Each worker is a fresh
interpreter (`python -c …`, never forked from a process running a reactor and thread pools)
that parses one document at a time, under the limits of govcrawl/process/limits.py:

- memory: RLIMIT_AS of `GOVCRAWL_PARSE_MEMORY_LIMIT` bytes. A parse that runs out gets a
  MemoryError (or the worker dies); either way the worker is replaced.
- time: `GOVCRAWL_PARSE_TIMEOUT` seconds per document, measured by the crawl process, which
  kills the worker (and anything it started, e.g. LibreOffice: each worker leads its own process
  group) and starts a new one.

Either way the document raises ResourceLimit (a `resource_limit` failure) and later documents go
to a healthy worker: one document's death is not the pool's, as it was with ProcessPoolExecutor
(BrokenProcessPool failed every later report of the job).

Workers watch their parent: when the crawl process dies (kill -9 included), a worker notices
within half a second (its parent pid changes, or its stdin closes) and kills its process group.
No multiprocessing machinery is used, so no resource tracker process is left behind either.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any, BinaryIO

from govcrawl.process.limits import Limits, ResourceLimit

_HEADER = struct.Struct("!Q")
_START_TIMEOUT = 120.0  # seconds for a new worker to import the parser and say it is ready
_PARENT_POLL = 0.5  # seconds between a worker's checks that its parent is alive


def default_workers() -> int:
    return max(1, (os.cpu_count() or 2) - 1)


def parse_workers(settings) -> int:
    """GOVCRAWL_PARSE_WORKERS as a number: 'auto' (or unset) is cores − 1, at least 1; 0 parses in-process."""
    value = settings.get("GOVCRAWL_PARSE_WORKERS")
    return default_workers() if value in (None, "", "auto") else int(value)


class WorkerDied(Exception):
    """A worker exited (or was killed) before it answered."""


class _Worker:
    """One worker process and its pipes (length-prefixed pickles over stdin/stdout)."""

    def __init__(self, limits: Limits):
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from govcrawl.process.workers import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group: killed with whatever it started
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.fd = self.proc.stdout.fileno()
        try:
            self._send(limits)
            kind, _ = self._receive(time.monotonic() + _START_TIMEOUT)
        except (WorkerDied, TimeoutError, OSError) as exc:
            self.kill()
            raise RuntimeError(
                f"a parse worker did not start ({exc}); is GOVCRAWL_PARSE_MEMORY_LIMIT ({limits.memory:,}) too low?"
            ) from exc
        if kind != "ready":
            self.kill()
            raise RuntimeError(f"a parse worker did not start: it said {kind!r}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _send(self, obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.stdin.write(_HEADER.pack(len(data)))
        self.stdin.write(data)
        self.stdin.flush()

    def _read(self, n: int, deadline: float | None) -> bytes:
        chunks, left = [], n
        while left:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, min(left, 1 << 20))
            if not chunk:
                raise WorkerDied(f"exit status {self.proc.wait()}")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _receive(self, deadline: float | None) -> tuple[str, Any]:
        (size,) = _HEADER.unpack(self._read(_HEADER.size, deadline))
        return pickle.loads(self._read(size, deadline))

    def call(self, job: tuple[bytes, dict], deadline: float | None) -> tuple[str, Any]:
        self._send(job)
        return self._receive(deadline)

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()

    def stop(self, grace: float = 2.0) -> None:
        """Ask the worker to exit (EOF on its stdin), then kill it if it has not."""
        try:
            self.stdin.close()
            self.proc.wait(grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class DocumentParser:
    """`parse_document` in `workers` worker processes, each document under `limits`."""

    def __init__(self, workers: int, limits: Limits | None = None):
        self.workers = workers
        self.limits = limits or Limits()
        self.replaced = 0  # workers killed (time) or lost (memory) and replaced
        self._threads = ThreadPoolExecutor(workers, thread_name_prefix="govcrawl-parse") if workers > 0 else None
        # One slot per worker; None: not started yet, or lost (started again on its next document).
        self._slots: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(workers):
            self._slots.put(None)
        self._started: list[_Worker] = []
        self._lock = threading.Lock()

    async def parse(self, body: bytes, **kwargs) -> Any:
        if self._threads is None:
            from govcrawl.process.document import parse_document

            return parse_document(body, limits=self.limits, **kwargs)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self.parse_now, body, kwargs)

    def parse_now(self, body: bytes, kwargs: dict) -> Any:
        """Parse in a worker, blocking this thread (one thread per worker calls this)."""
        worker = self._slots.get()
        try:
            if worker is None or not worker.alive():
                worker = self._start()
            deadline = time.monotonic() + self.limits.timeout if self.limits.timeout else None
            try:
                kind, value = worker.call((body, kwargs), deadline)
            except TimeoutError:
                self._lose(worker)
                worker = None
                raise ResourceLimit(
                    f"parse took longer than GOVCRAWL_PARSE_TIMEOUT ({self.limits.timeout:g} s); worker killed and replaced"
                ) from None
            except (WorkerDied, OSError) as exc:
                self._lose(worker)
                worker = None
                raise ResourceLimit(
                    f"parse worker died ({exc}), most likely over GOVCRAWL_PARSE_MEMORY_LIMIT "
                    f"({self.limits.memory:,} bytes); worker replaced"
                ) from None
            if kind == "memory":
                self._lose(worker)
                worker = None
                raise ResourceLimit(
                    f"parse ran out of memory under GOVCRAWL_PARSE_MEMORY_LIMIT ({self.limits.memory:,} bytes): "
                    f"{value}; worker replaced"
                )
            if kind == "error":
                raise value
            return value
        finally:
            self._slots.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.limits)
        with self._lock:
            self._started.append(worker)
        return worker

    def _lose(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self.replaced += 1

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._started if w.alive()]

    def close(self) -> None:
        with self._lock:
            started, self._started = self._started, []
        for worker in started:
            worker.stop()
        if self._threads is not None:
            self._threads.shutdown(wait=True, cancel_futures=True)


# --- the worker side ------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_PARENT_POLL)
        if os.getppid() != parent:
            os.killpg(0, signal.SIGKILL)


def _read_frame(stream: BinaryIO) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def _write_frame(stream: BinaryIO, obj: Any) -> None:
    try:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an exception that does not pickle: send its text
        data = pickle.dumps(("error", RuntimeError(f"{type(obj[1]).__name__}: {obj[1]} ({exc})")))
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def serve() -> None:
    """A worker's main loop: the limits, then one (body, kwargs) job at a time until stdin closes."""
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle; it stops us
    from govcrawl.process import heap

    heap.limit_arenas(2)  # one thread parses; the other only watches the parent (process/heap.py)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library printing to stdout must not corrupt the pipe
    stdin = sys.stdin.buffer
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    limits: Limits = _read_frame(stdin)
    if limits is None:
        return
    if limits.memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    from govcrawl.process.document import parse_document

    _write_frame(out, ("ready", os.getpid()))
    while True:
        job = _read_frame(stdin)
        if job is None:
            return
        body, kwargs = job
        try:
            result: tuple[str, Any] = ("ok", parse_document(body, limits=limits, **kwargs))
        except MemoryError as exc:
            del job, body
            _write_frame(out, ("memory", f"MemoryError {exc}".strip()))
            return  # the heap may be in pieces: the parent starts a fresh worker
        except Exception as exc:
            result = ("error", exc)
        del job, body
        heap.trim()  # a large document's pages go back to the system, not kept for the next one
        peak = _peak_address_space()
        if limits.memory and peak > _NEAR_LIMIT * limits.memory and _failed(result):
            # Under RLIMIT_AS a refused allocation often surfaces as a parser error
            # ("XMLSyntaxError: unknown error"), not a MemoryError: a failure close to the limit is the limit.
            _write_frame(out, ("memory", f"{_describe(result)} at {peak:,} bytes of address space"))
            return
        _write_frame(out, result)


_NEAR_LIMIT = 0.75  # a failed parse that took the worker past this share of its memory limit hit it


def _peak_address_space() -> int:
    """VmPeak of this process in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _failed(result: tuple[str, Any]) -> bool:
    kind, value = result
    if kind != "ok":
        return True
    extracted = getattr(value, "extracted", None)
    return extracted is not None and extracted.status == "extract_failed"


def _describe(result: tuple[str, Any]) -> str:
    kind, value = result
    if kind == "ok":
        return value.extracted.detail
    return f"{type(value).__name__}: {value}"
