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

Figures that are no targets are dropped (:func:`is_condition`): thresholds of applicability
(``建筑面积15万平方米以上的住宅小区…应当``), definitions (``300-500米服务半径``), the extent of
a zone, a model spelt out after 即, and the X of ``从X提高到Y`` (Y's baseline).  A target
without a written year takes the end of the plan period its title names (十四五 → 2025,
2013-2014年度 → 2014, 2025年度实施计划 → 2025).  A paragraph that is a lone table cell
(``100%全覆盖``) gives nothing; one after a row label naming a region or unit (d06 附件2
``罗店镇``) gives targets scoped to it.  The cue words live in
``extractor/data/target_cues.tsv``.
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
    definition_after: tuple[str, ...]
    attribute: tuple[str, ...]


@lru_cache(maxsize=None)
def cues() -> Cues:
    rows = data.read_tsv("target_cues.tsv")

    def words(role: str) -> tuple[str, ...]:
        return tuple(sorted((r["cue"] for r in rows if r["role"] == role), key=len, reverse=True))

    def pairs(role: str) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(((r["cue"], r["value"]) for r in rows if r["role"] == role), key=lambda p: -len(p[0])))

    return Cues(pairs("cmp-before"), pairs("cmp-after"), words("increase"), words("projection"), words("past"),
                words("commitment"), words("review-heading"), words("lead-verb"), words("definition-after"),
                words("attribute"))


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


#: Period suffixes that name no point in time: 十四五中期 is no deadline.
NO_POINT = {"中期"}


def time_marks(text: str, doc_year: int | None) -> list[TimeMark]:
    """Time markers of a sentence in order; past-ness is judged against the document year.

    A named period points at its last year whatever its suffix: ``“十四五”期间，计划启动30万
    平方米居住类历史建筑修缮`` is due by 2025, ``十三五期间建成…`` reports up to 2020.
    """
    if "年" not in text and "五" not in text:
        return []  # no year and no 十X五: the common case, decided without a regex
    marks: list[TimeMark] = []
    for m in DEADLINE_YEAR.finditer(text):
        year = int(m.group(1))
        marks.append(TimeMark(m.start(), year, doc_year is not None and year < doc_year, True))
    for m in AS_OF_YEAR.finditer(text):
        marks.append(TimeMark(m.start(), int(m.group(1)), True, False))
    taken = [mk.at for mk in marks]
    for m in BARE_YEAR.finditer(text):
        if any(abs(m.start() - t) <= 4 for t in taken) or COMPARED.search(text, max(0, m.start() - 3), m.start()):
            continue  # ``同比2022年增长30%``: the year compared with is no time of the figure
        year = int(m.group(1))
        past = doc_year is not None and year < doc_year
        marks.append(TimeMark(m.start(), year, past, not past, bare=True))
    if "五" in text:
        for m in PERIOD.finditer(text):
            if COMPARED.search(text[:m.start()]) or m.group(2) in NO_POINT:
                continue
            end = period_end(m.group(1))
            past = doc_year is not None and end < doc_year
            marks.append(TimeMark(m.start(), end, past, not past))
    return sorted(marks, key=lambda mk: mk.at)


#: The period a plan covers, from its title: 十四五 → 2025; 2013-2014 年度 → 2014.
PLAN_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-－—~～至到]\s*((?:19|20)\d{2})\s*年")

#: A one-year plan named in the title: ``《松江区城市更新2025年度实施计划》``,
#: ``《长宁区2010年推进学习型城区建设工作要点》`` — the year is the plan's deadline.
YEAR_PLAN = re.compile(r"((?:19|20)\d{2})\s*年度?(?![\d\s]*月)[^《》，。]{0,30}?(?:计划|方案|要点|规划|指南|安排)")


