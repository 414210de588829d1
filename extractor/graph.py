"""Graph: a DocumentResult as RDF, one named graph per document.

IRIs are deterministic and shaped ``<BASE><kind>/<slug>`` (see :func:`node`), so
re-extracting a document yields the same nodes and replaces its named graph instead of
duplicating it.  Every fact (assignment, task, target, citation, membership, mention)
carries ``pkg:document``, ``prov:wasGeneratedBy`` the extraction run, and ``pkg:evidence``:
a Web Annotation position + quote selector on the document (and the PDF page when the
source has pages).

The writer emits N-Triples lines (``extractor.ntriples``), not rdflib triples: building
the graph in rdflib cost more than the rest of the pipeline.  :func:`document_ntriples`
/ :func:`document_nquads` are the canonical sorted text, :func:`document_quads` the
pyoxigraph quads (parsed in Rust), and :func:`document_graph` an rdflib view of the same
triples for pyshacl, JSON-LD and tests.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from . import __version__
from .models import Assignment, Citation, DocumentResult, EntitySpan, Membership, Section, SubOrganization, Target
from .ntriples import Terms, checked_iri, integer, lang, plain, typed
from .relations.unowned import unowned_items
from .units import is_collective
from .vocab import BASE, ELI, OA, PKG, PREFIXES, ROLE_EDGE

#: A slug that is readable and safe as the local part of a Turtle/SPARQL prefixed name.
READABLE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")

#: 文号 brackets as written (〔〕 [] （） 【】 ()) → the GB/T 9704 form 〔〕, e.g. 长学办[2010]03号 → 长学办〔2010〕03号.
DOC_NUMBER_BRACKETS = re.compile(r"[\[（【(〔]\s*(\d{4})\s*[\]）】)〕]")

#: A deadline as the relations stage writes it: ISO date, year-month, year, or an ISO interval A/B.
ISO_DEADLINE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

RUN = URIRef(f"{BASE}run/v{__version__.replace('.', '-')}")
AGENT = URIRef(f"{BASE}agent/policykg")

# the vocabularies as N-Triples terms (``pkg.Task`` is ``"<https://w3id.org/policykg/ns#Task>"``)
pkg, eli, oa, org, prov = Terms(PKG), Terms(ELI), Terms(OA), Terms(ORG), Terms(PROV)
rdf, rdfs, skos, owltime, dcterms = Terms(RDF), Terms(RDFS), Terms(SKOS), Terms(TIME), Terms(DCTERMS)
ROLE_PREDICATE = {role: f"<{edge}>" for role, edge in ROLE_EDGE.items()}
XSD_DATE, XSD_GYEARMONTH, XSD_GYEAR, XSD_DECIMAL = str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear), str(XSD.decimal)
#: the owl-time property holding an instant's value, by the value's datatype
INSTANT_PROPERTY = {XSD_DATE: owltime.inXSDDate, XSD_GYEARMONTH: owltime.inXSDgYearMonth, XSD_GYEAR: owltime.inXSDgYear}


def slug(*parts: str) -> str:
    """A stable slug of the canonical key: ``h`` + 16 hex digits of its SHA-1.

    The leading letter keeps it a valid prefixed-name local part for every writer
    (rdflib will not abbreviate a local name that starts with a digit).
    """
    return "h" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def node_value(kind: str, *key: str) -> str:
    """The IRI string of a node of ``kind`` with canonical ``key`` (see :func:`node`)."""
    return f"{BASE}{kind}/{slug(*key)}"


def node(kind: str, *key: str) -> URIRef:
    """``<BASE><kind>/<slug(key)>``: the IRI of a node of ``kind`` with canonical ``key``."""
    return URIRef(node_value(kind, *key))


def _node(kind: str, *key: str) -> str:
    """:func:`node` as an N-Triples term, for the writer."""
    return f"<{BASE}{kind}/{slug(*key)}>"


# kept for callers of the skeleton API
iri = node


def doc_value(doc_id: str) -> str:
    """The document IRI string: readable (``doc:d-<id>``) when the id is ASCII-safe."""
    if READABLE_SLUG.fullmatch(doc_id):
        return f"{BASE}doc/d-{doc_id}"
    return node_value("doc", doc_id)


def doc_iri(doc_id: str) -> URIRef:
    """The document node and the name of its graph; readable (``doc:d-<id>``) when the id is ASCII-safe."""
    return URIRef(doc_value(doc_id))


def unit_iri(canonical: str) -> URIRef:
    return node("unit", canonical)


@lru_cache(maxsize=65_536)
def _unit(canonical: str) -> str:
    """A unit's N-Triples IRI, cached: the same units recur in every fact of a document."""
    return _node("unit", canonical)


