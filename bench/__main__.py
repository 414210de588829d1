"""Run the benchmark suite: ``python -m bench`` (``make bench``).

Each benchmark times policykg against a baseline on the same input in the same run and
reports the ratio, so the numbers mean the same on any machine.  The table goes to
stdout, to ``bench/results/latest.json`` and into ``bench/README.md`` (between the
``<!-- bench:table -->`` markers), with the machine it ran on.

Benchmarks from other modules (``bench/pdf.py``, ``bench/store.py``, ``bench/app.py``)
run when present; ``ADAPTERS`` turns each one's result dict into table rows.
"""

from __future__ import annotations

from bench.timing import best_of_alternating

import argparse
import importlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora"
#: The development corpus lives next to the repository (also seen from a git worktree).
DEV_CORPUS = next((b / "shared" / "corpus" for b in (ROOT.parent, ROOT.parent.parent)
                   if (b / "shared" / "corpus").is_dir()), ROOT.parent / "shared" / "corpus")
README = Path(__file__).resolve().parent / "README.md"
RESULTS = Path(__file__).resolve().parent / "results"
MARK_BEGIN, MARK_END = "<!-- bench:table -->", "<!-- /bench:table -->"

#: Optional benchmark modules other parts of the project contribute.
PLUGINS = ("pdf", "store", "app")
#: What ``--only`` can pick: this module's benchmarks and the optional modules.
SECTIONS = ("text", "scaling", "workers", *PLUGINS)


@dataclass
class Row:
    """One benchmark: our time, the baseline's time in the same run, their ratio and the goal."""

    name: str
    ours_s: float
    baseline_s: float
    ratio: float
    goal: str  # e.g. "<= 2.0" or "report"
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.goal == "error":
            return "ERROR"
        if not self.goal.startswith(("<=", ">=")):
            return "-"
        limit = float(self.goal[2:])
        ok = self.ratio <= limit if self.goal.startswith("<=") else self.ratio >= limit
        return "met" if ok else "MISSED"


def corpus_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if DEV_CORPUS.is_dir():
        files += sorted(p for p in DEV_CORPUS.iterdir() if p.suffix in {".txt", ".md"} and p.name[:1] == "d")
    return files


# ── text pipeline vs jieba ───────────────────────────────────────────────────


def text_pipeline_vs_jieba() -> Row:
    """Normalise → structure → NLP → relations → targets → RDF graph vs ``jieba.lcut`` on the same texts."""
    import jieba

    from extractor.graph import document_ntriples
    from extractor.ingest import read_document
    from extractor.pipeline import extract_raw

    jieba.setLogLevel(logging.WARNING)
    raws = [read_document(p) for p in corpus_files()]
    jieba.lcut("预热")
    extract_raw(raws[0])  # load spaCy/jieba once, outside the timing
    base, ours = best_of_alternating([lambda: [jieba.lcut(r.text) for r in raws],
                                      lambda: [document_ntriples(extract_raw(r)) for r in raws]])  # a worker's work
    chars = sum(len(r.text) for r in raws)
    return Row("text pipeline vs jieba.lcut", ours, base, ours / base, "<= 2.0",
               f"{len(raws)} docs, {chars} chars; best of 5, taking turns")


def entities_vs_jieba() -> Row:
    """The entity stage alone (``nlp.find_entities``) vs ``jieba.lcut`` on the same texts."""
    import jieba

    from extractor.ingest import read_document
    from extractor.nlp import find_entities
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    jieba.setLogLevel(logging.WARNING)
    docs = [normalize(read_document(p)) for p in corpus_files()]
    structures = [parse_structure(d) for d in docs]
    jieba.lcut("预热")
    find_entities(docs[0], structures[0])
    base, ours = best_of_alternating([lambda: [jieba.lcut(d.text) for d in docs],
                                      lambda: [find_entities(d, s) for d, s in zip(docs, structures)]])
    return Row("entity stage vs jieba.lcut", ours, base, ours / base, "report", f"{len(docs)} docs; best of 5, taking turns")


# ── batch: scaling and workers ───────────────────────────────────────────────


def make_corpus(dest: Path, copies: int) -> int:
    """Seeds and dev documents ``copies`` times under changed names (new document ids).

    The copies are symbolic links: the batch reads through them, and the document ids
    come from the link names, so nothing is copied.
    """
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for k in range(copies):
        for p in corpus_files():
            link = dest / f"c{k:02d}-{p.name}"
            if not link.exists():
                link.symlink_to(p.resolve())
            n += 1
    return n


