"""Queries over the union of document graphs answer each fact once.

Oxigraph's union default graph repeats a triple once per named graph that holds it, and
every document graph repeats the label triples of the units it names: a join through a
unit shared by two documents doubles its rows unless the query says DISTINCT.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter

import pyoxigraph as ox
import pytest

from conftest import SEED_002
from extractor.export import rdf_bytes, tasks_csv
from extractor.networkx_view import project
from extractor.queries import named_queries, run_named

#: A SELECT whose rows are deduplicated: DISTINCT, or grouped (aggregates count DISTINCT themselves).
DEDUPLICATED = re.compile(r"SELECT\s+DISTINCT\b|\bGROUP\s+BY\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def twin_store(tmp_path_factory):
    """The same notice under two names: two document graphs naming the same units."""
    from extractor.pipeline import extract_file
    from extractor.store import OxigraphStore

    tmp = tmp_path_factory.mktemp("twins")
    results = []
    for name in ("twin_a", "twin_b"):
        path = tmp / f"{name}.txt"
        shutil.copy(SEED_002, path)
        results.append(extract_file(path))
    store = OxigraphStore(tmp / "store")
    for r in results:
        store.put_document(r)
    return store, results


def test_the_twins_share_their_units(twin_store):
    store, (a, b) = twin_store
    units = {x.unit for x in a.assignments}
    assert units and units == {x.unit for x in b.assignments}
    # the union view repeats each shared label: the reason the queries must deduplicate
    label = next(iter(units))
    rows = list(store.query('SELECT ?u $name WHERE { ?u <http://www.w3.org/2004/02/skos/core#prefLabel> ?l . '
                            'FILTER(STR(?l) = $name) }', substitutions={ox.Variable("name"): ox.Literal(label)}))
    assert len(rows) == 2


def test_every_named_select_deduplicates():
    for name, q in named_queries().items():
        body = "\n".join(line for line in q.sparql.splitlines() if not line.lstrip().startswith("#"))
        if re.search(r"\bSELECT\b", body, re.IGNORECASE):
            assert DEDUPLICATED.search(body), f"{name}.rq: write SELECT DISTINCT (the union view repeats shared triples)"


def test_no_named_query_repeats_a_row(twin_store):
    store, (a, _b) = twin_store
    unit = a.assignments[0].unit
    task_words = a.assignments[0].task[:4]
    values = {"unit": unit, "task": task_words, "cited": "教职成"}
    for name, q in named_queries().items():
        params = {p.name: values.get(p.name, "区") for p in q.params if not p.optional}
        rows = run_named(store, name, params).rows
        repeated = [row for row, n in Counter(tuple(sorted(r.items())) for r in rows).items() if n > 1]
        assert not repeated, (name, repeated[:2])


def test_tasks_by_unit_role_lists_each_assignment_once(twin_store):
    store, results = twin_store
    unit = results[0].assignments[0].unit
    rows = run_named(store, "tasks_by_unit_role", {"unit": unit}).rows
    expected = {(x.doc_id, x.role.value, x.task) for r in results for x in r.assignments
                if unit in x.unit or unit in x.unit_text}
    assert len(rows) == len(expected) and {(r["doc"], r["role"], r["task"]) for r in rows} == expected


def test_tasks_csv_has_one_record_per_assignment(twin_store):
    store, results = twin_store
    records = list(csv.DictReader(io.StringIO(tasks_csv(store).decode("utf-8"))))
    keys = [(r["doc"], r["unit"], r["role"], r["start"], r["end"]) for r in records]
    assert len(keys) == len(set(keys))
    assert set(keys) == {(x.doc_id, x.unit, x.role.value, str(x.start), str(x.end))
                         for r in results for x in r.assignments}


def test_triple_exports_and_projection_have_no_repeats(twin_store):
    store, results = twin_store
    lines = rdf_bytes(store, "nt").decode("utf-8").splitlines()
    assert len(lines) == len(set(lines)) < len(store)
    g = project(store)
    edges = [(u, t, k) for u, t, k in g.edges(keys=True)]
    assert len(edges) == len(set(edges))
    owner_edges = {(x.doc_id, x.unit, x.role.value, x.start, x.end) for r in results for x in r.assignments}
    assert sum(1 for _u, _t, k in edges if k != "in") == len({(d, u, role, s, e) for d, u, role, s, e in owner_edges})
