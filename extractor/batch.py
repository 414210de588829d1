"""Batch extraction: stream documents through workers into a store, resumably.

    plan (parent)      ─► executor (workers)            ─► writer (parent)
    list, name, hash,     process_document: extract +      load the finished graphs into the
    skip unchanged        serialise N-Quads (bytes)        store within seconds, journal them

* **Workers** are local processes (``concurrent.futures`` with a pool initializer that
  loads jieba and spaCy once per worker), a Dask distributed cluster
  (``scheduler="tcp://host:port"``, the same per-document function), or — with
  ``workers=0`` — the calling process itself.
* **Streaming**: at most two documents per worker are in flight, so memory stays flat
  however large the corpus; each document's graph is written within ``WRITE_DELAY`` of
  being done (Ctrl-C and kill -TERM store what is finished; kill -9 loses at most that
  group), and the run report is spooled to disk line by line.
* **One writer for all workers**: the parent only hands the workers' N-Quads bytes to
  the store.  On 2 cores every millisecond it spends per document is taken from the
  workers, and a transactional Oxigraph insert (SPARQL DROP + INSERT DATA) costs 70–110 ms
  of CPU for an average document here (2,700 quads), growing with the store — so new
  documents are ingested a group at a time with Oxigraph's bulk loader, about half that
  including RocksDB's compactions, see :class:`StoreWriter`.
* **Document ids** are file stems, made unique within the batch (:func:`document_ids`).
* **Limits**: a file over ``max_bytes`` is refused before it is read; a document over
  ``time_limit`` seconds is stopped in its worker, and a worker stuck past that (in C
  code) is killed and replaced by the parent's watchdog.  A worker that dies takes only
  its own document down: the others in flight are retried once.
* **Resume and crash safety**: the store's manifest (``extractor.manifest``) skips
  documents whose content hash, path and extractor fingerprint are unchanged; each store
  update is atomic (a transaction, or a bulk load of one group: one RocksDB ingestion);
  a kill loses at most the documents in flight and the group not yet stored.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue
import tempfile
import threading
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Sequence

from .errors import PolicyKGError
from .manifest import Entry, Manifest, extractor_fingerprint
from .worker import Outcome, process_document, rss_mb, warm_up

#: Defaults of the per-document limits (``policykg extract --time-limit/--max-mb``).
DEFAULT_TIME_LIMIT = 120.0
DEFAULT_MAX_BYTES = 32 * 2**20

#: The parent kills a worker that overruns the soft limit by this much (stuck in C code).
WATCHDOG_FACTOR, WATCHDOG_GRACE = 3.0, 10.0

#: How many times a document is tried when its worker process dies under it.
MAX_ATTEMPTS = 2

REPORT_NAME = "policykg-run.json"


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits, so one pathological file cannot stall a batch."""

    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds; None or 0 = no limit
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(slots=True)
class Job:
    """A document to extract (its bytes are shipped only to remote workers)."""

    path: str
    doc_id: str
    sha256: str
    size: int
    data: bytes | None = None


Item = Job | Outcome  # a job to run, or an outcome decided without running (skipped, refused)


def document_ids(files: Sequence[Path]) -> dict[Path, str]:
    """A document id per file: its stem, made unique within the batch, whatever the file order.

    Evaluation and the seeds' gold files key documents by stem, so a stem no other file in
    the batch shares is the id as it is.  When stems collide (``foo.pdf`` next to
    ``foo.docx``, or ``a/index.html`` and ``b/index.html`` from a crawl), the first file in
    sorted path order keeps the stem and each later one gets ``<stem>-<suffix>``
    (``foo-pdf``), then ``-2``, ``-3``… if that is taken too — also by another file's stem.
    """
    ordered = sorted(set(files), key=lambda p: str(p))
    taken = {p.stem for p in ordered}
    ids: dict[Path, str] = {}
    first: set[str] = set()
    for p in ordered:
        if p.stem not in first:
            first.add(p.stem)
            ids[p] = p.stem
            continue
        base = f"{p.stem}-{p.suffix.lstrip('.').lower() or 'file'}"
        candidate, k = base, 2
        while candidate in taken:
            candidate, k = f"{base}-{k}", k + 1
        taken.add(candidate)
        ids[p] = candidate
    return ids


