"""Alliance members: the lead is read by ``inline`` (由X牵头 → lead); members cooperate.

``成人教育联盟由闵行区成人教育协会牵头，闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇
社区学校等成员单位，挖掘、整合和优化资源`` (seed 000) makes each listed member cooperate on
the alliance's work; so does ``成员单位包括A、B、C``.
"""

from __future__ import annotations

from typing import Iterator

from ..alliances import MEMBER_SEPARATOR, member_lists, strip_count
from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .names import known_names, split_unit_list
from .spans import logical_paragraphs, sentences, trim


def _members(text: str, known: frozenset[str]) -> list[str]:
    """The unit names of a member list (the list reader is :func:`extractor.alliances.member_lists`)."""
    names = []
    for piece in MEMBER_SEPARATOR.split(text):
        name = strip_count(piece)
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
            for m in member_lists(text, s, e):
                ts, te = trim(text, m.start("list"), e)
                for name in _members(m.group("list"), known):
                    yield make_assignment(doc, structure, name, Role.COOPERATE, ts, te, s, e,
                                          rule="alliance-member", confidence=0.75)
