"""RDF vocabularies as typed namespaces (rdflib DefinedNamespace): a typo fails loudly.

``PKG`` is the project namespace (ontology/policykg.ttl defines every term); the W3C
vocabularies we reuse that rdflib does not ship (ELI, Web Annotation) are declared here
with only the terms we use.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "https://w3id.org/policykg/"


class PKG(DefinedNamespace):
    """policykg ontology terms (https://w3id.org/policykg/ns#)."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    Task: URIRef  # a task item: the smallest unit of text carrying one duty
    Assignment: URIRef  # qualified (unit, role, task) with deadline and evidence
    CollectiveUnit: URIRef  # 各街镇, 各成员单位: a class of units acting as an owner
    Target: URIRef  # a quantitative figure: indicator, value, unit, comparator
    Alliance: URIRef  # …联盟, …共同体
    ExtractionRun: URIRef

    leads: URIRef
    responsibleFor: URIRef
    cooperatesOn: URIRef
    obligedTo: URIRef
    assignment: URIRef  # task → Assignment
    unit: URIRef  # Assignment → unit
    task: URIRef  # Assignment → task
    role: URIRef  # Assignment → role literal (lead/responsible/cooperate/obliged)
    rule: URIRef  # the extraction rule id
    confidence: URIRef
    deadline: URIRef
    region: URIRef
    section: URIRef  # section path as read, e.g. 二(一)3
    text: URIRef  # the task text
    evidence: URIRef  # → oa:TextQuoteSelector/TextPositionSelector node
    document: URIRef  # fact → the document it was found in
    unitText: URIRef
    comparator: URIRef
    value: URIRef
    indicator: URIRef
    kind: URIRef
    baseline: URIRef
    docType: URIRef
    memberOf: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology (the terms policykg uses)."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    has_part: URIRef
    is_part_of: URIRef
    id_local: URIRef
    date_document: URIRef
    date_applicability: URIRef
    passed_by: URIRef
    cites: URIRef
    title: URIRef
    type_document: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (selectors)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    hasSource: URIRef


#: Role → the direct edge from unit to task.
ROLE_EDGE = {
    "lead": PKG.leads,
    "responsible": PKG.responsibleFor,
    "cooperate": PKG.cooperatesOn,
    "obliged": PKG.obligedTo,
}
