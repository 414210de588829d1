"""Structure: header metadata, section tree, paragraphs and sentences of a Document.

Numbering style decides a heading's level (not indentation): the first style seen
becomes level 1, a new style nests under the current one, and a style already on the
stack closes the deeper ones.  So 一、 → （一） → 1. → （1） nest in whatever order a
document uses them.
"""

from __future__ import annotations

import re

from . import data
from .models import Citation, Document, DocumentMeta, Paragraph, Section, Sentence, Structure

# ── headings ─────────────────────────────────────────────────────────────────

CN_NUM = "一二三四五六七八九十百零〇"

#: Heading numbering styles, tried in order; each yields (style, number, rest).
HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^(第[{CN_NUM}\d]+章)\s*(.*)$")),
    ("section", re.compile(rf"^(第[{CN_NUM}\d]+节)\s*(.*)$")),
    ("article", re.compile(rf"^(第[{CN_NUM}\d]+条)\s*(.*)$")),
    ("cn-dun", re.compile(rf"^([{CN_NUM}]+)[、．.]\s*(.*)$")),  # 一、
    ("cn-paren", re.compile(rf"^[（(]([{CN_NUM}]+)[）)]\s*(.*)$")),  # （一）
    ("arabic-dot", re.compile(r"^(\d{1,2})(?:[．.](?!\d)|、)\s*(.*)$")),  # 1. 1、
    ("arabic-paren", re.compile(r"^[（(](\d{1,2})[）)]\s*(.*)$")),  # （1）
    ("circled", re.compile(r"^([①-⑳])\s*(.*)$")),  # ①
]

#: Markdown heading marker kept by the normaliser: ``## 一、总体目标``.
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s*(.*)$")

#: Longest line still read as a heading when it has no sentence punctuation inside.
MAX_HEADING_CHARS = 60


def _match_heading(line: str) -> tuple[str, str, str] | None:
    """(style, number, heading text) when ``line`` is a numbered heading line."""
    md = MARKDOWN_HEADING.match(line)
    if md:
        inner = _match_heading(md.group(2))
        if inner:
            return inner
        return (f"md{len(md.group(1))}", "", md.group(2).strip())
    for style, pattern in HEADING_STYLES:
        m = pattern.match(line)
        if m:
            return style, m.group(1), m.group(2).strip()
    return None


def _display_number(style: str, number: str) -> str:
    return {"cn-paren": f"({number})", "arabic-paren": f"({number})"}.get(style, number)


def parse_sections(text: str) -> list[Section]:
    """The section tree as a flat list in document order (parents before children)."""
    sections: list[Section] = []
    stack: list[tuple[str, Section]] = []  # (style, section)
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        found = _match_heading(stripped)
        if not found:
            continue
        style, number, heading = found
        styles = [s for s, _ in stack]
        if style in styles:
            del stack[styles.index(style):]
        path = tuple(sec.number for _, sec in stack) + (_display_number(style, number) or heading[:12],)
        section = Section(number=_display_number(style, number) or heading[:12], heading=heading,
                          level=len(stack) + 1, path=path, start=start, end=len(text),
                          heading_end=start + len(line), style=style)
        stack.append((style, section))
        sections.append(section)
    # a section ends where the next section of the same or a higher level starts
    for i, sec in enumerate(sections):
        for later in sections[i + 1:]:
            if later.level <= sec.level:
                sec.end = later.start
                break
    return sections


# ── paragraphs and sentences ─────────────────────────────────────────────────