def plan(files: Sequence[Path], limits: Limits, manifest: Manifest | None, version: str,
         keep_bytes: bool = False) -> Iterator[Item]:
    """Jobs for the files that need extracting; outcomes for those that do not (lazy)."""
    ids = document_ids(files)
    for p in files:
        path, doc_id = str(p), ids[p]
        try:
            size = p.stat().st_size
        except OSError as exc:
            yield Outcome(path, doc_id, "error", error=f"{path}: cannot read: {exc.strerror or exc}")
            continue
        if size > limits.max_bytes:
            yield Outcome(path, doc_id, "error", bytes=size,
                          error=f"{path}: file is {size / 2**20:.1f} MB, over the {limits.max_bytes / 2**20:g} MB "
                                "per-document limit (raise --max-mb, or split the file)")
            continue
        try:
            data = p.read_bytes()
        except OSError as exc:
            yield Outcome(path, doc_id, "error", bytes=size, error=f"{path}: cannot read: {exc.strerror or exc}")
            continue
        sha = hashlib.sha256(data).hexdigest()
        if manifest is not None and manifest.is_current(doc_id, path, sha, version):
            yield Outcome(path, doc_id, "skipped", sha256=sha, bytes=size, triples=manifest.entries[doc_id].triples)
            continue
        yield Job(path, doc_id, sha, size, data if keep_bytes else None)


def _finish(out: Outcome, job: Job) -> Outcome:
    out.sha256, out.bytes = job.sha256, job.size
    return out


# ── executors: items in, outcomes out ───────────────────────────────────────


