"""Every fact type in the graph: targets, citations, memberships, document metadata,
periods and PDF pages — on a small hand-built result, then validated with SHACL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS, TIME, XSD

from extractor.graph import cited_doc_iri, doc_iri, document_graph, unit_iri
from extractor.models import (Assignment, Citation, Document, DocumentMeta, DocumentResult, Membership, OffsetMap,
                              Part, Role, Structure, SubOrganization, Target, TargetKind)
from extractor.validate import validate
from extractor.vocab import BASE, ELI, OA, PKG

# sentences in the style of the seeds (002, 004): a marker, a target, an alliance
TEXT = ("（牵头单位：区社区学院）整合全区终身教育资源。\n"
        "到2025年，全区终身教育参与率达到80%以上。\n"
        "闵行区社区教育联盟由区社区学院牵头，成员单位包括区图书馆。\n"
        "根据教育部等九部门《关于进一步推进社区教育发展的意见》（教职成[2016]4号）和教职成〔2016〕4号文件。\n"
        "区学促委下设区学促办。\n附件：闵行区终身教育改革与发展“十四五”规划")


def _span(s: str) -> tuple[int, int]:
    start = TEXT.index(s)
    return start, start + len(s)


@pytest.fixture(scope="module")
def result() -> DocumentResult:
    page2 = TEXT.index("到2025年")
    doc = Document(doc_id="t01", path="t01.pdf", format="pdf", text=TEXT,
                   offsets=OffsetMap(source_offsets=list(range(len(TEXT))), source_text=TEXT, page_starts=[0, page2]))
    ts, te = _span("整合全区终身教育资源。")
    ms, me = _span("（牵头单位：区社区学院）")
    gs, ge = _span("到2025年，全区终身教育参与率达到80%以上。")
    ls, le = _span("闵行区社区教育联盟由区社区学院牵头，成员单位包括区图书馆。")
    c1s, c1e = _span("《关于进一步推进社区教育发展的意见》（教职成[2016]4号）")
    ss, se = _span("区学促委下设区学促办。")
    ps, pe = _span("闵行区终身教育改革与发展“十四五”规划")
    c2s, c2e = _span("教职成〔2016〕4号文件")
    meta = DocumentMeta(title="关于印发《闵行区终身教育改革与发展“十四五”规划》的通知", doc_type="通知",
                        doc_number="闵学委办〔2022〕2号", issuers=["闵行区学习型社会建设与终身教育促进委员会办公室"],
                        recipients=["各街镇"], issue_date="2022-03-01", attachments=["闵行区终身教育改革与发展“十四五”规划"],
                        cited=[Citation("教职成[2016]4号", "关于进一步推进社区教育发展的意见", c1s, c1e, TEXT[c1s:c1e],
                                        issuer="教育部"),
                               Citation("教职成〔2016〕4号", None, c2s, c2e, TEXT[c2s:c2e])],
                        region="上海市闵行区", year=2022, signer="张三", printed_by="闵行区学习办",
                        print_date="2022-03-02", expiry_date="2025-12-31")
    part = Part(title=TEXT[ps:pe], start=ps - 3, end=len(TEXT), title_start=ps, title_end=pe)
    return DocumentResult(
        document=doc, structure=Structure(meta=meta, parts=[part]),
        sub_organizations=[SubOrganization("t01", "闵行区学促办", "区学促办", "闵行区学促委", "区学促委", ss, se, TEXT[ss:se])],
        assignments=[Assignment("t01", "闵行区社区学院", "区社区学院", Role.LEAD, TEXT[ts:te], ts, te, TEXT[ms:me], ms, me,
                                section="一(一)", deadline="2021/2025", rule="section-marker", confidence=0.95)],
        targets=[Target("t01", "终身教育参与率", 80.0, "%", "%", ">=", TargetKind.TARGET, gs, ge, TEXT[gs:ge],
                        deadline="2025", baseline=60.5, indicator_id="participation_rate", region="上海市闵行区",
                        scope="每街镇", per="年"),
                 Target("t01", "学习点", None, "个", "个", "=", TargetKind.STAT, gs, ge, TEXT[gs:ge])],
        memberships=[Membership("t01", "闵行区社区教育联盟", "闵行区社区学院", "区社区学院", "lead", ls, le, TEXT[ls:le]),
                     Membership("t01", "闵行区社区教育联盟", "闵行区图书馆", "区图书馆", "member", ls, le, TEXT[ls:le])])


@pytest.fixture(scope="module")
def graph(result):
    return document_graph(result)


def test_hand_built_graph_conforms_to_shapes(graph):
    assert validate(graph) == []


def test_target_value_unit_comparator_deadline_baseline_indicator(graph):
    t = next(s for s in graph.subjects(PKG.indicatorText, Literal("终身教育参与率", lang="zh")))
    assert graph.value(t, PKG.value) == Literal(Decimal(80), datatype=XSD.decimal)
    assert graph.value(t, PKG.baseline) == Literal(Decimal("60.5"), datatype=XSD.decimal)
    assert graph.value(t, PKG.comparator) == Literal(">=")
    assert graph.value(t, PKG.unitText) == Literal("%")
    assert graph.value(t, PKG.deadline) == Literal("2025", datatype=XSD.gYear)
    assert graph.value(t, PKG.indicator) == URIRef(f"{BASE}indicator/participation_rate")
    assert graph.value(t, PKG.scope) == Literal("每街镇", lang="zh")
    assert graph.value(t, PKG.per) == Literal("年")


def test_unreadable_value_is_flagged_not_guessed(graph):
    t = next(graph.subjects(PKG.indicatorText, Literal("学习点", lang="zh")))
    assert graph.value(t, PKG.value) is None
    assert graph.value(t, PKG.flag) == Literal("unreadable-value")


def test_document_metadata(graph):
    doc = doc_iri("t01")
    assert graph.value(doc, ELI.id_local) == Literal("闵学委办〔2022〕2号")
    assert graph.value(doc, ELI.date_document) == Literal("2022-03-01", datatype=XSD.date)
    issuer = graph.value(doc, ELI.passed_by)
    assert graph.value(issuer, SKOS.prefLabel) == Literal("闵行区学习型社会建设与终身教育促进委员会办公室", lang="zh")
    assert (unit_iri("各街镇"), RDF.type, PKG.CollectiveUnit) in graph
    part = graph.value(doc, ELI.has_part)
    assert graph.value(part, ELI.is_part_of) == doc
    assert "十四五" in str(graph.value(part, ELI.title))
    assert graph.value(part, PKG.evidence) is not None  # the part's title span
    assert graph.value(doc, PKG.signer) == Literal("张三")
    assert graph.value(doc, ELI.date_no_longer_in_force) == Literal("2025-12-31", datatype=XSD.date)
    assert graph.value(graph.value(doc, DCTERMS.publisher), SKOS.prefLabel) == Literal("闵行区学习办", lang="zh")


def test_sub_organization_direct_edge_and_qualified_statement(graph):
    sub, parent = unit_iri("闵行区学促办"), unit_iri("闵行区学促委")
    assert (sub, ORG.subOrganizationOf, parent) in graph
    statement = next(graph.subjects(RDF.type, PKG.SubOrganizationStatement))
    assert graph.value(statement, PKG.parent) == parent
    assert graph.value(sub, SKOS.altLabel) == Literal("区学促办", lang="zh")


def test_citations_of_one_document_number_meet_in_one_node(graph):
    cited = set(graph.objects(doc_iri("t01"), ELI.cites))
    assert cited == {cited_doc_iri("教职成〔2016〕4号", None)}
    node = cited.pop()
    assert graph.value(node, ELI.id_local) == Literal("教职成〔2016〕4号")
    assert graph.value(graph.value(node, ELI.passed_by), SKOS.prefLabel) == Literal("教育部", lang="zh")
    assert len(set(graph.subjects(PKG.cited, node))) == 2  # two qualified citations, each with its evidence


def test_alliance_membership(graph):
    alliance = unit_iri("闵行区社区教育联盟")
    assert (alliance, RDF.type, PKG.Alliance) in graph
    assert set(graph.objects(alliance, ORG.hasMember)) == {unit_iri("闵行区社区学院"), unit_iri("闵行区图书馆")}
    roles = {str(graph.value(m, PKG.role)): graph.value(m, ORG.member) for m in graph.subjects(RDF.type, ORG.Membership)}
    assert roles == {"lead": unit_iri("闵行区社区学院"), "member": unit_iri("闵行区图书馆")}


def test_period_deadline_is_an_owl_time_interval(graph):
    a = next(graph.subjects(RDF.type, PKG.Assignment))
    assert graph.value(a, PKG.deadline) == Literal("2025", datatype=XSD.gYear)
    period = graph.value(a, PKG.period)
    begin = graph.value(period, TIME.hasBeginning)
    assert graph.value(begin, TIME.inXSDgYear) == Literal("2021", datatype=XSD.gYear)


def test_every_fact_has_evidence_with_span_quote_and_page(graph, result):
    facts = [s for cls in (PKG.Assignment, PKG.Task, PKG.Target, PKG.Citation, ORG.Membership,
                           PKG.SubOrganizationStatement) for s in graph.subjects(RDF.type, cls)]
    assert len(facts) == 9
    for fact in facts:
        sel = ev = graph.value(fact, PKG.evidence)
        start, end = int(graph.value(sel, OA.start)), int(graph.value(sel, OA.end))
        assert str(graph.value(sel, OA.exact)) == TEXT[start:end]
        assert graph.value(ev, OA.hasSource) == doc_iri("t01")
        expected_page = result.document.offsets.position(start).page
        assert int(graph.value(ev, PKG.page)) == expected_page
    target = next(graph.subjects(RDF.type, PKG.Target))
    assert int(graph.value(graph.value(target, PKG.evidence), PKG.page)) == 2


def test_nquads_are_byte_identical_to_the_rdflib_writer(result):
    """``tests/data/graph_facts_t01.nq`` was written by the first, rdflib-based graph writer;
    the N-Triples writer must give the same bytes (same IRIs, lexical forms, datatypes,
    language tags).  Regenerate it only for a deliberate change of the graph model."""
    from extractor import __version__
    from extractor.graph import sorted_nquads

    golden = (Path(__file__).parent / "data" / "graph_facts_t01.nq").read_text(encoding="utf-8")
    ours = sorted_nquads([result]).decode("utf-8")
    for written, recorded in ((__version__.replace(".", "-"), "0-1-0"), (f'"{__version__}"', '"0.1.0"')):
        ours = ours.replace(written, recorded)  # the run IRI and pkg:version carry the version
    assert sorted(ours.splitlines()) == golden.splitlines()
