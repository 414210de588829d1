"""Batch engine: resume, determinism, limits, run report, kill-and-resume, Dask LocalCluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.errors import PolicyKGError
from extractor.batch import REPORT_NAME, Limits, document_ids, graph_ntriples, run_batch, sorted_nquads
from extractor.graph import doc_iri
from extractor.manifest import JOURNAL_NAME, MANIFEST_NAME, Manifest
from extractor.store import OxigraphStore

from conftest import CORPORA, ROOT, find_shared

DEV_CORPUS = find_shared() / "corpus"


def copy_seeds(dest: Path, prefixes: tuple[str, ...] = ("000", "001", "002", "003", "004")) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for p in sorted(CORPORA.glob("*.txt")):
        if p.name[:3] in prefixes:
            out.append(Path(shutil.copy(p, dest / p.name)))
    return out


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """The seeds extracted in this process (workers=0): the reference every other run must equal."""
    base = tmp_path_factory.mktemp("clean")
    corpus = base / "corpus"
    copy_seeds(corpus)
    rep = run_batch([corpus], store=base / "store", workers=0)
    assert rep.counts["ok"] == 5, rep.as_dict()
    return corpus, base / "store", sorted_nquads(base / "store")


def test_resume_skips_unchanged_and_redoes_changed(tmp_path: Path):
    corpus = tmp_path / "corpus"
    copy_seeds(corpus, ("002", "003"))
    store = tmp_path / "store"
    first = run_batch([corpus], store=store, workers=0)
    assert (first.counts["ok"], first.counts["skipped"]) == (2, 0)
    before = sorted_nquads(store)

    second = run_batch([corpus], store=store, workers=0)
    assert (second.counts["ok"], second.counts["skipped"]) == (0, 2)
    assert sorted_nquads(store) == before

    changed = next(corpus.glob("002_*.txt"))
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("（牵头单位：区学习办、区社区学院）", "（牵头单位：区教育局）", 1), encoding="utf-8")
    third = run_batch([corpus], store=store, workers=0)
    status = {o.doc_id[:3]: o.status for o in third.files}
    assert status == {"002": "ok", "003": "skipped"}
    assert sorted_nquads(store) != before
    # the changed document's graph is exactly what a fresh extraction gives (replaced, not appended)
    fresh = tmp_path / "fresh"
    run_batch([changed], store=fresh, workers=0)
    doc_id = changed.stem
    assert graph_ntriples(OxigraphStore(fresh), doc_id) == graph_ntriples(OxigraphStore(store), doc_id)

    # --no-resume extracts everything again; the manifest survives
    fourth = run_batch([corpus], store=store, workers=0, resume=False)
    assert fourth.counts["ok"] == 2
    assert set(Manifest.open(store).entries) == {p.stem for p in corpus.glob("*.txt")}


def test_run_report_and_manifest_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    copy_seeds(corpus, ("002",))
    (corpus / "empty.txt").write_bytes(b"")
    store = tmp_path / "store"
    rep = run_batch([corpus], store=store, workers=0)
    data = json.loads((store / REPORT_NAME).read_text(encoding="utf-8"))
    assert data["counts"] == {"total": 2, "ok": 1, "skipped": 0, "error": 1}
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert "empty" in by_name["empty.txt"]["error"] and by_name["empty.txt"]["status"] == "error"
    ok = next(f for n, f in by_name.items() if n.startswith("002"))
    assert ok["assignments"] > 0 and ok["triples"] > 0 and len(ok["sha256"]) == 64 and ok["seconds"] > 0
    assert data["version"].startswith("0.") and rep.counts["error"] == 1
    manifest = json.loads((store / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert list(manifest["documents"]) == [ok["doc_id"]]  # failed documents are not marked done
    assert (store / JOURNAL_NAME).read_text(encoding="utf-8") == ""  # folded into the manifest


def test_torn_journal_line_is_ignored(tmp_path: Path):
    store = tmp_path / "store"
    m = Manifest.open(store)
    from extractor.manifest import Entry

    m.record(Entry("a", "x/a.txt", "0" * 64, "v", 3))
    m._journal.close()
    with open(store / JOURNAL_NAME, "a", encoding="utf-8") as fh:
        fh.write('{"doc_id": "b", "path": "x/b.t')  # killed mid-write
    again = Manifest.open(store)
    assert set(again.entries) == {"a"} and again.is_current("a", "x/a.txt", "0" * 64, "v")
    assert not again.is_current("a", "x/a.txt", "1" * 64, "v") and not again.is_current("a", "x/a.txt", "0" * 64, "w")


def test_limits_time_and_size(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = next(CORPORA.glob("001_*.txt")).read_text(encoding="utf-8")
    (corpus / "long.txt").write_text(seed * 8, encoding="utf-8")
    (corpus / "big.txt").write_text("各街镇要完成任务。\n" * 80_000, encoding="utf-8")  # ~2 MB
    rep = run_batch([corpus], store=tmp_path / "store", workers=0, limits=Limits(time_limit=0.05, max_bytes=2**20))
    errors = {Path(o.path).name: o.error for o in rep.files}
    assert "over the 1 MB per-document limit" in errors["big.txt"]
    assert "longer than the 0.05 s per-document limit" in errors["long.txt"]
    assert len(OxigraphStore(tmp_path / "store")) == 0


def test_document_ids_keep_stems_and_disambiguate_collisions_by_sorted_path():
    files = [Path("in/b/foo.txt"), Path("in/foo.pdf"), Path("in/foo.docx"), Path("in/a/foo.txt"),
             Path("in/foo-pdf.md"), Path("in/002_343760fb33dc4500.txt")]
    ids = document_ids(files)
    assert ids[Path("in/002_343760fb33dc4500.txt")] == "002_343760fb33dc4500"  # a unique stem is the id (eval, gold)
    assert ids[Path("in/foo-pdf.md")] == "foo-pdf"
    # sorted: in/a/foo.txt < in/b/foo.txt < in/foo.docx < in/foo.pdf; the first keeps the stem
    assert [ids[Path(p)] for p in ("in/a/foo.txt", "in/b/foo.txt", "in/foo.docx", "in/foo.pdf")] == \
        ["foo", "foo-txt", "foo-docx", "foo-pdf-2"]  # foo-pdf is another file's stem
    assert len(set(ids.values())) == len(files)
    assert document_ids(list(reversed(files))) == ids  # the order the files were given does not matter


def test_same_stem_different_formats_both_extracted(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = next(CORPORA.glob("002_*.txt"))
    (corpus / "plan.txt").write_bytes(seed.read_bytes())
    (corpus / "plan.md").write_bytes(seed.read_bytes())
    copy_seeds(tmp_path / "a", ("003",))
    copy_seeds(tmp_path / "b", ("003",))
    store = tmp_path / "store"
    rep = run_batch([corpus, tmp_path / "b", tmp_path / "a"], store=store, workers=0)
    assert rep.counts == {"ok": 4}, rep.as_dict()
    ids = {Path(o.path).relative_to(tmp_path).as_posix(): o.doc_id for o in rep.files}
    stem = next(CORPORA.glob("003_*.txt")).stem
    assert ids == {"corpus/plan.md": "plan", "corpus/plan.txt": "plan-txt", f"a/{stem}.txt": stem,
                   f"b/{stem}.txt": f"{stem}-txt"}
    st = OxigraphStore(store)
    assert set(st.graph_names()) == {str(doc_iri(d)) for d in ids.values()}
    # the same text under two ids: the same triples apart from the document's own IRIs
    a, b = graph_ntriples(st, "plan"), graph_ntriples(st, "plan-txt")
    assert a.count("\n") == b.count("\n") > 100 and a != b
    del st  # one writer at a time: RocksDB's lock
    again = run_batch([tmp_path / "a", tmp_path / "b", corpus], store=store, workers=0)
    assert again.counts == {"skipped": 4}  # stable ids: a re-run in another order skips them all


def test_turtle_output_without_store_equals_store_output(tmp_path: Path, clean_run):
    corpus, _, _ = clean_run
    run_batch([corpus], output=tmp_path / "a.ttl", workers=0)
    run_batch([corpus], store=tmp_path / "s", output=tmp_path / "b.ttl", workers=0)
    again = run_batch([corpus], store=tmp_path / "s", output=tmp_path / "c.ttl", workers=0)
    assert again.counts["ok"] == 5  # with -o nothing is skipped: the file holds the graphs as extracted
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes() == (tmp_path / "c.ttl").read_bytes()


def test_output_file_format_follows_its_suffix(tmp_path: Path, clean_run):
    """-o FILE.nq / .trig keep a named graph per document; .ttl / .nt hold their union, each triple once."""
    import pyoxigraph as ox

    corpus, _, _ = clean_run
    files = sorted(corpus.glob("*.txt"))
    run_batch(files, output=tmp_path / "a.nq", workers=0)
    run_batch(list(reversed(files)), output=tmp_path / "b.nq", workers=0)
    assert (tmp_path / "a.nq").read_bytes() == (tmp_path / "b.nq").read_bytes()  # document order, not finish order
    for suffix in (".trig", ".nt", ".ttl"):
        run_batch([corpus], output=tmp_path / f"a{suffix}", workers=0)

    quads = set(ox.parse(path=str(tmp_path / "a.nq"), format=ox.RdfFormat.N_QUADS))
    assert {str(q.graph_name) for q in quads} == {str(doc_iri(d)).join("<>") for d in document_ids(files).values()}
    assert set(ox.parse(path=str(tmp_path / "a.trig"), format=ox.RdfFormat.TRIG)) == quads
    union = {q.triple for q in quads}
    nt_lines = (tmp_path / "a.nt").read_bytes().splitlines()
    assert len(nt_lines) == len(set(nt_lines)) == len(union) < len(quads)  # shared labels once
    assert {t.triple for t in ox.parse(path=str(tmp_path / "a.ttl"), format=ox.RdfFormat.TURTLE)} == union
    assert (tmp_path / "a.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_an_output_suffix_without_a_format_is_refused_before_any_work(tmp_path: Path, clean_run):
    corpus, _, _ = clean_run
    with pytest.raises(PolicyKGError, match=r"graph\.json: -o writes \.ttl, \.trig, \.nq, \.nt"):
        run_batch([corpus], output=tmp_path / "graph.json", workers=0)
    assert not (tmp_path / "graph.json").exists()


@pytest.mark.slow
def test_deterministic_across_runs_file_order_and_workers(tmp_path: Path, clean_run):
    corpus, _, reference = clean_run
    files = sorted(corpus.glob("*.txt"))
    runs = {
        "again": dict(paths=[corpus], workers=0),
        "reversed-order": dict(paths=list(reversed(files)), workers=0),
        "1-worker": dict(paths=[corpus], workers=1),
        "2-workers": dict(paths=list(reversed(files)), workers=2),
    }
    for name, kw in runs.items():
        store = tmp_path / name
        rep = run_batch(kw["paths"], store=store, workers=kw["workers"])
        assert rep.counts["ok"] == 5, (name, rep.as_dict())
        assert sorted_nquads(store) == reference, name


@pytest.mark.slow
def test_dask_local_cluster_equals_local_run(tmp_path: Path, clean_run):
    from distributed import LocalCluster

    corpus, _, reference = clean_run
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        rep = run_batch([corpus], store=tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert rep.counts["ok"] == 5, rep.as_dict()
    assert sorted_nquads(tmp_path / "dask") == reference


_FIRST_PASS_STORES: dict[Path, OxigraphStore] = {}


def _first_pass_graph(path: Path, store_dir: Path) -> str:
    """The document's graph as the batch's main loop stores it (no peer hints)."""
    import dataclasses

    from extractor.graph import document_ntriples
    from extractor.ingest import read_document
    from extractor.pipeline import extract_raw

    st = _FIRST_PASS_STORES.get(store_dir) or _FIRST_PASS_STORES.setdefault(store_dir, OxigraphStore(store_dir))
    raw = dataclasses.replace(read_document(path), doc_id=path.stem)
    st.put_ntriples(path.stem, document_ntriples(extract_raw(raw)))
    return graph_ntriples(st, path.stem)


def _journal_lines(store: Path) -> int:
    journal = store / JOURNAL_NAME
    return journal.read_text(encoding="utf-8").count("\n") if journal.exists() else 0


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_kill_mid_batch_then_resume(tmp_path: Path, sig):
    """Kill a running batch; the store holds only whole documents and the re-run completes the rest."""
    corpus = tmp_path / "corpus"
    copy_seeds(corpus)
    for p in sorted(DEV_CORPUS.glob("d0*")):
        shutil.copy(p, corpus / p.name)
    # enough documents that the writer's first groups (<= 32 documents or 3 s each) leave
    # some to do even on an idle machine, where one document takes ~0.1 s
    for k in range(1, 12):
        for p in sorted(corpus.glob("[0d]*")):
            (corpus / f"again{k}-{p.name}").symlink_to(p)
    n_docs = len(list(corpus.glob("*")))
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "--store", str(store), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env)
    deadline = time.monotonic() + 120
    while _journal_lines(store) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    if sig == signal.SIGKILL:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, no goodbye
    else:
        os.kill(proc.pid, signal.SIGINT)  # Ctrl-C: the parent stops the workers and keeps what is written
    _, stderr = proc.communicate(timeout=180)  # it stores the groups already extracted: slow on a loaded machine
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
        assert json.loads((store / REPORT_NAME).read_text(encoding="utf-8"))["interrupted"] is True

    # consistency: every graph in the store is a complete document graph
    reference_store = tmp_path / "reference"
    run_batch([corpus], store=reference_store, workers=0)
    ref, got = OxigraphStore(reference_store), OxigraphStore(store)
    present = {q.graph_name.value for q in got.store.quads_for_pattern(None, None, None, None)}
    assert 0 < len(present) < n_docs
    done = Manifest.open(store).entries
    assert set(done) <= {p.stem for p in corpus.glob("*")}
    for p in sorted(corpus.glob("*")):  # every graph present (journalled or not) is whole
        if str(doc_iri(p.stem)) in present:
            # whole = the complete run's graph, or (a document the peer pass re-extracts after
            # the main loop, extractor.peers: seed 000) the main loop's graph without peer hints
            graph = graph_ntriples(got, p.stem)
            assert graph == graph_ntriples(ref, p.stem) or graph == _first_pass_graph(p, tmp_path / "first"), p.name
        else:
            assert p.stem not in done, f"{p.name} journalled as done but missing from the store"
    del got, ref

    rerun = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    report = json.loads((store / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["counts"]["skipped"] >= len(done) >= 2
    assert report["counts"]["ok"] + report["counts"]["skipped"] == n_docs
    assert sorted_nquads(store) == sorted_nquads(reference_store)


def test_cli_names_the_output_formats_when_the_suffix_has_none(tmp_path: Path, clean_run):
    from typer.testing import CliRunner

    from extractor.cli import app

    corpus, _, _ = clean_run
    result = CliRunner().invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "graph.xml")])
    assert result.exit_code == 2
    assert "graph.xml: -o writes .ttl, .trig, .nq, .nt files (chosen by the suffix)" in result.output
    assert not (tmp_path / "graph.xml").exists()


def _alive(pid: int) -> bool:
    """A process that exists and is not a zombie (an orphan's exit may wait for a reaper)."""
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="Linux: workers die with their parent via prctl")
def test_workers_die_with_a_parent_killed_outright(tmp_path: Path):
    """kill -9 of `policykg extract` alone (not its process group) leaves no worker behind."""
    corpus = tmp_path / "corpus"
    copy_seeds(corpus)
    for k in range(1, 8):
        for p in sorted(corpus.glob("0*")):
            (corpus / f"again{k}-{p.name}").symlink_to(p)
    cmd = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "--store", str(tmp_path / "store"),
           "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    children: list[int] = []
    deadline = time.monotonic() + 120
    try:
        while len(children) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            tasks = Path(f"/proc/{proc.pid}/task")
            children = [int(c) for t in tasks.iterdir() for c in (t / "children").read_text().split()]
        assert len(children) >= 2 and proc.poll() is None, "the workers did not start in time"
        time.sleep(1.0)  # let them reach their initializer
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [c for c in children if _alive(c)], "workers outlived their parent"
    finally:
        for c in children:
            try:
                os.kill(c, signal.SIGKILL)
            except ProcessLookupError:
                pass
