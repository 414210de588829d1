"""Queries: read-only by parsing, parameters bound as RDF terms, time limit and row cap."""

from __future__ import annotations

import pytest

from extractor.errors import PolicyKGError
from extractor.queries import (QueryTimeout, UnsafeQuery, check_read_only, named_queries, parse_named_query,
                               run_named, run_query)




@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <urn:x#> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
])
def test_updates_are_refused(update):
    with pytest.raises(UnsafeQuery, match="read-only"):
        check_read_only(update)


def test_service_is_refused_even_when_nested():
    q = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://example.org/sparql> { ?s ?q ?r } } }"
    with pytest.raises(UnsafeQuery, match="SERVICE"):
        check_read_only(q)


def test_keyword_in_a_string_is_not_mistaken_for_an_update():
    assert check_read_only('SELECT ?s WHERE { ?s ?p "DROP ALL; INSERT DATA" }') == "select"


def test_parameter_value_cannot_inject_sparql(store):
    n = len(store)
    evil = '社区" ) ) } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("'
    assert run_named(store, "what_does_unit_own", {"unit": evil}).rows == []
    assert len(store) == n


def test_unknown_and_missing_parameters_are_one_line_errors(store):
    with pytest.raises(PolicyKGError, match="unknown parameter colour"):
        run_named(store, "what_does_unit_own", {"colour": "red"})
    with pytest.raises(PolicyKGError, match="give --param unit="):
        run_named(store, "what_does_unit_own", {})
    with pytest.raises(PolicyKGError, match="no named query"):
        run_named(store, "nope", {})


def test_row_cap_and_time_limit(store):
    r = run_query(store, "SELECT * WHERE { ?s ?p ?o }", max_rows=7)
    assert len(r.rows) == 7 and r.truncated
    with pytest.raises(QueryTimeout):
        run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout_s=0.3)


def test_every_named_query_parses_read_only_and_projects_its_parameters():
    queries = named_queries()
    ours = {"owners_table", "who_owns_task", "what_does_unit_own", "unowned_tasks", "undated_tasks",
            "targets_by_indicator", "documents_citing", "unit_task_edges"}
    assert ours <= set(queries)
    assert all(queries[name].description for name in ours)
    for q in queries.values():
        assert check_read_only(q.sparql) in {"select", "ask", "graph"}
        head = q.sparql[q.sparql.index("SELECT"):q.sparql.index("WHERE")]
        for p in q.params:
            assert f"${p.name}" in head, (q.name, p.name)


def test_bad_param_header_is_reported():
    with pytest.raises(PolicyKGError, match="bad '# param:' line"):
        parse_named_query("# name: x\n# param: ??\nSELECT * WHERE { ?s ?p ?o }", "x.rq")
