"""Alliances and networks: their lead units (由X牵头) and member units (成员单位包括…) from
sentences and from tables (联盟名称 | 牵头单位 | 成员单位), and sub-organisations
(学促委下设学促办).

Pure functions over the document text and the entity spans of the nlp stage; every
Membership carries the sentence it rests on.
"""

from __future__ import annotations

import re
from typing import Iterator

from .models import Document, EntitySpan, Membership, Structure, SubOrganization, Table
from .units import canonical_unit

UNIT_LABELS = ("ORG", "COLLECTIVE")

#: ``职业教育联盟由闵行职业教育联盟（集团）牵头`` / ``由区文明办牵头组建学习型组织联盟``: the
#: lead units sit between 由 and 牵头.
LEAD = re.compile(r"由([^，。；,;由]{2,60}?)牵头")

# ── member lists: the one reader (relations/members.py uses it too) ─────────────

#: A list before 等…成员单位, within its clause: ``成人教育联盟由闵行区成人教育协会牵头，闵行区 2所
#: 成人教育培训中心、闵行区老年大学和 14个街镇社区学校等成员单位`` (seed 000).
MEMBERS_BEFORE = re.compile(r"(?P<list>[^，,。；;：:]{2,120}?)等(?:[^，,。；;]{0,6}?)?成员单位")

#: A list after 成员单位包括/有/为, within its clause: ``成员单位包括区教育局、区民政局``.
MEMBERS_AFTER = re.compile(r"成员单位(?:包括|有|为)[：:]?(?P<list>[^。；;，,]{2,200})")

#: Members given as categories after 含/包括 (alliances only): ``组建职业教育联盟，含职业院校、
#: 高校、科研机构、世界五百强企业在内的100多家成员单位`` (seed 001).
MEMBERS_INCLUDED = re.compile(r"(?:(?<![包])含|包括)(?P<list>[^。；;]{2,120}?)(?:在内|等|。|；|;|$)")

#: A count before a member name: ``2所成人教育培训中心`` → 成人教育培训中心 (digits may be
#: garbled symbols in a PDF without a font map: ``%所``).
COUNT_PREFIX = re.compile(r"^[^所个家名]{0,12}?[\d%!\"$#一二三四五六七八九十百]{1,6}\s{0,2}[所个家名]")

#: Separators between the members of a list.
MEMBER_SEPARATOR = re.compile(r"[、，,]|和|及")


def member_lists(text: str, start: int, end: int, patterns=(MEMBERS_BEFORE, MEMBERS_AFTER)) -> Iterator[re.Match[str]]:
    """Member-list matches in ``text[start:end]`` (group ``list`` holds the members)."""
    for pattern in patterns:
        yield from pattern.finditer(text, start, end)


def strip_count(piece: str) -> str:
    """A list item without whitespace, its count and a trailing 等: ``闵行区 2所成人教育培训中心`` →
    成人教育培训中心."""
    return COUNT_PREFIX.sub("", "".join(piece.split())).removesuffix("等")

#: Words that say the units of a clause join the alliance: ``…志愿者工作站吸纳各方面人士加入``.
JOIN_WORDS = re.compile(r"成员|加入|参与")

SENTENCE = re.compile(r"[^。；;\n]+")