def indicator_value(indicator_id: str) -> str:
    """The indicator concept (ontology/indicators.ttl): ``<BASE>indicator/<id>`` or the id when it is an IRI."""
    if indicator_id.startswith(("http://", "https://")):
        return indicator_id
    if READABLE_SLUG.fullmatch(indicator_id):
        return f"{BASE}indicator/{indicator_id}"
    return node_value("indicator", indicator_id)


def indicator_iri(indicator_id: str) -> URIRef:
    return URIRef(indicator_value(indicator_id))


@lru_cache(maxsize=4_096)
def _indicator(indicator_id: str) -> str:
    return checked_iri(indicator_value(indicator_id))


def normalize_doc_number(number: str) -> str:
    """文号 without spaces and with 〔〕 brackets, so 教职成[2016]4号 and 教职成〔2016〕4号 are one key."""
    return DOC_NUMBER_BRACKETS.sub(r"〔\1〕", re.sub(r"\s+", "", number))


def cited_doc_value(doc_number: str | None, title: str | None) -> str:
    if doc_number:
        return node_value("doc", "number", normalize_doc_number(doc_number))
    return node_value("doc", "title", re.sub(r"\s+", "", title or ""))


def cited_doc_iri(doc_number: str | None, title: str | None) -> URIRef:
    """A cited document, keyed by its normalised 文号, or by its title (whitespace removed) without one."""
    return URIRef(cited_doc_value(doc_number, title))


