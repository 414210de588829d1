"""Section markers and section scope sentences: one statement, every item of a section.

``（牵头单位：区学习办、区社区学院）`` closing 一、 of seed 002 makes both units lead of
each of 一(一)…(四); ``基础性建设工作是各创建街镇必须落实完成的任务要求`` (seed 003) makes
各创建街镇 obliged for each item of （一）基础性建设工作.  Markers do not reach into
sibling sections.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import data
from ..models import Assignment, Document, EntitySpan, Role, Section, Structure
from .common import make_assignment
from .deadlines import find_deadline
from .names import is_unit_name, known_names, split_unit_list
from .spans import children, leaves, logical_paragraphs, trim


@lru_cache(maxsize=None)
def marker_roles() -> dict[str, Role]:
    """Marker role words (牵头单位, 配合部门…) → role, from ``data/role_markers.tsv``."""
    return {row["word"]: Role(row["role"]) for row in data.read_tsv("role_markers.tsv")}


@lru_cache(maxsize=None)
def marker_pattern() -> re.Pattern[str]:
    """A parenthesised marker, full-width or ASCII, one or several role clauses:
    ``（牵头单位：X、Y，支撑单位：A、B）`` (d01), ``(牵头单位：区绿化市容局;配合单位：…)`` (d07)."""
    words = "|".join(sorted(map(re.escape, marker_roles()), key=len, reverse=True))
    return re.compile(rf"[（(]\s*((?:{words})\s*[：:][^（）()\n]{{1,300}}(?:[（(][^（）()\n]{{0,20}}[）)][^（）()\n]{{0,300}})*)[）)]")


@lru_cache(maxsize=None)
def clause_pattern() -> re.Pattern[str]:
    """One role clause inside a marker: ``配合单位：B、C`` up to the next role word."""
    words = "|".join(sorted(map(re.escape, marker_roles()), key=len, reverse=True))
    return re.compile(rf"({words})\s*[：:]\s*(.*?)\s*(?=[；;，,。]?\s*(?:{words})\s*[：:]|$)")


#: Separators of units inside a marker (names are explicit there, so no grammar check).
MARKER_UNIT_SEPARATOR = re.compile(r"[、，,；;]")


def marker_units(text: str) -> list[tuple[str, int]]:
    """Unit names in a marker list with offsets inside ``text``; 等 closing the list is dropped."""
    out = []
    pos = 0
    for piece in MARKER_UNIT_SEPARATOR.split(text):
        i = text.find(piece, pos)
        name = piece.strip().removesuffix("等").strip()
        if name:
            out.append((name, i + piece.find(name)))
        pos = i + len(piece)
    return out


def section_items(doc: Document, structure: Structure, section: Section) -> list[tuple[int, int]]:
    """Task items of a section: its preamble when it carries text, then its deepest numbered
    subsections, else its paragraphs.  Marker paragraphs are not items; a marker at an
    item's end is cut off."""
    text = doc.text
    kids = leaves(structure, section)
    spans: list[tuple[int, int]] = []
    if kids:
        first = min(k.start for k in children(structure, section))
        if text[section.heading_end:first].strip():
            spans.append((section.heading_end, first))
        spans += [(k.start, k.end) for k in kids]
    else:
        spans = [(s, e) for s, e in logical_paragraphs(text, structure) if section.heading_end <= s < section.end]
    items = []
    pattern = marker_pattern()
    for s, e in spans:
        cut = pattern.search(text, s, e)
        if cut and not text[s:cut.start()].strip():
            cut2 = pattern.search(text, cut.end(), e)
            if cut2 is None and not text[cut.end():e].strip():
                continue
            s = cut.end()
            cut = cut2
        if cut:
            e = cut.start()
        s, e = trim(text, s, e)
        if e > s and not SCOPE_SENTENCE.fullmatch(text[s:e].strip("。；")):
            items.append((s, e))
    return items


