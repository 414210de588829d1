"""Run the benchmark suite: ``python -m bench`` (``make bench``).

Each benchmark times policykg against a baseline on the same input in the same run and
reports the ratio, so the numbers mean the same on any machine.  The table goes to
stdout, to ``bench/results/latest.json`` and into ``bench/README.md`` (between the
``<!-- bench:table -->`` markers), with the machine it ran on.

Benchmarks from other modules (``bench/pdf.py``, ``bench/store.py``, ``bench/app.py``)
run when present; ``ADAPTERS`` turns each one's result dict into table rows.
"""

from __future__ import annotations

from bench.timing import best_of

import argparse
import importlib
import json
import logging
import os
import platform
import shutil
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
    base = best_of(lambda: [jieba.lcut(r.text) for r in raws])
    ours = best_of(lambda: [document_ntriples(extract_raw(r)) for r in raws])  # what a batch worker runs
    chars = sum(len(r.text) for r in raws)
    return Row("text pipeline vs jieba.lcut", ours, base, ours / base, "<= 2.0",
               f"{len(raws)} docs, {chars} chars; best of 5")


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
    base = best_of(lambda: [jieba.lcut(d.text) for d in docs])
    ours = best_of(lambda: [find_entities(d, s) for d, s in zip(docs, structures)])
    return Row("entity stage vs jieba.lcut", ours, base, ours / base, "report", f"{len(docs)} docs; best of 5")


# ── batch: scaling and workers ───────────────────────────────────────────────


def make_corpus(dest: Path, copies: int) -> int:
    """Seeds and dev documents ``copies`` times under changed names (new document ids)."""
    dest.mkdir(parents=True, exist_ok=True)
    n = 0
    for k in range(copies):
        for p in corpus_files():
            shutil.copy(p, dest / f"c{k:02d}-{p.name}")
            n += 1
    return n


def run_cli_batch(corpus: Path, store: Path, workers: int) -> dict[str, Any]:
    """``policykg extract`` in a fresh process (its own peak RSS); returns the run report."""
    report = store.parent / f"{store.name}.json"
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "--store", str(store),
           "--workers", str(workers), "--report", str(report), "--no-resume"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"batch failed: {proc.stderr[-500:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def steady(report: dict[str, Any], workers: int) -> tuple[float, int]:
    """Seconds and documents after every worker delivered its first document (start-up excluded)."""
    times = sorted(f["at"] for f in report["files"])
    return times[-1] - times[workers - 1], len(times) - workers


def scaling(tmp: Path, factors: tuple[int, ...] = (1, 4, 16)) -> list[Row]:
    """Corpus ×1, ×4, ×16 with one worker: time per document and peak memory must stay flat."""
    runs = {}
    for f in factors:
        n = make_corpus(tmp / f"x{f}", f)
        rep = run_cli_batch(tmp / f"x{f}", tmp / f"store-x{f}", workers=1)
        secs, docs = steady(rep, 1)
        runs[f] = {"n": n, "seconds": secs, "docs": docs, "per_doc": secs / docs, "total": rep["seconds"],
                   "worker_mb": rep["peak_worker_rss_mb"], "parent_mb": rep["parent_peak_rss_mb"]}
        print(f"  scale x{f}: {n} docs, {rep['seconds']:.1f} s wall, {secs / docs * 1000:.0f} ms/doc steady, "
              f"worker {rep['peak_worker_rss_mb']} MB, parent {rep['parent_peak_rss_mb']} MB", flush=True)
    base = runs[factors[0]]
    rows = []
    for f in factors[1:]:
        r = runs[f]
        rows.append(Row(f"scaling x{f} time (vs x1, docs x{f})", r["per_doc"] * f * base["docs"],
                        base["seconds"], r["per_doc"] * f / base["per_doc"], f"<= {f + f / 16:g}",
                        f"{r['n']} docs; per-document time x{r['per_doc'] / base['per_doc']:.2f}; wall {r['total']:.1f} s"))
        rows.append(Row(f"scaling x{f} peak worker RSS (vs x1)", r["worker_mb"], base["worker_mb"],
                        r["worker_mb"] / base["worker_mb"], "<= 1.2",
                        f"{r['worker_mb']} MB vs {base['worker_mb']} MB; parent {r['parent_mb']} vs {base['parent_mb']} MB"))
    return rows


def workers_2_vs_1(tmp: Path, copies: int = 4) -> Row:
    """Throughput with 2 worker processes vs 1 (start-up excluded), same corpus."""
    n = make_corpus(tmp / "w", copies)
    thr = {}
    for w in (1, 2):
        rep = run_cli_batch(tmp / "w", tmp / f"store-w{w}", workers=w)
        secs, docs = steady(rep, w)
        thr[w] = docs / secs
        print(f"  workers={w}: {docs / secs:.2f} docs/s steady, {rep['seconds']:.1f} s wall", flush=True)
    return Row("2 workers vs 1 (throughput)", 1 / thr[2], 1 / thr[1], thr[2] / thr[1], ">= 1.7",
               f"{n} docs; s/doc shown; machine has {os.cpu_count()} cores shared with other jobs")


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
                r["oxigraph_load_s"] / r["rdflib_load_s"], "report", note + "; goal Oxigraph <= 15 s"),
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
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite bench/README.md")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    info = machine()
    print(f"machine: {info}", flush=True)
    rows: list[Row] = []
    print("text pipeline vs jieba …", flush=True)
    rows.append(text_pipeline_vs_jieba())
    rows.append(entities_vs_jieba())
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        print("scaling …", flush=True)
        rows += scaling(Path(tmp), (1, 4) if args.quick else (1, 4, 16))
        print("workers …", flush=True)
        rows.append(workers_2_vs_1(Path(tmp), 1 if args.quick else 4))
    rows += plugin_rows(skip=tuple(args.skip))
    seconds = time.perf_counter() - t0
    print()
    print(table(rows))
    print(f"\n{seconds:.0f} s in all")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps({"machine": info, "seconds": seconds,
                                                     "rows": [asdict(r) | {"verdict": r.verdict} for r in rows]},
                                                    ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_readme:
        update_readme(rows, info, seconds, "quick: scaling x1/x4 only" if args.quick else "full")


if __name__ == "__main__":
    main()
