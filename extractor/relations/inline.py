"""Inline responsibility sentences: 由X负责…, X要…, X负责…；负责…, X会同Y…, 要求X….

Every rule reads sentences (split at 。！？；) of logical paragraphs and looks for a
list of units in *subject position* — at a clause start, after 由, after 是 or 要求 —
directly followed by a responsibility word from ``data/responsibility_verbs.tsv``.
A unit list is accepted only when every part is a unit (``names.split_unit_list``), so
``区内各级社区教育学校资源由…`` or ``政府主导、教育牵头`` never become owners.

The task of an inline assignment runs from the clause where its subject stands to the
end of the sentence, or to the next clause that opens with another subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

from .. import data
from .. import unit_grammar as grammar
from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .markers import find_scopes
from .names import collective_classes, has_unit_suffix, is_unit_name, known_names, long_suffixes, name_ends, split_unit_list
from .tables import table_spans
from .spans import clause_starts, logical_paragraphs, sentences, trim


@dataclass(frozen=True, slots=True)
class Verb:
    word: str
    role: Role
    kind: str  # modal, duty, adverb, verb, agent, partner


@lru_cache(maxsize=None)
def verbs() -> dict[str, tuple[Verb, ...]]:
    """Responsibility words by first character, longest first."""
    table: dict[str, list[Verb]] = {}
    for row in data.read_tsv("responsibility_verbs.tsv"):
        v = Verb(row["word"], Role(row["role"]), row["kind"])
        table.setdefault(v.word[0], []).append(v)
    return {k: tuple(sorted(vs, key=lambda v: len(v.word), reverse=True)) for k, vs in table.items()}


@lru_cache(maxsize=None)
def verb_pattern() -> tuple[re.Pattern[str], dict[str, Verb]]:
    """All responsibility words (and the look-alikes that are not) as one alternation."""
    by_word = {v.word: v for vs in verbs().values() for v in vs}
    words = sorted(by_word, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), by_word


@lru_cache(maxsize=64)
def name_end_chars(known: frozenset[str]) -> frozenset[str]:
    """Characters a unit name can end with: a cheap test before the full grammar."""
    return frozenset(n[-1] for n in known if n) | name_ends()


def verb_at(text: str, pos: int, kinds: frozenset[str]) -> Verb | None:
    for v in verbs().get(text[pos: pos + 1], ()):
        if text.startswith(v.word, pos):
            if v.kind == "not_verb":
                return None
            if v.kind in kinds:
                return v
    return None


SUBJECT_KINDS = frozenset({"modal", "duty", "adverb", "verb", "partner"})
AGENT_KINDS = frozenset({"modal", "duty", "adverb", "verb", "agent", "partner"})
ALL_KINDS = AGENT_KINDS

#: Words that may open a clause before its subject: ``同时，将…``, ``并由…``, and the
#: enumerators of running text: ``四是区财政局、区发展改革委等部门制定低价值可回收物补贴政策`` (d06).
CONNECTIVE = re.compile(r"(?:同时|并且|而且|此外|另外|其中|并|还|再|[一二三四五六七八九十]是)")

#: Adverbs between a modal and its verb: ``各委办局都要积极参与`` → 参与 (cooperate).
ADVERBS = re.compile(r"(?:积极|认真|主动|继续|进一步|切实|尽快|加快|充分|全面|共同|也|都|均|要)+")

#: The predicate after a modal names the role when it is a duty word.
PREDICATE_ROLES = (("负责牵头", Role.LEAD), ("牵头", Role.LEAD), ("负责", Role.RESPONSIBLE),
                   ("参与", Role.COOPERATE), ("配合", Role.COOPERATE), ("协助", Role.COOPERATE))

#: The aspect 了 of a finished action: ``区房管局牵头编制了《…三年行动计划》`` (d04),
#: ``各街镇先后开展了实践探索`` (seed 001) report the past, they assign nothing.  Not the
#: 了 inside a word: ``使之尽快了解闵行`` (seed 001), 为了, 除了, 了结, 明了, 受不了.
ASPECT_LE = re.compile(r"(?<![为除不明罢得])了(?![解结如然却断])")

#: Adverbs of a past report in the predicate's adverbial slot, right after the subject's
#: word: ``各街镇先后开展了…``, ``区社区学院已完成…``.  Elsewhere in the clause 已 is part
#: of a phrase: ``落实新建和已建农贸市场…的配套工作`` (d06) is a task.
REPORTED_ADVERB = re.compile(r"已经|已|曾经|曾|先后")

#: How far after the subject's word a past-report adverb is looked for.
ADVERB_SLOT = 3


def reported(text: str, subject: Subject, end: int) -> bool:
    """Whether a subject's predicate reports a finished action (no duty): an aspect 了
    up to ``end`` or a past adverb in the adverbial slot."""
    after = subject.verb_at + len(subject.verb.word)
    if REPORTED_ADVERB.search(text, subject.verb_at, min(end, after + ADVERB_SLOT)):
        return True
    return bool(ASPECT_LE.search(text, subject.verb_at, end))

#: Longest subject list read before a responsibility word.
MAX_SUBJECT = 60


@dataclass(frozen=True, slots=True)
class Subject:
    """Units in subject position and the word after them."""

    units: tuple[tuple[str, int], ...]  # (name, absolute offset)
    start: int  # where the subject list starts
    verb: Verb
    verb_at: int


def subject_at(text: str, pos: int, end: int, kinds: frozenset[str], known: frozenset[str]) -> Subject | None:
    """The unit list starting at ``pos`` and the responsibility word right after it — or
    after an adverbial between them (``施工单位在工程开工前应当…``, ``区社区学院有计划地开展…``)."""
    limit = min(end, pos + MAX_SUBJECT)
    positions, words = verb_hits(text, known)
    first = bisect_left(positions, pos + 2)
    if first == len(positions) or positions[first] >= limit:
        return None
    never = None if "（" in text[pos:limit] or "(" in text[pos:limit] else NEVER_IN_LIST.search(text, pos, limit)
    stop = never.start() if never else limit
    for k in range(first, len(positions)):
        j = positions[k]
        if j >= limit:
            break
        v = words[j]
        if v.kind not in kinds:
            continue
        units = (split_unit_list(text[pos:j], known) or stem_list(text, pos, j)
                 or (bare_stem_list(text, pos, j) if v.kind == "modal" else None)) if j <= stop else None
        if units is None and text[j - 1] in ADVERBIAL_ENDS and (v.kind == "modal" or text[j - 1] == "地"):
            units = _before_adverbial(text, pos, j, known)
        if units is None and j <= stop and text[j - 2:j] in manner_adverbs():
            units = _before_manner(text, pos, j - 2, known)
        if units and not _name_goes_on(text, pos, j, v, known):
            return Subject(tuple((n, pos + i) for n, i in units), pos, v, j)
    return None


#: What no unit list holds outside brackets (``unit_grammar.NOT_IN_NAME`` less the spaces, quotes and
#: digits a list may carry): a responsibility word after one of these has no unit list
#: before it, so the search stops there (``区社区学院负责指导…开展工作`` is read once).
NEVER_IN_LIST = re.compile(r"[由的在对把向从是为被。：:！？《》]|负责|牵头|根据|按照")


#: An adverbial between a subject and its word: an X地 adverb (``有计划地``, ``分步骤地``,
#: ``切实有效地``) before any responsibility word, or a 在/于 time or place phrase before a
#: modal (``施工单位在工程开工前，应当…``, d03; written without the comma too).
ADVERBIAL = re.compile(r"(?:在|于)[^，,。；;：:、\n“”]{1,24}?(?:内|中|前|后|时|上|下|期间|方面)(?:[\u4e00-\u9fff]{2,4}地)?"
                       r"|[\u4e00-\u9fff]{2,4}地")

#: Last characters of an adverbial (where a responsibility word may follow one).
ADVERBIAL_ENDS = frozenset("地内中前后时上下间面")

#: Where a 在/于 adverbial may open.
ADVERBIAL_OPENERS = frozenset("在于")


def _before_adverbial(text: str, pos: int, j: int, known: frozenset[str]) -> list[tuple[str, int]] | None:
    """Units in ``text[pos:k]`` when ``text[k:j]`` is one adverbial."""
    cuts = [k for k in range(pos + 2, j - 1) if text[k] in ADVERBIAL_OPENERS]
    if text[j - 1] == "地":
        cuts += [j - n for n in (3, 4, 5) if j - n >= pos + 2]
    for k in sorted(cuts):
        if ADVERBIAL.fullmatch(text, k, j) and not text[k:j].endswith(place_di_words()):
            units = split_unit_list(text[pos:k], known)
            if units:
                return units
    return None


@lru_cache(maxsize=None)
def manner_adverbs() -> frozenset[str]:
    """Two-character manner adverbs between a subject and its verb (全面, 积极, 加快…:
    ``data/manner_adverbs.txt``): ``各街镇全面推进“15分钟社区生活圈”行动`` (a Jing'an
    urban-renewal plan)."""
    return frozenset(w for w in data.read_lines("manner_adverbs.txt") if len(w) == 2)


def _before_manner(text: str, pos: int, k: int, known: frozenset[str]) -> list[tuple[str, int]] | None:
    """The units before a manner adverb at ``k``: collectives (各街镇) and names the entity
    stage found only — a suffix alone is not enough (seed 000's ``会同委办局深入开展…`` has no
    unit 会同委办局)."""
    if text[pos] != "各" and not any(text.startswith(n, pos) for n in known):
        return None  # the cheap test first: the list opens with a collective or a known name
    units = split_unit_list(text[pos:k], known)
    return units if units and all(n in known or n.startswith("各") for n, _ in units) else None


@lru_cache(maxsize=None)
def place_di_words() -> tuple[str, ...]:
    """Nouns ending in 地 (土地, 场地, 用地…: ``data/place_di_words.txt``): no X地 adverb."""
    return data.read_lines("place_di_words.txt")


#: A list of department stems under one tier and one head noun: ``区交通、生态环境、绿化市容、
#: 水务…等市政交通设施、公共服务设施相关部门负责…`` (d05), ``市发展改革、财政、国土资源、规划…等
#: 相关部门（单位）应当…`` (d03).  Each stem names one department: 区交通部门, 区生态环境部门.
STEM_LIST = re.compile(r"(?P<tier>[区市县])(?P<stems>(?:[\u4e00-\u9fff]{2,8}、){1,30}[\u4e00-\u9fff]{2,8})等"
                       r"[^，,。；;：:]{0,30}?(?:相关|有关)?(?P<head>部门|单位|机构)(?:[（(][\u4e00-\u9fff]{1,6}[）)])?")


def stem_list(text: str, pos: int, j: int) -> list[tuple[str, int]] | None:
    """The departments of a stem list spanning ``text[pos:j]`` (offsets relative to ``pos``),
    written as tier + stem + head: 区交通部门 — each a unit name by ``unit_grammar.is_unit_name``
    (``加强交通部门`` opens with a verb and is none)."""
    if text[pos] not in "区市县" or text.find("等", pos, j) < 0:
        return None
    m = STEM_LIST.fullmatch(text, pos, j)
    if not m:
        return None
    return _stem_units(m, pos, lambda stem: m.group("tier") + stem + m.group("head"),
                       lambda stem, name: is_unit_name(name))


#: Department stems with no tier, closed by 等部门 (and 单位), before a modal: ``发改、财政、房管、
#: 建管、规土、文物等部门要加强协调配合``, ``文物、新闻宣传等部门要主动做好…`` (a Jing'an heritage
#: opinion).  Each stem names one department: 发改部门, 文物部门.
BARE_STEM_LIST = re.compile(r"(?P<stems>(?:[\u4e00-\u9fff]{2,6}、){1,20}[\u4e00-\u9fff]{2,6})等(?:相关|有关)?部门(?:和单位)?")


def bare_stem_list(text: str, pos: int, j: int) -> list[tuple[str, int]] | None:
    """The departments of a tierless stem list spanning ``text[pos:j]`` (before a modal only:
    with a plain verb the stems are too often fields, not departments)."""
    if text.find("等", pos, j) < 0:
        return None
    m = BARE_STEM_LIST.fullmatch(text, pos, j)
    if not m:
        return None
    # 加强、完善等部门: verbs, not department stems
    return _stem_units(m, pos, lambda stem: stem + "部门",
                       lambda stem, name: is_unit_name(name) and verb_at(stem, 0, ALL_KINDS) is None)


def _stem_units(m: re.Match, pos: int, name_of: Callable[[str], str],
                accept: Callable[[str, str], bool]) -> list[tuple[str, int]] | None:
    """Each stem of ``m``'s ``stems`` group (、-separated) as a unit name with its offset from
    ``pos``; None as soon as one stem's name is not accepted (the list is then no unit list)."""
    out = []
    at = m.start("stems")
    for stem in m.group("stems").split("、"):
        name = name_of(stem)
        if not accept(stem, name):
            return None
        out.append((name, at - pos))
        at += len(stem) + 1
    return out or None


