"""The ``policykg`` command line (typer).

Machine-readable output (jsonl/csv/json) is a contract: field names as in BRIEF.md.
Per-file errors are printed as one line naming the file; a batch goes on past them and
exits non-zero only when nothing could be read.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import typer

from .errors import PolicyKGError
from .ingest import iter_document_paths
from .models import DocumentResult

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="policykg: who is responsible for what in Chinese policy documents.")

FORMATS = ("jsonl", "csv", "table")


def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)


def _err(message: str) -> None:
    typer.echo(f"policykg: {message}", err=True)


def iter_results(paths: list[str]) -> Iterator[DocumentResult]:
    """Extract each document, reporting bad ones on stderr and going on.

    Raises typer.Exit(1) at the end when any file failed (after the good ones were
    written), or when there was nothing to read.
    """
    from .pipeline import extract_file

    _quiet_jieba()
    files = iter_document_paths(paths)
    if not files:
        _err(f"no documents found in {', '.join(paths)} (looked for .txt/.md/.pdf/.docx/.html files)")
        raise typer.Exit(2)
    failed = 0
    for path in files:
        try:
            yield extract_file(path)
        except PolicyKGError as exc:
            failed += 1
            _err(str(exc))
        except Exception as exc:  # a bug must not stop the batch; say which file
            failed += 1
            _err(f"{path}: internal error while extracting: {type(exc).__name__}: {exc}")
    if failed:
        raise typer.Exit(1)


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, fields: tuple[str, ...]) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(*fields)
        for row in rows:
            table.add_row(*("" if row.get(f) is None else str(row.get(f)) for f in fields))
        Console().print(table)
    else:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _rows(paths: list[str], make: Callable[[DocumentResult], Iterable[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for result in iter_results(paths):
        yield from make(result)


@app.command()
def text(file: str,
         map_: bool = typer.Option(False, "--map", help="print, per normalised line, its source line/column/page"),
         report: bool = typer.Option(False, "--report", help="print encoding, repairs and garbled flags as JSON"),
         context: list[str] = typer.Option([], "--context", help="documents or folders of the same region whose "
                                           "clear counts may decode garbled digits")) -> None:
    """Print the normalised text that all offsets refer to."""
    from .ingest import read_document
    from .normalize import normalize

    try:
        raw = read_document(file)
        doc = normalize(raw)
        if context:
            from .peers import hints_from_files

            hints = hints_from_files(doc, context)
            doc = normalize(raw, hints) if hints else doc
    except PolicyKGError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    if map_ or report:
        from .normalize import document_report, line_map

        rows = line_map(doc) if map_ else [document_report(doc)]
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    sys.stdout.write(doc.text)


@app.command()
def meta(files: list[str], format: str = typer.Option("json", help="json or jsonl")) -> None:
    """Per-document metadata: title, doc_type, doc_number, issuers, dates, cited documents, region."""
    from .rows import meta_row

    results, code = _collect(files)
    rows = [meta_row(r) for r in results]
    if format == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    if code:
        raise typer.Exit(code)


def _collect(files: list[str]) -> tuple[list[DocumentResult], int]:
    """All results that could be extracted, and the exit code the bad files call for.

    Commands that see the whole corpus at once (eval, meta, targets --compare) also decode
    garbled digits with the clear counts of same-region documents (see :mod:`.peers`).
    """
    from .peers import extract_with_peers

    results: list[DocumentResult] = []
    try:
        for r in iter_results(files):
            results.append(r)
    except typer.Exit as exc:
        if not results:
            raise
        return extract_with_peers(results), exc.exit_code
    return extract_with_peers(results), 0


@app.command()
def tasks(
    files: list[str],
    format: str = typer.Option("jsonl", help="jsonl, csv or table"),
    table: bool = typer.Option(False, "--table", help="one row per task (任务分解表): units grouped by role; csv has a BOM for Excel"),
    unowned: bool = typer.Option(False, "--unowned", help="only task items no unit is assigned to"),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="drop assignments below this confidence"),
) -> None:
    """One row per (unit, task): doc, section, task, unit, unit_text, role, deadline, evidence, start, end, rule, confidence."""
    from .rows import TABLE_FIELDS, TABLE_HEADERS, TASK_FIELDS, task_row, task_table_rows, unowned_rows

    def kept(r: DocumentResult) -> DocumentResult:
        r.assignments = [a for a in r.assignments if a.confidence >= min_confidence]
        return r

    if unowned:
        write_rows(_rows(files, lambda r: unowned_rows(kept(r))), format, TASK_FIELDS)
    elif table:
        rows = _rows(files, lambda r: task_table_rows(kept(r)))
        if format == "csv":
            sys.stdout.write("\ufeff")  # UTF-8 BOM: Excel opens the CSV as UTF-8
            writer = csv.writer(sys.stdout)
            writer.writerow([TABLE_HEADERS[f] for f in TABLE_FIELDS])
            for row in rows:
                writer.writerow(["" if row.get(f) is None else row.get(f) for f in TABLE_FIELDS])
        else:
            write_rows(rows, format, TABLE_FIELDS)
    else:
        write_rows(_rows(files, lambda r: (task_row(a) for a in kept(r).assignments)), format, TASK_FIELDS)


@app.command()
def targets(
    files: list[str],
    format: str = typer.Option("jsonl", help="jsonl, csv or table"),
    compare: bool = typer.Option(False, "--compare", help="line up the same indicator across documents/regions"),
    min_docs: int = typer.Option(2, "--min-docs", help="with --compare: keep indicators found in at least N documents"),
) -> None:
    """One row per quantitative figure: indicator, value, unit, comparator, kind, deadline, evidence."""
    from .rows import TARGET_FIELDS, target_row

    if compare:
        from .indicators import COMPARE_FIELDS, compare_rows

        results, code = _collect(files)
        rows = [target_row(t) for r in results for t in r.targets]
        write_rows(compare_rows(rows, min_docs=min_docs), format, COMPARE_FIELDS)
        if code:
            raise typer.Exit(code)
        return
    write_rows(_rows(files, lambda r: (target_row(t) for t in r.targets)), format, TARGET_FIELDS)


@app.command()
def extract(
    paths: list[str],
    store: Optional[str] = typer.Option(None, "--store", help="on-disk Oxigraph store directory"),
    output: Optional[str] = typer.Option(None, "-o", "--output",
                                         help="also write the graphs to this file: .ttl, .trig, .nq or .nt"),
    workers: int = typer.Option(1, "--workers", "-w", help="worker processes (0 = in this process)"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT"),
    time_limit: float = typer.Option(120.0, "--time-limit", help="seconds per document before it is stopped (0 = none)"),
    max_mb: float = typer.Option(32.0, "--max-mb", help="refuse documents larger than this many MB"),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="skip documents unchanged since the last run"),
    report: Optional[str] = typer.Option(None, "--report", help="run report JSON (default: STORE/policykg-run.json)"),
) -> None:
    """Build the graph: into an on-disk store (--store) and/or an RDF file (-o), in parallel and resumably."""
    import signal

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch import Limits, output_format, run_batch

    if not store and not output:
        raise typer.BadParameter("give --store PATH and/or -o FILE (.ttl, .trig, .nq or .nt)")
    if output:
        try:
            output_format(output)
        except PolicyKGError as exc:
            _err(str(exc))
            raise typer.Exit(2) from None
    if scheduler and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
        raise typer.BadParameter(f"--scheduler {scheduler!r}: give a Dask scheduler address such as tcp://127.0.0.1:8786")
    if not iter_document_paths(paths):
        from .ingest import SUPPORTED_SUFFIXES

        _err(f"no documents found in {', '.join(paths)} (looked for {'/'.join(SUPPORTED_SUFFIXES)} files)")
        raise typer.Exit(2)
    _quiet_jieba()
    console = Console(stderr=True)
    live = console.is_terminal
    errors = finished = 0
    progress = Progress(TextColumn("extract"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]:.1f} docs/s"), TextColumn("errors {task.fields[errors]}"),
                        TimeElapsedColumn(), console=console, disable=not live, transient=False)
    task = progress.add_task("extract", total=None, rate=0.0, errors=0)
    started = time.perf_counter()

    def on_outcome(out, total: int) -> None:
        nonlocal errors, finished
        finished += 1
        if out.status == "error":
            errors += 1
            progress.console.print(f"policykg: {out.error}", markup=False, highlight=False, soft_wrap=True)
        elif not live and out.status == "ok":
            _err(f"{out.path}: {out.assignments} assignments, {out.targets} targets")
        elapsed = max(time.perf_counter() - started, 1e-9)
        progress.update(task, total=total, completed=finished, errors=errors, rate=finished / elapsed)

    def stop(signum, frame):  # kill/TERM stops like Ctrl-C: written documents are kept
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with progress:
            rep = run_batch(paths, store=store, output=output, workers=workers, scheduler=scheduler,
                            limits=Limits(time_limit=time_limit or None, max_bytes=int(max_mb * 2**20)),
                            resume=resume, report_path=report, on_outcome=on_outcome)
    except KeyboardInterrupt:
        _err("interrupted: documents finished so far are in the store; run the same command again to resume")
        raise typer.Exit(130)
    except OSError as exc:
        _err(f"{store or output}: cannot write: {exc.strerror or exc} (check the path and free space)")
        raise typer.Exit(2)
    counts = rep.counts
    _err(f"{counts.get('ok', 0)} extracted, {counts.get('skipped', 0)} unchanged (skipped), "
         f"{counts.get('error', 0)} failed in {rep.seconds:.1f} s")
    if counts.get("error", 0):
        raise typer.Exit(1)


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="a named query (see --list), a .rq file or a SPARQL string"),
    store: Optional[str] = typer.Option(None, "--store", help="on-disk Oxigraph store directory or http(s) endpoint"),
    param: list[str] = typer.Option([], "--param", help="NAME=VALUE for a named query (repeatable)"),
    format: str = typer.Option("jsonl", help="jsonl, csv or table"),
    timeout: float = typer.Option(10.0, "--timeout", help="seconds before the query is stopped"),
    max_rows: int = typer.Option(10_000, "--max-rows", help="rows returned at most"),
    list_: bool = typer.Option(False, "--list", help="list the named queries and their parameters"),
) -> None:
    """Run a read-only SPARQL query (SELECT/ASK/CONSTRUCT/DESCRIBE) on a store; prints JSON lines.

    `policykg query what_does_unit_own --param unit=社区学院 --store PATH` runs a named query
    from queries/ with its parameters bound safely; a file or a query string runs as is.
    """
    from .queries import named_queries, run_named, run_query
    from .store import open_store

    queries = named_queries()
    if list_:
        for q in queries.values():
            params = " ".join(f"--param {p.name}=…" + ("?" if p.optional else "") for p in q.params)
            typer.echo(f"{q.name} {params}".rstrip() + f"\n    {q.description}")
        return
    if not sparql or not store:
        _err("give a query (a name from `policykg query --list`, a .rq file or a SPARQL string) and --store PATH")
        raise typer.Exit(2)
    values = {}
    for item in param:
        name, sep, value = item.partition("=")
        if not sep:
            _err(f"--param {item!r}: write NAME=VALUE")
            raise typer.Exit(2)
        values[name.strip()] = value
    try:
        st = open_store(store, read_only=True)
        if sparql in queries:
            result = run_named(st, sparql, values, timeout_s=timeout, max_rows=max_rows)
        else:
            if values:
                _err(f"--param only applies to named queries; {sparql[:40]!r} is not one (see --list)")
                raise typer.Exit(2)
            if Path(sparql).is_file():
                sparql = Path(sparql).read_text(encoding="utf-8")
            result = run_query(st, sparql, timeout_s=timeout, max_rows=max_rows)
    except PolicyKGError as exc:
        _err(f"query failed: {exc}")
        raise typer.Exit(2)
    except OSError as exc:
        _err(f"{store}: cannot open the store ({exc}); build it with `policykg extract … --store {store}`")
        raise typer.Exit(2)
    if result.kind == "ask":
        typer.echo(json.dumps(result.boolean))
    elif result.kind == "select":
        write_rows(result.rows, format, tuple(result.variables))
    else:
        for triple in result.triples:
            typer.echo(f"{triple.subject} {triple.predicate} {triple.object} .")
    if result.truncated:
        _err(f"output stopped at {max_rows} rows (--max-rows)")


@app.command()
def export(
    store: str = typer.Option(..., "--store", help="on-disk Oxigraph store directory or http(s) endpoint"),
    format: str = typer.Option("ttl", "--format", help="ttl, trig, nt, nq, jsonld, csv (tasks table) or graphml"),
    output: str = typer.Option(..., "-o", "--output", help="file to write"),
) -> None:
    """Export the graph of a store: RDF (ttl/trig/nt/nq/jsonld), the tasks table (csv) or GraphML."""
    from .export import export as do_export
    from .store import open_store

    try:
        do_export(open_store(store, read_only=True), format, output)
    except PolicyKGError as exc:
        _err(str(exc))
        raise typer.Exit(2)
    except OSError as exc:
        _err(f"{store}: cannot read the store or write {output} ({exc})")
        raise typer.Exit(2)


@app.command("eval")
def eval_(
    paths: list[str],
    gold: str = typer.Option(..., "--gold", help="directory of gold annotations"),
    as_json: bool = typer.Option(False, "--json", help="machine-readable output"),
    misses: bool = typer.Option(False, "--misses", help="list false positives and negatives with their text"),
) -> None:
    """Score tasks, targets and metadata against gold annotations (P/R/F1 per document and kind)."""
    from .evaluate import Gold, entity_row, evaluate_document, format_misses, format_table, report
    from .rows import meta_row, target_row, task_row

    gold_dir = Path(gold)
    if not gold_dir.is_dir():
        _err(f"{gold}: gold directory not found (give the folder holding <stem>.tasks.jsonl files)")
        raise typer.Exit(2)
    docs = []
    results, code = _collect(paths)
    for result in results:
        stem = Path(result.document.path).stem
        annotations = Gold.load(gold_dir, stem)
        if annotations is None:
            _err(f"{result.document.path}: no gold annotations in {gold}; not scored")
            continue
        docs.append(evaluate_document(stem, [task_row(a) for a in result.assignments],
                                      [target_row(t) for t in result.targets], meta_row(result), annotations,
                                      [entity_row(e) for e in result.entities]))
    if not docs:
        _err(f"none of the documents has gold annotations in {gold}")
        raise typer.Exit(2)
    rep = report(docs, misses=misses)
    if as_json:
        typer.echo(json.dumps(rep, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_table(rep))
        if misses:
            typer.echo("")
            typer.echo(format_misses(rep))
    if code:
        raise typer.Exit(code)


@app.command("app")
def app_(store: str = typer.Option(".policykg/store", "--store"), port: int = typer.Option(8501, "--port")) -> None:
    """Start the Streamlit app on a store (bound to 127.0.0.1)."""
    import subprocess

    app_py = Path(__file__).resolve().parent.parent / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_py), "--server.address", "127.0.0.1",
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "minimal", "--", "--store", store]
    raise typer.Exit(subprocess.call(cmd))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
