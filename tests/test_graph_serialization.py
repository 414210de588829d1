"""Deterministic IRIs and bytes: prefixed-name-safe IRIs, byte-identical sorted N-Quads,
Turtle that rdflib and pyoxigraph (and rapper when installed) read to the same count,
JSON-LD that round-trips with the shipped @context."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from conftest import SEED_002
from extractor.graph import merged_graph, sorted_nquads
from extractor.validate import CONTEXT
from extractor.vocab import BASE, IRI_KINDS

LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@pytest.fixture(scope="module")
def seed_graph(seed_results) -> Graph:
    return merged_graph(seed_results.values())


@pytest.fixture(scope="module")
def turtle(seed_graph) -> str:
    return seed_graph.serialize(format="turtle")


def test_same_input_gives_byte_identical_sorted_nquads(seed_results):
    from extractor.pipeline import extract_file

    again = dict(seed_results, **{"002": extract_file(SEED_002)})
    first, second = sorted_nquads(seed_results.values()), sorted_nquads(again.values())
    assert first == second
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) > 1000


def test_iris_are_base_kind_slug_and_prefixable(seed_graph):
    iris = {t for triple in seed_graph for t in triple if isinstance(t, URIRef)}
    ours = [str(i) for i in iris if str(i).startswith(BASE) and not str(i).startswith(BASE + "ns#")]
    assert len(ours) > 500
    for iri in ours:
        kind, _, local = iri[len(BASE):].partition("/")
        assert kind in IRI_KINDS and LOCAL_NAME.fullmatch(local), iri
    assert all(str(i).count("#") <= 1 for i in iris)


def test_turtle_abbreviates_every_policykg_iri(turtle: str):
    body = "\n".join(line for line in turtle.splitlines() if not line.startswith("@prefix"))
    assert "<https://w3id.org/policykg/" not in body


def test_turtle_parses_to_same_count_in_rdflib_and_pyoxigraph(seed_graph, turtle: str, tmp_path):
    n_rdflib = len(Graph().parse(data=turtle, format="turtle"))
    n_ox = len(list(ox.parse(turtle, ox.RdfFormat.TURTLE)))
    assert n_rdflib == n_ox == len(seed_graph)
    if shutil.which("rapper"):
        path = tmp_path / "seeds.ttl"
        path.write_text(turtle, encoding="utf-8")
        proc = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
        assert f"returned {n_ox} triples" in proc.stderr


def test_jsonld_round_trips_with_shipped_context(seed_results):
    g = merged_graph([seed_results["002"], seed_results["004"]])
    context = json.loads(CONTEXT.read_text(encoding="utf-8"))["@context"]
    data = g.serialize(format="json-ld", context=context, auto_compact=True)
    assert '"leads"' in data or '"responsibleFor"' in data  # compacted with our terms
    back = Graph().parse(data=data, format="json-ld")
    assert set(back) == set(g)
