"""bench/store.py stays runnable: a tiny run where both stores must give the same rows."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_store_benchmark_runs_on_a_small_graph():
    from bench.store import report, store_vs_rdflib

    r = store_vs_rdflib(n_triples=50_000, repeat=2)
    assert r["triples"] >= 50_000 and r["rows"] > 0
    assert r["oxigraph_query_ms"] > 0 and r["rdflib_query_ms"] > 0 and r["turtle_mb"] > 0
    assert "query:" in report(r)