def plan_end_year(title: str | None) -> int | None:
    """The last year of the plan period named in the title, or None.

    Only the title: a notice that quotes 十四五 in its preamble is not a five-year plan
    (d05's body names 2035 without being a plan to 2035).
    """
    source = title or ""
    m = PERIOD.search(source)
    if m:
        return period_end(m.group(1))
    m = PLAN_RANGE.search(source)
    if m:
        return int(m.group(2))
    m = YEAR_PLAN.search(source)
    if m:
        return int(m.group(1))
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
    三家 counts the three units just listed; ``围绕生态宜居、健康舒适、安全韧性、交通便捷、风貌特色、
    整洁有序、多元包容、创新活力等8个方面开展评估`` counts eight (崇明区城市体检工作方案).
    """
    if q.value_max is not None or (q.form != "chinese" and q.unit_kind != "classifier"):
        return False
    clause = text[max(_clause_start(text, q.start), q.start - 2 * WINDOW):q.start]
    listed = clause.count("、")
    if not listed or (q.form != "chinese" and listed < 2):
        return False  # Arabic digits: only a list of three or more (``…创新活力等8个方面``)
    return q.value == listed + 1


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


#: Any bracketed note.
BRACKETED = re.compile(r"[（(][^（）()]*[）)]")

#: The perfective 了 of a done deed (not 为了/除了/了解): ``N是市级层面结合上海市实际，新增了34个指标``,
#: ``我市对2个水土保持方案审批申请作出了审批决定`` report what was done.
PERFECTIVE = re.compile(r"(?<![为除])了(?!解)")


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
    clause = BRACKETED.sub("", clause)  # a note (可利用现有垃圾箱房改建) reports nothing
    if last_past > last_future or any(w in clause for w in c.past):
        return TargetKind.STAT
    if "了" in clause and PERFECTIVE.search(clause) \
            and not any(not mk.past and not mk.bare for mk in marks if mk.at < q.start):
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

#: A bracketed note right after a figure: ``储存点1处（可利用现有垃圾箱房改建）``.
BRACKET_NOTE = re.compile(r"^\s*[（(][^）)]*[）)]")

#: Marks joining the items of a list of figures, and the one a cut item is left ending in.
LIST_MARK = re.compile(r"、|以及|和|及|与")
LIST_TAIL = re.compile(r"(?:、|以及|和|及|与)\s*$")

#: Where the name of a counted thing ends: a verb after it (…教学点为试点, 街镇被评为…,
#: d06 ``对全区1918个垃圾箱房（收集点）进行升级改造``).
NAME_END = re.compile(r"(?:为|被|通过|均|分别|成为|参与|从事|纳入|实现|达到|的目标|进行|分解到?).*$")


def _after_name(text: str, q: Quantity, ceiling: int | None = None) -> str:
    """The noun phrase after a figure: ``3-5个基础较好、有一定特色的教学点为试点`` → 教学点.

    In a list of figures it stops at the next one (``ceiling``): in ``建成“两网融合”服务点670个、
    中转站12座`` the words after 670个 belong to 12座, so 670个 takes the name before it.
    """
    end = min(_clause_end(text, q.end), q.end + WINDOW)
    if ceiling is not None and ceiling < end and LIST_MARK.search(text[q.end:ceiling]):
        end = ceiling  # a list of figures: 37条风貌保护道路、36条风貌保护街巷以及84个风貌保护街坊
    after = text[q.end:end]
    if after.lstrip().startswith(("、", "和", "及")):
        return ""
    after = LIST_TAIL.sub("", BRACKET_NOTE.sub("", after))
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


#: What a previous figure leaves before the next one's name: its comparator, a bracketed
#: note and the list mark (``日均高于276吨（含菜场）、餐厨垃圾分类量日均高于131吨``).
LEFTOVER = re.compile(r"^\s*(?:以上|以下|左右|多|余)?\s*(?:[（(][^）)]{0,12}[）)])?\s*[、和及与]?")

#: Time and manner words opening a name that are no part of it: ``上半年完成10%小区``,
#: ``原则上每年不少于2次``.
NAME_OPENERS = re.compile(r"^(?:原则上|上半年|下半年|全年|年内|年底前|当年|[一二三四]季度|每年|每学年|年均|其中|另外|同时|并)+")

#: Tails cut from the end of a name: the verb or preposition joining it to the figure.
NAME_TAILS = ("应达到", "要达到", "达到", "将达", "已达", "达", "为", "有", "共", "在", "约", "近", "到", "至", "按照", "按")


def _before_name(text: str, q: Quantity, floor: int = 0) -> str:
    """The phrase before a figure: ``教学用房应达到 800 平方米以上`` → 教学用房.

    ``floor`` is the end of the previous figure in the clause: a name never reaches back
    over another figure (``完成3万平方米节能率不低于15%`` → 15 % measures 节能率).
    """
    c = cues()
    start = max(_clause_start(text, q.start), q.start - WINDOW, floor)
    before = text[start:q.start]
    before = LEFTOVER.sub("", before) if start == floor and floor else ITEM_NUMBER.sub("", before)
    if "、" in before[-6:]:
        before = before.split("、")[-1]
    for pattern in (DEADLINE_YEAR, AS_OF_YEAR, BARE_YEAR, PERIOD, FROM_TO):
        before = pattern.sub("", before)
    heads, tails = _name_trims()
    while True:
        stripped = NAME_OPENERS.sub("", _tidy(before).lstrip("和及与、"))
        stripped = heads.sub("", tails.sub("", stripped))
        if stripped == before:
            return before.strip(" 、，,的")
        before = stripped


@lru_cache(maxsize=None)
def _name_trims() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Lead verbs and cues opening a name, comparators and joining verbs closing it, as two
    patterns (one scan each instead of a loop over some hundred cue words)."""
    c = cues()
    verbs = sorted(set(c.lead_verb + c.increase + c.commitment + c.projection), key=len, reverse=True)
    ends = sorted({cue for cue, _ in c.cmp_before} | set(NAME_TAILS), key=len, reverse=True)
    return (re.compile("^(?:" + "|".join(map(re.escape, verbs)) + ")+"),
            re.compile("(?:" + "|".join(map(re.escape, ends)) + ")+$"))