def verb_hits(text: str, known: frozenset[str]) -> tuple[list[int], dict[int, Verb]]:
    """Offsets where a responsibility word follows a character a name (or an adverbial) can
    end with.

    One regex pass per document instead of a scan per clause; the last text's answer is
    kept (the rules read one document at a time).
    """
    if _HITS and _HITS[2] is text and _HITS[3] is known:
        return _HITS[1]  # the same objects as the last call: the common case, no hashing
    key = (hash(text), len(text), hash(known))
    if _HITS and _HITS[0] == key:
        _HITS[2:] = [text, known]
        return _HITS[1]
    pattern, by_word = verb_pattern()
    names = name_end_chars(known)
    manners = manner_adverbs()
    ends = re.escape("".join(sorted(names | ADVERBIAL_ENDS | {w[-1] for w in manners})))
    found = re.compile(rf"(?<=[{ends}])(?:{pattern.pattern})")
    words: dict[int, Verb] = {}
    for m in found.finditer(text):
        v = by_word[m.group(0)]
        prev = text[m.start() - 1]
        if v.kind != "not_verb" and (prev in names or prev == "地" or v.kind == "modal"
                                     or (text[m.start() - 2:m.start()] in manners and text[m.start() - 3] in names)):
            words[m.start()] = v
    result = (sorted(words), words)
    _HITS[:] = [key, result, text, known]
    return result