def run_cli_batch(corpus: Path, target: Path, workers: int, to_file: bool = False) -> dict[str, Any]:
    """``policykg extract`` in a fresh process (its own peak RSS) into the store ``target``, or
    with ``to_file`` into the N-Quads file ``target`` (``-o``, no store); returns the run report."""
    report = target.parent / f"{target.name}.json"
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o" if to_file else "--store", str(target),
           "--workers", str(workers), "--report", str(report), "--no-resume"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"batch failed: {proc.stderr[-500:]}")
    return json.loads(report.read_text(encoding="utf-8"))


@dataclass
class Window:
    """Steady-state throughput of a batch run over its first ``upto`` documents (start-up excluded)."""

    docs: int  # documents timed: those after every worker delivered its first one
    seconds: float
    worker_mb: float  # peak worker RSS over those documents
    parent_mb: float  # the writer's peak RSS when the last of them was done
    cpu_s: float = 0.0  # CPU time of the workers and the writer over the window (load-independent)

    @property
    def per_doc(self) -> float:
        return self.seconds / self.docs

    @property
    def cpu_per_doc(self) -> float:
        return self.cpu_s / self.docs


def steady(report: dict[str, Any], workers: int) -> Window:
    """The window from the ``workers``-th finished document to the end of the run (the last
    graph written): steady-state throughput, start-up excluded."""
    files = sorted(report["files"], key=lambda f: f["at"])
    start = files[workers - 1]["at"]
    parent_cpu = lambda f: f.get("parent_cpu_seconds", 0.0)  # noqa: E731
    cpu = (sum(f.get("cpu_seconds", 0.0) for f in files[workers:]) + report.get("writer_cpu_s", 0.0)
           - parent_cpu(files[workers - 1]))
    return Window(len(files) - workers, report["seconds"] - start, max(f["worker_rss_mb"] for f in files),
                  max(f.get("parent_peak_rss_mb", 0.0) for f in files), cpu)


def scaling(tmp: Path, factors: tuple[int, ...] = (1, 4, 16)) -> tuple[list[Row], dict[str, Any]]:
    """Corpus ×1, ×4, ×16 with one worker: time per document and peak memory must stay flat.

    Each corpus is its own fresh ``policykg extract --workers 1`` run into an empty store,
    timed alike: from the first finished document (start-up excluded: loading jieba and
    spaCy is paid once per worker) to the end of the run, the last graph stored.  Peak
    memory is the worker's largest RSS and the writer's true peak (the extract process's
    ``VmHWM``, bulk loads included), each run against the ×1 run.
    """
    reports: dict[int, dict[str, Any]] = {}
    for f in factors:
        make_corpus(tmp / f"x{f}", f)
        reports[f] = run_cli_batch(tmp / f"x{f}", tmp / f"store-x{f}", workers=1)
        shutil.rmtree(tmp / f"store-x{f}", ignore_errors=True)
    windows = {f: steady(rep, 1) for f, rep in reports.items()}
    writer_mb = {f: rep.get("process_max_rss_mb") or rep["parent_peak_rss_mb"] for f, rep in reports.items()}
    for f, w in windows.items():
        print(f"  scale x{f}: {w.docs + 1} docs, {w.per_doc * 1000:.0f} ms/doc steady, {w.cpu_per_doc * 1000:.0f} ms "
              f"CPU/doc, worker {w.worker_mb} MB, writer peak {writer_mb[f]} MB", flush=True)
    base, top = windows[factors[0]], factors[-1]
    rows = []
    for f in factors[1:]:
        w = windows[f]
        rows.append(Row(f"scaling x{f} time (vs x1, docs x{f})", w.per_doc * f * base.docs, base.seconds,
                        w.per_doc * f / base.per_doc, f"<= {f + f / 16:g}",
                        f"{w.docs + 1} docs; per-document time x{w.per_doc / base.per_doc:.2f}"
                        + (f"; run wall {reports[f]['seconds']:.1f} s" if f == top else "")))
        rows.append(Row(f"scaling x{f} CPU per document (vs x1)", w.cpu_per_doc, base.cpu_per_doc,
                        w.cpu_per_doc / base.cpu_per_doc, "report",
                        f"worker + writer CPU {w.cpu_per_doc * 1000:.0f} vs {base.cpu_per_doc * 1000:.0f} ms/doc "
                        "(not slowed by other jobs' load)"))
        rows.append(Row(f"scaling x{f} peak worker RSS (vs x1)", w.worker_mb, base.worker_mb,
                        w.worker_mb / base.worker_mb, "<= 1.2", f"{w.worker_mb} MB vs {base.worker_mb} MB"))
        rows.append(Row(f"scaling x{f} peak writer RSS (vs x1)", writer_mb[f], writer_mb[factors[0]],
                        writer_mb[f] / writer_mb[factors[0]], "<= 1.2",
                        f"{writer_mb[f]} MB vs {writer_mb[factors[0]]} MB (VmHWM of the extract process)"))
    return rows, reports[top]


