"""RDF vocabularies as typed namespaces (rdflib DefinedNamespace): a typo fails loudly.

``PKG`` is the project namespace; ``ontology/policykg.ttl`` defines exactly these terms
(``tests/test_graph_ontology.py`` checks that the two agree).  The W3C vocabularies we
reuse that rdflib does not ship (ELI, Web Annotation) are declared here with only the
terms we use; ORG, PROV, SKOS, DCTERMS and OWL-Time come from ``rdflib.namespace``.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "https://w3id.org/policykg/"


class PKG(DefinedNamespace):
    """policykg ontology terms (https://w3id.org/policykg/ns#)."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    # classes
    SourceDocument: URIRef  # a document policykg read (an eli:LegalResource with provenance)
    Task: URIRef  # a task item: the smallest unit of text carrying one duty
    Assignment: URIRef  # qualified (unit, role, task) with deadline and evidence
    CollectiveUnit: URIRef  # 各街镇, 各成员单位: a class of units acting as an owner
    Alliance: URIRef  # …联盟, …共同体
    Target: URIRef  # a quantitative figure: indicator, value, unit, comparator
    Citation: URIRef  # qualified eli:cites with evidence
    Mention: URIRef  # a unit named in a document, with its span
    ExtractionRun: URIRef  # a prov:Activity: one version of policykg extracting a document
    SubOrganizationStatement: URIRef  # qualified org:subOrganizationOf with evidence (学促委下设学促办)

    # unit → task (direct edges)
    leads: URIRef
    responsibleFor: URIRef
    cooperatesOn: URIRef
    obligedTo: URIRef
    # qualified nodes
    unit: URIRef  # Assignment → unit
    task: URIRef  # Assignment → task
    document: URIRef  # fact → the document it was found in
    evidence: URIRef  # fact → position + quote selector on the document
    indicator: URIRef  # Target → skos:Concept of the indicator scheme
    citing: URIRef  # Citation → citing document
    cited: URIRef  # Citation → cited document
    mentions: URIRef  # Mention → unit
    addressedTo: URIRef  # document → 主送机关
    copiedTo: URIRef  # document → 抄送机关
    period: URIRef  # fact → time:Interval of a deadline period
    parent: URIRef  # SubOrganizationStatement → the parent unit
    # literals
    role: URIRef  # Assignment → lead/responsible/cooperate/obliged
    rule: URIRef  # the extraction rule id
    confidence: URIRef
    deadline: URIRef
    periodEnd: URIRef  # Target → the plan period's last year when no deadline is stated
    region: URIRef
    section: URIRef  # section path as read, e.g. 二(一)3
    text: URIRef  # the task text
    unitText: URIRef  # a unit or a measurement unit as written
    baseUnit: URIRef  # the target's unit after normalisation (平方米, %, 人)
    comparator: URIRef
    value: URIRef
    valueMax: URIRef
    baseline: URIRef
    kind: URIRef  # target / stat / projection
    indicatorText: URIRef  # the indicator as written
    docType: URIRef  # 通知, 规划, 实施意见…
    version: URIRef  # of the extraction run
    page: URIRef  # 1-based PDF page of an evidence span
    flag: URIRef  # a value policykg could not read safely (never guessed)
    scope: URIRef  # what a target applies to: 每街镇, 各街道
    per: URIRef  # a target's rate period: 年 for 每年…/年均…
    signer: URIRef  # 签发人 (a person's name, not a unit)
    # the role scheme: what each pkg:role value means (skos:Concept, notation = the value)
    Roles: URIRef
    LeadRole: URIRef
    ResponsibleRole: URIRef
    CooperateRole: URIRef
    ObligedRole: URIRef


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
    date_publication: URIRef
    date_no_longer_in_force: URIRef
    passed_by: URIRef
    cites: URIRef
    title: URIRef
    type_document: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (specific resources and selectors)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


#: Role → the direct edge from unit to task.
ROLE_EDGE = {
    "lead": PKG.leads,
    "responsible": PKG.responsibleFor,
    "cooperate": PKG.cooperatesOn,
    "obliged": PKG.obligedTo,
}

#: Prefixes bound in every serialisation (Turtle, TriG, JSON-LD context, SPARQL).
PREFIXES = {
    "pkg": str(PKG._NS),
    "eli": str(ELI._NS),
    "oa": str(OA._NS),
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

#: The kinds of node IRIs (``<BASE><kind>/<slug>``); each is bound as a prefix.
IRI_KINDS = ("doc", "unit", "task", "assignment", "target", "citation", "membership", "mention", "suborg",
             "selector", "period", "indicator", "run", "agent")

for _kind in IRI_KINDS:
    PREFIXES[_kind] = f"{BASE}{_kind}/"
