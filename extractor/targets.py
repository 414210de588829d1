"""Targets: quantitative figures (indicator, value, unit, comparator, deadline, kind).

Two sources, one output type (:class:`~extractor.models.Target`):

* **text** (rule ``text-quantity``): every quantity :mod:`extractor.numbers` finds in a
  sentence, with its comparator from the words around it, its deadline from the time
  markers before it, and its kind from the section and the sentence;
* **tables** (rule ``indicator-table``, :mod:`extractor.target_tables`): each row of an
  indicator table (序号/指标/单位/增长值（到 2025 年）), deadline from the header.

Targets and reported figures are told apart (``kind``): a figure in a section reviewing
past work (一、“十三五”发展回顾) or after a past marker (已, 目前, “十三五”末) is a stat; one
after 预计/将达 is a projection; the rest of a plan's figures are targets.  A figure
inside a span the normaliser flagged as unreadable (garbled digits) is never emitted.
The cue words live in ``extractor/data/target_cues.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from . import data
from .dates import cn_number, five_year_plan
from .indicators import link_indicator
from .models import Document, Sentence, Structure, Target, TargetKind
from .numbers import CN_DIGITS, Quantity, find_quantities
from .target_tables import TableContext, table_targets, tables_for

RULE_TEXT = "text-quantity"


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue words by role, longest first (see target_cues.tsv)."""

    cmp_before: tuple[tuple[str, str], ...]
    cmp_after: tuple[tuple[str, str], ...]
    increase: tuple[str, ...]
    projection: tuple[str, ...]
    past: tuple[str, ...]
    commitment: tuple[str, ...]
    review_heading: tuple[str, ...]
    lead_verb: tuple[str, ...]


@lru_cache(maxsize=None)
def cues() -> Cues:
    rows = data.read_tsv("target_cues.tsv")

    def words(role: str) -> tuple[str, ...]:
        return tuple(sorted((r["cue"] for r in rows if r["role"] == role), key=len, reverse=True))

    def pairs(role: str) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(((r["cue"], r["value"]) for r in rows if r["role"] == role), key=lambda p: -len(p[0])))

    return Cues(pairs("cmp-before"), pairs("cmp-after"), words("increase"), words("projection"), words("past"),
                words("commitment"), words("review-heading"), words("lead-verb"))


# ── time: deadlines and past/future markers ──────────────────────────────────

#: A year promised as a deadline: 到2025年, 至 2025 年, 力争 2025 年, 到2020年底.
#: ``到2025年，闵行将进一步完善…``; ``至 2025 年新增 100 集在线终身学习课程``.
DEADLINE_YEAR = re.compile(r"(?:到|至|力争到?|争取到?|力争在|(?<![始早])于)\s*((?:19|20)\d{2})\s*年(?:底|末|前|年底)?")

#: A reference date for a reported figure: 截至2020年, 截止到2012年底.
AS_OF_YEAR = re.compile(r"(?:截至|截止到?|至今)\s*((?:19|20)\d{2})\s*年")

#: A year on its own: ``2010年职业技能…总体目标15000人``, ``开展2010年度…达标活动``.
#: Not a date (2017年4月), not a range (2013-2014 年).
BARE_YEAR = re.compile(r"(?<![\d\-－—~～至到])((?:19|20)\d{2})\s*年(?:度)?(?![\d\s]*月)(?!\s*[-－—~～至到]\s*\d)")

#: Five-year plan periods: “十四五”末 → 2025; 十三五期间 → 2016–2020.  ``中期`` is no date.
PERIOD = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?\s*(末|期末|期间|时期|中期|规划期)?")
#: A period named as the point of comparison (较“十三五”翻一番) is no time marker.
COMPARED = re.compile(r"(?:较|比|相比|与)\s*$")

def period_end(digit: str) -> int:
    """The last year of a five-year plan named 十X五 (十四五 → 2025), via dates.five_year_plan."""
    return five_year_plan(10 + cn_number(digit))[1]


@dataclass(frozen=True, slots=True)
class TimeMark:
    at: int  # position in the sentence
    year: int | None  # the year the marker points at (deadline or reference year)
    past: bool  # a reported period (十三五末, 截至2020年) rather than a promised one
    deadline: bool  # may serve as a deadline
    bare: bool = False  # a year on its own (2017 年): reaches only its own clause


