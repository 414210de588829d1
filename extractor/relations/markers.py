"""Section markers and section scope sentences: one statement, every item of a section.

``（牵头单位：区学习办、区社区学院）`` closing 一、 of seed 002 makes both units lead of
each of 一(一)…(四); ``基础性建设工作是各创建街镇必须落实完成的任务要求`` (seed 003) makes
各创建街镇 obliged for each item of （一）基础性建设工作.  Markers do not reach into
sibling sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .. import data
from ..models import Assignment, Document, EntitySpan, Role, Section, Structure
from .common import make_assignment
from .deadlines import cell_deadline, find_deadline
from .names import is_unit_name, known_names, split_unit_list
from .spans import ITEM_NUMBER, children, leaves, logical_paragraphs, sentences, trim


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


#: The key of a marker clause: a short label and a colon — a role word (牵头单位：) or any
#: other label (完成时限：, 时间节点：).  A unit list ends at the next key:
#: ``（责任部门：区教育局；完成时限：2024年底前）`` names one unit, not 完成时限.
KEY = r"[\u4e00-\u9fff]{2,8}\s*[：:]"


@lru_cache(maxsize=None)
def clause_pattern() -> re.Pattern[str]:
    """One clause inside a marker: ``配合单位：B、C`` up to the next key of any kind."""
    known = "|".join(sorted(map(re.escape, {*marker_roles(), *deadline_words()}), key=len, reverse=True))
    return re.compile(rf"([\u4e00-\u9fff]{{2,8}})\s*[：:]\s*(.*?)\s*(?=[；;，,。]\s*{KEY}|\s*(?:{known})\s*[：:]|$)")


@lru_cache(maxsize=None)
def _role_words() -> str:
    return "|".join(sorted(map(re.escape, marker_roles()), key=len, reverse=True))


@lru_cache(maxsize=None)
def line_marker_pattern() -> re.Pattern[str]:
    """The head of a marker without brackets: ``责任单位：`` or ``【牵头单位】``.  It is a marker
    when it fills the rest of its line (``责任单位：区教育局、区财政局``, ``【牵头单位】区学习办
    【配合单位】各街镇``) and stands at the line start or after a sentence end (``…做好宣传工作。
    责任单位：区文明办``) — checked in ``find_markers``, so the scan looks for the literal head only."""
    words = _role_words()
    return re.compile(rf"【(?:{words})】|(?:{words})\s*[：:]")


#: What a marker without brackets runs over: the rest of its line, no brackets.
LINE_REST = re.compile(r"[^\n（）()]{1,300}(?=\n|$)")

#: What may stand before a marker without brackets on its line: nothing, or a sentence end.
LINE_BEFORE = re.compile(r"(?:.*[。；;])?[ \t\u3000]*")


#: A 【role】 label, read as ``role：``.
BRACKET_KEY = re.compile(r"【([\u4e00-\u9fff]{2,8})】\s*")


@dataclass(frozen=True, slots=True)
class Marker:
    """A responsibility marker: its span, its clauses' text and whether it stands alone on
    its line (then it governs its section, else the paragraph it closes)."""

    start: int
    end: int
    body: str
    alone: bool


def find_markers(text: str) -> list[Marker]:
    """Every marker of a text in order (the last text's answer is kept: items and owners
    ask again and again)."""
    key = (hash(text), len(text))
    if _MARKERS and _MARKERS[0] == key:
        return _MARKERS[1]
    out: list[Marker] = []
    for m in marker_pattern().finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        out.append(Marker(m.start(), m.end(), m.group(1), not text[line_start:m.start()].strip()))
    taken = -1
    for m in line_marker_pattern().finditer(text):
        if m.start() < taken or any(o.start <= m.start() < o.end for o in out):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        rest = LINE_REST.match(text, m.end())
        if not rest or not LINE_BEFORE.fullmatch(text, line_start, m.start()):
            continue
        taken = rest.end()
        body = BRACKET_KEY.sub(lambda k: "；" + k.group(1) + "：", text[m.start():rest.end()]).lstrip("；")
        out.append(Marker(m.start(), rest.end(), body, not text[line_start:m.start()].strip()))
    out.sort(key=lambda mk: mk.start)
    _MARKERS[:] = [key, out]
    return out


_MARKERS: list = []


def markers_in(text: str, start: int, end: int) -> list[Marker]:
    return [m for m in find_markers(text) if start <= m.start < end]


def marker_clauses(marker: Marker, year: int | None) -> tuple[list[tuple[Role, list[str]]], str | None]:
    """(role, units) of each role clause and the deadline a time clause names
    (``完成时限：2024年底前`` → 2024-12)."""
    roles: list[tuple[Role, list[str]]] = []
    deadline = None
    for clause in clause_pattern().finditer(marker.body):
        word, value = clause.group(1), clause.group(2)
        if word in marker_roles():
            roles.append((marker_roles()[word], [n for n, _ in marker_units(value)]))
        elif word in deadline_words() and value:
            deadline = cell_deadline(value, year)
    return roles, deadline


@lru_cache(maxsize=None)
def deadline_words() -> frozenset[str]:
    """Labels of a time limit (完成时限, 时间节点…: the deadline words of ``data/table_headers.tsv``)."""
    return frozenset(row["word"] for row in data.read_tsv("table_headers.tsv") if row["column"] == "deadline")


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
    for s, e in spans:
        inside = markers_in(text, s, e)
        cut = inside[0] if inside else None
        if cut and not text[s:cut.start].strip():
            cut2 = inside[1] if len(inside) > 1 else None
            if cut2 is None and not text[cut.end:e].strip():
                continue
            s = cut.end
            cut = cut2
        if cut:
            e = cut.start
        s, e = trim(text, s, e)
        if e > s:
            items.append((s, e))
    return items


def _owning_section(structure: Structure, section: Section, at: int, text: str) -> Section:
    """The section a stand-alone marker governs.

    Right after a heading it opens that section; after the last child of a parent it
    closes the parent (seed 002's 一、 ends with its marker after （四））; else it closes
    the section it stands in.
    """
    marker = next((m for m in find_markers(text) if m.start == at), None)
    after = text[marker.end if marker else at:section.end].strip()
    if not text[section.heading_end:at].strip() and after:
        return section
    for parent in structure.sections:
        if parent.level < section.level and parent.start <= at < parent.end and section.path[: len(parent.path)] == parent.path:
            later = [s for s in structure.sections if s.start > section.start and s.level == section.level and s.start < parent.end]
            earlier = [s for s in structure.sections if s.start < section.start and s.level == section.level
                       and s.start >= parent.start and s.path[: len(parent.path)] == parent.path]
            closed = any(markers_in(text, s.start, s.end) for s in earlier)
            if not later and section.level == parent.level + 1 and not closed:
                return parent
    return section


def closing_marker_items(doc: Document, structure: Structure, section: Section, marker: Marker) -> list[tuple[int, int]] | None:
    """The items of a section whose only marker closes its last paragraph, when the items are
    plain paragraphs (no numbered subsections): the marker sums up the whole section.

    d07's （四）大力实施百千万“满天星”工程 has three unnumbered paragraphs 百个大空间：…,
    千个链接点：…, 万个微基建：…(牵头单位：区发展改革委;配合单位：…) — one marker for the three
    parts of one project.  Where each item carries a marker of its own (d01's 1.…（牵头单位：…）,
    2.…（牵头单位：…）) or the items are numbered, a closing marker keeps to its paragraph.
    """
    text = doc.text
    if leaves(structure, section) or text[marker.end:section.end].strip(" \t\u3000\r\n。；;"):
        return None
    if not text[section.heading_end:text.rfind("\n", 0, marker.start) + 1].strip():
        return None  # the marker's paragraph is the section's only one
    if len(markers_in(text, section.heading_end, section.end)) != 1:
        return None
    items = section_items(doc, structure, section)
    if len(items) < 2 or any(ITEM_NUMBER.match(text, s, e).group(0).strip() for s, e in items):
        return None
    return items


def section_markers(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Markers alone on a line govern every task item of their section; a marker closing a
    paragraph governs that paragraph.

    ``（牵头单位：区学习办、区社区学院）`` (seed 002), ``（牵头单位：区绿化市容局，支撑单位：相关街镇）``
    after ``7.推进5个“美丽街区”建设。`` (d01).
    """
    text = doc.text
    year = structure.meta.year
    for m in find_markers(text):
        section = structure.section_at(m.start)
        if m.alone:
            if section is None:
                continue
            items = section_items(doc, structure, _owning_section(structure, section, m.start, text))
        else:
            items = (closing_marker_items(doc, structure, section, m) if section is not None else None) \
                or [trim(text, text.rfind("\n", 0, m.start) + 1, m.start)]
        roles, deadline = marker_clauses(m, year)
        for role, names in roles:
            for name in names:
                for s, e in items:
                    yield make_assignment(doc, structure, name, role, s, e, m.start, m.end, rule="section-marker",
                                          confidence=0.95 if m.alone else 0.92, deadline=deadline)


#: The modal and scope verb of a scope sentence: 必须落实完成, 应当认真执行, 要全面完成.
SCOPE_VERB = r"(?:必须|务必|应当|须|要)(?:认真|全面|切实)?(?:落实|完成|执行|承担|做好)"

#: A scope sentence that names the section it governs by its heading: ``基础性建设工作是各创建
#: 街镇必须落实完成的任务要求`` (seed 003, in the preamble of 三、 before （一）基础性建设工作).
SCOPE_COPULA = re.compile(rf"(?P<topic>[^，。；：\n]{{2,20}}?)是(?P<units>[^，。；：\n]{{2,30}}?){SCOPE_VERB}"
                          r"[^，。；\n]{0,12}?(?:任务|工作|要求)")

#: A scope sentence opening a section and pointing at the items after it: ``各街镇必须认真落实以下
#: 各项任务``, ``各成员单位要全面完成下列工作``.
SCOPE_DEICTIC = re.compile(rf"(?P<units>[^，。；：\n]{{2,30}}?){SCOPE_VERB}(?:好)?(?:以下|下列|如下|本项|上述)"
                           r"[^，。；\n]{0,8}?(?:任务|工作|要求)")


@dataclass(frozen=True, slots=True)
class Scope:
    """A scope sentence: its span, its units and the section whose items it governs."""

    start: int
    end: int
    units: tuple[str, ...]
    section: Section


def preamble(structure: Structure, section: Section) -> tuple[int, int]:
    """The text between a section's heading and its first subsection."""
    kids = children(structure, section)
    return section.heading_end, min((k.start for k in kids), default=section.end)


def find_scopes(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[Scope]:
    """Scope sentences in section preambles (the last document's answer is kept).

    Two general forms, both in the preamble of a section (never in running text):
    ``<heading>是<units>必须落实完成的任务要求`` governs the subsection with that heading;
    ``<units>必须认真落实以下各项任务`` as the preamble's first sentence governs the section.
    Every unit named must be a unit (``names.is_unit_name``).
    """
    key = (doc.doc_id, len(doc.text), hash(doc.text), id(structure))
    if _SCOPES and _SCOPES[0] == key:
        return _SCOPES[1]
    text = doc.text
    known = known_names(entities)
    out: list[Scope] = []
    for section in structure.sections:
        ps, pe = preamble(structure, section)
        for n, (s, e) in enumerate(sentences(text, ps, pe)) if pe > ps else ():
            s += len(ITEM_NUMBER.match(text, s, e).group(0))
            m = SCOPE_DEICTIC.match(text, s, e) if n == 0 else None
            target = section
            if m is None:
                m = SCOPE_COPULA.match(text, s, e)
                if m is None:
                    continue
                topic = m.group("topic").strip().strip("*")
                heads = [k for k in children(structure, section) if k.heading.strip("*").strip() == topic]
                if not heads:
                    continue
                target = heads[0]
            units = split_unit_list(m.group("units"), known)
            if units and all(is_unit_name(u, known) for u, _ in units):
                out.append(Scope(s, e, tuple(u for u, _ in units), target))
    _SCOPES[:] = [key, out]
    return out


_SCOPES: list = []


def scope_sentences(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """The units of a scope sentence are obliged for every item of the section it governs
    (seed 003: 基础性建设工作 → 各创建街镇, obliged for each item of （一）基础性建设工作)."""
    for scope in find_scopes(doc, structure, entities):
        items = [(s, e) for s, e in section_items(doc, structure, scope.section) if not (s <= scope.start < e)]
        for name in scope.units:
            for s, e in items:
                yield make_assignment(doc, structure, name, Role.OBLIGED, s, e, scope.start, scope.end,
                                      rule="scope-sentence", confidence=0.85)


__all__ = ["section_markers", "scope_sentences", "section_items", "marker_pattern", "marker_roles", "find_deadline"]