def indicator_for(text: str, q: Quantity, floor: int = 0, ceiling: int | None = None) -> str:
    """What is measured, as written.

    A classifier counts the thing named after it (``新增 10 个市级人文行走站点`` →
    市级人文行走站点); a measure unit measures the thing named before it (``教学用房应达到
    800 平方米以上`` → 教学用房).  Time phrases, cue words and lead verbs are trimmed, and a
    name stays between the figures around it (``floor``, ``ceiling``).
    """
    after, before = _after_name(text, q, ceiling), _before_name(text, q, floor)
    first, second = (after, before) if q.unit_kind == "classifier" else (before, after)
    for name in (first, second):
        if len(name) >= 2:
            return name[-40:] if name is before else name[:40]
    return _object_of_previous_clause(text, q) or \
        text[max(_clause_start(text, q.start), q.start - WINDOW, floor):q.start].strip()[-40:] or q.text


def _object_of_previous_clause(text: str, q: Quantity) -> str:
    """A figure whose clause names nothing (a frequency: ``原则上每年不少于2次``) measures
    the work the previous clause names after its verb (d02 ``…牵头定期组织开展防灾及风险排查
    工作，原则上每年不少于2次`` → 防灾及风险排查工作)."""
    start = _clause_start(text, q.start)
    if start <= 1:
        return ""
    previous = text[_clause_start(text, start - 1):start - 1]
    found = [m.end() for m in _verbs_anywhere().finditer(previous)]
    name = _tidy(previous[found[-1]:]) if found else ""
    return name if 2 <= len(name) <= 20 else ""