_HITS: list = []


def _name_goes_on(text: str, pos: int, j: int, v: Verb, known: frozenset[str]) -> bool:
    """The word after the list is part of a longer known name: 组织 in ``区委组织部``."""
    last = max(text.rfind("、", pos, j) + 1, pos)
    return any(text[last: j + len(v.word) + k] in known for k in range(0, 4))


def predicate_role(text: str, subject: Subject) -> Role:
    """The role a subject's word gives: duty words name it; after a modal the verb does."""
    if subject.verb.kind != "modal":
        return subject.verb.role
    after = subject.verb_at + len(subject.verb.word)
    m = ADVERBS.match(text, after)
    after = m.end() if m else after
    for word, role in PREDICATE_ROLES:
        if text.startswith(word, after):
            return role
    return Role.OBLIGED


def in_quotes(text: str, para_start: int, pos: int) -> bool:
    """Whether ``pos`` is inside “…” (a quoted requirement of another document)."""
    return text.count("“", para_start, pos) > text.count("”", para_start, pos)


@dataclass(frozen=True, slots=True)
class Found:
    subject: Subject
    role: Role
    clause_start: int
    rule: str
    confidence: float
    partners: tuple[tuple[str, int], ...] = ()


def _subjects_in_sentence(text: str, s: int, e: int, para_start: int, known: frozenset[str]) -> list[Found]:
    """Subject-position matches in one sentence, in order."""
    positions, _ = verb_hits(text, known)
    k = bisect_left(positions, s)
    if (k == len(positions) or positions[k] >= e) and not REQUEST.search(text, s, e) \
            and not modal_after_comma().search(text, s, e) and not DUTY_AFTER_COMMA.search(text, s, e) \
            and not (text.find("由", s, e) >= 0 and AGENT_CLAUSE.search(text, s, e)) \
            and not (text.find("在", s, e) >= 0 and SCOPE_COMMA.search(text, s, e)):
        return []  # no responsibility word after a name, no 要求X, no ，应当, no 由X对…: nothing to read
    out: list[Found] = []
    starts = clause_starts(text, s, e)
    for n, cs in enumerate(starts):
        m = CONNECTIVE.match(text, cs)
        pos = m.end() if m else cs
        if not _may_hold_subject(text, pos, starts[n + 1] if n + 1 < len(starts) else e, e, positions) \
                or in_quotes(text, para_start, pos):
            continue
        if text.startswith("由", pos):
            found = _agent(text, pos, e, cs, known)
            if found:
                out.append(found)
            continue
        subject = subject_at(text, pos, e, SUBJECT_KINDS, known)
        if subject is None:
            # 是X… / 要求X… inside the clause: ``重点创建工作是各创建街镇结合…`` (seed 003)
            subject = _after_copula(text, pos, e, known)
        if subject is None:
            found = _agent_inside(text, pos, e, cs, known)
            if found:
                out.append(found)
                continue
            subject = _subject_before_comma(text, pos, e, known) or _subject_before_scope(text, pos, e, known) \
                or _topic_before_duty_clause(text, pos, e, starts, known) \
                or _head_after_modifier(text, pos, e, known)
            if subject is None:
                continue
        plain = subject.verb.kind in {"adverb", "verb"} or not subject.verb.word
        if reported(text, subject, e if plain else _clause_end(text, subject.verb_at, e)):
            continue
        partners: tuple[tuple[str, int], ...] = ()
        if subject.verb.kind == "partner":
            partners = _partners(text, subject.verb_at + len(subject.verb.word), e, known)
            if not partners:
                continue
        confidence = 0.6 if plain else (0.8 if subject.verb.kind == "partner" else 0.85)
        role = Role.RESPONSIBLE if plain and described_function(text, pos, subject, e) else predicate_role(text, subject)
        out.append(Found(subject, role, cs, "subject-duty", confidence, partners))
    return out