def workers_2_vs_1(tmp: Path, copies: int = 8, pairs: int = 3, store: bool = False) -> Row:
    """Throughput with 2 worker processes vs 1 (start-up excluded) on the same documents.

    Both arms do the same work, measured the same way: a fresh ``policykg extract`` run
    on the ×``copies`` corpus, timed from the moment every worker has delivered its first
    document to the end of the run (the last graph written).  The arms alternate (1, 2,
    1, 2 …) so that a burst of load from other jobs on the shared cores hits both; the
    figure is the median of the ``pairs`` pairwise ratios and the note gives their spread.

    By default the graphs go to an N-Quads file (``-o corpus.nq``): the worker pool and the
    parent streaming their graphs to disk, the goal's subject.  With ``store=True`` they go
    into a fresh embedded store, whose single writer takes its CPU time P per document
    from the same 2 cores: the note gives each worker's W and the writer's P, and the
    bound they set, 2W / (W + P).
    """
    n = make_corpus(tmp / f"x{copies}", copies)
    ratios: list[float] = []
    ones: list[Window] = []
    twos: list[Window] = []
    cpu_w: list[float] = []
    cpu_p: list[float] = []
    for k in range(pairs):
        arms = {}
        for workers in (1, 2):
            target = tmp / (f"store-w{workers}-x{copies}-{k}" if store else f"graphs-w{workers}-x{copies}-{k}.nq")
            rep = run_cli_batch(tmp / f"x{copies}", target, workers=workers, to_file=not store)
            if store:
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
            arms[workers] = steady(rep, workers)
            if workers == 2:
                cpu_w.append(rep["worker_cpu_s"] / n * 1000)
                cpu_p.append(rep["writer_cpu_s"] / n * 1000)
        ones.append(arms[1])
        twos.append(arms[2])
        ratios.append(arms[1].per_doc / arms[2].per_doc)
        print(f"  pair {k + 1}: workers=1 {1 / arms[1].per_doc:.2f} docs/s, workers=2 {1 / arms[2].per_doc:.2f} docs/s, "
              f"ratio {ratios[-1]:.2f}; CPU per document: worker {cpu_w[-1]:.0f} ms, writer {cpu_p[-1]:.0f} ms",
              flush=True)
    w, p = statistics.median(cpu_w), statistics.median(cpu_p)
    name, goal = (("2 workers vs 1, into the embedded store", "report") if store
                  else ("2 workers vs 1 (throughput, -o corpus.nq)", ">= 1.7"))
    return Row(name, statistics.median(t.per_doc for t in twos),
               statistics.median(o.per_doc for o in ones), statistics.median(ratios), goal,
               f"{n} docs; median of {pairs} alternating pairs, ratios {min(ratios):.2f}–{max(ratios):.2f}; s/doc shown; "
               f"CPU/doc: worker {w:.0f} ms, writer {p:.0f} ms (2 cores: bound {2 * w / (w + p):.2f}x)")


# ── plugins, machine, report ─────────────────────────────────────────────────


def pdf_rows(module) -> list[Row]:
    r = module.pdf_vs_baselines()
    note = f"{r['pages']} pages, {r['chars']} chars"
    return [Row("PDF end-to-end vs pdfplumber extract_text", r["ours_s"], r["pdfplumber_s"], r["vs_pdfplumber"],
                "<= 1.0", note),
            Row("PDF end-to-end vs pypdfium2 text", r["ours_s"], r["pypdfium2_s"], r["vs_pypdfium2"], "report", note)]


def store_rows(module) -> list[Row]:
    r = module.store_vs_rdflib()
    note = f"{r['triples']:,} triples, {r['rows']} rows"
    return [Row("store load: Oxigraph on disk vs rdflib in memory", r["oxigraph_load_s"], r["rdflib_load_s"],
                r["oxigraph_load_s"] / r["rdflib_load_s"], "report",
                note + f"; goal Oxigraph <= 15 s; loaded as the batch writer loads (trusted IRIs), "
                f"{r['oxigraph_strict_load_s']:.1f} s re-validating them"),
            Row("who-owns-what query: Oxigraph vs rdflib", r["oxigraph_query_ms"] / 1000, r["rdflib_query_ms"] / 1000,
                r["oxigraph_query_ms"] / r["rdflib_query_ms"], "<= 0.1", note + "; goal 10x faster and <= 5 ms"),
            Row("Turtle export: Oxigraph on disk vs in memory", r["oxigraph_turtle_s"], r["memory_turtle_s"],
                r["oxigraph_turtle_s"] / r["memory_turtle_s"], "report", f"{r['turtle_mb']:.0f} MB; goal <= 10 s")]


