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
        _err(f"no documents found in {', '.join(paths)} (looked for .txt/.md files)")
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
def text(file: str) -> None:
    """Print the normalised text that all offsets refer to."""
    from .ingest import read_document
    from .normalize import normalize

    try:
        doc = normalize(read_document(file))
    except PolicyKGError as exc:
        _err(str(exc))
        raise typer.Exit(1)
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
    """All results that could be extracted, and the exit code the bad files call for."""
    results: list[DocumentResult] = []
    try:
        for r in iter_results(files):
            results.append(r)
    except typer.Exit as exc:
        if not results:
            raise
        return results, exc.exit_code
    return results, 0


@app.command()
def tasks(files: list[str], format: str = typer.Option("jsonl", help="jsonl, csv or table")) -> None:
    """One row per (unit, task): doc, section, task, unit, unit_text, role, deadline, evidence, start, end."""
    from .rows import TASK_FIELDS, task_row

    write_rows(_rows(files, lambda r: (task_row(a) for a in r.assignments)), format, TASK_FIELDS)


@app.command()
def targets(files: list[str], format: str = typer.Option("jsonl", help="jsonl, csv or table")) -> None:
    """One row per quantitative figure: indicator, value, unit, comparator, kind, deadline, evidence."""
    from .rows import TARGET_FIELDS, target_row

    write_rows(_rows(files, lambda r: (target_row(t) for t in r.targets)), format, TARGET_FIELDS)


@app.command()
def extract(
    paths: list[str],
    store: Optional[str] = typer.Option(None, "--store", help="on-disk Oxigraph store directory"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="write Turtle to this file"),
) -> None:
    """Build the graph: into an on-disk store (--store) and/or a Turtle file (-o)."""
    from .graph import merged_graph
    from .store import OxigraphStore, atomic_write_bytes

    if not store and not output:
        raise typer.BadParameter("give --store PATH and/or -o FILE.ttl")
    st = OxigraphStore(store) if store else None
    done: list[DocumentResult] = []
    exit_code = 0
    try:
        for result in iter_results(paths):
            if st is not None:
                st.put_document(result)
            done.append(result)
            _err(f"{result.document.path}: {len(result.assignments)} assignments, {len(result.targets)} targets")
    except typer.Exit as exc:
        exit_code = exc.exit_code
    if output and done:
        data = merged_graph(done).serialize(format="turtle", encoding="utf-8")
        atomic_write_bytes(output, data)
    if st is not None:
        st.flush()
    if exit_code:
        raise typer.Exit(exit_code)


@app.command()
def query(sparql: str, store: str = typer.Option(..., "--store", help="on-disk Oxigraph store directory")) -> None:
    """Run a read-only SPARQL query (SELECT/ASK/CONSTRUCT/DESCRIBE) on a store; prints JSON lines."""
    from .store import OxigraphStore

    if Path(sparql).is_file():
        sparql = Path(sparql).read_text(encoding="utf-8")
    st = OxigraphStore.read_only(store)
    try:
        result = st.query(sparql)
    except (SyntaxError, ValueError, OSError) as exc:
        _err(f"query failed: {exc}")
        raise typer.Exit(2)
    if isinstance(result, bool):
        typer.echo(json.dumps(result))
        return
    variables = [v.value for v in getattr(result, "variables", [])]
    if variables:
        for solution in result:
            typer.echo(json.dumps({v: (solution[v].value if solution[v] is not None else None) for v in variables},
                                  ensure_ascii=False))
    else:
        for triple in result:
            typer.echo(str(triple))


@app.command("eval")
def eval_(
    paths: list[str],
    gold: str = typer.Option(..., "--gold", help="directory of gold annotations"),
    as_json: bool = typer.Option(False, "--json", help="machine-readable output"),
) -> None:
    """Score tasks, targets and metadata against gold annotations."""
    from .evaluate import evaluate_meta, evaluate_targets, evaluate_tasks
    from .rows import meta_row, target_row, task_row

    gold_dir = Path(gold)
    report: dict[str, Any] = {}
    results, code = _collect(paths)
    for result in results:
        stem = Path(result.document.path).stem
        if not (gold_dir / f"{stem}.tasks.jsonl").exists():
            continue
        report[stem] = {
            "tasks": evaluate_tasks([task_row(a) for a in result.assignments], gold_dir, stem).as_dict(),
            "targets": evaluate_targets([target_row(t) for t in result.targets], gold_dir, stem).as_dict(),
            "meta": evaluate_meta(meta_row(result), gold_dir, stem),
        }
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    typer.echo(f"{'document':<24} {'tasks P':>8} {'R':>6} {'F1':>6} {'targets P':>10} {'R':>6} {'F1':>6} {'meta':>6}")
    for stem, r in report.items():
        t, g = r["tasks"], r["targets"]
        typer.echo(f"{stem:<24} {t['precision']:>8.2f} {t['recall']:>6.2f} {t['f1']:>6.2f} "
                   f"{g['precision']:>10.2f} {g['recall']:>6.2f} {g['f1']:>6.2f} {r['meta'].get('accuracy', 0):>6.2f}")
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
