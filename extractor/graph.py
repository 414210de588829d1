"""Graph: a DocumentResult as RDF, one named graph per document.

IRIs are deterministic and shaped ``<BASE><kind>/<slug>`` (see :func:`node`), so
re-extracting a document yields the same nodes and replaces its named graph instead of
duplicating it.  Every fact (assignment, task, target, citation, membership, mention)
carries ``pkg:document``, ``prov:wasGeneratedBy`` the extraction run, and ``pkg:evidence``:
a Web Annotation position + quote selector on the document (and the PDF page when the
source has pages).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from typing import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from . import __version__
from .models import Assignment, Citation, DocumentResult, EntitySpan, Membership, SubOrganization, Target
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


def slug(*parts: str) -> str:
    """A stable slug of the canonical key: ``h`` + 16 hex digits of its SHA-1.

    The leading letter keeps it a valid prefixed-name local part for every writer
    (rdflib will not abbreviate a local name that starts with a digit).
    """
    return "h" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def node(kind: str, *key: str) -> URIRef:
    """``<BASE><kind>/<slug(key)>``: the IRI of a node of ``kind`` with canonical ``key``."""
    return URIRef(f"{BASE}{kind}/{slug(*key)}")


# kept for callers of the skeleton API
iri = node


def doc_iri(doc_id: str) -> URIRef:
    """The document node and the name of its graph; readable (``doc:d-<id>``) when the id is ASCII-safe."""
    if READABLE_SLUG.fullmatch(doc_id):
        return URIRef(f"{BASE}doc/d-{doc_id}")
    return node("doc", doc_id)


def unit_iri(canonical: str) -> URIRef:
    return node("unit", canonical)


def indicator_iri(indicator_id: str) -> URIRef:
    """The indicator concept (ontology/indicators.ttl): ``<BASE>indicator/<id>`` or the id when it is an IRI."""
    if indicator_id.startswith(("http://", "https://")):
        return URIRef(indicator_id)
    if READABLE_SLUG.fullmatch(indicator_id):
        return URIRef(f"{BASE}indicator/{indicator_id}")
    return node("indicator", indicator_id)


def normalize_doc_number(number: str) -> str:
    """文号 without spaces and with 〔〕 brackets, so 教职成[2016]4号 and 教职成〔2016〕4号 are one key."""
    return DOC_NUMBER_BRACKETS.sub(r"〔\1〕", re.sub(r"\s+", "", number))


def cited_doc_iri(doc_number: str | None, title: str | None) -> URIRef:
    """A cited document, keyed by its normalised 文号, or by its title (whitespace removed) without one."""
    if doc_number:
        return node("doc", "number", normalize_doc_number(doc_number))
    return node("doc", "title", re.sub(r"\s+", "", title or ""))


def bind_prefixes(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


def decimal_literal(value: float) -> Literal:
    """xsd:decimal of a float without binary noise (0.1 → 0.1, 14000.0 → 14000)."""
    number = Decimal(repr(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return Literal(number, datatype=XSD.decimal)


def date_literal(text: str) -> Literal:
    """A date as the most precise XSD type it fits (xsd:date, gYearMonth, gYear), else a plain string."""
    m = ISO_DEADLINE.fullmatch(text)
    if m is None:
        return Literal(text)
    if m.group(3):
        return Literal(text, datatype=XSD.date)
    if m.group(2):
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


def _instant(g: Graph, text: str) -> URIRef:
    inst = node("period", "instant", text)
    lit = date_literal(text)
    g.add((inst, RDF.type, TIME.Instant))
    prop = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.gYear: TIME.inXSDgYear}
    g.add((inst, prop[lit.datatype], lit))
    return inst


def add_deadline(g: Graph, subject: URIRef, deadline: str | None) -> None:
    """``pkg:deadline`` (typed where possible); an ISO interval ``A/B`` also becomes a time:Interval."""
    if not deadline:
        return
    begin, sep, end = deadline.partition("/")
    if sep and ISO_DEADLINE.fullmatch(begin) and ISO_DEADLINE.fullmatch(end):
        period = node("period", deadline)
        g.add((subject, PKG.period, period))
        g.add((period, RDF.type, TIME.Interval))
        g.add((period, TIME.hasBeginning, _instant(g, begin)))
        g.add((period, TIME.hasEnd, _instant(g, end)))
        g.add((subject, PKG.deadline, date_literal(end)))
    else:
        g.add((subject, PKG.deadline, date_literal(deadline)))


class _Writer:
    """Writes one document's facts into ``g``; holds what every fact shares (doc node, pages)."""

    def __init__(self, g: Graph, result: DocumentResult) -> None:
        self.g = g
        self.result = result
        self.doc_id = result.doc_id
        self.doc = doc_iri(result.doc_id)
        self.offsets = result.document.offsets

    def evidence(self, subject: URIRef, start: int, end: int, exact: str) -> None:
        """Link ``subject`` to the words it rests on: one node that is both a Web Annotation
        TextPositionSelector (start, end) and TextQuoteSelector (exact), on ``oa:hasSource``
        the document — shared by every fact resting on the same words.

        Offsets and pages are xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores the
        derived integer types as xsd:integer, and the graph must read back as it was written.
        """
        g = self.g
        sel = node("selector", self.doc_id, str(start), str(end), exact)
        g.add((subject, PKG.evidence, sel))
        g.add((sel, OA.hasSource, self.doc))
        g.add((sel, RDF.type, OA.TextPositionSelector))
        g.add((sel, RDF.type, OA.TextQuoteSelector))
        g.add((sel, OA.start, Literal(start, datatype=XSD.integer)))
        g.add((sel, OA.end, Literal(end, datatype=XSD.integer)))
        g.add((sel, OA.exact, Literal(exact)))
        if self.offsets.page_starts:
            page = self.offsets.position(start).page
            if page:
                g.add((sel, PKG.page, Literal(page, datatype=XSD.integer)))

    def fact(self, subject: URIRef, cls: URIRef) -> None:
        g = self.g
        g.add((subject, RDF.type, cls))
        g.add((subject, PKG.document, self.doc))
        g.add((subject, PROV.wasDerivedFrom, self.doc))
        g.add((subject, PROV.wasGeneratedBy, RUN))

    def unit(self, canonical: str, written: str | None = None, cls: URIRef | None = None) -> URIRef:
        g = self.g
        unit = unit_iri(canonical)
        g.add((unit, RDF.type, cls or (PKG.CollectiveUnit if is_collective(canonical) else ORG.Organization)))
        if cls == PKG.Alliance:
            g.add((unit, RDF.type, ORG.Organization))
        g.add((unit, SKOS.prefLabel, Literal(canonical, lang="zh")))
        if written and written != canonical:
            g.add((unit, SKOS.altLabel, Literal(written, lang="zh")))
        return unit

    def document(self) -> None:
        g, doc, meta = self.g, self.doc, self.result.structure.meta
        g.add((doc, RDF.type, ELI.LegalResource))
        g.add((doc, RDF.type, PKG.SourceDocument))
        g.add((doc, DCTERMS.identifier, Literal(self.doc_id)))
        g.add((doc, DCTERMS.source, Literal(self.result.document.path)))
        g.add((doc, DCTERMS.format, Literal(self.result.document.format)))
        g.add((doc, PROV.wasGeneratedBy, RUN))
        def zh(value: str) -> Literal:
            return Literal(value, lang="zh")

        plain = Literal
        # DocumentMeta field → (predicate, how its value becomes an RDF term); empty fields are left out
        optional = (
            ("title", ELI.title, zh), ("doc_number", ELI.id_local, plain), ("doc_type", PKG.docType, zh),
            ("region", PKG.region, zh), ("issue_date", ELI.date_document, date_literal),
            ("effective_date", ELI.date_applicability, date_literal), ("signer", PKG.signer, plain),
            ("printed_by", DCTERMS.publisher, self.unit), ("print_date", ELI.date_publication, date_literal),
            ("expiry_date", ELI.date_no_longer_in_force, date_literal), ("disclosure", DCTERMS.accessRights, zh),
            ("subtitle", DCTERMS.alternative, zh),
        )
        for field_name, predicate, term in optional:
            value = getattr(meta, field_name)
            if value:
                g.add((doc, predicate, term(value)))
        for field_name, predicate in (("issuers", ELI.passed_by), ("recipients", PKG.addressedTo), ("cc", PKG.copiedTo)):
            for name in getattr(meta, field_name):
                g.add((doc, predicate, self.unit(name)))
        self.parts()

    def parts(self) -> None:
        """Attachments and the plan a notice issues as ``eli:has_part``: from the structure's
        parts (with the title's span as evidence) or, without them, the 附件说明 titles."""
        g, doc = self.g, self.doc
        parts = getattr(self.result.structure, "parts", None) or []
        found = [(p.title, p.title_start, p.title_end) for p in parts]
        if not found:
            found = [(title, -1, -1) for title in self.result.structure.meta.attachments]
        for i, (title, start, end) in enumerate(found, 1):
            part = node("doc", self.doc_id, "part", str(i), title)
            g.add((part, RDF.type, ELI.LegalResource))
            g.add((part, ELI.title, Literal(title, lang="zh")))
            g.add((part, ELI.is_part_of, doc))
            g.add((doc, ELI.has_part, part))
            if 0 <= start < end:
                self.evidence(part, start, end, self.result.document.text[start:end])

    def run(self) -> None:
        g = self.g
        g.add((RUN, RDF.type, PROV.Activity))
        g.add((RUN, RDF.type, PKG.ExtractionRun))
        g.add((RUN, PKG.version, Literal(__version__)))
        g.add((RUN, PROV.wasAssociatedWith, AGENT))
        g.add((AGENT, RDF.type, PROV.SoftwareAgent))
        g.add((AGENT, RDFS.label, Literal("policykg")))

    def assignment(self, a: Assignment) -> None:
        g = self.g
        unit = self.unit(a.unit, a.unit_text)
        task = node("task", a.doc_id, str(a.start), str(a.end))
        self.fact(task, PKG.Task)
        g.add((task, PKG.text, Literal(a.task, lang="zh")))
        if a.section:
            g.add((task, PKG.section, Literal(a.section)))
        self.evidence(task, a.start, a.end, a.task)
        g.add((unit, ROLE_EDGE[a.role.value], task))
        n = node("assignment", a.doc_id, a.unit, a.role.value, str(a.start), str(a.end))
        self.fact(n, PKG.Assignment)
        g.add((n, PKG.unit, unit))
        g.add((n, PKG.task, task))
        g.add((n, PKG.role, Literal(a.role.value)))
        g.add((n, PKG.unitText, Literal(a.unit_text, lang="zh")))
        if a.rule:
            g.add((n, PKG.rule, Literal(a.rule)))
        g.add((n, PKG.confidence, decimal_literal(round(a.confidence, 3))))
        add_deadline(g, n, a.deadline)
        self.evidence(n, a.evidence_start, a.evidence_end, a.evidence)

    def target(self, t: Target) -> None:
        g = self.g
        n = node("target", t.doc_id, str(t.start), str(t.end), t.indicator, repr(t.value), t.unit_text)
        self.fact(n, PKG.Target)
        g.add((n, PKG.indicatorText, Literal(t.indicator, lang="zh")))
        if t.indicator_id:
            g.add((n, PKG.indicator, indicator_iri(t.indicator_id)))
        if t.value is None:
            g.add((n, PKG.flag, Literal("unreadable-value")))
        else:
            g.add((n, PKG.value, decimal_literal(t.value)))
        if t.value_max is not None:
            g.add((n, PKG.valueMax, decimal_literal(t.value_max)))
        if t.baseline is not None:
            g.add((n, PKG.baseline, decimal_literal(t.baseline)))
        g.add((n, PKG.baseUnit, Literal(t.unit)))
        g.add((n, PKG.unitText, Literal(t.unit_text)))
        g.add((n, PKG.comparator, Literal(t.comparator)))
        g.add((n, PKG.kind, Literal(t.kind.value)))
        if t.region:
            g.add((n, PKG.region, Literal(t.region, lang="zh")))
        if t.section:
            g.add((n, PKG.section, Literal(t.section)))
        if t.rule:
            g.add((n, PKG.rule, Literal(t.rule)))
        if getattr(t, "scope", None):
            g.add((n, PKG.scope, Literal(t.scope, lang="zh")))
        if getattr(t, "per", None):
            g.add((n, PKG.per, Literal(t.per)))
        add_deadline(g, n, t.deadline)
        self.evidence(n, t.start, t.end, t.evidence)

    def citation(self, c: Citation) -> None:
        g = self.g
        cited = cited_doc_iri(c.doc_number, c.title)
        g.add((cited, RDF.type, ELI.LegalResource))
        if c.doc_number:
            g.add((cited, ELI.id_local, Literal(normalize_doc_number(c.doc_number))))
        if c.title:
            g.add((cited, ELI.title, Literal(c.title, lang="zh")))
        if getattr(c, "issuer", None):
            g.add((cited, ELI.passed_by, self.unit(c.issuer)))
        g.add((self.doc, ELI.cites, cited))
        n = node("citation", self.doc_id, str(c.start), str(c.end))
        self.fact(n, PKG.Citation)
        g.add((n, PKG.citing, self.doc))
        g.add((n, PKG.cited, cited))
        self.evidence(n, c.start, c.end, c.evidence)

    def membership(self, m: Membership) -> None:
        g = self.g
        alliance = self.unit(m.alliance, cls=PKG.Alliance)
        member = self.unit(m.unit, m.unit_text)
        g.add((alliance, ORG.hasMember, member))
        n = node("membership", m.doc_id, m.alliance, m.unit, m.role)
        self.fact(n, ORG.Membership)
        g.add((n, ORG.member, member))
        g.add((n, ORG.organization, alliance))
        g.add((n, PKG.role, Literal(m.role)))
        g.add((n, PKG.unitText, Literal(m.unit_text, lang="zh")))
        self.evidence(n, m.start, m.end, m.evidence)

    def sub_organization(self, s: SubOrganization) -> None:
        g = self.g
        unit = self.unit(s.unit, s.unit_text)
        parent = self.unit(s.parent, s.parent_text)
        g.add((unit, ORG.subOrganizationOf, parent))
        g.add((parent, ORG.hasSubOrganization, unit))
        n = node("suborg", s.doc_id, s.unit, s.parent, str(s.start), str(s.end))
        self.fact(n, PKG.SubOrganizationStatement)
        g.add((n, PKG.unit, unit))
        g.add((n, PKG.parent, parent))
        self.evidence(n, s.start, s.end, s.evidence)

    def mention(self, e: EntitySpan) -> None:
        g = self.g
        cls = PKG.Alliance if e.label == "ALLIANCE" else None
        unit = self.unit(e.canonical or e.text, e.text, cls)
        n = node("mention", self.doc_id, str(e.start), str(e.end))
        self.fact(n, PKG.Mention)
        g.add((n, PKG.mentions, unit))
        g.add((n, PKG.unitText, Literal(e.text, lang="zh")))
        if e.rule:
            g.add((n, PKG.rule, Literal(e.rule)))
        self.evidence(n, e.start, e.end, e.text)


def document_graph(result: DocumentResult, graph: Graph | None = None) -> Graph:
    """The RDF of one document (its named graph's content)."""
    g = graph if graph is not None else Graph()
    bind_prefixes(g)
    w = _Writer(g, result)
    w.document()
    w.run()
    for c in result.structure.meta.cited:
        w.citation(c)
    for e in result.orgs():
        w.mention(e)
    for a in result.assignments:
        w.assignment(a)
    for t in result.targets:
        w.target(t)
    for m in result.memberships:
        w.membership(m)
    for s in getattr(result, "sub_organizations", ()):
        w.sub_organization(s)
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


def document_nquads(result: DocumentResult) -> list[str]:
    """The document's named graph as sorted N-Quads lines (the canonical, byte-stable form)."""
    name = doc_iri(result.doc_id).n3()
    nt = document_graph(result, Graph()).serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(f"{line[:-1].rstrip()} {name} .\n" for line in nt.splitlines() if line.strip())


def sorted_nquads(results: Iterable[DocumentResult]) -> bytes:
    """Every document as sorted N-Quads: same input and version → byte-identical output."""
    lines: list[str] = []
    for r in results:
        lines.extend(document_nquads(r))
    return "".join(sorted(lines)).encode("utf-8")