@lru_cache(maxsize=None)
def _verbs_anywhere() -> re.Pattern[str]:
    verbs = sorted(set(cues().lead_verb), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# ── figures that are no targets: conditions, definitions, bare cells ────────

#: A figure qualifying the noun after it: ``建筑面积15万平方米以上的住宅小区``.
QUALIFIES_NOUN = re.compile(r"^\s*(?:以上|以下|及以上|及以下|以内|左右)?的")

#: Clauses stating a condition of applicability: ``对建成区内300-500米服务半径未覆盖的地区``.
CONDITION_OPENER = re.compile(r"^(?:对于?|凡是?|针对|适用于|属于)")


#: A named model spelt out after 即: ``实行“1+2+3”理念，即1名“黄马夹”与2名居委干部配合，由3名
#: 社区志愿者（或物业管理）协助`` — the figures define the model, they are no targets.
EXPLAINS = re.compile(r"(?:理念|模式|机制|做法|原则)[”\"]?\s*[，,]?\s*即")

#: The extent of a zone being defined: ``范围东至金汇港，…北至东方美谷大道，面积约8.6平方公里``.
EXTENT = re.compile(r"范围(?:为|是|：|:)?\s*[东西南北][^。；]*面积[约近]?\s*$")


#: A bound on the noun after the figure (以上的/以下的…), and an obligation laid on that noun
#: later in the sentence: the figure says who must, not how much (d03 ``建筑面积15万平方米以上的
#: 住宅小区、…的建筑应当按照绿色建筑标准进行规划``).
THRESHOLD_OF = re.compile(r"^\s*(?:以上|以下|及以上|及以下|以内|不足)的")

#: A share bounding the noun after it: ``占全球种群数量1%以上的水鸟物种数`` (an indicator's name in
#: 崇明区城市体检工作方案), not a share to reach.
SHARE = "占"
OBLIGES = re.compile(r"应当|应|须|必须|适用|执行|实行")


def _in_brackets(text: str, q: Quantity) -> bool:
    """The figure sits inside a bracketed note: ``大型公共建筑（单体建筑面积2万平方米以上）``."""
    before = text[max(0, q.start - 20):q.start]
    opened = max(before.rfind("（"), before.rfind("("))
    if opened < 0 or max(before.rfind("）"), before.rfind(")")) > opened:
        return False
    after = text[q.end:q.end + 10]
    closed = [i for i in (after.find("）"), after.find(")")) if i >= 0]
    return bool(closed) and not CLAUSE_BREAK.search(after[:min(closed)])


#: A time limit on the action written after it: ``要在事件发生后2小时内报送`` (新疆质监局),
#: ``自公告期限届满之日起六个月内向海口市中级人民法院提起行政诉讼`` (海口市水务局).  A limit that
#: ends its clause (``办结时限压缩在5个工作日内。``) is the figure measured and stays.
TIME_LIMIT = re.compile(r"(?:个?月|个?工作日|日|天|小时|分钟|周)?\s*(?:以内|之内|内)\s*[\u4e00-\u9fff]")
TIME_UNITS = {"小时", "天", "日", "工作日", "分钟", "周", "月", "年", "个月"}


def is_time_limit(text: str, q: Quantity) -> bool:
    """A procedural time limit (the figure says when, not how much)."""
    if q.unit_text not in TIME_UNITS and not (q.unit_text == "个" and text.startswith("月", q.end)):
        return False
    return bool(TIME_LIMIT.match(text, q.end))


def is_word_not_measure(text: str, q: Quantity) -> bool:
    """The measure word is the first character of a noun: ``加快推进安远路899项目`` is the project
    at No. 899, not 899 items (项目 ≠ 项 + 目; ``3项目标任务`` keeps its 3 项)."""
    return q.unit_text == "项" and text.startswith("目", q.end) and not text.startswith("目标", q.end)


def is_condition(text: str, q: Quantity) -> bool:
    """A threshold or a definition, not a figure to reach (the figure is dropped).

    * a dimension named right after the figure: ``对建成区内300-500米服务半径未覆盖的地区``,
      ``解决公园绿地500米服务半径盲区`` (cue role ``definition-after``);
    * a measure in a bracketed note: ``大型公共建筑（单体建筑面积2万平方米以上）``;
    * a threshold on an attribute of the noun it qualifies, with no action verb before it:
      ``建筑面积15万平方米以上的住宅小区…应当按照绿色建筑标准进行规划`` (cue role
      ``attribute``); ``完成3万平方米节能率不低于15%的既有公共建筑节能改造`` keeps 15 %
      (完成 commits to it);
    * a bound (以上的/以下的) on a noun that the sentence then obliges (应当/须/适用…), with no
      action verb before the figure;
    * any figure qualifying a noun in a clause opened by 对/凡/针对/适用于.
    """
    c = cues()
    after = text[q.end:q.end + 8]
    if any(after.startswith(w) for w in c.definition_after):
        return True
    if EXPLAINS.search(text, 0, q.start) or (q.unit_kind == "measure" and EXTENT.search(text, 0, q.start)):
        return True
    if q.unit_kind == "measure" and _in_brackets(text, q):
        return True
    if not QUALIFIES_NOUN.match(text[q.end:q.end + 6]):
        return False
    clause = ITEM_NUMBER.sub("", text[_clause_start(text, q.start):q.start]).lstrip()
    if CONDITION_OPENER.match(clause):
        return True
    segment = clause.split("、")[-1]
    if any(v in segment for v in c.lead_verb + c.increase + c.commitment):
        return False
    if THRESHOLD_OF.match(text[q.end:q.end + 6]) and (OBLIGES.search(text, q.end) or SHARE in segment):
        return True
    head = segment
    for cue, _ in c.cmp_before:
        if head.endswith(cue):
            head = head[:-len(cue)]
            break
    return head.endswith(c.attribute)


#: Words a table cell may hold beside its figure without naming anything: ``100%全覆盖``.
CELL_WORDS = re.compile(r"全覆盖|覆盖|以上|以下|左右|[\s/%％、，,。.]")

#: Longest paragraph read as a stray table cell.
MAX_CELL = 12


def is_bare_cell(text: str, quantities: list[Quantity]) -> bool:
    """A paragraph that is one table cell cut off from its header (d06's 附件3 matrix
    flattened one cell per paragraph: ``100%全覆盖``).  Its indicator sits in a header
    far above and its row's region in another paragraph: no target is read from it.
    """
    if len(text.strip()) > MAX_CELL or not quantities:
        return False
    rest = text
    for q in quantities:
        rest = rest.replace(q.text, "")
    return len(CELL_WORDS.sub("", rest)) < 2


#: A paragraph naming one region or unit, the row label of a two-column table flattened
#: one cell per paragraph (d06 附件2 ``街镇、园区 | 目标任务``: ``罗店镇`` then its targets).
ROW_LABEL = re.compile(r"^[\u4e00-\u9fff（）()]{1,12}(?:街道|镇|乡|园区|开发区|区|县|市|村|社区|委|局|办)$")


#: The caption of a table of targets naming its year: ``2019年街镇（园区）生活垃圾分类目标任务
#: 分解表`` (d06 附件2); its rows are due that year.
CAPTION = re.compile(r"^[^，,；;。：:]{0,20}?((?:19|20)\d{2})\s*年度?[^，,；;。：:]{0,30}(?:目标|任务|指标)[^，,；;。：:]{0,12}$")

#: An attachment label ends the reach of a caption.
ANNEX_LABEL = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")


def caption_year(paragraph: str, doc_year: int | None, current: str | None) -> str | None:
    """The year a table caption gives its rows, carried until the next attachment label."""
    if ANNEX_LABEL.match(paragraph):
        return None
    m = CAPTION.match(paragraph)
    if m and not (doc_year and int(m.group(1)) < doc_year):
        return m.group(1)
    return current


# ── per-document context ─────────────────────────────────────────────────────

@dataclass(frozen=True, slots=True)
class DocContext:
    """What every sentence of one document shares, computed once per document."""

    year: int | None
    plan_end: int | None  # the plan period's last year (title), the default deadline
    plan_like: bool  # an official document (a type or 文号): figures are targets by default
    review: tuple[tuple[int, int], ...]  # sections reviewing past work
    flagged: tuple[tuple[int, int], ...]  # spans the normaliser could not read


#: A verb before a review word makes the heading a task: ``夯实工作基础，加快设施规范``.
REVIEW_VERB = re.compile(r"(?:夯实|巩固|打牢|筑牢|加强|强化|夯牢)$")


def is_review_heading(heading: str) -> bool:
    """A heading reviewing past work (一、“十三五”发展回顾, 主要成效, 发展基础), not a task
    heading that names the same words after a verb (d06 ``夯实工作基础，加快设施规范``)."""
    for w in cues().review_heading:
        i = heading.find(w)
        if i >= 0 and not REVIEW_VERB.search(heading[:i]):
            return True
    return False


def doc_context(doc: Document, structure: Structure) -> DocContext:
    c = cues()
    review = tuple((sec.start, sec.end) for sec in structure.sections if is_review_heading(sec.heading))
    return DocContext(year=structure.meta.year, plan_end=plan_end_year(structure.meta.title),
                      plan_like=bool(structure.meta.doc_type or structure.meta.doc_number),
                      review=review, flagged=tuple((f.start, f.end) for f in doc.flags))


def _inside(offset: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= offset < e for s, e in spans)


#: A list of indicators and a list of figures in the same order: ``X、Y和Z分别达到a、b、c``.
RESPECTIVELY = re.compile(r"(?P<names>[^，,；;。：:]{2,80}?)分别(?:达到|达|为|是|提高到|提升到|增长|增加|不低于|不少于|超过)?")

#: Marks between the items of a list of indicators.
NAME_LIST = re.compile(r"以及|、|和|及|与")


def respective_names(text: str, quantities: list[Quantity]) -> dict[int, str]:
    """Each figure of ``X、Y和Z分别达到a、b、c`` named by its own item of the list before 分别
    (figure start → name); nothing when the two lists differ in length.

    Constructed example (no seed or corpus sentence has one yet):
    ``公园绿地服务半径覆盖率和森林覆盖率分别达到90%、17%`` → 90 % 公园绿地服务半径覆盖率, 17 % 森林覆盖率.
    """
    found: dict[int, str] = {}
    heads, tails = _name_trims()
    for m in RESPECTIVELY.finditer(text):
        end = _clause_end(text, m.end())
        figures = [q for q in quantities if m.end() <= q.start < end]
        clause = ITEM_NUMBER.sub("", m.group("names"))
        names = [heads.sub("", tails.sub("", NAME_OPENERS.sub("", n.strip()))) for n in NAME_LIST.split(clause)]
        if len(figures) >= 2 and len(figures) == len(names) and all(len(n) >= 2 for n in names):
            found.update({q.start: n for q, n in zip(figures, names)})
    return found


#: A doubling compared to an earlier period names no indicator of its own.
COMPARED_TO = re.compile(r"^(?:较|比|相比|与)")


def sentence_targets(doc: Document, structure: Structure, sent: Sentence, ctx: DocContext,
                     carried: str | None, marks: list[TimeMark], row_scope: str | None = None,
                     whole_paragraph: bool = False) -> Iterator[Target]:
    """The targets of one sentence (rule ``text-quantity``).

    A figure gets the last deadline before it in the sentence, else the one carried from
    the paragraph; a target of a plan whose period the title names and that states no
    deadline gets the period's end as ``period_end`` (the gold leaves its deadline empty).
    """
    text = sent.text
    quantities = sorted(find_quantities(text), key=lambda q: q.start)
    if not quantities or (whole_paragraph and is_bare_cell(text, quantities)):
        return
    review = _inside(sent.start, ctx.review)
    sec = structure.section_at(sent.start)
    baselines: dict[int, float] = {}
    bases: set[int] = set()
    if "从" in text or "由" in text:
        for m in FROM_TO.finditer(text):
            base = next((q for q in quantities if m.start("base") <= q.start < m.end("base")), None)
            target = next((q for q in quantities if q.start >= m.end()), None)
            if base and target:
                baselines[target.start] = base.value
                bases.add(base.start)  # 从X提高到Y: X is Y's baseline, not a figure of its own
    respective = respective_names(text, quantities) if "分别" in text else {}
    previous_end = 0  # end of the last figure read in this sentence: names never reach over it
    previous_name = ""
    for i, q in enumerate(quantities):
        if ctx.flagged and _overlaps(sent.start + q.start, sent.start + q.end, list(ctx.flagged)):
            continue  # never read a value out of a span flagged as unreadable
        following = quantities[i + 1] if i + 1 < len(quantities) else None
        if q.start in bases or is_apposition(text, q) or is_qualifier(text, q, following) or is_condition(text, q) \
                or is_time_limit(text, q) or is_word_not_measure(text, q):
            continue  # part of a name or a condition: 1000亩以上开放休闲林地5个 keeps 1000亩 in the name
        kind = kind_for(text, q, marks, review, ctx.plan_like)
        deadline = deadline_for(q, marks, carried)
        period_end = str(ctx.plan_end) if deadline is None and kind is TargetKind.TARGET and ctx.plan_end else None
        if kind is TargetKind.STAT:
            clause_start = _clause_start(text, q.start)
            ref = [mk for mk in marks if mk.at < q.start and mk.year and (not mk.bare or mk.at >= clause_start)]
            deadline = str(ref[-1].year) if ref and ref[-1].past else None
        same_clause = previous_end if previous_end > _clause_start(text, q.start) else 0
        ceiling = following.start if following is not None else None
        if q.form == "doubling" and previous_name and COMPARED_TO.match(text[_clause_start(text, q.start):q.start]):
            indicator = previous_name  # 启动30万平方米居住类历史建筑修缮，较“十三五”翻一番
        else:
            indicator = respective.get(q.start) or indicator_for(text, q, same_clause, ceiling)
        previous_end, previous_name = q.end, indicator
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
            section=sec.label if sec else "", rule=RULE_TEXT, period_end=period_end,
            scope=scope.group(1) if scope else row_scope,
            per="年" if PER_YEAR.search(clause) else None,
        )