def time_marks(text: str, doc_year: int | None) -> list[TimeMark]:
    """Time markers of a sentence in order; past-ness is judged against the document year."""
    marks: list[TimeMark] = []
    for m in DEADLINE_YEAR.finditer(text):
        year = int(m.group(1))
        marks.append(TimeMark(m.start(), year, doc_year is not None and year < doc_year, True))
    for m in AS_OF_YEAR.finditer(text):
        marks.append(TimeMark(m.start(), int(m.group(1)), True, False))
    taken = {mk.at for mk in marks}
    for m in BARE_YEAR.finditer(text):
        if any(abs(m.start() - t) <= 4 for t in taken):
            continue
        year = int(m.group(1))
        past = doc_year is not None and year < doc_year
        marks.append(TimeMark(m.start(), year, past, not past, bare=True))
    for m in PERIOD.finditer(text):
        if COMPARED.search(text[:m.start()]):
            continue
        end = period_end(m.group(1))
        past = doc_year is not None and end < doc_year
        point = m.group(2) in {"末", "期末"}
        marks.append(TimeMark(m.start(), end if point else None, past, point and not past))
    return sorted(marks, key=lambda mk: mk.at)


#: The period a plan covers, from its title: 十四五 → 2025; 2013-2014 年度 → 2014.
PLAN_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-－—~～至到]\s*((?:19|20)\d{2})\s*年")


def plan_end_year(title: str | None, text: str) -> int | None:
    """The last year of the plan period named in the title (or the text's head)."""
    for source in (title or "", text[:800]):
        m = PERIOD.search(source)
        if m:
            return period_end(m.group(1))
        m = PLAN_RANGE.search(source)
        if m:
            return int(m.group(2))
    return None


# ── the sentence rule ────────────────────────────────────────────────────────

#: How far (characters) the cue and indicator rules look around a figure inside its
#: clause: indicators are short, and a bound keeps hostile one-clause inputs linear.
WINDOW = 60

#: Clause boundaries inside a sentence (a comparator or cue never reaches across them).
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")

#: Words between an increase cue and the figure that make the figure a level, not an
#: increase: ``新增公共服务设施附属绿地开放度达到80%以上`` is a level of 80 %.
LEVEL_WORDS = re.compile(r"达到|达|为|到|至|率|度")

#: Text between 新建/新增 and a figure that shows the cue qualifies a noun instead
#: (``新建国家机关办公建筑、大型公共建筑（单体建筑面积2万平方米以上）``).
INCREASE_BREAK = re.compile(r"[（(]")

#: The scope a figure applies to: 每街镇选取3-5个, 各街道要…安排不少于 1 名专职人员.
SCOPE = re.compile(r"(?:每个?|各)((?:[\u4e00-\u9fff]{0,3}?)(?:街镇|街道|乡镇|镇|区县|区|社区|村居委|居委|村|学校|单位|部门|家庭|园区))")

#: Per-period rates: 每年推广…3个以上, 年均增长5%.
PER_YEAR = re.compile(r"每年|年均|每学年")

#: A baseline and a target in one phrase: 从60%提高到80%, 由10个增加至20个.
FROM_TO = re.compile(r"(?:从|由)\s*(?P<base>[^，。；从由]{1,20}?)\s*(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减)(?:到|至)")


@lru_cache(maxsize=32)
def _breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the clause breaks of a sentence (computed once per sentence)."""
    found = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text)]
    return tuple(s for s, _ in found), tuple(e for _, e in found)


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos``: just after the last break before it."""
    starts, ends = _breaks(text)
    i = bisect_right(starts, pos - 1) - 1
    return ends[i] if i >= 0 and ends[i] <= pos else 0


def _clause_end(text: str, pos: int) -> int:
    starts, _ = _breaks(text)
    i = bisect_left(starts, pos)
    return starts[i] if i < len(starts) else len(text)