def run_inline(items: Iterable[Item], limits: Limits) -> Iterator[Outcome]:
    """Every document in the calling process (``workers=0``): simplest, no isolation.

    The models are loaded before the first document, outside its time limit: a limit
    firing inside jieba's dictionary load would leave it half-built for the rest.
    """
    warm_up(ignore_sigint=False)
    for item in items:
        if isinstance(item, Outcome):
            yield item
        else:
            yield _finish(process_document(item.path, item.doc_id, None, limits.time_limit), item)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: kill its worker processes (documents in flight are abandoned)."""
    for proc in list(getattr(pool, "_processes", {}).values()):
        try:
            proc.kill()
        except Exception:  # already gone
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def run_local(items: Iterable[Item], workers: int, limits: Limits) -> Iterator[Outcome | None]:
    """Documents through ``workers`` local processes, at most two in flight per worker.

    Yields ``None`` after a second without a finished document, so the writer can store
    the graphs it holds while a slow document is still being extracted.
    """
    # fork: workers start without re-running the parent's __main__ (spawn re-imports it, and a
    # host such as Streamlit may have replaced it); the parent only holds the store, which
    # the workers never touch (RocksDB's fcntl lock is not inherited).
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up,
                                   initargs=(True, os.getpid()))

    source = iter(items)
    retry: deque[Job] = deque()
    attempts: Counter[str] = Counter()
    inflight: dict[Future, tuple[Job, float]] = {}
    stall = (WATCHDOG_FACTOR * limits.time_limit + WATCHDOG_GRACE) if limits.time_limit else None
    pool = new_pool()
    try:
        while True:
            while len(inflight) < 2 * workers:
                item = retry.popleft() if retry else next(source, None)
                if item is None:
                    break
                if isinstance(item, Outcome):
                    yield item
                    continue
                attempts[item.path] += 1
                fut = pool.submit(process_document, item.path, item.doc_id, None, limits.time_limit)
                inflight[fut] = (item, time.monotonic())
            if not inflight:
                return
            done, _ = wait(list(inflight), timeout=1.0, return_when=FIRST_COMPLETED)
            if not done:
                yield None
            broken = False
            for fut in done:
                job, _ = inflight.pop(fut)
                try:
                    yield _finish(fut.result(), job)
                except BrokenProcessPool:
                    broken = True
                    inflight[fut] = (job, 0.0)  # retried below with the others in flight
            now = time.monotonic()
            for fut, (job, started) in list(inflight.items()):
                if stall and started and now - started > stall:
                    broken = True
                    inflight.pop(fut)
                    attempts[job.path] = MAX_ATTEMPTS  # a stalled document is not tried again
                    yield _finish(Outcome(job.path, job.doc_id, "error", error=(
                        f"{job.path}: worker stalled past the {limits.time_limit:g} s per-document limit and was "
                        "killed (raise --time-limit, or split the file)")), job)
            if broken:
                _kill(pool)
                for fut, (job, _) in list(inflight.items()):
                    if attempts[job.path] >= MAX_ATTEMPTS:
                        yield _finish(Outcome(job.path, job.doc_id, "error", error=(
                            f"{job.path}: the worker process died while extracting it (out of memory or a crash in a "
                            "library); the other documents went on")), job)
                    else:
                        retry.append(job)
                inflight.clear()
                pool = new_pool()
    finally:
        _kill(pool)


def run_dask(items: Iterable[Item], scheduler: str, limits: Limits) -> Iterator[Outcome]:
    """Documents on a Dask distributed cluster: the same per-document function, bytes shipped."""
    from distributed import Client, as_completed

    from .dask_plugin import WarmUpPlugin

    client = Client(scheduler, timeout="20s")
    try:
        client.register_plugin(WarmUpPlugin())
        slots = max(2, 2 * sum(client.nthreads().values()))
        pending: dict[Future, Job] = {}
        queue = as_completed()
        source = iter(items)

        def submit_more() -> Iterator[Outcome]:
            while len(pending) < slots:
                item = next(source, None)
                if item is None:
                    return
                if isinstance(item, Outcome):
                    yield item
                    continue
                fut = client.submit(process_document, item.path, item.doc_id, item.data, limits.time_limit,
                                    pure=False, key=f"policykg-{item.doc_id}-{item.sha256[:12]}-{time.monotonic_ns()}")
                pending[fut] = item
                queue.add(fut)

        yield from submit_more()
        for fut in queue:
            job = pending.pop(fut)
            try:
                yield _finish(fut.result(), job)
            except Exception as exc:  # the worker died (KilledWorker) or the cluster went away
                yield _finish(Outcome(job.path, job.doc_id, "error", error=(
                    f"{job.path}: the Dask worker failed while extracting it: {type(exc).__name__}: {exc}"
                    .replace("\n", " "))), job)
            yield from submit_more()
    finally:
        client.close()


# ── writer ───────────────────────────────────────────────────────────────────

#: A finished document waits at most this long (seconds) before its graph is stored …
WRITE_DELAY = 3.0
#: … or until its group holds this many triples (≈ 8 average documents).  The bulk loader
#: holds a group's parsed and encoded quads in memory while it sorts them (≈ 1.3 KB a
#: quad), so this bounds the writer's peak memory whatever the corpus: ≈ 33 MB over the
#: parent's own, where 32-document groups (≈ 93k quads) took ≈ 85 MB and made the peak
#: depend on how many documents a run has.  Fewer, larger groups cost a little less CPU
#: per document (each load has ~15 ms of set-up and adds a file per index to RocksDB's
#: level 0), ≈ 10 % on the ×16 bench corpus between 100k- and 25k-triple groups.
GROUP_TRIPLES = 25_000
#: Oxigraph's bulk loader turns an input of fewer than 1,000,000 quads (its batch size)
#: into one set of SST files, ingested by a single RocksDB IngestExternalFiles call across
#: all column families — atomic, like a transaction: a kill leaves either the whole group
#: or none of it.  A graph larger than that goes through a transaction of its own.
BULK_ATOMIC_TRIPLES = 1_000_000


def put_ntriples(store, doc_id: str, nt: str) -> None:
    """Replace a document's named graph with ``nt`` (N-Triples) in one transaction.

    Every store (embedded Oxigraph, remote Graph Store Protocol) has ``put_ntriples``.
    """
    store.put_ntriples(doc_id, nt)


def as_ntriples(nq: bytes, doc_id: str) -> bytes:
    """A worker's N-Quads of document ``doc_id`` → N-Triples (for a remote store, ``-o`` and replacements).

    Every line ends in `` <graph> .\\n`` and no literal holds a raw newline (it is
    escaped), so dropping the graph name before each line's final `` .`` is exact.
    """
    from .graph import doc_value

    return nq.replace(f" <{doc_value(doc_id)}> .\n".encode("utf-8"), b" .\n")


#: The workers' N-Quads are loaded without Oxigraph re-validating every IRI (``lenient``):
#: ~20 % of the writer's CPU per document (32-document groups of the ×16 bench corpus: 44 →
#: 35 ms).  Safe because no IRI in them comes from text unchecked — ``extractor.graph``
#: builds node IRIs from a hash or ``READABLE_SLUG``, vocabulary IRIs are constants, and an
#: IRI taken from data goes through ``ntriples.checked_iri`` — and literals are escaped
#: exactly as pyoxigraph does (``tests/test_graph_ntriples.py``); the syntax is still parsed.
TRUSTED_NQUADS = True

#: The writer thread's niceness (Linux: per thread, inherited by the bulk loader's threads).
#: Storing is background work: on a machine with as many workers as cores it must not
#: preempt extraction, and with fewer workers it takes the idle core anyway.
WRITER_NICENESS = 10


def lower_thread_priority(niceness: int) -> None:
    """Raise the calling thread's niceness by ``niceness`` (best effort: Linux/POSIX only)."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + niceness)
    except (AttributeError, OSError):  # no per-thread priorities here (macOS, Windows): run as is
        pass


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``; a no-op elsewhere).

    Each bulk load allocates and frees a group's parsed and encoded quads (tens of MB) in
    the loader's threads; glibc keeps what they free in its arenas, so without a trim the
    writer's RSS climbed with every group (×16 corpus: 200 → 226 MB over six groups;
    with it, flat at 180 MB).
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim():
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_MALLOC_TRIM = _malloc_trim()