def find_targets(doc: Document, structure: Structure) -> Iterator[Target]:
    """Yield the targets of a document: indicator tables first, then sentences outside them."""
    ctx = doc_context(doc, structure)
    flagged = list(ctx.flagged)
    table_spans: list[tuple[int, int]] = []
    tctx = TableContext(doc_id=doc.doc_id, region=structure.meta.region, plan_end=ctx.plan_end,
                        doc_year=structure.meta.year)
    for table in tables_for(doc, structure):
        table_spans.append((table.start, table.end))
        for t in table_targets(table, tctx, flagged):
            sec = structure.section_at(t.start)
            yield replace(t, section=sec.label if sec else "", indicator_id=link_indicator(t.indicator, t.unit))
    carried: str | None = None
    paragraph_end = -1
    para_index = -1
    row_scope: str | None = None
    caption: str | None = None
    paragraphs = structure.paragraphs
    starts = [p.start for p in paragraphs]
    text = doc.text
    for sent in structure.sentences:
        if sent.start >= paragraph_end:  # a new paragraph: forget the carried deadline
            carried = None
            para_index = bisect_right(starts, sent.start) - 1
            para = paragraphs[para_index] if para_index >= 0 else None
            if para and para.start <= sent.start < para.end:
                paragraph_end = para.end
                own = text[para.start:para.end].strip()
                caption = caption_year(own, ctx.year, caption)
                label = text[paragraphs[para_index - 1].start:paragraphs[para_index - 1].end].strip() \
                    if para_index > 0 else ""
                row_scope = label if ROW_LABEL.match(label) else None
                if row_scope:
                    carried = caption  # 2019年街镇（园区）生活垃圾分类目标任务分解表 → each row's year
            else:
                paragraph_end, row_scope, para = sent.end, None, None
        if table_spans and _overlaps(sent.start, sent.end, table_spans):
            continue
        marks = time_marks(sent.text, ctx.year)
        whole = para is not None and para.start == sent.start and para.end <= sent.end
        yield from sentence_targets(doc, structure, sent, ctx, carried, marks, row_scope, whole)
        found = [mk for mk in marks if mk.deadline and mk.year]
        if found:
            carried = str(found[-1].year)
