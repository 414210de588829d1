"""The graph writer's N-Triples text is exactly what pyoxigraph writes for the same terms,
so a document's N-Quads read back from a store are byte-identical to the ones written, and
the rdflib view holds the same triples."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal as RdfLiteral
from rdflib import URIRef

from extractor.graph import (date_literal, decimal_literal, doc_iri, document_graph, document_lines, document_nquads,
                             document_ntriples, document_quads)
from extractor.ntriples import Terms, checked_iri, integer, lang, plain, typed
from extractor.vocab import PKG

XSD_ = "http://www.w3.org/2001/XMLSchema#"


class XSD:  # rdflib's XSD namespace trips pytest's collection (it probes module globals)
    date, gYearMonth, gYear = XSD_ + "date", XSD_ + "gYearMonth", XSD_ + "gYear"
    decimal, integer = XSD_ + "decimal", XSD_ + "integer"


XSD_DATE = ox.NamedNode(XSD.date)


def test_every_escape_matches_pyoxigraph():
    for code in [*range(0x80), 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF, 0x3000, 0x1F600]:
        text = f"a{chr(code)}b"
        assert plain(text) == str(ox.Literal(text)), hex(code)
        assert lang(text) == str(ox.Literal(text, language="zh")), hex(code)
        assert typed(text, XSD.date) == str(ox.Literal(text, datatype=XSD_DATE)), hex(code)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_matches_pyoxigraph(text):
    assert plain(text) == str(ox.Literal(text))
    assert lang(text) == str(ox.Literal(text, language="zh"))


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_iris_built_from_any_text_are_valid(text):
    """The batch writer loads the workers' N-Quads without re-validating IRIs
    (``batch.TRUSTED_NQUADS``): that is safe only because every IRI built from text —
    a document id, a unit's name, a cited 文号 or title, an indicator id — is valid."""
    from extractor.graph import cited_doc_value, doc_value, indicator_value, node_value

    for value in (doc_value(text), node_value("unit", text), cited_doc_value(text, None),
                  cited_doc_value(None, text), indicator_value(text) if not text.startswith("http") else doc_value(text)):
        assert str(ox.NamedNode(value)) == f"<{value}>"


def test_a_table_row_with_tabs_is_escaped_as_oxigraph_writes_it():
    row = "7\t民生改善\t老旧住宅综合修缮改造受益户数\t万户\t>2\t约束性"  # a 十四五 indicator table row (d04)
    assert plain(row) == '"7\\t民生改善\\t老旧住宅综合修缮改造受益户数\\t万户\\t>2\\t约束性"'
    assert list(ox.parse(f"<http://a/s> <http://a/p> {plain(row)} .", ox.RdfFormat.N_TRIPLES))[0].object.value == row


@pytest.mark.parametrize("value, lexical", [(0.1, "0.1"), (14000.0, "14000"), (1e-07, "0.0000001"), (-3.0, "-3"),
                                            (0.30000000000000004, "0.30000000000000004"),
                                            (1e20, "100000000000000000000")])
def test_decimals_keep_the_lexical_form_rdflib_wrote(value, lexical):
    assert decimal_literal(value) == f'"{lexical}"^^<{XSD.decimal}>'
    number = Decimal(repr(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    assert str(RdfLiteral(number, datatype=URIRef(XSD.decimal))) == lexical  # the skeleton's rdflib form


def test_dates_take_the_most_precise_type():
    assert date_literal("2025-06-30") == f'"2025-06-30"^^<{XSD.date}>'
    assert date_literal("2025-06") == f'"2025-06"^^<{XSD.gYearMonth}>'
    assert date_literal("2025") == f'"2025"^^<{XSD.gYear}>'
    assert date_literal("长期") == '"长期"'
    assert integer(42) == f'"42"^^<{XSD.integer}>'


def test_terms_fail_loudly_on_a_misspelt_term():
    pkg = Terms(PKG)
    assert pkg.Task == f"<{PKG.Task}>"
    with pytest.raises(AttributeError):
        pkg.Tsak  # noqa: B018


def test_an_indicator_iri_from_data_is_checked():
    assert checked_iri("https://example.org/ind/1") == "<https://example.org/ind/1>"
    with pytest.raises(ValueError):
        checked_iri("https://example.org/a b")


def test_seed_nquads_are_oxigraphs_canonical_form(seed_results):
    """Parsing each document's N-Quads and writing them again with pyoxigraph gives the same bytes."""
    for result in seed_results.values():
        lines = document_nquads(result)
        assert lines == sorted(set(lines))
        again = sorted(f"{q} .\n" for q in ox.parse("".join(lines), ox.RdfFormat.N_QUADS))
        assert again == lines


def test_quads_ntriples_and_rdflib_view_hold_the_same_triples(seed_results):
    result = seed_results["002"]
    lines = document_lines(result)
    name = ox.NamedNode(str(doc_iri(result.doc_id)))
    quads = document_quads(result)
    assert len(quads) == len(lines) and {q.graph_name for q in quads} == {name}
    assert document_ntriples(result) == "".join(lines)
    g = document_graph(result)
    assert len(g) == len(lines)
    back = sorted(f"{t} .\n" for t in ox.parse(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES))
    assert back == lines


def test_the_store_reads_back_what_was_written(seed_results, tmp_path):
    from extractor.store import OxigraphStore

    store = OxigraphStore(tmp_path / "s")
    for key in ("002", "004"):
        result = seed_results[key]
        store.put_document(result)
        assert sorted(f"{q} .\n" for q in store.quads(str(doc_iri(result.doc_id)))) == document_nquads(result)