@dataclass
class Group:
    """Finished documents stored together.

    The N-Quads of those bulk-loaded wait in ``spool`` (an anonymous file beside the
    store), not in memory, so the writer holds only their outcomes however many documents
    are waiting.  A graph that replaces one already in the store goes ``one_by_one``
    through a transaction, with its quads kept in memory (re-extractions: rare).
    """

    spool: IO[bytes]
    bulk: list[tuple[Outcome, int, int]] = field(default_factory=list)  # (outcome, offset, length) in spool
    one_by_one: list[Outcome] = field(default_factory=list)
    triples: int = 0
    oldest: float = field(default_factory=time.monotonic)

    @property
    def outcomes(self) -> list[Outcome]:
        return [out for out, _, _ in self.bulk] + self.one_by_one

    def __len__(self) -> int:
        return len(self.bulk) + len(self.one_by_one)


class StoreWriter:
    """Puts finished documents' graphs into the store a group at a time, then journals them.

    A document whose graph is not in the store yet (every document of a first run) goes
    into one Oxigraph bulk load with the others of its group: the workers made its final
    N-Quads, so the writer only appends them to the group's spool file and the loader
    reads that file — no parsing, copying or joining in Python.  A document that replaces
    an existing graph goes through the store's own ``put_ntriples`` (one DROP + INSERT
    transaction), as does everything for a remote store.  A document is journalled
    (``manifest``) only after its graph is stored, so a kill loses at most the group not
    yet written, and a re-run extracts it again.

    The writes run in a thread (pyoxigraph releases the GIL): a bulk load waits on a dozen
    fsyncs, and meanwhile the main loop must keep handing documents to the workers.  At
    most two groups wait for the thread, so the workers are held back when the disk is slow.
    """

    def __init__(self, st, manifest: Manifest | None, version: str) -> None:
        import pyoxigraph as ox

        self.st, self.manifest, self.version = st, manifest, version
        inner = getattr(st, "store", None)
        self.ox = inner if isinstance(inner, ox.Store) else None
        self.group: Group | None = None
        self.error: BaseException | None = None
        self._todo: queue.Queue[Group | None] = queue.Queue(maxsize=2)
        self._done: queue.Queue[list[Outcome]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="policykg-writer", daemon=True)
        self._thread.start()

    def add(self, out: Outcome) -> None:
        """Queue a finished document's graph (``out.nq``) for the next group."""
        if self._bulk_loadable(out):
            if self.group is not None and self.group.bulk and self.group.triples + out.triples > GROUP_TRIPLES:
                self.submit()  # a graph larger than a group on its own makes a group of its own
            group = self._group()
            offset = group.spool.tell()
            group.spool.write(out.nq)
            group.bulk.append((out, offset, len(out.nq)))
            group.triples += out.triples
            out.nq = None
        else:
            self._group().one_by_one.append(out)

    def _bulk_loadable(self, out: Outcome) -> bool:
        import pyoxigraph as ox

        from .graph import doc_value

        return (self.ox is not None and out.triples < BULK_ATOMIC_TRIPLES
                and not self.ox.contains_named_graph(ox.NamedNode(doc_value(out.doc_id))))

    def _group(self) -> Group:
        if self.group is None:
            self.group = Group(tempfile.TemporaryFile(prefix="policykg-group-", dir=getattr(self.st, "path", None)))
        return self.group

    def due(self) -> bool:
        g = self.group
        return g is not None and (g.triples >= GROUP_TRIPLES or time.monotonic() - g.oldest >= WRITE_DELAY)

    def submit(self) -> None:
        """Hand the waiting documents to the writer thread (blocks while two groups are queued)."""
        if self.group is not None:
            group, self.group = self.group, None
            self._todo.put(group)

    def finished(self) -> list[Outcome]:
        """The outcomes of the documents stored since the last call (a graph the store refused is an error)."""
        out: list[Outcome] = []
        while True:
            try:
                out += self._done.get_nowait()
            except queue.Empty:
                break
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        return out

    def close(self) -> list[Outcome]:
        """Store what is waiting, stop the thread and return the last outcomes."""
        self.submit()
        self._todo.put(None)
        self._thread.join()
        return self.finished()

    def _run(self) -> None:
        lower_thread_priority(WRITER_NICENESS)
        failed = False
        while (group := self._todo.get()) is not None:
            try:
                if not failed:  # after a store error nothing more is written (or journalled)
                    self._write(group)
                    self._done.put(group.outcomes)
            except BaseException as exc:  # disk full, store gone: the main thread raises it
                self.error, failed = exc, True
            finally:
                group.spool.close()

    def _write(self, group: Group) -> None:
        for out in group.one_by_one:
            self._write_one(out, out.nq)
        if group.bulk:
            self._bulk(group)
        if group.one_by_one and self.ox is not None:
            self.ox.flush()  # transactions fill RocksDB's memtable; bulk loads bypass it
        release_free_memory()
        if self.manifest is not None:
            self.manifest.record_all([Entry(o.doc_id, o.path, o.sha256, self.version, o.triples)
                                      for o in group.outcomes if o.status == "ok"])
        for out in group.one_by_one:
            out.nq = None

    def _bulk(self, group: Group) -> None:
        import pyoxigraph as ox

        group.spool.flush()
        group.spool.seek(0)
        try:  # lenient: the IRIs were built by extractor.graph from a safe alphabet (see TRUSTED_NQUADS)
            self.ox.bulk_load(group.spool, format=ox.RdfFormat.N_QUADS, lenient=TRUSTED_NQUADS)
        except SyntaxError:  # one graph the parser refuses: store the others one by one, name the culprit
            for out, offset, length in group.bulk:
                group.spool.seek(offset)
                self._write_one(out, group.spool.read(length))

    def _write_one(self, out: Outcome, nq: bytes) -> None:
        try:
            put_ntriples(self.st, out.doc_id, as_ntriples(nq, out.doc_id).decode("utf-8"))
        except SyntaxError as exc:
            out.status, out.nq = "error", None
            out.error = f"{out.path}: the store refused its graph (an extractor bug; please report it): {exc}".replace(
                "\n", " ")


