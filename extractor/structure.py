"""Structure: official metadata, parts, section tree, tables, paragraphs and sentences.

``parse_structure(doc) -> Structure`` is the stage's entry point; the work is done by
small modules, each with one job:

* ``frontmatter`` — where the official text starts (past a collector's YAML/disclaimer);
* ``header`` — GB/T 9704 header and footer elements (文号, 标题, 主送, 署名, 成文日期, 抄送…);
* ``parts`` — the plan a notice issues and its attachments, each with its own tree;
* ``sections`` — the section tree (numbering style decides the level);
* ``tables`` — tables written into the text (TSV, one cell per paragraph);
* ``citations`` — documents cited by 《title》 and/or 文号.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from . import data, regions
from .citations import find_citations
from .frontmatter import read_front_matter
from .header import CN_DATE, Header, doc_type_of, parse_date, is_org_name, is_title_like, issued_document, merge_orgs, parse_header
from .models import Citation, Document, DocumentMeta, Paragraph, Part, Section, Sentence, Structure, Table
from .parts import find_parts
from .sections import parse_sections
from .tables import find_tables, overlaps_any
from .textlines import Line, lines_of, squeeze

# ── paragraphs and sentences ─────────────────────────────────────────────────

#: Sentence and clause ends: 。！？ and ； (a clause of its own: seed 004's 区社区学院负责指导…；
#: 负责…；负责… gives one duty per clause), closing quotes/brackets stay with the sentence.
SENTENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")

#: A line item inside a paragraph starts a new clause: ``主要包括：（1）…（2）…``, ``①…②…``.
INLINE_ITEM = re.compile(r"(?<=[：:；;。，,])\s*(?=[（(]\d{1,2}[）)]|[①-⑳])")


_LINE = re.compile(r"[^\n]+")


def split_paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Non-blank line spans starting at or after ``start``."""
    begin = text.rfind("\n", 0, start) + 1  # a line cut by ``start`` is left out, not shortened
    return [(m.start(), m.end()) for m in _LINE.finditer(text, begin) if m.start() >= start and not m.group(0).isspace()]


