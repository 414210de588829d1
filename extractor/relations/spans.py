"""Spans the relation rules work on: logical paragraphs, sentences, clauses, task items.

Offsets always index ``Document.text``; a span's text is ``text[start:end]``.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..models import Section, Structure

#: A paragraph that ends without sentence punctuation continues on the next one when
#: a page break cut it: ``社区市民学\n\n校要做好…`` (seed 004) is one sentence.
OPEN_END = re.compile(r"[\u4e00-\u9fff，、“（(]")

#: A line that starts a new block even after an open end: a numbered heading, a
#: markdown heading, a table row or a marker.
BLOCK_START = re.compile(r"\s*(?:#|\*\*|[（(]?[一二三四五六七八九十\d]{1,3}[）)、．.]|[（(【](?:牵头|责任|配合)"
                         r"|(?:牵头|责任|配合|协办|主责)(?:单位|部门)\s*[：:]|第[一二三四五六七八九十\d]+[章节条]|---)")

#: Numbering at the start of a paragraph, skipped before looking for a subject.
ITEM_NUMBER = re.compile(r"\s*(?:#{1,6}\s*)?(?:\*\*)?\s*(?:第[一二三四五六七八九十百零\d]+[章节条款]|[（(]?[一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、．.](?!\d)|[①-⑳])?\s*")

#: Sentence ends (。！？；) — each ；-clause is a sentence for the rules (subject ellipsis); ASCII
#: ! and ? are no ends (PDF text without a font map writes digits as !"$%);
#: an HTML entity left by a converter (``&ldquo;``) is no semicolon.  Runs of plain characters
#: are read in one step (possessive), so a long sentence costs one pass.
SENTENCE = re.compile(r"(?>[^。！？；;&]++|&(?:[a-zA-Z]{2,8}|#\d{1,6});|&)*(?:[。！？；;]+[”’」』）)]*|$)")

#: Clause boundaries inside a sentence.
CLAUSE_BREAK = re.compile(r"[，,：:]")


def logical_paragraphs(text: str, structure: Structure) -> list[tuple[int, int]]:
    """Paragraphs with page-break splits joined back (spans over the original text).

    Every rule asks for them; the last structure's answer is kept.
    """
    key = (hash(text), len(text), tuple((p.start, p.end) for p in structure.paragraphs[:1]), len(structure.paragraphs))
    if _PARAGRAPHS and _PARAGRAPHS[0] == key:
        return _PARAGRAPHS[1]
    out = _join_paragraphs(text, structure)
    _PARAGRAPHS[:] = [key, out]
    return out


_PARAGRAPHS: list = []


def _join_paragraphs(text: str, structure: Structure) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    headings = {s.start for s in structure.sections}
    for p in structure.paragraphs:
        if out and _open_end(text, *out[-1]) and not BLOCK_START.match(text, p.start, p.end) \
                and out[-1][0] not in headings:
            out[-1] = (out[-1][0], p.end)
        else:
            out.append((p.start, p.end))
    return out


def _open_end(text: str, start: int, end: int) -> bool:
    """Whether a paragraph ends without sentence punctuation (its last visible character)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and bool(OPEN_END.match(text, end - 1, end))


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans (trimmed) in text[start:end], split at 。！？；."""
    for m in SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e
        if m.end() >= end:
            break


def clause_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where clauses of a sentence begin (after its numbering and after ，：)."""
    first = start + len(ITEM_NUMBER.match(text, start, end).group(0))
    starts = [first]
    for m in CLAUSE_BREAK.finditer(text, first, end):
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
        if pos < end:
            starts.append(pos)
    return starts


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a trailing ，、 from a span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "，,、"):
        end -= 1
    return start, end


def children(structure: Structure, section: Section) -> list[Section]:
    """Every section below ``section`` (all depths), in order."""
    return _descendants(structure).get(id(section), [])


def _descendants(structure: Structure) -> dict[int, list[Section]]:
    """Descendants of each section, built once per structure (the last one is kept): the
    marker, scope and ownership rules ask for them section by section."""
    key = (id(structure), len(structure.sections), structure.sections[0].start if structure.sections else -1)
    if _DESCENDANTS and _DESCENDANTS[0] == key and _DESCENDANTS[2] is structure:
        return _DESCENDANTS[1]
    ordered = sorted(structure.sections, key=lambda s: s.start)
    out: dict[int, list[Section]] = {}
    for i, section in enumerate(ordered):
        below = []
        for s in ordered[i + 1:]:
            if s.start >= section.end:
                break  # sections are nested or disjoint: nothing later lies inside
            if s.end <= section.end and s.path[: len(section.path)] == section.path and s.level > section.level:
                below.append(s)
        out[id(section)] = below
    _DESCENDANTS[:] = [key, out, structure]
    return out


_DESCENDANTS: list = []


def leaves(structure: Structure, section: Section) -> list[Section]:
    """The deepest numbered subsections of a section."""
    kids = children(structure, section)
    return [c for c in kids if not any(o is not c and o.start >= c.start and o.end <= c.end and o.level > c.level
                                       for o in kids)]
