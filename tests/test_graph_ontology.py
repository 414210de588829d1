"""The ontology: parses everywhere, documents every term in Chinese and English, and
lists exactly the terms ``vocab.PKG`` lets the code use."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from extractor.validate import ONTOLOGY, SHAPES
from extractor.vocab import PKG

NS = str(PKG._NS)
DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme, SKOS.Concept)


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
        label = SKOS.prefLabel if (term, RDF.type, SKOS.Concept) in ontology or \
            (term, RDF.type, SKOS.ConceptScheme) in ontology else RDFS.label
        for prop in (label, SKOS.definition):
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


def test_role_concepts_define_each_role_value_the_code_writes(ontology: Graph):
    """pkg:role's values are the notations of the pkg:Roles concepts: defined in both
    languages with how documents write them and what sets each apart, linked to their edge."""
    from extractor.models import Role
    from extractor.vocab import ROLE_EDGE

    concepts = set(ontology.objects(PKG.Roles, SKOS.hasTopConcept))
    notations = {str(ontology.value(c, SKOS.notation)): c for c in concepts}
    assert set(notations) == {r.value for r in Role} == set(ROLE_EDGE)
    for value, concept in notations.items():
        assert (concept, SKOS.inScheme, PKG.Roles) in ontology
        assert ontology.value(concept, RDFS.seeAlso) == ROLE_EDGE[value]
        for prop in (SKOS.prefLabel, SKOS.definition):
            assert {o.language for o in ontology.objects(concept, prop)} == {"zh", "en"}, (value, prop)
        zh = next(str(o) for o in ontology.objects(concept, SKOS.definition) if o.language == "zh")
        en = next(str(o) for o in ontology.objects(concept, SKOS.definition) if o.language == "en")
        assert "写法" in zh and "区别" in zh and "What sets it apart" in en, value
    lead_zh = next(str(o) for o in ontology.objects(notations["lead"], SKOS.definition) if o.language == "zh")
    assert "牵头单位" in lead_zh


def test_shapes_allow_exactly_the_role_notations(ontology: Graph):
    from rdflib.collection import Collection

    shapes = Graph().parse(SHAPES, format="turtle")
    SH = "http://www.w3.org/ns/shacl#"
    lists = [o for s, o in shapes.subject_objects(URIRef(SH + "in"))
             if (s, URIRef(SH + "path"), PKG.role) in shapes and (s, URIRef(SH + "minCount"), None) in shapes]
    allowed = {str(v) for v in Collection(shapes, lists[0])}
    notations = {str(ontology.value(c, SKOS.notation)) for c in ontology.objects(PKG.Roles, SKOS.hasTopConcept)}
    assert allowed == notations