#: The characters an inline item starts with: a paragraph without any has no INLINE_ITEM cut.
ITEM_OPENERS = re.compile(r"[（(①-⑳]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence/clause spans (trimmed of whitespace) within text[start:end]."""
    end = len(text) if end is None else end
    items = [i.start() for i in INLINE_ITEM.finditer(text, start, end)] if ITEM_OPENERS.search(text, start, end) else []
    spans = []
    for m in SENTENCE_END.finditer(text, start, end):
        ms, me = m.span()
        cuts = [ms, *items[bisect_right(items, ms):bisect_left(items, me)], me] if items else [ms, me]
        for s, e in zip(cuts, cuts[1:]):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
        if me >= end:
            break
    return spans


# ── metadata ─────────────────────────────────────────────────────────────────


def region_of_doc_number(doc_number: str | None, *names: str | None) -> str | None:
    """Region from a 文号's code prefix (extractor/regions.py): 沪松府办… → 上海市松江区."""
    return regions.region_of_doc_number(doc_number, *names)


def find_region(*names: str | None) -> str | None:
    """The most specific region named in the first of ``names`` that names one.

    The issuer's name decides (杭州市滨江区人民政府 → 浙江省杭州市滨江区); a district wins
    over the city that contains it, then the earliest mention.
    """
    return next((found for name in names if name and (found := regions.find_region(name))), None)


YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

#: An ISO date as front matter writes it: ``2025-07-15``.
ISO = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def build_meta(text: str, body_start: int, header: Header, parts: list[Part], front: dict[str, str]) -> DocumentMeta:
    """DocumentMeta from the header elements, falling back to the front matter (recorded)."""
    meta = DocumentMeta(title=header.title, doc_number=header.doc_number, recipients=header.recipients,
                        cc=header.cc, signer=header.signer, disclosure=header.disclosure,
                        printed_by=header.printed_by, print_date=header.print_date,
                        effective_date=header.effective_date, expiry_date=header.expiry_date,
                        subtitle=header.subtitle, sources=dict(header.sources))
    first_part = min((p.start for p in parts), default=len(text))
    own = [s for s in header.signatures if s.start < first_part]
    signed = [o for s in own for o in s.orgs]
    meta.issuers = merge_orgs(header.masthead + header.title_issuers + signed)
    if meta.issuers:
        meta.sources["issuers"] = "+".join(k for k, v in (("masthead", header.masthead), ("title", header.title_issuers),
                                                          ("signature", signed)) if v)
    dated = next((s for s in own if s.date), None)
    if dated:
        meta.issue_date = dated.date
        meta.sources["issue_date"] = "cover" if dated.cover else "signature"
    listed = [n.title for n in header.attachments if n.title and not n.label_only]
    meta.attachments = list(dict.fromkeys(listed + [p.title for p in parts if squeeze(p.title) not in map(squeeze, listed)]))
    if meta.recipients:
        meta.sources["recipients"] = "header"
    # the collector's front matter only where the document is silent
    for key in ("title", "doc_number"):
        if getattr(meta, key) is None and front.get(key):
            setattr(meta, key, front[key])
            meta.sources[key] = "front-matter"
    if meta.issue_date is None and front.get("issue_date"):
        meta.issue_date = parse_date(front["issue_date"]) or (front["issue_date"] if ISO.match(front["issue_date"]) else None)
        if meta.issue_date:
            meta.sources["issue_date"] = "front-matter"
    if meta.effective_date is None and meta.sources.get("effective_date", "").startswith("text:"):
        # ``自印发之日起施行``: the text ties the effective date to the date of issue
        meta.effective_date = meta.issue_date
    if not meta.issuers and front.get("issuer") and is_org_name(front["issuer"]):
        meta.issuers = [front["issuer"]]
        meta.sources["issuers"] = "front-matter"
    meta.doc_type = doc_type_of(meta.title)
    head = text[body_start: body_start + 600]
    meta.region = find_region(*meta.issuers, meta.title)
    coded = region_of_doc_number(meta.doc_number, *meta.issuers, meta.title, head)
    if coded and (not meta.region or (coded.startswith(meta.region) and coded != meta.region)):
        meta.region = coded  # 闵学委办 under a 上海市 title: the code names the district
    meta.region = meta.region or find_region(head)
    year = YEAR.search(meta.doc_number or "") or (meta.issue_date and re.match(r"(\d{4})", meta.issue_date)) \
        or YEAR.search(text[body_start: body_start + 600])
    if meta.doc_number and re.search(r"〔(\d{4})〕", meta.doc_number):
        meta.year = int(re.search(r"〔(\d{4})〕", meta.doc_number).group(1))
    elif year:
        meta.year = int(year.group(1))
    exclude = tuple([meta.title or "", issued_document(meta.title) or ""] + meta.attachments)
    meta.cited = find_citations(text[body_start:], exclude_titles=exclude,
                                exclude_numbers=(meta.doc_number,) if meta.doc_number else ())
    meta.cited = [_shift(c, body_start) for c in meta.cited]
    return meta


def _shift(c: Citation, by: int) -> Citation:
    return replace(c, start=c.start + by, end=c.end + by)


# ── the stage ────────────────────────────────────────────────────────────────


def body_start_of(doc: Document) -> tuple[int, dict[str, str]]:
    """Normalised offset where the official text starts, and the collector's front matter."""
    front = read_front_matter(doc.offsets.source_text)
    if not front.body_source_start:
        return 0, front.values
    offsets = doc.offsets.source_offsets
    start = next((i for i, o in enumerate(offsets) if o >= front.body_source_start), len(doc.text))
    return start, front.values


def bold_line_starts(doc: Document) -> set[int]:
    """Starts of lines that were wholly ``**bold**`` in the source (unnumbered headings)."""
    src = doc.offsets.source_text
    out: set[int] = set()
    if "**" not in src:
        return out
    for ln in lines_of(doc.text):
        s = doc.offsets.to_source(ln.start)
        e = doc.offsets.to_source(ln.end - 1) + 1
        if src[max(0, s - 2):s] == "**" and src[e:e + 2] == "**" and len(ln.text) <= 40:
            out.add(ln.start)
    return out


def split_glued_dates(lines: list[Line]) -> list[Line]:
    """A 成文日期 joined to the next line by a wrap repair is two lines again.

    d03's signature ``二○一二年一月九日`` and the title of the measures it issues,
    ``新余市绿色建筑管理办法``, reach the structure stage as one line.
    """
    out: list[Line] = []
    for ln in lines:
        m = CN_DATE.match(ln.text)
        rest = ln.text[m.end():] if m else ""
        if m and m.group(3) and rest.strip() and is_title_like(rest):
            cut = ln.start + m.end()
            skip = len(rest) - len(rest.lstrip())
            out += [Line(ln.start, cut, ln.text[:m.end()]), Line(cut + skip, ln.end, rest.strip())]
        else:
            out.append(ln)
    return out


def source_tabbed(doc: Document):
    """Whether a normalised line had a tab in its source line (trailing tabs are dropped by
    the normaliser, yet they make a one-cell row part of its table)."""
    src = doc.offsets.source_text
    has_tabs = "\t" in src

    def tabbed(line: Line) -> bool:
        if not has_tabs:
            return False
        at = doc.offsets.to_source(line.start)
        start = src.rfind("\n", 0, at) + 1
        end = src.find("\n", at)
        return "\t" in src[start: len(src) if end < 0 else end]

    return tabbed


def tables_of(doc: Document, found: list[Table]) -> list[Table]:
    """The reader's tables and the tables found in the text, each table once, in document order.

    An HTML or DOCX reader writes its tables into the text as tab-separated rows, so the
    text scan finds them a second time, without their merged cells; the reader's copy
    (rowspan/colspan expanded) is the one kept.
    """
    readers = list(doc.tables)
    return sorted(readers + [t for t in found if not overlaps_any(t, readers)], key=lambda t: t.start)


def parse_structure(doc: Document) -> Structure:
    """Build the Structure of a normalised Document (pure)."""
    text = doc.text
    body_start, front = body_start_of(doc)
    lines = split_glued_dates(lines_of(text, body_start))
    tables = tables_of(doc, find_tables(text, lines, source_tabbed(doc)))
    table_zones = [(t.start, t.end) for t in tables]
    header = parse_header(text, lines, table_zones)
    parts = find_parts(lines, header)
    meta = build_meta(text, body_start, header, parts, front)
    zones = header.zones + table_zones
    stops = [s for s, _ in header.zones if s >= header.head_end]
    sections = parse_sections(text, lines, zones, parts, bold_line_starts(doc), stops)
    for table in tables:
        sec = _deepest(sections, table.start)
        table.section_path = sec.path if sec else ()
    structure = Structure(meta=meta, sections=sections, tables=tables, parts=parts)

    def path_at(offset: int) -> tuple[str, ...]:
        sec = structure.section_at(offset)
        return sec.path if sec else ()

    for s, e in split_paragraphs(text, body_start):
        structure.paragraphs.append(Paragraph(s, e, path_at(s)))
        for ss, se in split_sentences(text, s, e):
            structure.sentences.append(Sentence(ss, se, text[ss:se], path_at(ss)))
    return structure


def _deepest(sections: list[Section], offset: int) -> Section | None:
    best = None
    for sec in sections:
        if sec.start <= offset < sec.end and (best is None or sec.level >= best.level):
            best = sec
    return best