def find_memberships(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[Membership]:
    """Lead and member units of every alliance mentioned in a sentence with 牵头 or a member list."""
    region = structure.meta.region
    units = [e for e in entities if e.label in UNIT_LABELS]
    alliances = [e for e in entities if e.label == "ALLIANCE"]
    out: dict[tuple, Membership] = {}
    for sent in SENTENCE.finditer(doc.text):
        s, e = sent.start(), sent.end()
        named = [a for a in alliances if s <= a.start < e]
        if not named:
            continue
        for m in _memberships_in(doc, sent, named, units, region):
            out.setdefault((m.alliance, m.role, m.start), m)
    for m in table_memberships(doc, structure):
        out.setdefault((m.alliance, m.role, m.start, m.unit), m)
    return sorted(out.values(), key=lambda m: (m.start, m.role))


#: Table headers: the alliance column, the lead column, the member column.
ALLIANCE_HEADER = re.compile(r"联盟|共同体|网络|名称")
LEAD_HEADER = re.compile(r"牵头")
MEMBER_HEADER = re.compile(r"成员")

#: Separators between units inside one table cell.
CELL_SEPARATOR = re.compile(r"[、，,；;\n]|和|及")

ALLIANCE_NAME = re.compile(r"(?:联盟|共同体|网络)(?:[（(][^（）()]{1,6}[）)])?$")


def table_memberships(doc: Document, structure: Structure) -> list[Membership]:
    """Memberships from a table with an alliance column and a 牵头/成员 column:
    ``联盟名称 | 牵头单位 | 成员单位`` → one lead/member Membership per unit in a cell."""
    region = structure.meta.region
    out = []
    for table in structure.tables:
        cols = _alliance_columns(table)
        if cols is None:
            continue
        name_col, role_cols = cols
        for row in table.body:
            if name_col >= len(row) or not ALLIANCE_NAME.search(row[name_col].text.strip()):
                continue
            alliance = canonical_unit(row[name_col].text.strip(), region)
            evidence = " | ".join(c.text for c in row)
            for col, role in role_cols:
                if col >= len(row):
                    continue
                cell = row[col]
                for piece in CELL_SEPARATOR.split(cell.text):
                    name = piece.strip()
                    if len(name) < 2:
                        continue
                    # a cell without offsets (some readers) is located by its text
                    at = cell.start + cell.text.find(name) if cell.start >= 0 else doc.text.find(name)
                    if at < 0:
                        continue
                    out.append(Membership(doc_id=doc.doc_id, alliance=alliance, unit=canonical_unit(name, region),
                                          unit_text=name, role=role, start=at, end=at + len(name), evidence=evidence))
    return out


def _alliance_columns(table: Table) -> tuple[int, list[tuple[int, str]]] | None:
    header = [h.strip() for h in table.header]
    name_col = next((i for i, h in enumerate(header) if ALLIANCE_HEADER.search(h) and not LEAD_HEADER.search(h)
                     and not MEMBER_HEADER.search(h)), None)
    roles = [(i, "lead") for i, h in enumerate(header) if LEAD_HEADER.search(h)]
    roles += [(i, "member") for i, h in enumerate(header) if MEMBER_HEADER.search(h) and not LEAD_HEADER.search(h)]
    if name_col is None or not roles:
        return None
    return name_col, roles


def _memberships_in(doc: Document, sent: re.Match[str], named: list[EntitySpan], units: list[EntitySpan],
                    region: str | None) -> Iterator[Membership]:
    text, s, e = doc.text, sent.start(), sent.end()
    for lead in LEAD.finditer(text, s, e):
        alliance = _nearest(named, lead.start(), lead.end())
        leads = [u for u in units if lead.start(1) <= u.start and u.end <= lead.end(1)]
        for u in leads:
            yield _membership(doc, alliance, u.text, u.start, u.end, "lead", sent.group(0), region)
        # units of the rest of the clause join it when the clause says so
        clause_end = _clause_end(text, lead.end(), e)
        rest = text[lead.end():clause_end]
        if JOIN_WORDS.search(rest) and not any(member_lists(rest, 0, len(rest), MEMBER_PATTERNS)):
            for u in units:
                if lead.end() <= u.start and u.end <= clause_end and u not in leads:
                    yield _membership(doc, alliance, u.text, u.start, u.end, "member", sent.group(0), region)
    for m in member_lists(text, s, e, MEMBER_PATTERNS):
        alliance = _nearest(named, m.start(), m.end())
        lo, hi = m.start("list"), m.end("list")
        lead = LEAD.search(text, s, e)
        if lead and lead.end() > lo and lead.end() < hi:  # 联盟由X牵头，A、B等成员单位
            lo = lead.end()
        for name, at in _list_items(text, lo, hi, units):
            yield _membership(doc, alliance, name, at, at + len(name), "member", sent.group(0), region)


#: The member lists an alliance sentence may hold.
MEMBER_PATTERNS = (MEMBERS_BEFORE, MEMBERS_AFTER, MEMBERS_INCLUDED)


def _clause_end(text: str, start: int, stop: int) -> int:
    m = re.compile(r"[，,]").search(text, start + 1, stop)
    if m:
        m2 = re.compile(r"[，,]").search(text, m.end(), stop)
        return m2.start() if m2 else stop
    return stop


def _list_items(text: str, lo: int, hi: int, units: list[EntitySpan]) -> Iterator[tuple[str, int]]:
    """Items of a member list: the unit span inside each item, else the item without its count."""
    pos = lo
    for piece in MEMBER_SEPARATOR.split(text[lo:hi]):
        at = text.find(piece, pos, hi) if piece else pos
        pos = at + len(piece)
        inside = [u for u in units if at <= u.start and u.end <= at + len(piece)]
        if inside:
            for u in inside:
                yield u.text, u.start
            continue
        name = strip_count(piece)
        name = re.sub(r"[在内的].*$", "", name) if name.endswith(("在内", "在内的")) else name
        if 2 <= len(name) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", name) and name in piece:
            yield name, at + piece.find(name)


def _nearest(named: list[EntitySpan], start: int, end: int) -> EntitySpan:
    """The alliance a clause speaks of: the mention closest to it (before it wins on a tie)."""
    return min(named, key=lambda a: min(abs(a.end - start), abs(a.start - end)))


def _membership(doc: Document, alliance: EntitySpan, unit_text: str, start: int, end: int, role: str,
                evidence: str, region: str | None) -> Membership:
    return Membership(doc_id=doc.doc_id, alliance=canonical_unit(alliance.text, region),
                      unit=canonical_unit(unit_text, region), unit_text=unit_text, role=role, start=start, end=end,
                      evidence=evidence.strip())


#: ``“学促委”下设“学促办”``: the unit after 下设 is part of the unit before it.
SUB_ORGANISATION = re.compile(r"[”\"]?\s*(?:下设|内设|设立)\s*[“\"]?")


def find_sub_organisations(doc: Document, structure: Structure,
                           entities: list[EntitySpan]) -> list[SubOrganization]:
    """(child, parent) pairs: a unit, 下设/内设, a unit (学促委下设学促办 → 学促办 ⊂ 学促委)."""
    region = structure.meta.region
    units = sorted((e for e in entities if e.label == "ORG"), key=lambda e: e.start)
    out = []
    for parent, child in zip(units, units[1:]):
        gap = doc.text[parent.end:child.start]
        if SUB_ORGANISATION.fullmatch(gap):
            # the entity's canonical name already follows the document's own 简称 aliases
            out.append(SubOrganization(doc_id=doc.doc_id, unit=child.canonical or canonical_unit(child.text, region),
                                       unit_text=child.text, parent=parent.canonical or canonical_unit(parent.text, region),
                                       parent_text=parent.text, start=parent.start, end=child.end,
                                       evidence=doc.text[parent.start:child.end]))
    return out
