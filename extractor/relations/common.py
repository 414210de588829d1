"""Building an Assignment: canonical unit, section label, deadline, evidence."""

from __future__ import annotations

from functools import lru_cache

from ..models import Assignment, Document, Role, Section, Structure
from ..units import canonical_unit
from .deadlines import find_deadline


Aliases = tuple[tuple[str, str], ...]


@lru_cache(maxsize=4096)
def canonical(unit_text: str, region: str | None, learned: Aliases = ()) -> str:
    """``units.canonical_unit`` remembered (a document names the same units again and again),
    with the aliases the document defines for itself."""
    return canonical_unit(unit_text, region, dict(learned) if learned else None)


def learned_aliases(text: str) -> Aliases:
    """The aliases a document defines (``区城市更新领导小组下设办公室（以下简称区更新办）``, d05),
    from ``nlp.document_aliases``; the last text's answer is kept."""
    key = (hash(text), len(text))
    if _LEARNED and _LEARNED[0] == key:
        return _LEARNED[1]
    from ..nlp import document_aliases

    found = tuple(sorted(document_aliases(text).items()))
    _LEARNED[:] = [key, found]
    return found


_LEARNED: list = []


def section_at(structure: Structure, offset: int) -> Section | None:
    """``Structure.section_at`` remembered per structure: a marker gives one item to
    several units, a table row to several, and each asks for its section."""
    if not (_SECTIONS and _SECTIONS[0] is structure):
        _SECTIONS[:] = [structure, {}]
    memo = _SECTIONS[1]
    if offset not in memo:
        memo[offset] = structure.section_at(offset)
    return memo[offset]


_SECTIONS: list = []


def make_assignment(doc: Document, structure: Structure, unit_text: str, role: Role, start: int, end: int,
                    evidence_start: int, evidence_end: int, *, rule: str, confidence: float,
                    deadline: str | None = None) -> Assignment:
    """One assignment of task ``text[start:end]`` to the unit written ``unit_text``.

    The deadline is the one written in the task (or, failing that, in the evidence, then in
    the heading of the task's section: ``（二）数据资料收集（2021年9月）。各相关部门按要求提供
    指标数据资料`` in a Chongming city check-up plan), unless the rule already found one (a
    table's 时间节点 column).
    """
    text = doc.text
    section = section_at(structure, start)
    if deadline is None:
        deadline = find_deadline(text[start:end], structure.meta.year) or (
            find_deadline(text[evidence_start:evidence_end], structure.meta.year)
            if not (start <= evidence_start and evidence_end <= end) else None) or (
            find_deadline(section.heading, structure.meta.year) if section else None)
    return Assignment(doc_id=doc.doc_id, unit=canonical(unit_text, structure.meta.region, learned_aliases(text)),
                      unit_text=unit_text,
                      role=role, task=text[start:end], start=start, end=end, evidence=text[evidence_start:evidence_end],
                      evidence_start=evidence_start, evidence_end=evidence_end,
                      section=section.label if section else "", deadline=deadline, rule=rule, confidence=confidence)
