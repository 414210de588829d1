"""Alliance members: the lead is read by ``inline`` (由X牵头 → lead); members cooperate.

``成人教育联盟由闵行区成人教育协会牵头，闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇
社区学校等成员单位，挖掘、整合和优化资源`` (seed 000) makes each listed member cooperate on
the alliance's work; so does ``成员单位包括A、B、C``.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .names import known_names, split_unit_list
from .spans import logical_paragraphs, sentences, trim

#: ``A、B和C等成员单位`` (list before) or ``成员单位包括A、B、C`` (list after).
MEMBERS_BEFORE = re.compile(r"(?P<list>[^，,。；;：:]{2,120}?)等(?:[^，,。；;]{0,6}?)?成员单位")
MEMBERS_AFTER = re.compile(r"成员单位(?:包括|有|为)[：:]?(?P<list>[^。；;，,]{2,200})")

#: A count before a member name: ``2所成人教育培训中心`` → 成人教育培训中心 (digits may be
#: garbled symbols in a PDF without a font map: ``%所``).
COUNT_PREFIX = re.compile(r"^[^所个家名]{0,12}?[\d%!\"$#一二三四五六七八九十百]{1,6}\s{0,2}[所个家名]")


MEMBER_SEPARATOR = re.compile(r"[、，,]|和|及")
WHITESPACE = re.compile(r"\s+")


def _members(text: str, known: frozenset[str]) -> list[str]:
    names = []
    for piece in MEMBER_SEPARATOR.split(text):
        name = COUNT_PREFIX.sub("", WHITESPACE.sub("", piece)).removesuffix("等")
        units = split_unit_list(name, known) if name else None
        if units:
            names.extend(n for n, _ in units)
    return names


def alliance_members(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Units listed as 成员单位 of an alliance cooperate on its work (gold: how=member-list)."""
    text = doc.text
    known = known_names(entities)
    for ps, pe in logical_paragraphs(text, structure):
        if text.find("成员单位", ps, pe) < 0:
            continue
        for s, e in sentences(text, ps, pe):
            if "成员单位" not in text[s:e]:
                continue
            for pattern in (MEMBERS_BEFORE, MEMBERS_AFTER):
                for m in pattern.finditer(text, s, e):
                    ts, te = trim(text, m.start("list"), e)
                    for name in _members(m.group("list"), known):
                        yield make_assignment(doc, structure, name, Role.COOPERATE, ts, te, s, e,
                                              rule="alliance-member", confidence=0.75)
