"""Graph: a DocumentResult as RDF, one named graph per document.

IRIs are deterministic: ``<base><type>/<slug>`` where the slug is a short hash of the
canonical key, so re-extracting a document yields the same nodes and replaces its
named graph instead of duplicating it.
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS, XSD

from . import __version__
from .models import Assignment, DocumentResult
from .vocab import BASE, ELI, OA, PKG, ROLE_EDGE


def slug(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def iri(kind: str, *key: str) -> URIRef:
    return URIRef(f"{BASE}{kind}/{slug(*key)}")


def doc_iri(doc_id: str) -> URIRef:
    return URIRef(f"{BASE}doc/{slug(doc_id)}")


def unit_iri(canonical: str) -> URIRef:
    return iri("unit", canonical)


def bind_prefixes(g: Graph) -> None:
    g.bind("pkg", str(PKG._NS))
    g.bind("eli", str(ELI._NS))
    g.bind("oa", str(OA._NS))
    g.bind("org", str(ORG))
    g.bind("skos", str(SKOS))
    g.bind("prov", str(PROV))
    g.bind("dcterms", str(DCTERMS))
    for kind in ("doc", "unit", "task", "assignment", "selector", "run"):
        g.bind(kind, f"{BASE}{kind}/")


def _add_selector(g: Graph, subject: URIRef, doc: URIRef, start: int, end: int, exact: str, key: str) -> None:
    sel = iri("selector", key, str(start), str(end))
    g.add((subject, PKG.evidence, sel))
    g.add((sel, RDF.type, OA.TextPositionSelector))
    g.add((sel, RDF.type, OA.TextQuoteSelector))
    g.add((sel, OA.hasSource, doc))
    g.add((sel, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((sel, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((sel, OA.exact, Literal(exact)))


def add_assignment(g: Graph, doc: URIRef, a: Assignment) -> None:
    unit = unit_iri(a.unit)
    task = iri("task", a.doc_id, str(a.start), str(a.end))
    node = iri("assignment", a.doc_id, a.unit, a.role.value, str(a.start), str(a.end))
    is_collective = a.unit.startswith("各")
    g.add((unit, RDF.type, PKG.CollectiveUnit if is_collective else ORG.Organization))
    g.add((unit, SKOS.prefLabel, Literal(a.unit, lang="zh")))
    if a.unit_text != a.unit:
        g.add((unit, SKOS.altLabel, Literal(a.unit_text, lang="zh")))
    g.add((task, RDF.type, PKG.Task))
    g.add((task, PKG.text, Literal(a.task, lang="zh")))
    g.add((task, PKG.document, doc))
    if a.section:
        g.add((task, PKG.section, Literal(a.section)))
    g.add((unit, ROLE_EDGE[a.role.value], task))
    g.add((node, RDF.type, PKG.Assignment))
    g.add((node, PKG.unit, unit))
    g.add((node, PKG.task, task))
    g.add((node, PKG.role, Literal(a.role.value)))
    g.add((node, PKG.unitText, Literal(a.unit_text, lang="zh")))
    g.add((node, PKG.rule, Literal(a.rule)))
    g.add((node, PKG.confidence, Literal(round(a.confidence, 3), datatype=XSD.decimal)))
    g.add((node, PKG.document, doc))
    g.add((node, PROV.wasDerivedFrom, doc))
    if a.deadline:
        g.add((node, PKG.deadline, Literal(a.deadline)))
    _add_selector(g, node, doc, a.evidence_start, a.evidence_end, a.evidence, a.doc_id)
    _add_selector(g, task, doc, a.start, a.end, a.task, a.doc_id)


def document_graph(result: DocumentResult, graph: Graph | None = None) -> Graph:
    """The RDF of one document (its named graph's content)."""
    g = graph if graph is not None else Graph()
    bind_prefixes(g)
    doc = doc_iri(result.doc_id)
    meta = result.structure.meta
    g.add((doc, RDF.type, ELI.LegalResource))
    g.add((doc, DCTERMS.identifier, Literal(result.doc_id)))
    g.add((doc, DCTERMS.source, Literal(result.document.path)))
    if meta.title:
        g.add((doc, ELI.title, Literal(meta.title, lang="zh")))
    if meta.doc_number:
        g.add((doc, ELI.id_local, Literal(meta.doc_number)))
    if meta.doc_type:
        g.add((doc, PKG.docType, Literal(meta.doc_type, lang="zh")))
    if meta.region:
        g.add((doc, PKG.region, Literal(meta.region, lang="zh")))
    if meta.issue_date:
        g.add((doc, ELI.date_document, Literal(meta.issue_date, datatype=XSD.date if len(meta.issue_date) == 10 else XSD.string)))
    run = URIRef(f"{BASE}run/policykg-{__version__}")
    g.add((doc, PROV.wasGeneratedBy, run))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, RDF.type, PKG.ExtractionRun))
    for a in result.assignments:
        add_assignment(g, doc, a)
    return g


def dataset(results: list[DocumentResult]) -> Dataset:
    """All documents, each in its own named graph (named by the document IRI)."""
    ds = Dataset()
    bind_prefixes(ds)
    for r in results:
        document_graph(r, ds.graph(doc_iri(r.doc_id)))
    return ds


def merged_graph(results: list[DocumentResult]) -> Graph:
    g = Graph()
    for r in results:
        document_graph(r, g)
    return g