def app_rows(module) -> list[Row]:
    r = module.measure()
    return [Row(f"app first render ({r['documents']} docs) vs bare Streamlit table", r["first_render_s"],
                r["baseline_s"], r["ratio"], "report", f"{r['triples']} triples; goal <= {r['goal_s']:g} s")]


#: How to turn each optional benchmark module's result into rows.
ADAPTERS = {"pdf": pdf_rows, "store": store_rows, "app": app_rows}


def plugin_rows(skip: tuple[str, ...] = ()) -> list[Row]:
    """Rows of the optional benchmark modules that are present (one failing does not stop the rest)."""
    rows: list[Row] = []
    for name in PLUGINS:
        if name in skip:
            continue
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                continue
            raise
        print(f"bench.{name} …", flush=True)
        try:
            rows += ADAPTERS[name](module)
        except Exception as exc:  # report, keep the other numbers
            print(f"  bench.{name} failed: {type(exc).__name__}: {exc}", flush=True)
            rows.append(Row(f"bench.{name}", 0.0, 0.0, 0.0, "error", f"{type(exc).__name__}: {exc}"[:120]))
    return rows


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                   if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "load_average_at_start": os.getloadavg()}


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | ours (s) | baseline (s) | ratio | goal | verdict | note |",
             "|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.name} | {r.ours_s:.3f} | {r.baseline_s:.3f} | {r.ratio:.2f}× | {r.goal} | {r.verdict} | {r.note} |")
    return "\n".join(lines)


def update_readme(rows: list[Row], info: dict[str, Any], seconds: float, mode: str = "full") -> None:
    block = (f"{MARK_BEGIN}\nLatest run ({mode}): {datetime.now(timezone.utc).isoformat(timespec='minutes')}, "
             f"{seconds:.0f} s in all. Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM, "
             f"Python {info['python']}, {info['os']}; load average at start "
             f"{' / '.join(f'{x:.1f}' for x in info['load_average_at_start'])} (the cores are shared).\n\n"
             f"{table(rows)}\n{MARK_END}")
    text = README.read_text(encoding="utf-8") if README.exists() else f"# Benchmarks\n\n{MARK_BEGIN}\n{MARK_END}\n"
    if MARK_BEGIN in text and MARK_END in text:
        head, rest = text.split(MARK_BEGIN, 1)
        text = head + block + rest.split(MARK_END, 1)[1]
    else:
        text += "\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="scaling x1/x4 only, fewer documents (a smoke run)")
    parser.add_argument("--skip", action="append", default=[], choices=PLUGINS,
                        help="leave out an optional benchmark module (repeatable)")
    parser.add_argument("--only", action="append", default=[], choices=SECTIONS,
                        help="run just this benchmark (repeatable); the README table is then left alone")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite bench/README.md")
    args = parser.parse_args(argv)
    run = set(args.only or SECTIONS)
    t0 = time.perf_counter()
    info = machine()
    print(f"machine: {info}", flush=True)
    rows: list[Row] = []
    if "text" in run:
        print("text pipeline vs jieba …", flush=True)
        rows.append(text_pipeline_vs_jieba())
        rows.append(entities_vs_jieba())
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        if "scaling" in run:
            print("scaling …", flush=True)
            rows += scaling(Path(tmp), (1, 4) if args.quick else (1, 4, 16))[0]
        if "workers" in run:
            print("workers …", flush=True)
            rows.append(workers_2_vs_1(Path(tmp), 2, 1) if args.quick else workers_2_vs_1(Path(tmp)))
            rows.append(workers_2_vs_1(Path(tmp), 2, 1, store=True) if args.quick
                        else workers_2_vs_1(Path(tmp), store=True))
    rows += plugin_rows(skip=tuple(args.skip) + tuple(name for name in PLUGINS if name not in run))
    seconds = time.perf_counter() - t0
    print()
    print(table(rows))
    print(f"\n{seconds:.0f} s in all")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"machine": info, "seconds": seconds,
                                                     "rows": [asdict(r) | {"verdict": r.verdict} for r in rows]},
                                                    ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_readme and not args.only:
        update_readme(rows, info, seconds, "quick: scaling x1/x4 only" if args.quick else "full")


if __name__ == "__main__":
    main()
