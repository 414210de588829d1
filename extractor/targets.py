"""Targets: quantitative figures (value, unit, comparator, deadline) from sentences.

A first, deliberately narrow rule set: a number with a measure unit inside a sentence,
its comparator from the words around it (以上/不少于 → >=, 新增 → +, 约 → ~), the
deadline from 到/至 YEAR 年 in the same sentence, and ``kind`` target when the sentence
states a commitment (到/至 a year, 力争, 达到, 新增…), stat otherwise.
"""

from __future__ import annotations

import re
from typing import Iterator

from .models import Document, Structure, Target, TargetKind

#: Measure units after a number, longest first (data-driven units come with the targets issue).
UNITS = ("平方米", "平方公里", "公里", "万人次", "人次", "万人", "万元", "亿元", "元/人", "%", "％", "个", "所", "人", "名",
         "家", "门", "集", "次", "场", "处", "条", "座", "户", "项", "元", "位", "支", "期", "课时", "学时")

#: A number (Arabic, with an optional 万/亿 multiplier) followed by a unit.
NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)?\s*(" + "|".join(map(re.escape, sorted(UNITS, key=len, reverse=True))) + ")")

#: Words before or after the figure that set the comparator.
GE_AFTER = re.compile(r"^(?:以上|及以上|余|多)")
GE_BEFORE = re.compile(r"(?:不少于|不低于|至少|超过|达到|达)\s*$")
APPROX_BEFORE = re.compile(r"(?:约|近|左右)\s*$")
INCREASE_BEFORE = re.compile(r"(?:新增|增加|增长|新建|新开发|新培育)[^，。；]{0,12}$")

#: A deadline year: 到2025年, 至2025年, 2025年前/底.
DEADLINE = re.compile(r"(?:到|至|力争到|截至)\s*((?:19|20)\d{2})\s*年")

#: Commitment words: the sentence promises rather than reports.
COMMITMENT = re.compile(r"到\s*20\d{2}|至\s*20\d{2}|力争|确保|达到|不少于|不低于|新增|新建|将|要|应")

MULTIPLIER = {"万": 10_000, "亿": 100_000_000}


def find_targets(doc: Document, structure: Structure) -> Iterator[Target]:
    """Yield a Target per number-with-unit in each sentence."""
    text = doc.text
    for sent in structure.sentences:
        deadline = DEADLINE.search(sent.text)
        committed = bool(COMMITMENT.search(sent.text))
        for m in NUMBER_UNIT.finditer(sent.text):
            before, after = sent.text[: m.start()], sent.text[m.end():]
            value = float(m.group(1)) * MULTIPLIER.get(m.group(2) or "", 1)
            unit = {"％": "%"}.get(m.group(3), m.group(3))
            if unit in {"万人", "万人次", "万元"}:
                value *= 10_000
                unit = unit[1:]
            elif unit == "亿元":
                value *= 100_000_000
                unit = "元"
            comparator = "="
            if INCREASE_BEFORE.search(before):
                comparator = "+"
            elif GE_AFTER.match(after) or GE_BEFORE.search(before):
                comparator = ">="
            elif APPROX_BEFORE.search(before) or after.startswith("左右"):
                comparator = "~"
            indicator = re.split(r"[，,；：:]", before)[-1].strip()[-20:] or sent.text[:20]
            sec = structure.section_at(sent.start)
            yield Target(
                doc_id=doc.doc_id, indicator=indicator, value=value, unit=unit,
                unit_text=(m.group(2) or "") + m.group(3), comparator=comparator,
                kind=TargetKind.TARGET if committed else TargetKind.STAT,
                start=sent.start, end=sent.end, evidence=text[sent.start:sent.end],
                deadline=deadline.group(1) if deadline else None, region=structure.meta.region,
                section=sec.label if sec else "", rule="number-unit")