def _owning_section(structure: Structure, section: Section, at: int, text: str) -> Section:
    """The section a stand-alone marker governs.

    Right after a heading it opens that section; after the last child of a parent it
    closes the parent (seed 002's 一、 ends with its marker after （四））; else it closes
    the section it stands in.
    """
    marker = marker_pattern().match(text, at)
    after = text[marker.end() if marker else at:section.end].strip()
    if not text[section.heading_end:at].strip() and after:
        return section
    for parent in structure.sections:
        if parent.level < section.level and parent.start <= at < parent.end and section.path[: len(parent.path)] == parent.path:
            later = [s for s in structure.sections if s.start > section.start and s.level == section.level and s.start < parent.end]
            earlier = [s for s in structure.sections if s.start < section.start and s.level == section.level
                       and s.start >= parent.start and s.path[: len(parent.path)] == parent.path]
            closed = any(marker_pattern().search(text, s.start, s.end) for s in earlier)
            if not later and section.level == parent.level + 1 and not closed:
                return parent
    return section


def section_markers(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Markers alone on a line govern every task item of their section; a marker closing a
    paragraph governs that paragraph.

    ``（牵头单位：区学习办、区社区学院）`` (seed 002), ``（牵头单位：区绿化市容局，支撑单位：相关街镇）``
    after ``7.推进5个“美丽街区”建设。`` (d01).
    """
    text = doc.text
    for m in marker_pattern().finditer(text):
        section = structure.section_at(m.start())
        line_start = text.rfind("\n", 0, m.start()) + 1
        alone = not text[line_start:m.start()].strip()
        if alone:
            if section is None:
                continue
            items = section_items(doc, structure, _owning_section(structure, section, m.start(), text))
        else:
            items = [trim(text, line_start, m.start())]
        for clause in clause_pattern().finditer(m.group(1)):
            role = marker_roles()[clause.group(1)]
            for name, _ in marker_units(clause.group(2)):
                for s, e in items:
                    yield make_assignment(doc, structure, name, role, s, e, m.start(), m.end(),
                                          rule="section-marker", confidence=0.95 if alone else 0.92)


#: A scope sentence naming who must carry out a whole section:
#: ``基础性建设工作是各创建街镇必须落实完成的任务要求`` (seed 003).  Matched from its 是 (a cheap
#: literal to scan for); the topic is read back to the clause start.
SCOPE_SENTENCE = re.compile(r"(?P<topic>[^，。；：\n]{2,20}?)是(?P<units>[^，。；：\n]{2,30}?)(?:必须|务必|应当|须)"
                            r"(?:认真)?(?:落实|完成|执行|承担)[^，。；\n]{0,12}?(?:任务|工作|要求)[^，。；\n]{0,4}")
SCOPE_TAIL = re.compile(r"是(?P<units>[^，。；：\n]{2,30}?)(?:必须|务必|应当|须)(?:认真)?(?:落实|完成|执行|承担)")
TOPIC_START = re.compile(r"[，。；：\n][^，。；：\n]{0,20}$")


def _scope_matches(text: str) -> Iterator[re.Match[str]]:
    for tail in SCOPE_TAIL.finditer(text):
        head = TOPIC_START.search(text, max(0, tail.start() - 21), tail.start())
        start = head.start() + 1 if head else max(0, tail.start() - 20)
        m = SCOPE_SENTENCE.match(text, start)
        if m:
            yield m


def scope_sentences(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """``<heading>是<units>必须落实完成的任务要求`` makes the units obliged for every item of
    the subsection with that heading (seed 003: 基础性建设工作 → 各创建街镇)."""
    text = doc.text
    known = known_names(entities)
    for m in _scope_matches(text):
        units = split_unit_list(m.group("units"), known)
        topic = m.group("topic").strip().strip("*")
        here = structure.section_at(m.start())
        targets = [s for s in structure.sections if s.heading.strip("*").strip() == topic and s.start > m.start()
                   and (here is None or (s.start < here.end and s.path[: len(here.path)] == here.path))]
        if not units or not targets:
            continue
        for name, _ in units:
            if not is_unit_name(name, known):
                continue
            for s, e in section_items(doc, structure, targets[0]):
                yield make_assignment(doc, structure, name, Role.OBLIGED, s, e, m.start(), m.end(),
                                      rule="scope-sentence", confidence=0.85)


__all__ = ["section_markers", "scope_sentences", "section_items", "marker_pattern", "marker_roles", "find_deadline"]