#: A predicate noun phrase: ``是<unit><verb>…的<noun>`` up to its clause end.
FUNCTION_NOUN = re.compile(r"的[\u4e00-\u9fff]{1,8}$")


def described_function(text: str, pos: int, subject: Subject, end: int) -> bool:
    """Whether a plain subject + verb is a relative clause after 是 that describes what the
    unit does rather than asking it to: ``创建工作备案材料是市教委组织示范街镇创建评估的重要依据
    材料`` (seed 003) states 市教委's own function (responsible).  A directive after 是 runs on
    past a comma instead: ``重点创建工作是各创建街镇结合自身工作特点或发展需求，确定…`` (obliged)."""
    before = text[pos:subject.start]
    if not before.endswith("是"):
        return False
    clause_end = _clause_end(text, subject.verb_at, end)
    return bool(FUNCTION_NOUN.search(text[subject.verb_at:clause_end].rstrip("。；;！？")))


@lru_cache(maxsize=None)
def modal_after_comma() -> re.Pattern[str]:
    """A modal opening a clause: ``，应当…`` (its subject stands before the comma)."""
    modals = sorted((v.word for vs in verbs().values() for v in vs if v.kind == "modal"), key=len, reverse=True)
    return re.compile(rf"[，,]\s{{0,2}}(?:{'|'.join(map(re.escape, modals))})")