def comparator_for(text: str, q: Quantity) -> str:
    """The comparator of quantity ``q`` in sentence ``text`` (gold README conventions).

    ``新增50名以上`` → ``+`` (an increase wins), ``3-5个`` → ``~``, ``不少于4元/人`` → ``>=``,
    ``800 平方米以上`` → ``>=``, ``100多家`` → ``>=``, ``约38.7%`` → ``~``, else ``=``.
    """
    c = cues()
    clause = text[max(_clause_start(text, q.start), q.start - WINDOW):q.start]
    for cue in c.increase:
        i = clause.rfind(cue)
        if i >= 0 and not LEVEL_WORDS.search(clause[i + len(cue):]) and not INCREASE_BREAK.search(clause[i:]):
            return "+"
    if q.value_max is not None:
        return "~"
    near = clause.rstrip()
    near = re.sub(r"(?:达到|达|为|在|按)$", "", near)
    for cue, cmp in c.cmp_before:
        if near.endswith(cue):
            return cmp
    after = text[q.end:q.end + 4].lstrip()
    for cue, cmp in c.cmp_after:
        if after.startswith(cue):
            return cmp
    if q.approx:
        return q.approx
    return "="


#: A total the document states about itself or the world: 共22项任务, 共计58处优秀历史建筑.
TOTAL_BEFORE = re.compile(r"(?:共计|合计|总计|(?<![公一])共)\s*$")


def is_apposition(text: str, q: Quantity) -> bool:
    """A count naming the list before it, not a figure of its own.

    ``由区建设管理委、区住房保障房屋管理局、区规划资源局三家副主任单位协同开展工作``:
    三家 counts the three units just listed.
    """
    if q.form != "chinese" or q.value_max is not None:
        return False
    clause = text[max(_clause_start(text, q.start), q.start - 2 * WINDOW):q.start]
    if "、" not in clause:
        return False
    return q.value == clause.count("、") + 1


#: A measure that qualifies what a count counts: ``1000亩以上开放休闲林地5个`` (the
#: target is 5 woods of 1000+ mu, not 1000 mu).
QUALIFIER_AFTER = re.compile(r"^\s*(?:以上|以下|及以上)?的?[\u4e00-\u9fff“”]{2,20}$")


def is_qualifier(text: str, q: Quantity, following: Quantity | None) -> bool:
    if q.unit_kind != "measure" or following is None or following.unit_kind != "classifier":
        return False
    if _clause_end(text, q.end) < following.end:
        return False
    return bool(QUALIFIER_AFTER.match(text[q.end:following.start]))


@lru_cache(maxsize=32)
def _committed(text: str) -> bool:
    """The sentence holds a commitment word (力争, 确保, 目标…)."""
    return any(w in text for w in cues().commitment)


def kind_for(text: str, q: Quantity, marks: list[TimeMark], review: bool, plan_like: bool) -> TargetKind:
    """target / stat / projection for quantity ``q`` in sentence ``text``.

    ``“十三五”末…老年人口有 37.9 万，预计“十四五”末…将达 46.25 万人，…占比约 38.7%``:
    37.9万 is a stat (past period), 46.25万 and 38.7% are projections (预计 before them).
    """
    if review:
        return TargetKind.STAT
    c = cues()
    before = text[:q.start]
    if TOTAL_BEFORE.search(before[-6:]):
        return TargetKind.STAT
    clause = text[max(_clause_start(text, q.start), q.start - WINDOW):min(_clause_end(text, q.end), q.end + WINDOW)]
    last_past = max((mk.at for mk in marks if mk.past and mk.at < q.start), default=-1)
    last_future = max((mk.at for mk in marks if not mk.past and mk.at < q.start), default=-1)
    proj = max((before.rfind(w) for w in c.projection), default=-1)
    if proj >= 0 and proj > last_past:
        return TargetKind.PROJECTION
    if last_past > last_future or any(w in clause for w in c.past):
        return TargetKind.STAT
    if last_future >= 0 or plan_like or _committed(text):
        return TargetKind.TARGET
    return TargetKind.STAT


def deadline_for(q: Quantity, marks: list[TimeMark], carried: str | None) -> str | None:
    """The last deadline marker before the figure in its sentence, else the carried one."""
    found = [mk for mk in marks if mk.at < q.start and mk.deadline and mk.year]
    if found:
        return str(found[-1].year)
    return carried


