"""The section tree: numbered headings nest by numbering style, not by indentation.

The first style seen becomes level 1, a new style nests under the current one, and a
style already on the stack closes the deeper ones — so 一、 → （一） → 1. → （1） nest in
whatever order a document uses them (seed 004 marks them with inconsistent ``#`` counts;
the numbers win).  Each part (the notice, the plan it issues, each 附件) has a tree of its
own, and lines of the header/footer (masthead, title, signature, 抄送…) and of tables are
never headings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from .models import Part, Section
from .textlines import Line, tidy

CN_NUM = "一二三四五六七八九十百零〇"

#: Parenthesised ideographs ㈠…㈩ (d03's ``㈠对设计方案不符合…``) read as （一）…（十）.
PAREN_IDEOGRAPHS = {chr(0x3220 + i): n for i, n in enumerate("一二三四五六七八九十")}

#: Heading numbering styles, tried in order; each yields (number, rest).
HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^(第[{CN_NUM}\d]+部分)\s*(.*)$")),  # 第一部分
    ("chapter", re.compile(rf"^(第[{CN_NUM}\d]+章)\s*(.*)$")),  # 第一章　总则 (d03)
    ("section", re.compile(rf"^(第[{CN_NUM}\d]+节)\s*(.*)$")),
    ("article", re.compile(rf"^(第[{CN_NUM}\d]+条)\s*(.*)$")),  # 第一条　为了加强绿色建筑管理…
    ("cn-dun", re.compile(rf"^([{CN_NUM}]+)\s*[、．.]\s*(.*)$")),  # 一、总体目标
    ("cn-paren", re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*(.*)$")),  # （一）加强培训管理 / (一)指导思想
    ("cn-paren", re.compile(r"^([㈠-㈩])\s*(.*)$")),  # ㈠
    ("arabic-dot", re.compile(r"^(\d{1,2})\s*(?:[．.](?!\d)|、)\s*(.*)$")),  # 1．继续加强… / 1、
    ("arabic-paren", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.*)$")),  # （1）社区（成人）学校标准化建设
    ("circled", re.compile(r"^([①-⑳])\s*(.*)$")),  # ①
]

#: Markdown heading marker kept by the normaliser: ``## 一、总体目标``.
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")

#: Longest line still read as a run-on heading when its number stands alone on the line before.
MAX_HEADING_CHARS = 60

#: Where a run-in heading ends: ``1. 课程建设凸显区域特色。立足区域特色…`` (seed 001) has the
#: heading 课程建设凸显区域特色; ``（一）区房管局。负责…`` (d02) has 区房管局.
RUN_IN_END = re.compile(r"[。！？]")


def match_heading(line: str) -> tuple[str, str, str] | None:
    """(style, number, heading text) when ``line`` starts with a heading number."""
    md = MARKDOWN_HEADING.match(line)
    if md:
        inner = match_heading(md.group(2))
        if inner:
            return inner
        return (f"md{len(md.group(1))}", "", md.group(2).strip())
    for style, pattern in HEADING_STYLES:
        m = pattern.match(line)
        if m:
            number = PAREN_IDEOGRAPHS.get(m.group(1), m.group(1))
            return style, number, m.group(2).strip()
    return None


def display_number(style: str, number: str) -> str:
    """The path element as researchers write it: 一, (一), 1, (1)."""
    return {"cn-paren": f"({number})", "arabic-paren": f"({number})"}.get(style, number)


def run_in_heading(rest: str) -> str:
    """The heading of a numbered line: up to the first full stop when text follows it."""
    m = RUN_IN_END.search(rest)
    if m and rest[m.end():].strip():
        return rest[: m.start()].strip()
    return rest.strip()


def zone_test(zones: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset lies in any of ``zones`` (half-open spans), by bisection over the
    zones merged into disjoint spans: asked for every line of the document."""
    merged: list[list[int]] = []
    for s, e in sorted(z for z in zones if z[0] < z[1]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < merged[i][1]

    return inside


def parse_sections(text: str, lines: list[Line], zones: list[tuple[int, int]] | None = None,
                   parts: list[Part] | None = None, bold: set[int] | None = None,
                   stops: list[int] | None = None) -> list[Section]:
    """The section tree as a flat list in document order (parents before children).

    ``zones`` are spans that hold no headings (header, footer, tables); ``parts`` restart
    the tree at each part's title; ``bold`` holds the start offsets of bold-only lines
    (``**…**`` in the source), read as unnumbered headings; ``stops`` are offsets where
    the body ends (署名, 附件说明, 抄送…): no section runs past one.
    """
    zones, parts, bold = zones or [], parts or [], bold or set()
    title_zones = [(p.start, max(p.title_end, p.start + 1)) for p in parts]
    sections: list[Section] = []
    stack: list[tuple[str, Section]] = []
    current: Part | None = None
    consumed: set[int] = set()
    in_zone, in_title = zone_test(zones), zone_test(title_zones)
    for k, line in enumerate(lines):
        if k in consumed or in_zone(line.start) or in_title(line.start):
            continue
        part = next((p for p in parts if p.start <= line.start < p.end), None)
        if part is not current:
            stack, current = [], part
        found = match_heading(line.text)
        if not found and line.start in bold:
            found = ("bold", "", line.text)
        if not found:
            continue
        style, number, rest = found
        heading_end = line.end
        if not rest and number and k + 1 < len(lines) and not match_heading(lines[k + 1].text) \
                and len(lines[k + 1].text) <= MAX_HEADING_CHARS and not in_zone(lines[k + 1].start):
            # ``（二）`` alone on its line, the heading on the next (seed 002)
            rest, heading_end = lines[k + 1].text, lines[k + 1].end
            consumed.add(k + 1)
        heading = tidy(run_in_heading(rest) if number else rest)
        styles = [s for s, _ in stack]
        if style in styles:
            del stack[styles.index(style):]
        element = display_number(style, number) or heading[:12]
        section = Section(number=element, heading=heading, level=len(stack) + 1,
                          path=tuple(sec.number for _, sec in stack) + (element,), start=line.start,
                          end=current.end if current else len(text), heading_end=heading_end, style=style,
                          part=current.title if current else None)
        stack.append((style, section))
        sections.append(section)
    _close(sections, parts, len(text), sorted(stops or []))
    return sections


def _close(sections: list[Section], parts: list[Part], text_end: int, stops: list[int]) -> None:
    """A section ends where the next one of the same or a higher level starts, or its part ends."""
    first_part = min((p.start for p in parts), default=text_end)
    for i, sec in enumerate(sections):
        limit = next((p.end for p in parts if p.title == sec.part and p.start <= sec.start < p.end), None)
        if limit is None:
            limit = first_part if sec.start < first_part else text_end
        limit = min([limit] + [s for s in stops if s > sec.start])
        sec.end = limit
        for later in sections[i + 1:]:
            if later.part != sec.part or later.start >= limit:
                break
            if later.level <= sec.level:
                sec.end = later.start
                break