#: Sentence ends: Chinese full stop, exclamation, question mark, semicolon.
SENTENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            spans.append((m.start(), m.end()))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (trimmed of whitespace) within text[start:end]."""
    end = len(text) if end is None else end
    spans = []
    for m in SENTENCE_END.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        if m.end() >= end:
            break
    return spans


# ── header metadata ──────────────────────────────────────────────────────────

#: 发文字号: issuer code + year in brackets (〔〕 [] （） 【】, any width) + number + 号.
#: 闵学委办〔2022〕2号, 长学办〔2010〕03号, 教职成[2004]16号.
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})\s*[〔\[［【（(]\s*((?:19|20)\d{2})\s*[〕\]］】）)]\s*(\d{1,4})\s*号")

#: 《title》 of a cited document.
BOOK_TITLE = re.compile(r"《([^《》\n]{2,80})》")

#: Document types, longest first, read from the end of the title.
DOC_TYPES = ("实施意见", "指导意见", "工作要点", "实施方案", "工作方案", "实施细则", "管理办法", "规划", "纲要",
             "通知", "意见", "指南", "方案", "办法", "决定", "通告", "公告", "报告", "细则", "规定", "要点", "计划")

TITLE_HINT = re.compile(r"(关于|规划|方案|意见|通知|要点|指南|办法)")


def canonical_doc_number(m: re.Match[str]) -> str:
    """Write a 文号 with 〔〕 brackets whatever the source used."""
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def find_title(text: str) -> str | None:
    """The first short line that reads like a title (関于…的通知, …规划)."""
    for line in text.split("\n")[:30]:
        s = line.strip().lstrip("#").strip()
        if 6 <= len(s) <= 80 and TITLE_HINT.search(s) and not DOC_NUMBER.search(s) and not s.endswith(("：", ":", "。")):
            return s.replace(" ", "")
    return None


def find_doc_type(title: str | None) -> str | None:
    if not title:
        return None
    for t in DOC_TYPES:
        if title.endswith(t):
            return t
    return None


def find_region(text: str) -> str | None:
    """The region the document speaks for: the first gazetteer district/city in the head."""
    head = text[:600]
    found = [(short, full) for short, full in data.regions().items() if short in head]
    if not found:
        return None
    # the most specific region wins (a district over its city), then the earliest
    return min(found, key=lambda sf: (-len(sf[1]), head.find(sf[0])))[1]


def find_citations(text: str) -> list[Citation]:
    """Cited documents: each 文号 and each 《title》, joined when the title is followed by （文号）."""
    cites: list[Citation] = []
    numbers = list(DOC_NUMBER.finditer(text))
    used: set[int] = set()
    for m in BOOK_TITLE.finditer(text):
        doc_number = None
        after = text[m.end(): m.end() + 30]
        nm = DOC_NUMBER.match(after.lstrip("（(").lstrip())
        if nm and after.lstrip()[:1] in "（(":
            doc_number = canonical_doc_number(nm)
            for n in numbers:
                if m.end() <= n.start() <= m.end() + 30:
                    used.add(n.start())
        cites.append(Citation(doc_number=doc_number, title=m.group(1), start=m.start(), end=m.end(), evidence=m.group(0)))
    for n in numbers:
        if n.start() not in used:
            cites.append(Citation(doc_number=canonical_doc_number(n), title=None, start=n.start(), end=n.end(), evidence=n.group(0)))
    return sorted(cites, key=lambda c: c.start)


def parse_meta(text: str) -> DocumentMeta:
    meta = DocumentMeta()
    head = text[:600]
    number = DOC_NUMBER.search(head)
    if number:
        meta.doc_number = canonical_doc_number(number)
        meta.year = int(number.group(2))
    meta.title = find_title(text)
    meta.doc_type = find_doc_type(meta.title)
    meta.region = find_region(text)
    if meta.year is None:
        years = re.search(r"((?:19|20)\d{2})\s*年", head)
        meta.year = int(years.group(1)) if years else None
    own = meta.doc_number
    meta.cited = [c for c in find_citations(text) if c.doc_number != own or c.title]
    return meta


def parse_structure(doc: Document) -> Structure:
    """Build the Structure of a normalised Document (pure)."""
    text = doc.text
    sections = parse_sections(text)
    structure = Structure(meta=parse_meta(text), sections=sections, tables=list(doc.tables))

    def path_at(offset: int) -> tuple[str, ...]:
        sec = structure.section_at(offset)
        return sec.path if sec else ()

    for s, e in split_paragraphs(text):
        structure.paragraphs.append(Paragraph(s, e, path_at(s)))
        for ss, se in split_sentences(text, s, e):
            structure.sentences.append(Sentence(ss, se, text[ss:se], path_at(ss)))
    return structure
