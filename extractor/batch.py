"""Batch extraction: stream documents through workers into a store, resumably.

    plan (parent)      ─► executor (workers)            ─► writer (parent)
    list, stat, hash,     process_document: extract +      put each named graph as soon
    skip unchanged        serialise N-Triples              as it arrives, journal it

* **Workers** are local processes (``concurrent.futures`` with a pool initializer that
  loads jieba and spaCy once per worker), a Dask distributed cluster
  (``scheduler="tcp://host:port"``, the same per-document function), or — with
  ``workers=0`` — the calling process itself.
* **Streaming**: at most two documents per worker are in flight, so memory stays flat
  however large the corpus; each document's graph is written when it is done.
* **Limits**: a file over ``max_bytes`` is refused before it is read; a document over
  ``time_limit`` seconds is stopped in its worker, and a worker stuck past that (in C
  code) is killed and replaced by the parent's watchdog.  A worker that dies takes only
  its own document down: the others in flight are retried once.
* **Resume and crash safety**: the store's manifest (``extractor.manifest``) skips
  documents whose content hash, path and extractor fingerprint are unchanged; each store
  update is one transaction; a kill loses at most the documents in flight.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import resource
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .manifest import Entry, Manifest, extractor_fingerprint
from .worker import Outcome, process_document, warm_up

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


def plan(files: Iterable[Path], limits: Limits, manifest: Manifest | None, version: str,
         keep_bytes: bool = False) -> Iterator[Item]:
    """Jobs for the files that need extracting; outcomes for those that do not (lazy)."""
    from .ingest import doc_id_for

    seen: dict[str, str] = {}
    for p in files:
        path, doc_id = str(p), doc_id_for(p)
        try:
            size = p.stat().st_size
        except OSError as exc:
            yield Outcome(path, doc_id, "error", error=f"{path}: cannot read: {exc.strerror or exc}")
            continue
        if doc_id in seen:
            yield Outcome(path, doc_id, "error", bytes=size,
                          error=f"{path}: document id '{doc_id}' is already used by {seen[doc_id]} (rename one file)")
            continue
        seen[doc_id] = path
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


def run_local(items: Iterable[Item], workers: int, limits: Limits) -> Iterator[Outcome]:
    """Documents through ``workers`` local processes, at most two in flight per worker."""
    # fork: workers start without re-running the parent's __main__ (spawn re-imports it, and a
    # host such as Streamlit may have replaced it); the parent only holds the store, which
    # the workers never touch (RocksDB's fcntl lock is not inherited).
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up)

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


def put_ntriples(store, doc_id: str, nt: str) -> None:
    """Replace a document's named graph with ``nt`` (N-Triples made by a worker) in one transaction.

    Every store (embedded Oxigraph, remote Graph Store Protocol) has ``put_ntriples``.
    """
    store.put_ntriples(doc_id, nt)


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


def turtle(nts: Iterable[str]) -> bytes:
    """Several documents' N-Triples merged into one Turtle file (rdflib sorts: deterministic)."""
    from rdflib import Graph

    from .graph import bind_prefixes

    g = Graph()
    bind_prefixes(g)
    for nt in nts:
        g.parse(data=nt, format="nt")
    return g.serialize(format="turtle", encoding="utf-8")


@dataclass
class RunReport:
    """The run report: per-file status, counts, time, errors (written as JSON)."""

    version: str
    workers: int
    scheduler: str | None
    limits: Limits
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    seconds: float = 0.0
    interrupted: bool = False
    files: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.files)

    def as_dict(self) -> dict:
        counts = self.counts
        extracted = counts.get("ok", 0) + counts.get("error", 0)
        return {
            "version": self.version, "started": self.started, "seconds": round(self.seconds, 3),
            "workers": self.workers, "scheduler": self.scheduler,
            "limits": {"time_limit_s": self.limits.time_limit, "max_bytes": self.limits.max_bytes},
            "interrupted": self.interrupted,
            "counts": {"total": len(self.files), "ok": counts.get("ok", 0), "skipped": counts.get("skipped", 0),
                       "error": counts.get("error", 0)},
            "docs_per_s": round(extracted / self.seconds, 3) if self.seconds else None,
            "triples": sum(o.triples for o in self.files if o.status == "ok"),
            "peak_worker_rss_mb": max((o.worker_rss_mb for o in self.files), default=0.0),
            "parent_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "files": [o.report() for o in self.files],
        }


def run_batch(paths: list[str | Path], store: str | Path | None = None, output: str | Path | None = None,
              workers: int = 1, scheduler: str | None = None, limits: Limits = Limits(), resume: bool = True,
              report_path: str | Path | None = None,
              on_outcome: Callable[[Outcome, int], None] | None = None) -> RunReport:
    """Extract ``paths`` (files and folders) into ``store`` and/or a Turtle file ``output``.

    ``on_outcome(outcome, total)`` is called as each document finishes (progress).  The
    report is written (atomically) to ``report_path``, by default ``policykg-run.json``
    in the store directory.  Ctrl-C (KeyboardInterrupt) stops the run, keeps everything
    written so far and re-raises after the report is written.
    """
    from .ingest import iter_document_paths
    from .store import atomic_write_bytes, is_remote, open_store

    version = extractor_fingerprint()
    files = iter_document_paths([str(p) for p in paths])
    remote = bool(store) and is_remote(str(store))
    st = open_store(store) if store else None
    manifest = Manifest.open(store) if store and not remote else None  # resume needs a local store directory
    rep = RunReport(version=version, workers=workers, scheduler=scheduler, limits=limits)
    kept: dict[str, str] = {}  # doc_id → N-Triples, only for -o
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
    t0 = time.perf_counter()
    try:
        for out in outcomes:
            out.at = round(time.perf_counter() - t0, 4)
            if out.status == "ok" and out.nt is not None:
                if st is not None:
                    put_ntriples(st, out.doc_id, out.nt)
                    if manifest is not None:
                        manifest.record(Entry(out.doc_id, out.path, out.sha256, version, out.triples))
                if output:
                    kept[out.doc_id] = out.nt
                out.nt = None
            rep.files.append(out)
            if on_outcome is not None:
                on_outcome(out, len(files))
    except KeyboardInterrupt:
        rep.interrupted = True
        raise
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # stop the workers before writing the last files
        rep.seconds = time.perf_counter() - t0
        if st is not None:
            st.flush()
        if manifest is not None:
            manifest.close()
        if output and not rep.interrupted and kept:
            atomic_write_bytes(output, turtle(kept[d] for d in sorted(kept)))
        target = report_path or (Path(store) / REPORT_NAME if store and not remote else None)
        if target:
            atomic_write_bytes(target, json.dumps(rep.as_dict(), ensure_ascii=False, indent=1).encode("utf-8"))
    return rep