#: An item number opening the clause: ``4.完成旧住房修缮更新60万平方米``.
ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[（(][一二三四五六七八九十]+[）)])")

#: Where the name of a counted thing ends: a verb after it (…教学点为试点, 街镇被评为…).
NAME_END = re.compile(r"(?:为|被|通过|均|分别|成为|参与|从事|纳入|实现|达到|的目标).*$")


def _after_name(text: str, q: Quantity) -> str:
    """The noun phrase after a figure: ``3-5个基础较好、有一定特色的教学点为试点`` → 教学点."""
    after = text[q.end:min(_clause_end(text, q.end), q.end + WINDOW)]
    after = re.split(rf"、(?=\s*[\d{CN_DIGITS}])", after)[0]
    for cue, _ in cues().cmp_after:
        if after.startswith(cue):
            after = after[len(cue):]
            break
    if "的" in after:
        after = after[after.rindex("的") + 1:]
    return _tidy(NAME_END.sub("", after))


def _tidy(name: str) -> str:
    """Trim spaces and unpaired quotes or brackets at the ends, keep paired ones (“15分钟”社区生活圈)."""
    name = name.strip(" \"")
    for open_, close in (("“", "”"), ("（", "）"), ("(", ")")):
        if name.startswith(open_) and close not in name:
            name = name[1:]
        if name.endswith(close) and open_ not in name:
            name = name[:-1]
        if name.startswith(close):
            name = name[1:]
    return name.strip()


def _before_name(text: str, q: Quantity) -> str:
    """The phrase before a figure: ``教学用房应达到 800 平方米以上`` → 教学用房."""
    c = cues()
    before = ITEM_NUMBER.sub("", text[max(_clause_start(text, q.start), q.start - WINDOW):q.start])
    if "、" in before[-6:]:
        before = before.split("、")[-1]
    for pattern in (DEADLINE_YEAR, AS_OF_YEAR, BARE_YEAR, PERIOD):
        before = pattern.sub("", before)
    changed = True
    while changed:
        changed = False
        stripped = _tidy(before)
        for cue, _ in c.cmp_before:
            if stripped.endswith(cue):
                stripped, changed = stripped[: -len(cue)], True
        for tail in ("应达到", "要达到", "达到", "将达", "已达", "达", "为", "有", "共", "在", "约", "近", "到", "至",
                     "按照", "按"):
            if stripped.endswith(tail):
                stripped, changed = stripped[: -len(tail)], True
        for verb in c.lead_verb + c.increase + c.commitment + c.projection:
            if stripped.startswith(verb):
                stripped, changed = stripped[len(verb):], True
        before = stripped
    before = re.sub(r"^(?:其中|另外|同时|并)", "", before.strip(" 、，,的"))
    return before


def indicator_for(text: str, q: Quantity) -> str:
    """What is measured, as written.

    A classifier counts the thing named after it (``新增 10 个市级人文行走站点`` →
    市级人文行走站点); a measure unit measures the thing named before it (``教学用房应达到
    800 平方米以上`` → 教学用房).  Time phrases, cue words and lead verbs are trimmed.
    """
    after, before = _after_name(text, q), _before_name(text, q)
    first, second = (after, before) if q.unit_kind == "classifier" else (before, after)
    for name in (first, second):
        if len(name) >= 2:
            return name[-40:] if name is before else name[:40]
    return text[max(_clause_start(text, q.start), q.start - WINDOW):q.start].strip()[-40:] or q.text


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _is_review(structure: Structure, offset: int) -> bool:
    """True inside a section reviewing past work (一、“十三五”发展回顾, …主要成效)."""
    c = cues()
    return any(sec.start <= offset < sec.end and any(w in sec.heading for w in c.review_heading)
               for sec in structure.sections)


def _in_goal_section(structure: Structure, offset: int) -> bool:
    """Inside a section stating the plan's goals (发展目标, 工作目标, 主要目标)."""
    return any(sec.start <= offset < sec.end and "目标" in sec.heading for sec in structure.sections)


def _plan_like(structure: Structure) -> bool:
    """Official documents (a type or a 文号) state targets by default; features report."""
    return bool(structure.meta.doc_type or structure.meta.doc_number)


