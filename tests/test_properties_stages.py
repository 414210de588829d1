"""Property tests of every text stage (hypothesis; profile "ci" from conftest.py).

For any Unicode input — random text salted with the cues the rules look for (numbering,
markers, units, figures, markup, CR/LF, full-width digits, lone surrogates) — each stage
terminates, does not raise, returns spans inside the text whose slices equal the text
they quote, and normalisation is idempotent.
"""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from extractor.models import Document, RawDocument
from extractor.nlp import find_entities
from extractor.normalize import normalize
from extractor.relations import find_assignments
from extractor.structure import parse_structure
from extractor.targets import find_targets

#: Pieces of real seed sentences and layout, so random text reaches the rules.
CUES = [
    "一、", "（一）", "(二)", "1.", "2、", "（1）", "①", "第一章", "第二条", "## ", "# ", "**", "<br>", "<input type=\"checkbox\"/>",
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\u3000", "。", "；", "：",
    "（牵头单位：区学习办、区社区学院）", "(牵头单位：区教育局;配合单位：各街镇)", "责任单位：", "区社区学院负责整合", "由区教育局负责牵头组织实施",
    "各街镇要", "；负责", "会同", "区财政局要按", "各区县教育局应",
    "到2025年", "达到80%以上", "新增20个", "不少于4元/人", "800平方米以上", "1.4万平方米", "万分之零点五", "１２３", "２０２５年",
    "长学办〔2010〕03号", "《国家中长期教育改革和发展规划纲要》", "附件", "上海市长宁区", "闵行区", "\ufeff", "\u200b", "\x00", "\x07",
]

unicode_chars = st.characters(exclude_categories=())  # every code point, lone surrogates included
texts = st.lists(st.one_of(st.text(unicode_chars, max_size=12), st.sampled_from(CUES)), max_size=40).map("".join)

#: Without lone surrogates, for the stages after spaCy (see test_lone_surrogate_reaches_nlp).
scalar_chars = st.characters(exclude_categories=("Cs",))
scalar_texts = st.lists(st.one_of(st.text(scalar_chars, max_size=12), st.sampled_from(CUES)), max_size=40).map("".join)


def raw(text: str) -> RawDocument:
    return RawDocument(path="prop.txt", doc_id="prop", format="txt", text=text)


def check_offsets(doc: Document, source: str) -> None:
    offsets = doc.offsets.source_offsets
    assert len(offsets) == len(doc.text)
    assert all(0 <= o <= len(source) for o in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:])), "offsets must not go backwards"


@pytest.mark.timeout(300)
@given(texts)
def test_normalize_total_offsets_and_idempotent(text: str):
    doc = normalize(raw(text))
    check_offsets(doc, text)
    again = normalize(raw(doc.text))
    assert again.text == doc.text, [r.kind for r in again.repairs]


@pytest.mark.timeout(300)
@given(texts)
def test_structure_spans_inside_and_quoted(text: str):
    doc = normalize(raw(text))
    s = parse_structure(doc)
    n = len(doc.text)
    for sec in s.sections:
        assert 0 <= sec.start <= sec.end <= n
    for p in s.paragraphs:
        assert 0 <= p.start <= p.end <= n
    for sent in s.sentences:
        assert 0 <= sent.start <= sent.end <= n and doc.text[sent.start:sent.end] == sent.text
    for c in s.meta.cited:
        assert 0 <= c.start <= c.end <= n and c.evidence in doc.text


@pytest.mark.timeout(300)
@given(scalar_texts)
def test_nlp_entities_inside_and_quoted(text: str):
    doc = normalize(raw(text))
    entities = find_entities(doc, parse_structure(doc))
    for e in entities:
        assert 0 <= e.start < e.end <= len(doc.text) and doc.text[e.start:e.end] == e.text


@pytest.mark.timeout(300)
@given(scalar_texts)
def test_relations_spans_inside_and_quoted(text: str):
    doc = normalize(raw(text))
    s = parse_structure(doc)
    for a in find_assignments(doc, s, find_entities(doc, s)):
        assert 0 <= a.start <= a.end <= len(doc.text) and doc.text[a.start:a.end] == a.task
        assert 0 <= a.evidence_start <= a.evidence_end <= len(doc.text)
        assert doc.text[a.evidence_start:a.evidence_end] == a.evidence


@pytest.mark.timeout(300)
@given(texts)
def test_targets_spans_inside_and_quoted(text: str):
    doc = normalize(raw(text))
    for t in find_targets(doc, parse_structure(doc)):
        assert 0 <= t.start <= t.end <= len(doc.text) and doc.text[t.start:t.end] == t.evidence
        assert t.value is None or t.value == t.value  # never NaN


def test_lone_surrogate_reaches_nlp():
    """normalize replaces lone surrogates (PDF text layers can hold them) by a flagged U+FFFD:
    spaCy's StringStore cannot encode them."""
    doc = normalize(raw("区社区学院负责\ud800整合资源。"))
    assert doc.text == "区社区学院负责\ufffd整合资源。" and [f.kind for f in doc.flags] == ["undecodable"]
    s = parse_structure(doc)
    entities = find_entities(doc, s)
    assert all(doc.text[e.start:e.end] == e.text for e in entities)