def graph_ntriples(store, doc_id: str) -> str:
    """A document's named graph from the store, as N-Triples."""
    import pyoxigraph as ox

    from .graph import doc_iri

    quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(doc_iri(doc_id))))
    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def sorted_nquads(path: str | Path) -> str:
    """A whole store as sorted N-Quads: the byte-for-byte form of the determinism promise."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    lines = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(lines))


#: ``extract -o FILE``: the format follows the file's suffix.  N-Quads and TriG keep one
#: named graph per document (as the store does); Turtle and N-Triples hold their union.
OUTPUT_FORMATS = {".ttl": "ttl", ".trig": "trig", ".nq": "nq", ".nt": "nt"}


def output_format(path: str | Path) -> str:
    """The ``-o`` format of ``path`` from its suffix, or a clear error naming the ones there are."""
    fmt = OUTPUT_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise PolicyKGError(f"{path}: -o writes {', '.join(OUTPUT_FORMATS)} files (chosen by the suffix); for "
                            "JSON-LD, CSV or GraphML build a store with --store and run `policykg export`")
    return fmt


class GraphSpool:
    """Documents' N-Quads kept on disk, not in memory, until the run ends and ``-o`` is written.

    The file is written in document-id order, so it does not depend on which worker
    finished first: the same inputs give the same bytes.  N-Quads are copied through as
    the workers wrote them; the other formats are parsed and serialised in Rust, a
    document at a time (:func:`extractor.export.streamed_turtle`).
    """

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="policykg-")
        self.where: dict[str, tuple[int, int]] = {}  # doc_id → (offset, length)

    def add(self, doc_id: str, nq: bytes) -> None:
        self.file.seek(0, os.SEEK_END)
        self.where[doc_id] = (self.file.tell(), len(nq))
        self.file.write(nq)

    def documents(self) -> Iterator[tuple[str, bytes]]:
        """Each document's id and N-Quads, in document-id order."""
        for doc_id in sorted(self.where):
            offset, length = self.where[doc_id]
            self.file.seek(offset)
            yield doc_id, self.file.read(length)

    def write(self, output: str | Path, fmt: str) -> None:
        """Write every document's graph to ``output`` as ``fmt`` (OUTPUT_FORMATS), atomically."""
        import pyoxigraph as ox

        from .export import new_lines, streamed_turtle
        from .store import atomic_open
        from .vocab import PREFIXES

        with atomic_open(output, "wb") as fh:
            if fmt == "nq":
                for _, nq in self.documents():
                    fh.write(nq)
            elif fmt == "trig":
                quads = (q for _, nq in self.documents() for q in ox.parse(nq, ox.RdfFormat.N_QUADS))
                ox.serialize(quads, fh, ox.RdfFormat.TRIG, prefixes=PREFIXES)
            else:
                union = new_lines(as_ntriples(nq, doc_id) for doc_id, nq in self.documents())
                if fmt == "ttl":
                    streamed_turtle(union, fh)
                else:
                    for chunk in union:
                        fh.write(chunk)

    def close(self) -> None:
        self.file.close()