def sentence_targets(doc: Document, structure: Structure, sent: Sentence, carried: str | None,
                     flagged: list[tuple[int, int]], plan_end: int | None) -> Iterator[Target]:
    """The targets of one sentence (rule ``text-quantity``)."""
    text = sent.text
    marks = time_marks(text, structure.meta.year)
    review = _is_review(structure, sent.start)
    plan_like = _plan_like(structure)
    goal = _in_goal_section(structure, sent.start)
    sec = structure.section_at(sent.start)
    quantities = list(find_quantities(text))
    baselines: dict[int, float] = {}
    for m in FROM_TO.finditer(text):
        base = next((q for q in quantities if m.start("base") <= q.start < m.end("base")), None)
        target = next((q for q in quantities if q.start >= m.end()), None)
        if base and target:
            baselines[target.start] = base.value
    for i, q in enumerate(quantities):
        if _overlaps(sent.start + q.start, sent.start + q.end, flagged):
            continue  # never read a value out of a span flagged as unreadable
        following = quantities[i + 1] if i + 1 < len(quantities) else None
        if is_apposition(text, q) or is_qualifier(text, q, following):
            continue
        kind = kind_for(text, q, marks, review, plan_like)
        deadline = deadline_for(q, marks, carried)
        if deadline is None and goal and kind is TargetKind.TARGET and plan_end:
            deadline = str(plan_end)
        if kind is TargetKind.STAT:
            clause_start = _clause_start(text, q.start)
            ref = [mk for mk in marks if mk.at < q.start and mk.year and (not mk.bare or mk.at >= clause_start)]
            deadline = str(ref[-1].year) if ref and ref[-1].past else None
        indicator = indicator_for(text, q)
        unit = q.unit
        if not unit and q.unit_text.endswith(("万", "亿")) and indicator.endswith(("人口", "人数")):
            unit = "人"  # 常住人口有 265.35 万: a population is counted in persons
        clause = text[max(_clause_start(text, q.start), q.start - WINDOW):q.start]
        scope = SCOPE.search(text[max(0, q.start - 40):q.start])
        yield Target(
            doc_id=doc.doc_id, indicator=indicator, value=q.value, unit=unit, unit_text=q.unit_text,
            comparator=comparator_for(text, q), kind=kind, start=sent.start, end=sent.end, evidence=text,
            deadline=deadline, baseline=baselines.get(q.start), value_max=q.value_max,
            indicator_id=link_indicator(indicator, unit), region=structure.meta.region,
            section=sec.label if sec else "", rule=RULE_TEXT,
            scope=scope.group(1) if scope else None,
            per="年" if PER_YEAR.search(clause) else None,
        )


def find_targets(doc: Document, structure: Structure) -> Iterator[Target]:
    """Yield the targets of a document: indicator tables first, then sentences outside them."""
    flagged = [(f.start, f.end) for f in doc.flags]
    plan_end = plan_end_year(structure.meta.title, doc.text)
    table_spans: list[tuple[int, int]] = []
    ctx = TableContext(doc_id=doc.doc_id, region=structure.meta.region, plan_end=plan_end,
                       doc_year=structure.meta.year)
    for table in tables_for(doc, structure):
        table_spans.append((table.start, table.end))
        for t in table_targets(table, ctx, flagged):
            sec = structure.section_at(t.start)
            yield replace(t, section=sec.label if sec else "", indicator_id=link_indicator(t.indicator, t.unit))
    carried: str | None = None
    paragraph_end = -1
    starts = [p.start for p in structure.paragraphs]
    for sent in structure.sentences:
        if sent.start >= paragraph_end:  # a new paragraph: forget the carried deadline
            carried = None
            i = bisect_right(starts, sent.start) - 1
            para = structure.paragraphs[i] if i >= 0 else None
            paragraph_end = para.end if para and para.start <= sent.start < para.end else sent.end
        if _overlaps(sent.start, sent.end, table_spans):
            continue
        yield from sentence_targets(doc, structure, sent, carried, flagged, plan_end)
        marks = [mk for mk in time_marks(sent.text, structure.meta.year) if mk.deadline and mk.year]
        if marks:
            carried = str(marks[-1].year)


