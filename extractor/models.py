"""Typed models that cross the pipeline's stage boundaries.

Every stage is a function from one of these types to the next (see BRIEF.md):

    file ─ingest─► RawDocument ─normalize─► Document ─structure─► Structure
         ─nlp─► list[EntitySpan] ─relations─► Assignment / Target / Citation / Membership
         ─graph─► RDF

All character offsets (``start``/``end``) index into ``Document.text``, the
normalised text printed by ``policykg text``; ``Document.offsets`` maps them back
to the source file.  Predictions and gold annotations use the same fact types, so
evaluation compares two lists of one type.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterator


class Role(StrEnum):
    """How a unit stands to a task (documented in ontology/policykg.ttl)."""

    LEAD = "lead"  # 牵头单位, 由X牵头: coordinates the task and answers for it
    RESPONSIBLE = "responsible"  # 责任单位, 由X负责, X负责…: carries out the task
    COOPERATE = "cooperate"  # 配合/协办/支撑单位, 会同X, X参与: supports the lead
    OBLIGED = "obliged"  # X要/应/须…: a duty stated as an obligation


class TargetKind(StrEnum):
    TARGET = "target"  # a commitment (到2025年…达到80%以上)
    STAT = "stat"  # a reported figure (十三五期间建成…个)
    PROJECTION = "projection"  # an expected figure that is not promised


@dataclass(frozen=True, slots=True)
class SourcePosition:
    """Where a normalised character came from: 1-based line and column, 1-based page."""

    offset: int
    line: int
    column: int
    page: int | None = None


@dataclass(slots=True)
class OffsetMap:
    """Maps each character of the normalised text to an offset in the source text.

    ``source_offsets[i]`` is the source offset of normalised character ``i``; a
    character the normaliser inserted (e.g. a newline between PDF pages) maps to the
    source offset of the next kept character.  ``page_starts`` holds the source
    offsets where pages begin (empty for formats without pages).
    """

    source_offsets: list[int]
    source_text: str
    page_starts: list[int] = field(default_factory=list)

    def to_source(self, index: int) -> int:
        if not self.source_offsets:
            return 0
        index = min(max(index, 0), len(self.source_offsets) - 1)
        return self.source_offsets[index]

    def position(self, index: int) -> SourcePosition:
        """Line, column and page in the source of normalised character ``index``."""
        offset = self.to_source(index)
        before = self.source_text[:offset]
        line = before.count("\n") + 1
        column = offset - (before.rfind("\n") + 1) + 1
        page = None
        if self.page_starts:
            page = sum(1 for start in self.page_starts if start <= offset)
        return SourcePosition(offset=offset, line=line, column=column, page=page)


@dataclass(slots=True)
class Cell:
    text: str
    start: int = -1
    end: int = -1
    row_span: int = 1
    col_span: int = 1


@dataclass(slots=True)
class Table:
    """A table from any format; ``header_rows`` leading rows are headers."""

    rows: list[list[Cell]]
    start: int = -1
    end: int = -1
    header_rows: int = 1
    caption: str | None = None
    section_path: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        return [cell.text for cell in self.rows[0]] if self.rows and self.header_rows else []

    @property
    def body(self) -> list[list[Cell]]:
        return self.rows[self.header_rows :]


@dataclass(slots=True)
class RawDocument:
    """A file as read, before any repair: decoded text plus what the reader found."""

    path: str
    doc_id: str
    format: str  # txt, md, pdf, docx, html
    text: str
    encoding: str | None = None
    page_starts: list[int] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # (source start, source end, font name) of characters the PDF reader looked at closely
    # (garbled-digit runs): each font's code map is solved on its own
    font_spans: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Repair:
    """One artefact repair the normaliser made, kept for the metadata and the map."""

    kind: str  # e.g. "line-join", "furniture", "markup", "garbled-digits"
    source_start: int
    source_end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Flag:
    """A span of normalised text the pipeline could not read safely (never guessed)."""

    kind: str  # e.g. "garbled"
    start: int
    end: int
    text: str
    note: str = ""


@dataclass(slots=True)
class Document:
    """Normalised text that every later offset refers to, plus its map to the source."""

    doc_id: str
    path: str
    format: str
    text: str
    offsets: OffsetMap
    encoding: str | None = None
    repairs: list[Repair] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the reader's (mixed encodings, pages without text…)

    def quote(self, start: int, end: int) -> str:
        return self.text[start:end]


@dataclass(slots=True)
class Section:
    """A node of the section tree (一、 → （一） → 1. …); ``path`` is the numbers from the root."""

    number: str  # as written, e.g. "一", "（一）", "1"
    heading: str  # heading text without its number
    level: int  # 1 = top level
    path: tuple[str, ...]
    start: int  # heading start
    end: int  # end of the section's body
    heading_end: int = -1
    style: str = ""  # numbering style, e.g. "cn-dun", "cn-paren", "arabic-dot", "markdown"
    part: str | None = None  # title of the attachment/part the section belongs to

    @property
    def label(self) -> str:
        """The section path as researchers read it: 三(一)2."""
        return "".join(self.path)


@dataclass(slots=True)
class Part:
    """A part of a document with its own title and section tree: the plan a notice issues
    (seed 001's 规划 inside its 通知) or an attachment (附件1…).  ``start``/``end`` span the
    part from its label or title line to the next part; ``title_start``/``title_end`` the title."""

    title: str
    start: int
    end: int
    title_start: int = -1
    title_end: int = -1
    number: str | None = None  # 附件1 → "1"
    kind: str = "attachment"


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    section_path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    section_path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """Another document cited by 文号 and/or 《title》."""

    doc_number: str | None
    title: str | None
    start: int
    end: int
    evidence: str
    issuer: str | None = None  # 教育部等九部门《…》: the body named just before the title


@dataclass(slots=True)
class DocumentMeta:
    """Official-document metadata (GB/T 9704-2012 elements); None where not found."""

    title: str | None = None
    doc_type: str | None = None
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    issue_date: str | None = None
    effective_date: str | None = None
    cc: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    cited: list[Citation] = field(default_factory=list)
    region: str | None = None
    year: int | None = None  # the document year, for relative dates
    signer: str | None = None  # 签发人
    disclosure: str | None = None  # 附注/公开属性: 主动公开
    printed_by: str | None = None  # 印发机关
    print_date: str | None = None  # 印发日期
    expiry_date: str | None = None  # 自…至…施行: the last day in force
    subtitle: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field → where it was read (header, signature, front-matter…)


def _section_cuts(sections: list[Section]) -> tuple[list[int], list[Section | None]]:
    """Offsets where the deepest containing section changes, and that section from each on."""
    bounds = sorted({b for s in sections if s.start < s.end for b in (s.start, s.end)})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for k, s in enumerate(sections):
        if s.start < s.end:
            starting.setdefault(s.start, []).append(k)
            ending.setdefault(s.end, []).append(k)
    active: set[int] = set()
    owners: list[Section | None] = []
    for b in bounds:
        active.difference_update(ending.get(b, ()))
        active.update(starting.get(b, ()))
        best = max(active, key=lambda k: (sections[k].level, k)) if active else None
        owners.append(sections[best] if best is not None else None)
    return bounds, owners


@dataclass(slots=True)
class Structure:
    meta: DocumentMeta
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    # (the sections list it was built from, its length, cut offsets, section owning each cut)
    _section_index: tuple | None = field(default=None, repr=False, compare=False)

    def section_at(self, offset: int) -> Section | None:
        """The deepest section containing ``offset`` (of equal depth, the later in the list).

        Answered by bisection over the offsets where the answer changes, rebuilt when
        ``sections`` is replaced or grows (stages ask this for every sentence and span).
        """
        index = self._section_index
        if index is None or index[0] is not self.sections or index[1] != len(self.sections):
            index = self._section_index = (self.sections, len(self.sections), *_section_cuts(self.sections))
        _, _, cuts, owners = index
        i = bisect_right(cuts, offset) - 1
        return owners[i] if i >= 0 else None


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A mention found by the NLP stage.

    ``label`` is ORG, COLLECTIVE, ALLIANCE, DATE, PERIOD, NUMBER or DOCREF;
    ``canonical`` is the region-qualified canonical name (区社区学院 → 闵行区社区学院);
    ``rule`` says which pattern or component produced it.
    """

    label: str
    start: int
    end: int
    text: str
    canonical: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Assignment:
    """(unit, role, task): one unit's responsibility for one task item, with evidence."""

    doc_id: str
    unit: str  # canonical
    unit_text: str  # as written
    role: Role
    task: str
    start: int  # task span in Document.text
    end: int
    evidence: str  # the sentence or marker the assignment rests on
    evidence_start: int
    evidence_end: int
    section: str = ""
    deadline: str | None = None
    rule: str = ""
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative figure: indicator, value in base unit, comparator, deadline."""

    doc_id: str
    indicator: str
    value: float | None
    unit: str
    unit_text: str
    comparator: str  # >=, <=, =, >, <, ~, +
    kind: TargetKind
    start: int
    end: int
    evidence: str
    deadline: str | None = None
    baseline: float | None = None
    value_max: float | None = None
    indicator_id: str | None = None
    region: str | None = None
    section: str = ""
    rule: str = ""
    scope: str | None = None  # what the figure applies to: 每街镇, 各街道
    per: str | None = None  # a rate period: 年 for 每年…/年均…
    #: The plan period's last year (from the title: 十四五 → 2025, 2025年度计划 → 2025) for a
    #: target whose text states no deadline.  Kept apart from ``deadline``, which holds only
    #: what the document writes for the figure, so a reader can tell stated from assumed.
    period_end: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    """A member (or lead) unit of an alliance/network."""

    doc_id: str
    alliance: str
    unit: str
    unit_text: str
    role: str  # "lead" or "member"
    start: int
    end: int
    evidence: str


@dataclass(frozen=True, slots=True)
class SubOrganization:
    """A unit that is part of another (学促委下设学促办 → 学促办 subOrganizationOf 学促委)."""

    doc_id: str
    unit: str  # canonical
    unit_text: str
    parent: str  # canonical
    parent_text: str
    start: int
    end: int
    evidence: str


@dataclass(slots=True)
class DocumentResult:
    """Everything extracted from one document: the unit the graph and store work on."""

    document: Document
    structure: Structure
    entities: list[EntitySpan] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    sub_organizations: list[SubOrganization] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def orgs(self) -> Iterator[EntitySpan]:
        return (e for e in self.entities if e.label in {"ORG", "COLLECTIVE", "ALLIANCE"})