def _subject_before_comma(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """A subject whose modal opens the next clause, an adverbial clause between them:
    ``施工单位在工程开工前，应当在施工组织设计中制定…`` (d03 第十五条), ``房地产开发企业销售绿色
    建筑商品房时，应当在商品房买卖合同…中载明…`` (d03 第十八条).  The subject is the longest
    firm unit list opening the clause."""
    comma = _clause_end(text, pos, end)
    if comma >= end or text[comma] not in "，,":
        return None
    m = modal_after_comma().match(text, comma, end)
    if not m:
        return None
    verb_pos = m.end() - len(m.group(0).lstrip("，, \t\u3000"))
    verb = verb_at(text, verb_pos, frozenset({"modal"}))
    if verb is None:
        return None  # a look-alike: ，要求…
    for j in range(min(comma, pos + MAX_SUBJECT), pos + 1, -1):
        if text[j - 1] not in name_end_chars(known):
            continue
        units = split_unit_list(text[pos:j], known)
        if units and all(_firm(n, known) for n, _ in units):
            return Subject(tuple((n, pos + i) for n, i in units), pos, verb, verb_pos)
    return None


#: A 在…内/中 scope closing a clause: ``在各自职责范围内，`` — a subject before it, its action after.
SCOPE_COMMA = re.compile(r"在[^，,。；;：:\n]{1,16}?(?:内|中)[，,][ \t\u3000]{0,2}")

#: The words that may open the action after such a scope.
SCOPE_ACTION_KINDS = frozenset({"modal", "duty", "adverb", "verb"})


def _subject_before_scope(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """A unit list, a 在…内 scope, a comma, then the action: ``区发展改革、财政、税务、国资等有关
    部门在各自职责范围内，制定落实相关政策措施`` (d05) — the list is a stem list or firm units."""
    at = text.find("在", pos + 2, min(end, pos + MAX_SUBJECT))
    if at < 0:
        return None
    m = SCOPE_COMMA.match(text, at, end)
    if not m:
        return None
    verb = verb_at(text, m.end(), SCOPE_ACTION_KINDS)
    if verb is None:
        return None
    units = stem_list(text, pos, at) or split_unit_list(text[pos:at], known)
    if not units or not all(_firm(n, known) or n.endswith("部门") for n, _ in units):
        return None
    return Subject(tuple((n, pos + i) for n, i in units), pos, verb, m.end())


#: A duty word opening a clause, after an optional connective: ``，负责…``, ``，并负责…``.
DUTY_OPENING = re.compile(r"(?:并|同时)?(?:具体)?(?:负责牵头|负责(?!人|同志)|牵头(?!单位|部门))")


def _head_after_modifier(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """A unit under a 的-modifier before a modal: ``绿色建筑的物业管理企业应当制定并实施节能、节水、
    节材与绿化管理制度`` (d03 第二十条) → 物业管理企业.  Only a firm name (``_firm``) after the
    last 的 of the clause, and only before a modal (要/应当/须…)."""
    clause_end = _clause_end(text, pos, end)
    positions, words = verb_hits(text, known)
    k = bisect_left(positions, pos + 3)
    while k < len(positions) and positions[k] < min(clause_end, pos + MAX_SUBJECT):
        j = positions[k]
        if words[j].kind == "modal":
            de = text.rfind("的", pos + 1, j)
            if de < 0 or NEVER_IN_LIST.search(text, de + 1, j):
                return None
            units = split_unit_list(text[de + 1:j], known)
            if units and all(_firm(n, known) for n, _ in units):
                return Subject(tuple((n, de + 1 + i) for n, i in units), pos, words[j], j)
            return None
        k += 1
    return None


#: A clause opening with a duty word (its subject stands before the comma).
DUTY_AFTER_COMMA = re.compile(r"[，,][ \t\u3000]{0,2}(?:并|同时)?(?:具体)?(?:负责(?!人|同志)|牵头(?!单位|部门))")


def _topic_before_duty_clause(text: str, pos: int, end: int, starts: list[int], known: frozenset[str]) -> Subject | None:
    """A unit whose first clause says how it is made up (``X由…``) and whose next clause
    opens with its duty: ``区更新办由区建设管理委、区住房保障房屋管理局、区规划资源局三家副主任单位
    协同开展工作，负责城市更新工作的统筹实施…`` (d05), ``领导小组由区长任组长，负责…``."""
    clause_end = _clause_end(text, pos, end)
    at = text.find("由", pos + 2, clause_end)
    if at < 0:
        return None
    units = split_unit_list(text[pos:at], known)
    if not units:
        return None
    nxt = next((c for c in starts if c > clause_end), None)
    m = DUTY_OPENING.match(text, nxt) if nxt is not None else None
    if m is None:
        return None
    word = m.group(0).removeprefix("并").removeprefix("同时").removeprefix("具体")
    role = Role.LEAD if "牵头" in word else Role.RESPONSIBLE
    return Subject(tuple((n, pos + i) for n, i in units), pos, Verb(word, role, "duty"), m.end() - len(word))


def _may_hold_subject(text: str, pos: int, next_clause: int, end: int, positions: list[int]) -> bool:
    """A cheap test before the rules read a clause: a responsibility word after a name within
    reach, a 由/是/下设/要求 inside it, or a modal opening the next clause."""
    k = bisect_left(positions, pos + 2)
    if k < len(positions) and positions[k] < min(end, pos + MAX_SUBJECT):
        return True
    if CLAUSE_TRIGGER.search(text, pos, next_clause):
        return True
    comma = _clause_end(text, pos, end)
    if comma < end and text.find("在", pos, comma) >= 0 and SCOPE_COMMA.search(text, pos, min(end, comma + 4)):
        return True
    return comma < end and bool(modal_after_comma().match(text, comma, end))


#: Words that let a clause hold a subject without a responsibility word right after a name:
#: 由 (agent), 是/下设 (copula), 要求/责成/请 (request).
CLAUSE_TRIGGER = re.compile(r"由|是|下设|要求|责成|请")


def _after_copula(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """``是X<verb>`` / ``下设X<verb>`` inside a clause, ``要求X…`` / ``请X…`` opening it."""
    clause_end = _clause_end(text, pos, end)
    m = REQUEST.match(text, pos, clause_end)
    if m:
        return _bare_units(text, m.end(), clause_end, known)
    for m in COPULA.finditer(text, pos, clause_end):
        subject = subject_at(text, m.end(), end, SUBJECT_KINDS, known)
        if subject is not None and subject.verb_at < clause_end:
            return subject
    return None


CLAUSE_END = re.compile(r"[，,：:]")

#: Words after which a new subject may stand inside a clause: ``重点创建工作是各创建街镇结合…``
#: (seed 003), ``“学促委”下设“学促办”具体负责…`` (seed 000).
COPULA = re.compile(r"是|下设")

#: A clause that asks a unit to act: ``要求创建街镇聚焦重点创建工作`` (seed 003).
REQUEST = re.compile(r"要求|责成|请")


def _clause_end(text: str, pos: int, end: int) -> int:
    m = CLAUSE_END.search(text, pos, end)
    return m.start() if m else end


#: The predicate opening after a bare unit list (要求X聚焦…): not a particle or noun link.
NOT_PREDICATE = re.compile(r"[的之和与及、等]")


def _bare_units(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """The longest unit list at ``pos`` followed by a verb-like character (要求创建街镇聚焦…)."""
    for j in range(min(end, pos + MAX_SUBJECT), pos + 1, -1):
        units = split_unit_list(text[pos:j], known)
        if units and all(_firm(n, known) for n, _ in units) and j < end and not NOT_PREDICATE.match(text, j) and text[j] not in "，,。；":
            return Subject(tuple((n, pos + i) for n, i in units), pos, Verb("", Role.OBLIGED, "modal"), j)
    return None


def _firm(name: str, known: frozenset[str]) -> bool:
    """A name safe without a responsibility word after it: a known mention, a collective or a
    suffix of two characters or more (``打造科学化`` must not yield 打造科)."""
    return name in known or name.startswith("各") or any(name.endswith(s) for s in long_suffixes())


def _agent(text: str, pos: int, end: int, clause_start: int, known: frozenset[str]) -> Found | None:
    """由X负责/牵头/承办/联合Y…: ``由区社区学院负责整合`` (seed 004) → responsible."""
    subject = subject_at(text, pos + 1, end, AGENT_KINDS, known) or _agent_before_action(text, pos + 1, end, known)
    if subject is None:
        return None
    role = Role.RESPONSIBLE if subject.verb.role == Role.OBLIGED else subject.verb.role
    if subject.verb.word.startswith("负责"):
        role = Role.LEAD if text.startswith("牵头", subject.verb_at + 2) else Role.RESPONSIBLE
    partners: tuple[tuple[str, int], ...] = ()
    if subject.verb.kind == "partner":
        partners = _partners(text, subject.verb_at + len(subject.verb.word), end, known)
    return Found(subject, role, clause_start, "by-agent", 0.9, partners)


#: What an agent after 由 does when no listed word follows it: an object or goal phrase
#: (对…/向…), a manner adverb (另行/自行/共同…) or an action verb of procedures —
#: ``由镇规建办、安监所对在建限额以下小型建设工程履行…监督程序``, ``由镇采购办另行制定``,
#: ``由建设单位向镇规建办提交竣工备案资料``, ``由镇规建办提出整改意见`` (U3, a Qibao
#: small-works opinion).
AGENT_ACTION = re.compile(r"(?:对|向|另行|自行|共同|统一|依法|及时|提出|提交|出具|核发|办理|会签|制定|组织)")

#: A clause where such an agent may stand: 由, a short list, an action phrase (the cheap test
#: that lets a sentence without any listed responsibility word be read at all).
AGENT_CLAUSE = re.compile(r"由(?!于|此)[^，,。；;：:\n]{2,24}?" + AGENT_ACTION.pattern)

#: After the agent, what makes 由X… no action of X: composition (由X组成), a relative clause
#: (由X批准的规划), a reason (由于).
NOT_AGENT_ACTION = re.compile(r"[^，,。；;]{0,6}(?:的|组成|构成|担任)")


def _agent_before_action(text: str, pos: int, end: int, known: frozenset[str]) -> Subject | None:
    """The agent list after 由 when an action phrase of ``AGENT_ACTION`` follows it."""
    if text.startswith(("于", "此"), pos):
        return None  # 由于, 由此: no agent
    limit = min(end, pos + MAX_SUBJECT)
    for m in AGENT_ACTION.finditer(text, pos + 2, limit):
        if CLAUSE_PUNCT.search(text, pos, m.start()):
            return None
        units = split_unit_list(text[pos:m.start()], known)
        if units:
            if NOT_AGENT_ACTION.match(text, m.start(), end):
                return None
            return Subject(tuple((n, pos + i) for n, i in units), pos, Verb("", Role.RESPONSIBLE, "agent"), m.start())
    return None


#: Punctuation no agent list holds.
CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？\n]")


def _agent_inside(text: str, pos: int, end: int, clause_start: int, known: frozenset[str]) -> Found | None:
    """由X… after the clause's topic: ``区内各级社区教育学校资源由区社区学院负责整合``."""
    clause_end = _clause_end(text, pos, end)
    at = text.find("由", pos, clause_end)
    while at >= 0:
        found = _agent(text, at, end, clause_start, known)
        if found:
            return found
        at = text.find("由", at + 1, clause_end)
    return None


#: Between two partners after 联合/会同: ``会同历保办、风貌办针对…`` (d04), ``会同区财政局和区人社局``.
PARTNER_SEPARATOR = re.compile(r"[ \t]{0,2}(?:、|以及|和|及|与)[ \t]{0,2}")


def _partners(text: str, pos: int, end: int, known: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """The partners after 联合/会同, each name ending where the unit grammar (or a known
    mention) ends it — not where the clause ends: ``区旧改办会同历保办、风貌办针对…制定…``
    (d04) → 历保办, 风貌办; ``联合华东师范大学等 14 所高校`` (seed 001) → 华东师范大学."""
    out: list[tuple[str, int]] = []
    while pos < end:
        j = name_end_at(text, pos, end, known)
        if (j is None or not is_unit_name(text[pos:j], known)) and out:
            j = _listed_item_end(text, pos, end, known)
        if j is None or not is_unit_name(text[pos:j], known):
            break
        out.append((text[pos:j], pos))
        sep = PARTNER_SEPARATOR.match(text, j, end)
        if not sep:
            break
        pos = sep.end()
    return tuple(out)


#: One item of a 、-list of partners, up to the next 、 or the closing 等: ``区公安分局`` in
#: ``区建设管理委会同区发展改革委、区经委、区教育局、区公安分局、区民政局…等部门共同推进`` (a
#: Chongming city check-up plan), whose name the unit grammar alone does not end.
LISTED_ITEM = re.compile(r"[^、，,。；;：:\s“”（）()]{2,16}?(?=、|等)")


def _listed_item_end(text: str, pos: int, end: int, known: frozenset[str]) -> int | None:
    """Where a list item after a 、 ends when the next 、 (or 等) closes it and it is a unit
    name: a list once begun goes on item by item, whatever the grammar's first suffix."""
    m = LISTED_ITEM.match(text, pos, end)
    return m.end() if m and is_unit_name(m.group(), known) else None


def name_end_at(text: str, pos: int, end: int, known: frozenset[str]) -> int | None:
    """Where a unit name starting at ``pos`` ends: the longest known mention there, else the
    unit grammar's first acceptable suffix after the region prefix (``unit_grammar.name_end``)."""
    best = max((len(n) for n in known if text.startswith(n, pos)), default=0)
    if best:
        return pos + best
    region_end = grammar.region_chain_end(text, pos, end)
    body = region_end if region_end is not None else (pos + 1 if text[pos:pos + 1] in "区市县" else pos)
    found = grammar.name_end(text, body)
    return found[0] if found and found[0] <= end else None


def prose_paragraphs(text: str, structure: Structure) -> list[tuple[int, int]]:
    """Logical paragraphs outside flattened task tables (a cell is no sentence)."""
    tables = table_spans(structure)
    return [(s, e) for s, e in logical_paragraphs(text, structure) if not any(ts <= s < te for ts, te in tables)]


def sentence_subjects(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[tuple[int, int, int, list[Found]]]:
    """(paragraph start, sentence start, sentence end, matches) of every prose sentence.

    Shared by the inline and ellipsis rules; the last document's pass is kept so the
    sentences are read once.
    """
    key = (doc.doc_id, len(doc.text), hash(doc.text), id(structure), len(entities))
    if _PASS and _PASS[0] == key:
        return _PASS[1]
    text = doc.text
    known = known_names(entities)
    scopes = [(sc.start, sc.end) for sc in find_scopes(doc, structure, entities)]
    from .notes import note_spans  # notes read units the way inline rules do; they import this module

    notes = note_spans(doc, structure, entities)
    out = [(ps, s, e, [] if (scopes and any(s <= a < e for a, _ in scopes)) or (notes and any(a <= s < b for a, b in notes))
            else _subjects_in_sentence(text, s, e, ps, known))
           for ps, pe in prose_paragraphs(text, structure) for s, e in sentences(text, ps, pe)]
    _PASS[:] = [key, out]
    return out


_PASS: list = []


def bare_role(text: str, f: Found, end: int) -> bool:
    """A clause that is only a unit and its role word — ``区绿化市容局牵头，``, ``由街镇（园区）
    牵头，`` — has no task of its own: its task is what the sentence says next.  An action
    word closing its clause is a task (``…推进由区机管局与区绿化市容局落实``, d06)."""
    if f.subject.verb.kind not in ("duty", "partner"):
        return False
    after = f.subject.verb_at + len(f.subject.verb.word)
    if f.partners:
        after = max(at + len(n) for n, at in f.partners)
    return not text[after:_clause_end(text, after, end)].strip(" \t\u3000。；;")


def find_inline(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[tuple[Found, int, int, int, int]]:
    """Every subject-position match with its task span and its sentence (the evidence).

    A task runs from the clause of its subject to the next subject's clause; bare role
    clauses share the task of the clause after them: ``X牵头，Y配合，做好…`` gives X (lead)
    and Y (cooperate) the one task ``X牵头，Y配合，做好…``.
    """
    text = doc.text
    for _, s, e, found in sentence_subjects(doc, structure, entities):
        group: list[Found] = []
        for i, f in enumerate(found):
            group.append(f)
            if i + 1 < len(found) and bare_role(text, f, e):
                continue
            task_end = found[i + 1].clause_start if i + 1 < len(found) else e
            ts, te = trim(text, group[0].clause_start, task_end)
            for g in group:
                yield g, ts, te, s, e
            group = []


def inline_sentences(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Units in subject position before a responsibility word.

    ``区财政局要按市政府规定保证各部门各类培训经费`` → obliged; ``街道负责协调、整合本区域内的
    教育场地资源`` → responsible; ``各委办局都要积极参与`` → cooperate; ``由区教育局负责牵头组织
    实施`` → lead; ``由区教育局联合华东师范大学等 14 所高校`` → lead + cooperate (seeds 001–004).
    """
    text = doc.text
    for f, ts, te, s, e in find_inline(doc, structure, entities):
        for cs, ce, role in duty_clauses(text, f, ts, te):
            for name, _ in f.subject.units:
                yield make_assignment(doc, structure, name, role, cs, ce, s, e, rule=f.rule, confidence=f.confidence)
        for name, _ in f.partners:
            yield make_assignment(doc, structure, name, Role.COOPERATE, ts, te, s, e, rule=f.rule + "-partner",
                                  confidence=f.confidence - 0.05)


#: A comma clause of a duty sentence opening with a duty word of its own: ``区规划资源局负责本区
#: 城市更新规划土地管理工作，包括…，牵头推进土地出让和供应，负责牵头落实市级城市更新相关的规划
#: 土地配套文件，…，负责牵头组建城市更新专家委员会并开展相关工作`` (d05) lists four duties.
#: Not 负责人 (a person) nor 牵头单位/牵头部门 (a marker key).
DUTY_CLAUSE = re.compile(r"[，,][ \t\u3000]{0,2}(?=(?:并|同时|还)?(?:具体)?(?:负责(?!人|同志)|牵头(?!单位|部门)))")


def duty_clauses(text: str, f: Found, start: int, end: int) -> list[tuple[int, int, Role]]:
    """The task ``text[start:end]`` of a duty or modal subject cut at ``DUTY_CLAUSE``s, each
    part with the role its opening word gives (``continuation_role``); a subject with
    partners or a bare directive keeps its one task."""
    if f.partners or f.subject.verb.kind not in ("duty", "modal"):
        return [(start, end, f.role)]
    after = max(start, f.subject.verb_at + len(f.subject.verb.word))
    cuts = [m for m in DUTY_CLAUSE.finditer(text, after, end)]
    if not cuts:
        return [(start, end, f.role)]
    out: list[tuple[int, int, Role]] = []
    piece, role = start, f.role
    for m in cuts:
        out.append((*trim(text, piece, m.start()), role))
        piece = m.end()
        role = continuation_role(text, piece, f.role)[0]
    out.append((*trim(text, piece, end), role))
    return [(s, e, r) for s, e, r in out if e > s]


#: A sentence that continues the previous subject's duties after 。: ``负责调解更新活动中的
#: 矛盾纠纷…`` (d05); after ； any clause without a subject continues it.
ELLIPSIS = re.compile(r"(?:同时|并|还|另外)?\s{0,3}(?:具体)?负责")


def continuation_role(text: str, pos: int, previous: Role) -> tuple[Role, float] | None:
    """The role of a clause that continues its sentence's subject, from its opening word
    (负责 → responsible, 牵头 → lead, 配合 → cooperate); a clause opening with another word
    keeps the subject's role."""
    m = CONNECTIVE.match(text, pos)
    at = m.end() if m else pos
    at += 2 if text.startswith("具体", at) else 0
    for word, role in PREDICATE_ROLES:
        if text.startswith(word, at):
            return role, 0.8
    return previous, 0.7


def new_subject(text: str, starts: list[int], end: int) -> bool:
    """A clause whose first part ends in a unit word names a subject of its own, one the
    rules do not read as a unit: ``…；部分已具有较好的创建工作成果的街镇，可以申请参加示范街镇
    创建评估`` (seed 003) does not continue the subject before the ；."""
    first_end = starts[1] - 1 if len(starts) > 1 else end
    part = text[starts[0]:first_end].strip(" \t\u3000，,：:")
    return has_unit_suffix(part) or part.endswith(collective_classes())


def subject_ellipsis(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Clauses without a subject continue the last subject of their paragraph until a new
    subject appears: after ； any such clause, after 。 one that opens with 负责.

    ``区社区学院负责指导街道分院开展工作；负责全区学习圈建设的指导协调工作；负责开展学习圈建设
    研究及骨干师资培训等工作。`` (seed 004) gives 区社区学院 three tasks; ``区建设管理委负责推动…；
    牵头落实市级城市更新相关的项目审批…政策制度…；牵头落实…`` (d05) gives 区建设管理委 one
    responsible and two lead tasks.
    """
    text = doc.text
    last: tuple[tuple[str, int], ...] = ()
    last_role = Role.RESPONSIBLE
    paragraph = -1
    previous_end = -1
    for ps, s, e, found in sentence_subjects(doc, structure, entities):
        if ps != paragraph:
            paragraph, last = ps, ()
        after_semicolon = previous_end > 0 and text[previous_end - 1] in "；;"
        previous_end = e
        starts = clause_starts(text, s, e) if not found and last else []
        if starts and (after_semicolon or ELLIPSIS.match(text, starts[0])):
            if new_subject(text, starts, e):
                last = ()
                continue
            read = continuation_role(text, starts[0], last_role)
            if read is None:
                continue
            role, confidence = read
            ts, te = trim(text, starts[0], e)
            for name, _ in last:
                yield make_assignment(doc, structure, name, role, ts, te, s, e,
                                      rule="subject-ellipsis", confidence=confidence)
            continue
        subjects = [f for f in found if f.rule == "subject-duty"]
        last = subjects[-1].subject.units if subjects else ()
        last_role = subjects[-1].role if subjects else Role.RESPONSIBLE


#: A duty-list entry: a numbered unit name closed by 。 or ：, then its duties.
#: ``（一）区房管局。负责定期牵头召开…；负责督促…`` (d02), ``(一)区发展改革委：负责公园绿地等
#: 建设项目的审批…`` (d07).  Linear: every space run is possessive and the name stops at the
#: first space or stop, so no two quantifiers share characters; every space run follows a
#: token it needs (``duty_lists`` skips the paragraph's indent itself).
DUTY_HEAD = re.compile(r"(?:#{1,6}[ \t]*+)?(?:\*\*[ \t\u3000]*+)?"
                       r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、．.])[ \t\u3000]*+"
                       r"(?P<unit>[^。：:，,；;\n \t\u3000]{2,30})[ \t\u3000]*+[。：:]")


def skip_indent(text: str, start: int, end: int) -> int:
    """The first offset after a paragraph's indent (spaces, tabs, ideographic spaces)."""
    while start < end and text[start] in " \t\u3000":
        start += 1
    return start


def duty_lists(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Per-unit duty lists: every sentence after ``（一）区房管局。`` is a task of 区房管局
    (responsible); a list written after the name closes with its paragraph."""
    text = doc.text
    known = known_names(entities)
    for ps, pe in logical_paragraphs(text, structure):
        m = DUTY_HEAD.match(text, skip_indent(text, ps, pe), pe)
        if not m or m.group("unit")[-1] not in name_end_chars(known):
            continue
        units = split_unit_list(m.group("unit"), known)
        if not units:
            continue
        for s, e in sentences(text, m.end(), pe):
            ts, te = trim(text, s, e)
            if te - ts < 4 or text[te - 1] in "：:":
                continue  # too short, or the lead-in of a sub-list (具体分工为：)
            for name, _ in units:
                yield make_assignment(doc, structure, name, Role.RESPONSIBLE, ts, te, ps, m.end(),
                                      rule="duty-list", confidence=0.85)
