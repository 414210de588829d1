"""Sentences and clauses: 。！？； and line items inside a paragraph."""

from __future__ import annotations

from extractor.structure import split_sentences


def test_subject_ellipsis_clauses_split_on_semicolon():
    text = "区社区学院负责指导街道社区学校建设；负责组织培训；负责课程开发。"  # seed 004 pattern
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["区社区学院负责指导街道社区学校建设；", "负责组织培训；", "负责课程开发。"]


def test_inline_items_start_clauses():
    text = "主要包括：（1）确立发展规划，（2）完善领导机制。"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["主要包括：", "（1）确立发展规划，", "（2）完善领导机制。"]


def test_closing_quote_stays_with_sentence():
    text = "体现“文明观博”。“百万市民学环保”活动继续开展！"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["体现“文明观博”。", "“百万市民学环保”活动继续开展！"]
