"""The ontology: parses everywhere, documents every term in Chinese and English, and
lists exactly the terms ``vocab.PKG`` lets the code use."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, Graph, Literal
from rdflib.namespace import RDFS, SKOS

from extractor.validate import ONTOLOGY, SHAPES
from extractor.vocab import PKG

NS = str(PKG._NS)
DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _pkg_terms(g: Graph) -> set[str]:
    return {str(s)[len(NS):] for kind in DECLARED for s in g.subjects(RDF.type, kind) if str(s).startswith(NS)}


def test_vocab_lists_exactly_the_ontology_terms(ontology: Graph):
    in_code = {name for name in PKG.__annotations__}
    assert in_code == _pkg_terms(ontology)


def test_every_term_has_chinese_and_english_label_and_definition(ontology: Graph):
    for name in _pkg_terms(ontology):
        term = PKG[name]
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
            assert {"zh", "en"} <= langs, (name, prop)


def test_roles_are_documented_with_what_distinguishes_them(ontology: Graph):
    cues = {"leads": "牵头", "responsibleFor": "负责", "cooperatesOn": "配合", "obligedTo": "应"}
    for name, cue in cues.items():
        zh = [str(o) for o in ontology.objects(PKG[name], SKOS.definition) if o.language == "zh"]
        assert cue in zh[0], name


def test_unknown_term_fails_loudly():
    with pytest.raises(AttributeError):
        PKG.responsibleForr  # noqa: B018


def test_ontology_and_shapes_parse_with_rdflib_and_pyoxigraph(ontology: Graph):
    for path in (ONTOLOGY, SHAPES):
        with open(path, "rb") as fh:
            ox_count = sum(1 for _ in ox.parse(fh, ox.RdfFormat.TURTLE))
        assert ox_count == len(Graph().parse(path, format="turtle")) > 100
    assert (None, RDF.type, OWL.Ontology) in ontology