def bind_prefixes(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


def decimal_literal(value: float) -> str:
    """xsd:decimal of a float without binary noise (0.1 → 0.1, 14000.0 → 14000, 1e-07 → 0.0000001)."""
    number = Decimal(repr(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return typed(format(number, "f"), XSD_DECIMAL)


def date_datatype(text: str) -> str | None:
    """The most precise XSD date type ``text`` fits (xsd:date, gYearMonth, gYear), or None."""
    m = ISO_DEADLINE.fullmatch(text)
    if m is None:
        return None
    return XSD_DATE if m.group(3) else XSD_GYEARMONTH if m.group(2) else XSD_GYEAR


def date_literal(text: str) -> str:
    """A date as the most precise XSD type it fits, else a plain string (N-Triples)."""
    datatype = date_datatype(text)
    return plain(text) if datatype is None else typed(text, datatype)


class _Writer:
    """Writes one document's facts as N-Triples lines; holds what every fact shares (doc node, pages).

    ``lines`` is an insertion-ordered set: a unit or selector shared by many facts is
    written once.
    """

    def __init__(self, result: DocumentResult) -> None:
        self.lines: dict[str, None] = {}
        self.written: set[tuple] = set()  # units and selectors already described in full
        self.result = result
        self.doc_id = result.doc_id
        self.doc = f"<{doc_value(result.doc_id)}>"
        self.offsets = result.document.offsets

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} .\n"] = None

    def instant(self, text: str) -> str:
        inst = _node("period", "instant", text)
        datatype = date_datatype(text)
        self.add(inst, rdf.type, owltime.Instant)
        self.add(inst, INSTANT_PROPERTY[datatype], typed(text, datatype))
        return inst

    def deadline(self, subject: str, deadline: str | None) -> None:
        """``pkg:deadline`` (typed where possible); an ISO interval ``A/B`` also becomes a time:Interval."""
        if not deadline:
            return
        add = self.add
        begin, sep, end = deadline.partition("/")
        if sep and ISO_DEADLINE.fullmatch(begin) and ISO_DEADLINE.fullmatch(end):
            period = _node("period", deadline)
            add(subject, pkg.period, period)
            add(period, rdf.type, owltime.Interval)
            add(period, owltime.hasBeginning, self.instant(begin))
            add(period, owltime.hasEnd, self.instant(end))
            add(subject, pkg.deadline, date_literal(end))
        else:
            add(subject, pkg.deadline, date_literal(deadline))

    def evidence(self, subject: str, start: int, end: int, exact: str) -> None:
        """Link ``subject`` to the words it rests on: one node that is both a Web Annotation
        TextPositionSelector (start, end) and TextQuoteSelector (exact), on ``oa:hasSource``
        the document — shared by every fact resting on the same words.

        Offsets and pages are xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores the
        derived integer types as xsd:integer, and the graph must read back as it was written.
        """
        lines = self.lines
        sel = _node("selector", self.doc_id, str(start), str(end), exact)
        lines[f"{subject} {pkg.evidence} {sel} .\n"] = None
        if sel in self.written:
            return
        self.written.add(sel)
        # one selector = seven lines, written inline (the writer's hottest spot)
        lines[f"{sel} {oa.hasSource} {self.doc} .\n"] = None
        lines[f"{sel} {rdf.type} {oa.TextPositionSelector} .\n"] = None
        lines[f"{sel} {rdf.type} {oa.TextQuoteSelector} .\n"] = None
        lines[f"{sel} {oa.start} {integer(start)} .\n"] = None
        lines[f"{sel} {oa.end} {integer(end)} .\n"] = None
        lines[f"{sel} {oa.exact} {plain(exact)} .\n"] = None
        if self.offsets.page_starts:
            page = self.offsets.position(start).page
            if page:
                lines[f"{sel} {pkg.page} {integer(page)} .\n"] = None

    def fact(self, subject: str, cls: str) -> None:
        lines, doc = self.lines, self.doc
        lines[f"{subject} {rdf.type} {cls} .\n"] = None
        lines[f"{subject} {pkg.document} {doc} .\n"] = None
        lines[f"{subject} {prov.wasDerivedFrom} {doc} .\n"] = None
        lines[f"{subject} {prov.wasGeneratedBy} {RUN_NT} .\n"] = None

    def unit(self, canonical: str, written: str | None = None, cls: str | None = None) -> str:
        unit = _unit(canonical)
        key = (unit, written, cls)
        if key in self.written:
            return unit
        self.written.add(key)
        add = self.add
        add(unit, rdf.type, cls or (pkg.CollectiveUnit if is_collective(canonical) else org.Organization))
        if cls == pkg.Alliance:
            add(unit, rdf.type, org.Organization)
        add(unit, skos.prefLabel, lang(canonical))
        if written and written != canonical:
            add(unit, skos.altLabel, lang(written))
        return unit

    def document(self) -> None:
        add, doc, meta = self.add, self.doc, self.result.structure.meta
        add(doc, rdf.type, eli.LegalResource)
        add(doc, rdf.type, pkg.SourceDocument)
        add(doc, dcterms.identifier, plain(self.doc_id))
        add(doc, dcterms.source, plain(self.result.document.path))
        add(doc, dcterms.format, plain(self.result.document.format))
        add(doc, prov.wasGeneratedBy, RUN_NT)
        # DocumentMeta field → (predicate, how its value becomes an RDF term); empty fields are left out
        optional = (
            ("title", eli.title, lang), ("doc_number", eli.id_local, plain), ("doc_type", pkg.docType, lang),
            ("region", pkg.region, lang), ("issue_date", eli.date_document, date_literal),
            ("effective_date", eli.date_applicability, date_literal), ("signer", pkg.signer, plain),
            ("printed_by", dcterms.publisher, self.unit), ("print_date", eli.date_publication, date_literal),
            ("expiry_date", eli.date_no_longer_in_force, date_literal), ("disclosure", dcterms.accessRights, lang),
            ("subtitle", dcterms.alternative, lang),
        )
        for field_name, predicate, term in optional:
            value = getattr(meta, field_name)
            if value:
                add(doc, predicate, term(value))
        for field_name, predicate in (("issuers", eli.passed_by), ("recipients", pkg.addressedTo),
                                      ("cc", pkg.copiedTo)):
            for name in getattr(meta, field_name):
                add(doc, predicate, self.unit(name))
        self.parts()

    def parts(self) -> None:
        """Attachments and the plan a notice issues as ``eli:has_part``: from the structure's
        parts (with the title's span as evidence) or, without them, the 附件说明 titles."""
        add, doc = self.add, self.doc
        parts = getattr(self.result.structure, "parts", None) or []
        found = [(p.title, p.title_start, p.title_end) for p in parts]
        if not found:
            found = [(title, -1, -1) for title in self.result.structure.meta.attachments]
        for i, (title, start, end) in enumerate(found, 1):
            part = _node("doc", self.doc_id, "part", str(i), title)
            add(part, rdf.type, eli.LegalResource)
            add(part, eli.title, lang(title))
            add(part, eli.is_part_of, doc)
            add(doc, eli.has_part, part)
            if 0 <= start < end:
                self.evidence(part, start, end, self.result.document.text[start:end])

    def run(self) -> None:
        add = self.add
        add(RUN_NT, rdf.type, prov.Activity)
        add(RUN_NT, rdf.type, pkg.ExtractionRun)
        add(RUN_NT, pkg.version, plain(__version__))
        add(RUN_NT, prov.wasAssociatedWith, AGENT_NT)
        add(AGENT_NT, rdf.type, prov.SoftwareAgent)
        add(AGENT_NT, rdfs.label, plain("policykg"))

    def assignment(self, a: Assignment) -> None:
        add = self.add
        unit = self.unit(a.unit, a.unit_text)
        task = _node("task", a.doc_id, str(a.start), str(a.end))
        self.fact(task, pkg.Task)
        add(task, pkg.text, lang(a.task))
        if a.section:
            add(task, pkg.section, plain(a.section))
        self.evidence(task, a.start, a.end, a.task)
        add(unit, ROLE_PREDICATE[a.role.value], task)
        n = _node("assignment", a.doc_id, a.unit, a.role.value, str(a.start), str(a.end))
        self.fact(n, pkg.Assignment)
        add(n, pkg.unit, unit)
        add(n, pkg.task, task)
        add(n, pkg.role, plain(a.role.value))
        add(n, pkg.unitText, lang(a.unit_text))
        if a.rule:
            add(n, pkg.rule, plain(a.rule))
        add(n, pkg.confidence, decimal_literal(round(a.confidence, 3)))
        self.deadline(n, a.deadline)
        self.evidence(n, a.evidence_start, a.evidence_end, a.evidence)

    def unowned_task(self, section: Section, start: int, end: int) -> None:
        """A task item no assignment reaches: a ``pkg:Task`` with no owner edge, so the
        named query ``unowned_tasks`` finds it next to tasks with only cooperating units."""
        task = _node("task", self.doc_id, str(start), str(end))
        text = self.result.document.text[start:end]
        self.fact(task, pkg.Task)
        self.add(task, pkg.text, lang(text))
        if section.label:
            self.add(task, pkg.section, plain(section.label))
        self.evidence(task, start, end, text)

    def target(self, t: Target) -> None:
        add = self.add
        n = _node("target", t.doc_id, str(t.start), str(t.end), t.indicator, repr(t.value), t.unit_text)
        self.fact(n, pkg.Target)
        add(n, pkg.indicatorText, lang(t.indicator))
        if t.indicator_id:
            add(n, pkg.indicator, _indicator(t.indicator_id))
        if t.value is None:
            add(n, pkg.flag, plain("unreadable-value"))
        else:
            add(n, pkg.value, decimal_literal(t.value))
        if t.value_max is not None:
            add(n, pkg.valueMax, decimal_literal(t.value_max))
        if t.baseline is not None:
            add(n, pkg.baseline, decimal_literal(t.baseline))
        add(n, pkg.baseUnit, plain(t.unit))
        add(n, pkg.unitText, plain(t.unit_text))
        add(n, pkg.comparator, plain(t.comparator))
        add(n, pkg.kind, plain(t.kind.value))
        if t.region:
            add(n, pkg.region, lang(t.region))
        if t.section:
            add(n, pkg.section, plain(t.section))
        if t.rule:
            add(n, pkg.rule, plain(t.rule))
        if getattr(t, "scope", None):
            add(n, pkg.scope, lang(t.scope))
        if getattr(t, "per", None):
            add(n, pkg.per, plain(t.per))
        self.deadline(n, t.deadline)
        if getattr(t, "period_end", None) and not t.deadline:
            add(n, pkg.periodEnd, date_literal(t.period_end))
        self.evidence(n, t.start, t.end, t.evidence)

    def citation(self, c: Citation) -> None:
        add = self.add
        cited = f"<{cited_doc_value(c.doc_number, c.title)}>"
        add(cited, rdf.type, eli.LegalResource)
        if c.doc_number:
            add(cited, eli.id_local, plain(normalize_doc_number(c.doc_number)))
        if c.title:
            add(cited, eli.title, lang(c.title))
        if getattr(c, "issuer", None):
            add(cited, eli.passed_by, self.unit(c.issuer))
        add(self.doc, eli.cites, cited)
        n = _node("citation", self.doc_id, str(c.start), str(c.end))
        self.fact(n, pkg.Citation)
        add(n, pkg.citing, self.doc)
        add(n, pkg.cited, cited)
        self.evidence(n, c.start, c.end, c.evidence)

    def membership(self, m: Membership) -> None:
        add = self.add
        alliance = self.unit(m.alliance, cls=pkg.Alliance)
        member = self.unit(m.unit, m.unit_text)
        add(alliance, org.hasMember, member)
        n = _node("membership", m.doc_id, m.alliance, m.unit, m.role)
        self.fact(n, org.Membership)
        add(n, org.member, member)
        add(n, org.organization, alliance)
        add(n, pkg.role, plain(m.role))
        add(n, pkg.unitText, lang(m.unit_text))
        self.evidence(n, m.start, m.end, m.evidence)

    def sub_organization(self, s: SubOrganization) -> None:
        add = self.add
        unit = self.unit(s.unit, s.unit_text)
        parent = self.unit(s.parent, s.parent_text)
        add(unit, org.subOrganizationOf, parent)
        add(parent, org.hasSubOrganization, unit)
        n = _node("suborg", s.doc_id, s.unit, s.parent, str(s.start), str(s.end))
        self.fact(n, pkg.SubOrganizationStatement)
        add(n, pkg.unit, unit)
        add(n, pkg.parent, parent)
        self.evidence(n, s.start, s.end, s.evidence)

    def mention(self, e: EntitySpan) -> None:
        add = self.add
        cls = pkg.Alliance if e.label == "ALLIANCE" else None
        unit = self.unit(e.canonical or e.text, e.text, cls)
        n = _node("mention", self.doc_id, str(e.start), str(e.end))
        self.fact(n, pkg.Mention)
        add(n, pkg.mentions, unit)  # the words as written are the evidence's oa:exact, not repeated here
        if e.rule:
            add(n, pkg.rule, plain(e.rule))
        self.evidence(n, e.start, e.end, e.text)


RUN_NT, AGENT_NT = f"<{RUN}>", f"<{AGENT}>"


def document_lines(result: DocumentResult) -> list[str]:
    """The document's triples as sorted N-Triples lines (each ending in `` .\\n``), each once."""
    w = _Writer(result)
    w.document()
    w.run()
    for c in result.structure.meta.cited:
        w.citation(c)
    for e in result.orgs():
        w.mention(e)
    for a in result.assignments:
        w.assignment(a)
    for section, start, end in unowned_items(result.document, result.structure, result.assignments):
        w.unowned_task(section, start, end)
    for t in result.targets:
        w.target(t)
    for m in result.memberships:
        w.membership(m)
    for s in getattr(result, "sub_organizations", ()):
        w.sub_organization(s)
    return sorted(w.lines)


def document_ntriples(result: DocumentResult) -> str:
    """The document's named graph as sorted N-Triples text (UTF-8-safe, byte-stable): what
    a batch worker ships to the writer and the stores load."""
    return "".join(document_lines(result))


def document_nquads(result: DocumentResult) -> list[str]:
    """The document's named graph as sorted N-Quads lines (the canonical, byte-stable form)."""
    name = f" <{doc_value(result.doc_id)}> .\n"
    return [line[:-3] + name for line in document_lines(result)]


def document_quads(result: DocumentResult) -> list[ox.Quad]:
    """The document's named graph as pyoxigraph quads (parsed in Rust from the N-Quads)."""
    return list(ox.parse("".join(document_nquads(result)), ox.RdfFormat.N_QUADS))


def sorted_nquads(results: Iterable[DocumentResult]) -> bytes:
    """Every document as sorted N-Quads: same input and version → byte-identical output."""
    lines: list[str] = []
    for r in results:
        lines.extend(document_nquads(r))
    return "".join(sorted(lines)).encode("utf-8")


def document_graph(result: DocumentResult, graph: Graph | None = None) -> Graph:
    """The RDF of one document (its named graph's content) as an rdflib graph, for pyshacl,
    JSON-LD and tests; the same triples as :func:`document_ntriples`."""
    g = graph if graph is not None else Graph()
    bind_prefixes(g)
    g.parse(data=document_ntriples(result), format="nt")
    return g


def dataset(results: Iterable[DocumentResult]) -> Dataset:
    """All documents, each in its own named graph (named by the document IRI)."""
    ds = Dataset()
    bind_prefixes(ds)
    for r in results:
        document_graph(r, ds.graph(doc_iri(r.doc_id)))
    return ds


def merged_graph(results: Iterable[DocumentResult]) -> Graph:
    g = Graph()
    for r in results:
        document_graph(r, g)
    return g
