"""Exports of a store: Turtle, TriG, N-Triples, N-Quads, JSON-LD, CSV and GraphML.

From the embedded store TriG and N-Quads are one ``Store.dump`` of the dataset in Rust;
the triple formats hold the union of the document graphs, each triple once (N-Triples lines
deduplicated in graph order; Turtle streamed from them through pyoxigraph's parser and
serialiser, with the policykg prefixes).  The document graphs are read by parallel threads: reading the on-disk store,
not writing the file, is what an export costs (:func:`graph_ntriples`).  A view of some
documents' graphs gets the union from one ``CONSTRUCT`` over ``SELECT DISTINCT``.
JSON-LD goes through rdflib because it is compacted with the shipped
``ontology/context.jsonld``.  A remote store is read through SPARQL results instead.
Output is deterministic: the same store gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import pyoxigraph as ox

from .errors import PolicyKGError
from .queries import named_queries, run_query
from .validate import CONTEXT
from .vocab import PREFIXES

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "csv", "graphml")
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
               "nq": ox.RdfFormat.N_QUADS}
TASK_CSV_FIELDS = ("doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end")

# Remote stores: sorted in Python, not with SPARQL ORDER BY (Oxigraph's ORDER BY took 2.4 s
# on 8k quads where sorting their N-Triples strings takes 0.05 s).
UNION_TRIPLES = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
#: The union of the document graphs, each triple once, evaluated and serialised in Rust.
UNION_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"

Output = str | Path | IO[bytes] | None


def whole_dataset(store: Any) -> ox.Store | None:
    """The pyoxigraph store when ``store`` is the whole embedded store (not a remote store,
    not a view narrowed to some documents): then TriG and N-Quads are one ``Store.dump``."""
    from .store import OxigraphStore

    return store.store if isinstance(store, OxigraphStore) else None


#: Threads reading document graphs out of the on-disk store at once (pyoxigraph releases the GIL while it dumps).
READERS = max(1, min(4, os.cpu_count() or 1))


def graph_ntriples(store: ox.Store, readers: int = READERS) -> Iterator[bytes]:
    """Each named graph of an embedded store as N-Triples, in graph-name order, read by ``readers`` threads.

    Reading is what an export of the on-disk store costs: every term of every quad is looked
    up by id in RocksDB (~10 s of CPU per 1M quads, against ~1 s to dump the same triples
    from pyoxigraph's in-memory store), so the graphs are read side by side.
    """
    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    with ThreadPoolExecutor(readers) as pool:
        yield from pool.map(lambda g: store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=g), names)


def turtle(store: Any, output: Output = None) -> bytes | None:
    """The union of the document graphs as Turtle with the policykg prefixes, written in Rust.

    From the whole embedded store the deduplicated N-Triples (graph by graph, each graph's
    subjects together) are parsed and serialised as a stream: half the CPU of loading 1M
    triples into an in-memory store to dump them.  A view or a remote store gives its union
    from one ``CONSTRUCT``, grouped by subject through an in-memory store.
    """
    target = str(output) if isinstance(output, Path) else output
    inner = whole_dataset(store)
    if inner is not None:  # parsed graph by graph while the reader threads go on dumping the next graphs
        return streamed_turtle(union_chunks(inner), target)
    union = ox.Store()
    union.bulk_load(construct_union(store), ox.RdfFormat.N_TRIPLES)
    return union.dump(target, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)


def union_triples(store: Any) -> list[ox.Triple]:
    """Every triple of every document graph once, sorted (Python objects: for small stores and tests)."""
    triples = [ox.Triple(r["s"], r["p"], r["o"]) for r in store.query(UNION_TRIPLES)]
    return sorted(triples, key=str)


def union_ntriples(store: Any) -> bytes:
    """Every triple of every document graph once, as N-Triples."""
    inner = whole_dataset(store)
    if inner is None:
        return construct_union(store)
    return b"".join(union_chunks(inner))


def union_chunks(store: ox.Store) -> Iterator[bytes]:
    """The N-Triples lines of each document graph not seen in an earlier one, graph by graph.

    Each line comes once, in graph-name order, so the same store gives the same bytes; a
    chunk is yielded as soon as its graph is read, so a consumer works while the reader
    threads go on (the Turtle export: ~8 s instead of ~9.5 s for 1M triples on 2 cores).
    """
    return new_lines(graph_ntriples(store))


def new_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Each chunk of N-Triples lines without the lines an earlier chunk had (the union of graphs).

    A triple shared by several document graphs (a unit's label, the extraction run) is
    kept where it first comes; the output depends only on the chunks' order.
    """
    seen: set[bytes] = set()
    for nt in chunks:
        new = [line for line in nt.splitlines() if line not in seen]
        if new:
            seen.update(new)
            yield b"\n".join(new) + b"\n"


def streamed_turtle(ntriples: Iterable[bytes], output: str | IO[bytes] | None = None) -> bytes | None:
    """N-Triples chunks (each triple once) as one Turtle document with the policykg prefixes,
    parsed and written chunk by chunk in Rust: memory holds one chunk, not the graph."""
    triples = (t for chunk in ntriples for t in ox.parse(chunk, ox.RdfFormat.N_TRIPLES))
    return ox.serialize(triples, output, ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def construct_union(store: Any) -> bytes:
    """The union as N-Triples from one ``CONSTRUCT`` (or SELECT) through the store's own query."""
    found = store.query(UNION_CONSTRUCT)  # through the store's own query: a view sees only its graphs
    if isinstance(found, ox.QueryTriples):
        return found.serialize(format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(union_triples(store), format=ox.RdfFormat.N_TRIPLES)


def quads(store: Any) -> list[ox.Quad]:
    """Every quad, sorted by graph then triple (byte-stable N-Quads/TriG)."""
    if hasattr(store, "quads"):
        found = list(store.quads())
    else:
        found = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in store.query(ALL_QUADS)]
    return sorted(found, key=lambda q: (str(q.graph_name), str(q.triple)))


def write_rdf(store: Any, fmt: str, output: Output = None) -> bytes | None:
    """The store in one of the RDF formats (ttl, trig, nt, nq, jsonld), to ``output`` or as bytes."""
    if fmt == "jsonld":
        data = jsonld_bytes(union_ntriples(store))
    elif fmt == "ttl":
        return turtle(store, output)
    elif fmt == "nt":
        data = union_ntriples(store)
    else:
        inner = whole_dataset(store)
        prefixes = PREFIXES if fmt == "trig" else None
        if inner is not None:
            return inner.dump(output, RDF_FORMATS[fmt], prefixes=prefixes)
        data = ox.serialize(quads(store), format=RDF_FORMATS[fmt], prefixes=prefixes)
    if output is None:
        return data
    if isinstance(output, (str, Path)):
        Path(output).write_bytes(data)
    else:
        output.write(data)
    return None


def ntriples_to_turtle(documents: Iterable[str | bytes], output: Output = None) -> bytes | None:
    """Several documents' N-Triples (``graph.document_ntriples``) merged into one Turtle file,
    each triple once, subjects grouped, policykg prefixes, the same bytes whatever order the
    documents come in: parsed and written in Rust (an rdflib merge of the same text costs
    seconds per thousand documents)."""
    union = ox.Store()
    for nt in sorted(documents):  # the in-memory store writes in insertion order: load in a canonical one
        union.load(nt, ox.RdfFormat.N_TRIPLES)
    return union.dump(output, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)


def rdf_bytes(store: Any, fmt: str) -> bytes:
    """The store in one of the RDF formats (ttl, trig, nt, nq, jsonld) as bytes."""
    data = write_rdf(store, fmt)
    assert data is not None
    return data


def jsonld_bytes(ntriples: bytes) -> bytes:
    """Compacted JSON-LD with the shipped @context (rdflib), from N-Triples."""
    from rdflib import Graph

    g = Graph().parse(data=ntriples.decode("utf-8"), format="nt")
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
    """Write the store to ``output`` in ``fmt`` (one of FORMATS), atomically: readers never see half a file."""
    if fmt not in FORMATS:
        raise PolicyKGError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp")
    try:
        if fmt == "graphml":
            from .networkx_view import project, write_graphml

            write_graphml(project(store), tmp)
        elif fmt == "csv":
            tmp.write_bytes(tasks_csv(store))
        else:
            write_rdf(store, fmt, tmp)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
