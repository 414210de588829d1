"""Relations: Assignments (unit, role, task) from the structure and entity spans.

Each rule is a named, pure function over (Document, Structure, entities) that yields
Assignments carrying its rule id; ``RULES`` lists them in the order they run.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from .models import Assignment, Document, EntitySpan, Role, Section, Structure
from .units import canonical_unit

#: Role markers and the role each names.
MARKER_ROLES: dict[str, Role] = {
    "牵头单位": Role.LEAD, "牵头部门": Role.LEAD, "主责单位": Role.LEAD,
    "责任单位": Role.RESPONSIBLE, "责任部门": Role.RESPONSIBLE,
    "配合单位": Role.COOPERATE, "配合部门": Role.COOPERATE, "协办单位": Role.COOPERATE, "支撑单位": Role.COOPERATE,
}

#: A parenthesised responsibility marker on its own or at a paragraph end:
#: ``（牵头单位：区学习办、区社区学院）``, ``(牵头单位：A;配合单位：B、C)``.
MARKER = re.compile(r"[（(]\s*((?:" + "|".join(MARKER_ROLES) + r")\s*[：:][^（）()\n]{1,200})[）)]")

#: One role clause inside a marker: ``牵头单位：A、B`` up to the next role word.
MARKER_CLAUSE = re.compile(r"(" + "|".join(MARKER_ROLES) + r")\s*[：:]\s*([^；;，,：:]*(?:[，,](?!\s*(?:"
                           + "|".join(MARKER_ROLES) + r"))[^；;，,：:]*)*)")

#: Separators between units in a list: 、 ， , ； and 和/及 between names.
UNIT_SEPARATOR = re.compile(r"[、，,；;]|和|及")

Rule = Callable[[Document, Structure, list[EntitySpan]], Iterable[Assignment]]


def split_units(text: str) -> list[tuple[str, int]]:
    """Unit names in a marker list with their offsets inside ``text``."""
    out = []
    pos = 0
    for piece in UNIT_SEPARATOR.split(text):
        i = text.find(piece, pos)
        name = piece.strip()
        if name:
            out.append((name, i + piece.find(name)))
        pos = i + len(piece)
    return out


def task_items(structure: Structure, section: Section, text: str) -> list[tuple[int, int]]:
    """Task items of a section: its deepest numbered subsections, else its paragraphs.

    A heading line that carries text after its number (``1．继续加强社区学院指导能力建设``)
    belongs to its item; marker paragraphs are not items.
    """
    children = [s for s in structure.sections if s.start > section.start and s.end <= section.end
                and s.path[: len(section.path)] == section.path]
    leaves = [c for c in children if not any(o is not c and o.start >= c.start and o.end <= c.end and o.level > c.level
                                             for o in children)]
    if leaves:
        spans = [(c.start, c.end) for c in leaves]
    else:
        body_start = section.heading_end
        spans = [(p.start, p.end) for p in structure.paragraphs if body_start <= p.start < section.end]
    items = []
    for s, e in spans:
        chunk = text[s:e]
        cut = MARKER.search(chunk)
        if cut and not chunk[: cut.start()].strip():
            continue
        if cut:
            e = s + cut.start()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            items.append((s, e))
    return items


def section_markers(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Section-final or -initial markers apply to every task item of the section.

    ``（牵头单位：区学习办、区社区学院）`` closing 一、 of seed 002 makes both units lead of
    each of 一(一)…(四); markers do not reach into sibling sections.
    """
    text = doc.text
    region = structure.meta.region
    for m in MARKER.finditer(text):
        section = structure.section_at(m.start())
        if section is None:
            continue
        # a marker alone on its line closes the enclosing section; inside a paragraph it
        # belongs to that paragraph's item
        line_start = text.rfind("\n", 0, m.start()) + 1
        alone = not text[line_start:m.start()].strip()
        if alone:
            owner = _owning_section(structure, section, m.start())
            items = task_items(structure, owner, text)
        else:
            items = [(line_start, m.start())]
        for clause in MARKER_CLAUSE.finditer(m.group(1)):
            role = MARKER_ROLES[clause.group(1)]
            base = m.start(1) + clause.start(2)
            for name, at in split_units(clause.group(2)):
                for s, e in items:
                    sec = structure.section_at(s)
                    yield Assignment(
                        doc_id=doc.doc_id, unit=canonical_unit(name, region), unit_text=name, role=role,
                        task=text[s:e], start=s, end=e, evidence=m.group(0), evidence_start=m.start(),
                        evidence_end=m.end(), section=sec.label if sec else "", rule="section-marker",
                        confidence=0.95 if alone else 0.9)


def _owning_section(structure: Structure, section: Section, at: int) -> Section:
    """The section a stand-alone marker closes: the parent when the marker follows the
    last child (seed 002's 一、 ends with its marker after （四））, else the section itself."""
    for parent in structure.sections:
        if parent.level < section.level and parent.start <= at < parent.end and section.path[: len(parent.path)] == parent.path:
            siblings_after = [s for s in structure.sections if s.start > section.start and s.level == section.level
                              and s.start < parent.end]
            if not siblings_after and section.level == parent.level + 1:
                return parent
    return section


#: The rules in the order they run.
RULES: list[Rule] = [section_markers]


def find_assignments(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[Assignment]:
    """All assignments of a document, deduplicated on (unit, role, task span), sorted by position."""
    seen: dict[tuple[str, Role, int, int], Assignment] = {}
    for rule in RULES:
        for a in rule(doc, structure, entities):
            seen.setdefault((a.unit, a.role, a.start, a.end), a)
    return sorted(seen.values(), key=lambda a: (a.start, a.end, a.unit, a.role))