def process_max_rss_mb() -> float | None:
    """This process's peak RSS since it started its program (Linux ``VmHWM``): in a
    ``policykg extract`` process, the writer's true peak, bulk loads included.

    Not ``ru_maxrss``: Linux carries that across ``exec``, so a process started by a large
    one (a benchmark, a test runner) reports its parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:  # not Linux
        pass
    return None


@dataclass
class RunReport:
    """The run report: per-file status, counts, time, errors (written as JSON).

    Per-file lines are spooled to a temporary file as documents finish, and totals are
    kept as running sums, so a run of any size keeps only counters in memory.
    """

    version: str
    workers: int
    scheduler: str | None
    limits: Limits
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    seconds: float = 0.0
    interrupted: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    peak_worker_rss_mb: float = 0.0
    parent_peak_rss_mb: float = 0.0  # sampled as each document is done (ru_maxrss would count a forking caller's)
    worker_cpu_seconds: float = 0.0
    writer_cpu_seconds: float = 0.0  # the parent's CPU time from the first document to the end
    _lines: IO[str] = field(default_factory=lambda: tempfile.TemporaryFile("w+", encoding="utf-8",
                                                                            prefix="policykg-report-"), repr=False)

    def add(self, out: Outcome) -> None:
        self.counts[out.status] += 1
        if out.status == "ok":
            self.triples += out.triples
        self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, out.worker_rss_mb)
        self.worker_cpu_seconds += out.cpu_seconds
        self._lines.seek(0, os.SEEK_END)  # a reader may have left the position anywhere
        self._lines.write(json.dumps(out.report(), ensure_ascii=False) + "\n")

    def file_lines(self) -> Iterator[str]:
        """The per-file report lines (JSON) in the order the documents finished."""
        self._lines.flush()
        self._lines.seek(0)
        for line in self._lines:
            yield line.rstrip("\n")

    @property
    def files(self) -> list[Outcome]:
        """The per-file outcomes, read back from the spool (for callers and tests after a run)."""
        return [Outcome(**json.loads(line)) for line in self.file_lines()]

    def summary(self) -> dict:
        counts = self.counts
        extracted = counts.get("ok", 0) + counts.get("error", 0)
        return {
            "version": self.version, "started": self.started, "seconds": round(self.seconds, 3),
            "workers": self.workers, "scheduler": self.scheduler,
            "limits": {"time_limit_s": self.limits.time_limit, "max_bytes": self.limits.max_bytes},
            "interrupted": self.interrupted,
            "counts": {"total": sum(counts.values()), "ok": counts.get("ok", 0), "skipped": counts.get("skipped", 0),
                       "error": counts.get("error", 0)},
            "docs_per_s": round(extracted / self.seconds, 3) if self.seconds else None,
            "triples": self.triples,
            "peak_worker_rss_mb": self.peak_worker_rss_mb,
            "parent_peak_rss_mb": self.parent_peak_rss_mb or round(rss_mb(), 1),
            "worker_cpu_s": round(self.worker_cpu_seconds, 3),
            "writer_cpu_s": round(self.writer_cpu_seconds, 3),
            "process_max_rss_mb": process_max_rss_mb(),
        }

    def as_dict(self) -> dict:
        return self.summary() | {"files": [json.loads(line) for line in self.file_lines()]}

    def write(self, path: str | Path) -> None:
        """Write the report atomically (temporary file + rename), streaming the per-file lines."""
        from .store import atomic_open

        with atomic_open(path, "w", encoding="utf-8") as fh:
            head = json.dumps(self.summary(), ensure_ascii=False, indent=1)
            fh.write(head[:-2] + ',\n "files": [')
            for i, line in enumerate(self.file_lines()):
                fh.write(("\n  " if i == 0 else ",\n  ") + line)
            fh.write("\n ]\n}")


def run_batch(paths: list[str | Path], store: str | Path | None = None, output: str | Path | None = None,
              workers: int = 1, scheduler: str | None = None, limits: Limits = Limits(), resume: bool = True,
              report_path: str | Path | None = None,
              on_outcome: Callable[[Outcome, int], None] | None = None) -> RunReport:
    """Extract ``paths`` (files and folders) into ``store`` and/or an RDF file ``output`` (OUTPUT_FORMATS).

    ``on_outcome(outcome, total)`` is called as each document is done (stored, skipped or
    failed: progress).  The report is written (atomically) to ``report_path``, by default
    ``policykg-run.json`` in the store directory.  Ctrl-C (KeyboardInterrupt) stops the
    run, stores the graphs already extracted and re-raises after the report is written.
    """
    from .ingest import iter_document_paths
    from .store import is_remote, open_store

    fmt = output_format(output) if output else None  # a bad suffix fails before any work
    version = extractor_fingerprint()
    files = list(dict.fromkeys(iter_document_paths([str(p) for p in paths])))  # a file listed twice runs once
    remote = bool(store) and is_remote(str(store))
    st = open_store(store) if store else None
    manifest = Manifest.open(store) if store and not remote else None  # resume needs a local store directory
    rep = RunReport(version=version, workers=workers, scheduler=scheduler, limits=limits)
    writer = StoreWriter(st, manifest, version) if st is not None else None
    spool = GraphSpool() if output else None
    # -o writes the graphs exactly as extracted; the store canonicalises some literals
    # (xsd:nonNegativeInteger → xsd:integer), so with -o nothing is skipped.
    skip = manifest if resume and not output else None
    items = plan(files, limits, skip, version, keep_bytes=bool(scheduler))
    if scheduler:
        outcomes = run_dask(items, scheduler, limits)
    elif workers <= 0:
        outcomes = run_inline(items, limits)
    else:
        outcomes = run_local(items, workers, limits)

    t0, c0 = time.perf_counter(), time.process_time()

    def report(done: Iterable[Outcome]) -> None:
        for out in done:
            out.nq = None
            out.parent_peak_rss_mb = rep.parent_peak_rss_mb = max(rep.parent_peak_rss_mb, rss_mb())
            out.parent_cpu_seconds = round(time.process_time() - c0, 4)
            rep.add(out)
            if on_outcome is not None:
                on_outcome(out, len(files))

    try:
        for out in outcomes:
            if out is not None:
                out.at = round(time.perf_counter() - t0, 4)
                if out.status == "ok" and out.nq is not None:
                    if spool is not None:
                        spool.add(out.doc_id, out.nq)
                    if writer is not None:
                        writer.add(out)
                        out = None
                if out is not None:
                    report([out])
            if writer is not None:
                if writer.due():
                    writer.submit()
                report(writer.finished())
    except KeyboardInterrupt:
        rep.interrupted = True
        raise
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stop the workers before writing the last files
        try:
            if writer is not None:
                report(writer.close())  # what the workers finished is stored, also on Ctrl-C
        finally:
            if st is not None:
                st.flush()
            if manifest is not None:
                manifest.close()
            if spool is not None:
                if not rep.interrupted and spool.where:
                    spool.write(output, fmt)
                spool.close()
            rep.seconds = time.perf_counter() - t0  # the run ends when its last graph is written
            rep.writer_cpu_seconds = time.process_time() - c0
            target = report_path or (Path(store) / REPORT_NAME if store and not remote else None)
            if target:
                rep.write(target)
    if st is not None and not rep.interrupted:
        peer_pass(rep, st, version, None if remote else Path(store))
    return rep


def peer_pass(rep: RunReport, st, version: str, store_dir: Path | None) -> list[str]:
    """Second pass after the run: documents still holding garbled digits are extracted again
    with the clear counts of same-region documents and their named graphs replaced
    (``extractor.peers.store_second_pass``; the hints' key is cached in the store directory)."""
    from .peers import PEERS_NAME, store_second_pass

    done = [(o.path, o.doc_id, o.sha256, o.status) for o in rep.files if o.status in ("ok", "skipped")]
    replaced = store_second_pass(done, st.put_ntriples, version, store_dir / PEERS_NAME if store_dir else None,
                                 lambda: stored_regions(st))
    if replaced:
        st.flush()
    return replaced


#: Each stored document's id and region (``DocumentMeta.region``), for :func:`peer_pass`.
REGIONS_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX pkg: <https://w3id.org/policykg/ns#>
SELECT DISTINCT ?id ?region WHERE { ?doc a pkg:SourceDocument ; dcterms:identifier ?id ; pkg:region ?region }"""


def stored_regions(st) -> dict[str, str]:
    return {row["id"].value: row["region"].value for row in st.query(REGIONS_QUERY)}
