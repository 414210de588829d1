"""Building an Assignment: canonical unit, section label, deadline, evidence."""

from __future__ import annotations

from functools import lru_cache

from ..models import Assignment, Document, Role, Structure
from ..units import canonical_unit
from .deadlines import find_deadline


@lru_cache(maxsize=4096)
def canonical(unit_text: str, region: str | None) -> str:
    """``units.canonical_unit`` remembered: a document names the same units again and again."""
    return canonical_unit(unit_text, region)


def make_assignment(doc: Document, structure: Structure, unit_text: str, role: Role, start: int, end: int,
                    evidence_start: int, evidence_end: int, *, rule: str, confidence: float,
                    deadline: str | None = None) -> Assignment:
    """One assignment of task ``text[start:end]`` to the unit written ``unit_text``.

    The deadline is the one written in the task (or, failing that, in the evidence),
    unless the rule already found one (a table's 时间节点 column).
    """
    text = doc.text
    section = structure.section_at(start)
    if deadline is None:
        deadline = find_deadline(text[start:end], structure.meta.year) or (
            find_deadline(text[evidence_start:evidence_end], structure.meta.year)
            if not (start <= evidence_start and evidence_end <= end) else None)
    return Assignment(doc_id=doc.doc_id, unit=canonical(unit_text, structure.meta.region), unit_text=unit_text,
                      role=role, task=text[start:end], start=start, end=end, evidence=text[evidence_start:evidence_end],
                      evidence_start=evidence_start, evidence_end=evidence_end,
                      section=section.label if section else "", deadline=deadline, rule=rule, confidence=confidence)
