"""Exports of a store in every format, and the networkx projection."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from conftest import ROOT
from extractor.export import FORMATS, export, union_triples
from extractor.networkx_view import co_responsibility, project, role_degree




@pytest.fixture(scope="module")
def files(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    paths = {}
    for fmt in FORMATS:
        paths[fmt] = out / f"seeds.{fmt}"
        export(store, fmt, paths[fmt])
    return paths


def test_triple_formats_hold_the_union_once(store, files):
    n = len(union_triples(store))
    assert n < len(store)  # units and the run are shared by several document graphs
    assert len(Graph().parse(files["ttl"], format="turtle")) == n
    assert len(Graph().parse(files["nt"], format="nt")) == n
    assert len(Graph().parse(files["jsonld"], format="json-ld")) == n
    with open(files["ttl"], "rb") as fh:
        assert sum(1 for _ in ox.parse(fh, ox.RdfFormat.TURTLE)) == n
    if shutil.which("rapper"):  # Debian's raptor2-utils, when installed
        proc = subprocess.run(["rapper", "-i", "turtle", "-c", str(files["ttl"])], capture_output=True, text=True)
        assert proc.returncode == 0 and f"returned {n} triples" in proc.stderr, proc.stderr


def test_quad_formats_keep_the_document_graphs(store, files):
    for fmt, name in (("nq", "nquads"), ("trig", "trig")):
        ds = Dataset().parse(files[fmt], format=name)
        assert len(list(ds.quads((None, None, None, None)))) == len(store)
    with open(files["trig"], "rb") as fh:
        graphs = {q.graph_name.value for q in ox.parse(fh, ox.RdfFormat.TRIG)}
    assert graphs == set(store.graph_names())


def test_export_is_deterministic(store, files, tmp_path):
    for fmt in ("ttl", "nq", "csv", "jsonld"):
        again = tmp_path / f"again.{fmt}"
        export(store, fmt, again)
        assert again.read_bytes() == files[fmt].read_bytes(), fmt


def test_jsonld_uses_the_shipped_context(files):
    doc = json.loads(files["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["leads"] == {"@id": "pkg:leads", "@type": "@id"}


def test_csv_is_the_tasks_table(files, seed_results):
    rows = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end"]
    assert len(rows) == sum(len(r.assignments) for r in seed_results.values())


def test_graphml_and_networkx_analytics(store, files, seed_results):
    g = project(store)
    back = nx.read_graphml(files["graphml"])
    assert back.number_of_nodes() == g.number_of_nodes()
    leads = role_degree(g, "lead")
    expected = {}
    for r in seed_results.values():
        for a in r.assignments:
            if a.role.value == "lead":
                expected[a.unit] = expected.get(a.unit, 0) + 1
    assert dict(leads) == expected
    co = co_responsibility(g)
    shared = max(co.edges(data=True), key=lambda e: e[2]["weight"])
    a, b, w = shared[0], shared[1], shared[2]["weight"]
    tasks_a = {t for _u, t in g.out_edges(a)}
    tasks_b = {t for _u, t in g.out_edges(b)}
    assert len(tasks_a & tasks_b) == w > 0


def test_cli_export_and_query(store, tmp_path):
    env_py = [sys.executable, "-m", "extractor.cli"]
    out = tmp_path / "x.ttl"
    proc = subprocess.run(env_py + ["export", "--store", str(store.path), "--format", "ttl", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert len(Graph().parse(out, format="turtle")) > 1000
    proc = subprocess.run(env_py + ["query", "what_does_unit_own", "--param", "unit=社区学院", "--store", str(store.path)],
                          capture_output=True, text=True, cwd=ROOT)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0 and rows and all("社区学院" in r["unit_label"] for r in rows)
    proc = subprocess.run(env_py + ["query", "DELETE WHERE { ?s ?p ?o }", "--store", str(store.path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "read-only" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = subprocess.run(env_py + ["export", "--store", str(store.path), "--format", "xls", "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "unknown export format" in proc.stderr


def test_ntriples_of_several_documents_merge_into_one_turtle(seed_results):
    from extractor.export import ntriples_to_turtle
    from extractor.graph import document_ntriples, merged_graph

    docs = [seed_results["002"], seed_results["004"]]
    ttl = ntriples_to_turtle(document_ntriples(r) for r in docs)
    assert b"@prefix pkg: <https://w3id.org/policykg/ns#>" in ttl
    assert set(Graph().parse(data=ttl.decode("utf-8"), format="turtle")) == set(merged_graph(docs))
    assert ntriples_to_turtle(document_ntriples(r) for r in reversed(docs)) == ttl  # order-independent bytes
