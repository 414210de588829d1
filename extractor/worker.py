"""The per-document function every batch mode runs: a file in, its named graph out.

Local worker processes and Dask workers call the same :func:`process_document`, so a
distributed run produces exactly what a local run does (remote workers get the file's
bytes, read by the same ``ingest.read_bytes``).  It never raises: every
failure becomes an :class:`Outcome` with a one-line message naming the file, so a bad
document cannot stop a batch.  The work is done where the CPU is — extraction *and*
serialisation to the final N-Quads of the document's named graph (``graph.document_nquads``),
encoded to UTF-8 bytes and counted here — so the writer only concatenates ready bytes
and hands them to the store: it is one process for all the workers, and every
millisecond it spends per document is taken from their cores.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import PolicyKGError


class DocumentTimeout(PolicyKGError):
    """A document took longer than the per-document time limit."""


@dataclass(slots=True)
class Outcome:
    """What happened to one document (one line of the run report)."""

    path: str
    doc_id: str
    status: str  # ok | skipped | error
    sha256: str = ""
    bytes: int = 0
    seconds: float = 0.0
    error: str = ""
    assignments: int = 0
    targets: int = 0
    triples: int = 0
    worker_rss_mb: float = 0.0
    cpu_seconds: float = 0.0  # the worker's CPU time on this document (the benchmark splits the work by it)
    parent_peak_rss_mb: float = 0.0  # the writer process's peak memory when this document was done
    parent_cpu_seconds: float = 0.0  # the writer process's CPU time from the start of the run until then
    at: float = 0.0  # seconds from the start of the run until the writer had it
    nq: bytes | None = None  # the document's named graph (N-Quads, UTF-8), travels back to the writer only

    def report(self) -> dict:
        """The run-report line (without the quads)."""
        out = dataclasses.asdict(self)
        out.pop("nq")
        out["seconds"] = round(self.seconds, 4)
        return out


def warm_up(ignore_sigint: bool = True, parent: int | None = None) -> None:
    """Pool initializer: load jieba's dictionary and the spaCy pipeline once per worker.

    Workers ignore SIGINT: Ctrl-C is the parent's to handle (it stops the batch and
    keeps what is written); a worker interrupted mid-document would only add noise.
    With ``parent`` (the pid of the process running the batch) the worker dies with it.
    """
    if parent is not None:
        die_with_parent(parent)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if ignore_sigint and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .nlp import build_nlp

    build_nlp()
    jieba.initialize()


#: prctl(2) option: the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this worker when ``parent`` dies (Linux; elsewhere a no-op).

    A ``kill -9`` of ``policykg extract`` gives the parent no chance to stop its pool, and
    a worker would otherwise wait for ever on a task queue nobody writes to.  If the
    parent died before the request was made, the worker exits at once.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:
        os._exit(1)


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise DocumentTimeout after ``seconds`` (SIGALRM; only in a process's main thread).

    Python's regex engine checks for signals, so even a pathological pattern is stopped.
    Threaded workers (Dask ``processes=False``) run without this soft limit.
    """
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"{path}: took longer than the {seconds:g} s per-document limit "
                              "(raise --time-limit, or split the file)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _read(path: str, doc_id: str, data: bytes | None):
    """Read the document from its path, or from the bytes shipped to a remote worker.

    The batch decides the document id (``batch.document_ids``: the file stem, or a longer
    id when two files in the batch share a stem), so it replaces the reader's plain stem.
    """
    from .ingest import read_bytes, read_document

    raw = read_document(path) if data is None else read_bytes(data, path, Path(path).suffix)
    return raw if raw.doc_id == doc_id else dataclasses.replace(raw, doc_id=doc_id)


def rss_mb() -> float:
    try:
        import psutil

        return round(psutil.Process().memory_info().rss / 2**20, 1)
    except Exception:  # psutil missing or the platform refuses: memory is reported as 0
        return 0.0


def process_document(path: str, doc_id: str, data: bytes | None = None, seconds: float | None = None) -> Outcome:
    """Extract one document and serialise its named graph as N-Quads (never raises)."""
    from .graph import document_nquads
    from .pipeline import extract_raw

    t0, c0 = time.perf_counter(), time.thread_time()
    out = Outcome(path=path, doc_id=doc_id, status="error")
    try:
        with time_limit(seconds, path):
            result = extract_raw(_read(path, doc_id, data))
            nq = "".join(document_nquads(result)).encode("utf-8")
        out.status, out.nq = "ok", nq
        out.assignments, out.targets, out.triples = len(result.assignments), len(result.targets), nq.count(b"\n")
    except PolicyKGError as exc:
        out.error = str(exc)
    except MemoryError:
        out.error = f"{path}: ran out of memory while extracting (raise the worker memory, or split the file)"
    except RecursionError:
        out.error = f"{path}: input nested too deeply to extract"
    except Exception as exc:  # a bug must not stop the batch: name the file and the error, no traceback
        out.error = f"{path}: internal error while extracting: {type(exc).__name__}: {exc}"
    out.seconds = time.perf_counter() - t0
    out.cpu_seconds = round(time.thread_time() - c0, 4)
    out.worker_rss_mb = rss_mb()
    out.error = out.error.replace("\n", " ")
    return out
