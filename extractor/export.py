"""Exports of a store: Turtle, TriG, N-Triples, N-Quads, JSON-LD, CSV and GraphML.

Big RDF formats are written by pyoxigraph straight from the store (1M triples in a few
seconds); JSON-LD goes through rdflib because it is compacted with the shipped
``ontology/context.jsonld``.  The triple formats (Turtle, N-Triples, JSON-LD) hold the
union of all document graphs, each triple once; TriG and N-Quads keep the graphs.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import PolicyKGError
from .queries import named_queries, run_query
from .store import atomic_write_bytes
from .validate import CONTEXT
from .vocab import PREFIXES

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "csv", "graphml")
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nq": ox.RdfFormat.N_QUADS}
TASK_CSV_FIELDS = ("doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end")

# Sorted in Python, not with SPARQL ORDER BY: Oxigraph's ORDER BY took 2.4 s on 8k quads
# where sorting their N-Triples strings takes 0.05 s.
UNION_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def union_triples(store: Any) -> list[ox.Triple]:
    """Every triple of every document graph once, sorted (subjects grouped for Turtle)."""
    triples = [ox.Triple(r["s"], r["p"], r["o"]) for r in store.query(UNION_TRIPLES)]
    return sorted(triples, key=str)


def quads(store: Any) -> list[ox.Quad]:
    """Every quad, sorted by graph then triple (byte-stable N-Quads/TriG)."""
    if hasattr(store, "quads"):
        found = list(store.quads())
    else:
        found = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in store.query(ALL_QUADS)]
    return sorted(found, key=lambda q: (str(q.graph_name), str(q.triple)))


def rdf_bytes(store: Any, fmt: str) -> bytes:
    """The store in one of the RDF formats (ttl, trig, nt, nq, jsonld)."""
    if fmt == "jsonld":
        return jsonld_bytes(union_triples(store))
    items = quads(store) if fmt in ("trig", "nq") else union_triples(store)
    prefixes = PREFIXES if fmt in ("ttl", "trig") else None
    return ox.serialize(items, format=RDF_FORMATS[fmt], prefixes=prefixes)


def jsonld_bytes(triples: list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with the shipped @context (rdflib)."""
    from rdflib import Graph

    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = Graph().parse(data=nt.decode("utf-8"), format="nt")
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    return g.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")


def tasks_csv(store: Any) -> bytes:
    """The who-owns-what table (the `policykg tasks` columns) as CSV."""
    result = run_query(store, named_queries()["owners_table"].sparql, timeout_s=600, max_rows=10_000_000)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(TASK_CSV_FIELDS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(result.rows)
    return buf.getvalue().encode("utf-8")


def export(store: Any, fmt: str, output: str | Path) -> None:
    """Write the store to ``output`` in ``fmt`` (one of FORMATS), atomically."""
    if fmt not in FORMATS:
        raise PolicyKGError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        from .networkx_view import project, write_graphml

        buf = Path(str(output) + ".tmp")
        write_graphml(project(store), buf)
        buf.replace(output)
        return
    data = tasks_csv(store) if fmt == "csv" else rdf_bytes(store, fmt)
    atomic_write_bytes(output, data)
