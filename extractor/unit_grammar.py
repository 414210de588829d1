"""The unit-name grammar: where a government body's or institution's name starts and ends.

A unit name is ``PREFIX BODY SUFFIX (SUB)*``:

* PREFIX – a region chain (上海市闵行区, 杭州市滨江区, 中共杭州市委's 中共杭州市), a region stem
  (闵行职业教育联盟) or a relative prefix 区/市/县/省 (区社区学院 = "the district's …");
* BODY – characters that may occur inside a name: CJK, no clause word from
  ``data/name_breakers.txt`` (区财政局要按… ends before 要);
* SUFFIX – from ``data/unit_suffixes.txt`` (局, 委员会, 办公室, 中心, 联盟 …; how each may be
  used is in ``data/unit_suffix_flags.tsv``), the first one
  after the prefix (lazy), then optional sub-unit suffixes (区社区学院街道分院).

Names without a prefix (成人教育联盟, 华东师范大学) are found by walking left from a strong
suffix over jieba tokens until a clause word; this is the only place the entity stage
tokenises, and only a window of a few characters per candidate.

Each function returns ``Candidate`` tuples (start, end, label, rule); the nlp components
turn them into spaCy spans.  Everything here is a pure function of the text and the data
files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, NamedTuple

from . import data


class Candidate(NamedTuple):
    start: int
    end: int
    label: str  # ORG, COLLECTIVE, ALLIANCE
    rule: str


@dataclass(frozen=True, slots=True)
class Suffix:
    text: str
    bare: bool = False  # may follow a prefix directly: 区委, 区政府
    weak: bool = False  # also ends ordinary words: 处, 科, 院
    alliance: bool = False
    sub: bool = False  # may extend a found unit: …街道分院, …办公室
    free: bool = False  # may end a name without a region prefix: 成人教育联盟
    firm: bool = False  # a company: the region may stand inside the name (大金空调上海有限公司)
    generic: bool = False  # one common noun before it names a class: 专家委员会, 行业协会
    place: bool = False  # ends a place-named body after a proper name: 仙霞街道, 泗泾镇


CJK = r"\u4e00-\u9fff"
MAX_BODY = 18  # the longest body seen: 学习型社会建设与终身教育促进 (14) + margin

#: Relative prefixes: a unit "of this district/city" (由区社区学院负责 → 区社区学院).
RELATIVE = "区市县省"

#: Parenthesised qualifiers that belong to a name: 闵行职业教育联盟（集团）.
NAME_QUALIFIER = re.compile(r"[（(](?:集团|筹)[）)]")

#: Tags of jieba's lexicon that end a prefix-less name when walking left: prepositions,
#: conjunctions, particles, pronouns, numerals, classifiers, adverbs and verbs (由/和/的/我/
#: 个/加快/借助), idioms; verbs that occur inside names (学习, 组织, 退休) are listed in
#: ``data/name_verbs.txt``.
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "y", "e", "m", "q", "d", "v", "vd", "i"})


@lru_cache(maxsize=1)
def suffixes() -> tuple[Suffix, ...]:
    """The suffix table, longest first."""
    table = {row["suffix"]: row["flags"].split() for row in data.read_tsv("unit_suffix_flags.tsv")}
    out = []
    for text in data.read_lines("unit_suffixes.txt"):
        flags = table.get(text, [])
        out.append(Suffix(text, bare="bare" in flags, weak="weak" in flags, alliance="alliance" in flags,
                          sub="sub" in flags, free="free" in flags, firm="firm" in flags,
                          generic="generic" in flags, place="place" in flags))
    return tuple(sorted(out, key=lambda s: -len(s.text)))


@lru_cache(maxsize=1)
def suffix_table() -> dict[str, Suffix]:
    return {s.text: s for s in suffixes()}


@lru_cache(maxsize=1)
def suffix_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s.text) for s in suffixes()))


@lru_cache(maxsize=1)
def sub_suffix_re() -> re.Pattern[str]:
    """A sub-unit continuation right after a name: 街道分院, 办公室 (≤ 4 body characters)."""
    subs = "|".join(re.escape(s.text) for s in suffixes() if s.sub)
    return re.compile(rf"[{CJK}]{{0,4}}?(?:{subs})")


@lru_cache(maxsize=1)
def breaker_re() -> re.Pattern[str]:
    words = sorted(data.read_lines("name_breakers.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def breakers() -> frozenset[str]:
    return frozenset(data.read_lines("name_breakers.txt"))


@lru_cache(maxsize=1)
def name_verbs() -> frozenset[str]:
    return frozenset(data.read_lines("name_verbs.txt"))


@lru_cache(maxsize=1)
def leading_verbs() -> frozenset[str]:
    """Verbs jieba does not tag as verbs that open a task, not a name (``data/leading_verbs.txt``)."""
    return frozenset(data.read_lines("leading_verbs.txt"))


@lru_cache(maxsize=1)
def prefix_blockers() -> frozenset[str]:
    return frozenset(data.read_lines("not_unit_prefixes.txt"))


@lru_cache(maxsize=1)
def rank_words() -> tuple[str, ...]:
    """Words after 区/市/省 that make it a rank, not a prefix (省示范社区学校, 市级…)."""
    return tuple(data.read_lines("rank_words.txt"))


@lru_cache(maxsize=1)
def region_names() -> tuple[str, ...]:
    """Region names as written (上海市, 闵行区, 浙江省 …) and their stems (闵行, 上海), longest first."""
    from .regions import written_names

    names = set(written_names())
    # stems (闵行 for 闵行区) only of regions.tsv's places: national stems are words (合作, 平安)
    known = {row["short"] for row in data.read_tsv("regions.tsv")}
    stems = {n[:-1] for n in known if len(n) >= 3 and n[-1] in "市区县"} - names
    return tuple(sorted(names | stems, key=len, reverse=True))


@lru_cache(maxsize=1)
def region_name_set() -> frozenset[str]:
    return frozenset(region_names())


#: The party prefix of a region's committee: 中共杭州市委 (seed 004).
PARTY_PREFIX = "中共"


@lru_cache(maxsize=1)
def region_re() -> re.Pattern[str]:
    """A region chain (上海市闵行区, 中共杭州市, 闵行) as a regular expression, for a match at a
    known position (the relation rules); to scan a whole text use :func:`region_chains`."""
    from .regions import alternation

    return re.compile(rf"(?:{PARTY_PREFIX})?(?:{alternation(region_names())})+")


def word_automaton(words: Iterable[str]):
    """An Aho-Corasick automaton of ``words`` (pyahocorasick): one pass over a text finds
    them all, where a regular expression alternation of thousands of words tests them one by
    one at every position."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _region_automaton():
    return word_automaton(region_names())


def longest_at(automaton, text: str) -> dict[int, int]:
    """Start offset → length of the leftmost-longest, non-overlapping automaton words
    (what a regular expression alternation of the words, longest first, would match)."""
    if not len(automaton):
        return {}
    longest: dict[int, int] = {}
    for end, n in automaton.iter(text):  # every match, overlapping ones too (faster than iter_long)
        start = end - n + 1
        if n > longest.get(start, 0):
            longest[start] = n
    out, pos = {}, 0
    for start in sorted(longest):
        if start >= pos:
            out[start] = longest[start]
            pos = start + longest[start]
    return out


def region_chains(text: str) -> Iterator[tuple[int, int]]:
    """Region chains, leftmost first: 上海市闵行区, 中共杭州市, 闵行 (a stem) — consecutive
    region names (the longest at each step), with an optional 中共 before the first."""
    longest = longest_at(_region_automaton(), text)
    pos = 0
    for i in sorted(longest):
        if i < pos:
            continue
        party = i - len(PARTY_PREFIX)
        start = party if party >= pos and text.startswith(PARTY_PREFIX, party) else i
        end = i
        while end in longest:
            end += longest[end]
        yield start, end
        pos = end


def region_chain_end(text: str, pos: int, end: int | None = None) -> int | None:
    """End of the region chain that starts exactly at ``pos`` (before ``end``), else None:
    in 上海市闵行区教育局 at 0 → 6.  What ``re.match`` of a region alternation gave, on the
    Aho-Corasick automaton."""
    for start, stop in region_chains(text[pos:end]):
        return pos + stop if start == 0 else None
    return None


@lru_cache(maxsize=1)
def relative_re() -> re.Pattern[str]:
    return re.compile(f"[{RELATIVE}]")


def load_lexicon() -> None:
    """Load jieba's dictionary and tag table now (they load lazily on first use otherwise)."""
    _lexicon()


@lru_cache(maxsize=1)
def _lexicon():
    """jieba's dictionary (word → frequency) and tag table, loaded once."""
    import jieba
    import jieba.posseg

    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def is_word(text: str, min_freq: int = 1) -> bool:
    """True when jieba's dictionary lists ``text`` as a word (社区, 城市, 地处, 科技)."""
    return (_lexicon()[0].get(text) or 0) >= min_freq


#: A word ending in a relative prefix must be this common to block it: 社区 (6115), 城市
#: (25084) block; 大区 (126) does not, so 加大区财政对社区教育的投入 finds 区财政.  Rarer
#: words that do block are listed in ``data/not_unit_prefixes.txt`` (学区, 片区).
PREFIX_WORD_FREQ = 150


#: Levels of region before 市/县 that make a list of levels, not a prefix: 地州市局 (Xinjiang,
#: 新质监办发〔2012〕24号), 省市两级.
LEVEL_BEFORE = frozenset("州省")


def relative_prefix_ok(text: str, i: int) -> bool:
    """May the 区/市/县/省 at ``i`` start a relative unit name?

    Not when it ends a word (社区教育 → 社区; 城市化 → 城市; 我区, 本市), nor when it starts one
    that is not a unit (市民学校, 区内各级, 区级).  ``由区社区学院负责整合`` → yes at 区.
    """
    prev = text[i - 1] if i else ""
    if text[i - 1:i + 1] in prefix_blockers():
        return False
    if text[i:i + 2] in prefix_blockers() and not org_word_at(text, i + 1):
        return False
    if prev in LEVEL_BEFORE:
        return False  # 鉴于各地州市局“三定”方案尚未实施: a list of levels (地、州、市), not 市局
    if text.startswith(rank_words(), i + 1):
        return False  # 按省示范社区学校的要求: a rank of schools, not the province's school
    if prev and "\u4e00" <= prev <= "\u9fff" and prev not in breakers() and is_word(prev + text[i], PREFIX_WORD_FREQ):
        return False
    return True


#: Lengths of an organisation word (jieba tag ``nt``) that may follow a relative prefix.
ORG_WORD_LENGTHS = (5, 4, 3)


def org_word_at(text: str, i: int) -> bool:
    """Does an organisation word of jieba's lexicon start at ``i``?  It outweighs a blocking
    word around the prefix before it: ``蒋　蕊　市民政局局长`` is the city's 民政局, not 市民
    (Shanghai waste-sorting joint meeting, 沪府办〔2022〕10号)."""
    tags = _lexicon()[1]
    return any(tags.get(text[i:i + n]) == "nt" for n in ORG_WORD_LENGTHS)


#: A short bracketed qualifier inside a name body: ``浙江省老年电大杭州高新区(滨江)分校``,
#: ``杭州退休干部（职工）大学滨江教学点`` (seed 004).
INNER_QUALIFIER = re.compile(rf"[（(][{CJK}]{{1,4}}[）)]")


def _body_limit(text: str, start: int, limit: int) -> int:
    """Where a name body starting at ``start`` must end: the first non-CJK or breaker; a short
    bracketed qualifier after a CJK character is part of the body."""
    end = start
    stop = min(len(text), start + limit)
    while end < stop:
        if "\u4e00" <= text[end] <= "\u9fff":
            end += 1
            continue
        q = INNER_QUALIFIER.match(text, end) if end > start else None
        if q is None or q.end() >= len(text) or not "\u4e00" <= text[q.end()] <= "\u9fff":
            break
        end = q.end()
        stop = min(len(text), stop + len(q.group(0)))
    b = breaker_re().search(text, start, end)
    return b.start() if b else end


def _suffix_ok(text: str, body_start: int, m: re.Match[str]) -> bool:
    """Accept a suffix occurrence as a name end (weak suffixes and word continuations checked)."""
    suffix = suffix_table()[m.group(0)]
    body = text[body_start:m.start()]
    nxt = text[m.end():m.end() + 1]
    if not body and not suffix.bare:
        return False
    if len(suffix.text) == 1 and nxt and is_word(suffix.text + nxt):  # 科技, 处理, 办法, 局面
        return False
    if len(suffix.text) == 1 and body and swallows_suffix(body[-1] + suffix.text) and not any(
            is_word(body[-2:] + suffix.text) for _ in range(len(body) >= 2)):
        return False  # 服务大局, 地处 (but 民政局: 政局 is a word, 民政局 too)
    if suffix.weak and len(body) < 2:
        return False
    if len(body) >= LONG_BODY and not body_is_name(body):
        return False
    return not city_role(body, suffix.text)


#: A word made of a body's last character and a one-character suffix must be this common to
#: take the suffix away from the name: 大局 (1105), 地处 (2766), 布局 do; 防办 (6) in
#: ``区民防办`` and 侨办, 台办 are rare words that are themselves unit short forms (d-unseen
#: Chongming: ``区建设管理委会同…区民防办、区政务服务办``).
SWALLOW_FREQ = 31

#: Tags of a word ending in 委 that is itself a committee's short form: 科委, 经委, 农委, 村委
#: (``张国坤　市农业农村委主任``, ``张　全　市科委主任``, Shanghai waste-sorting joint meeting).
COMMITTEE = "委"
COMMITTEE_WORD_TAGS = frozenset({"n", "j", "nt"})


def swallows_suffix(word: str) -> bool:
    """Does the two-character ``word`` (body's last character + one-character suffix) make the
    suffix part of an ordinary word (服务大局, 地处), so that no name ends there?"""
    if word in class_words():
        return True  # 上海市社区教育示范街镇 (seed 003): a rank of 街镇, the class
    if not is_word(word, SWALLOW_FREQ):
        return False
    return not (word.endswith(COMMITTEE) and _lexicon()[1].get(word) in COMMITTEE_WORD_TAGS)


#: The suffix whose names may be a city's role rather than a body (``data/city_roles.txt``).
ROLE_SUFFIX = "中心"


@lru_cache(maxsize=1)
def city_role_words() -> tuple[str, ...]:
    return tuple(data.read_lines("city_roles.txt"))


def city_role(body: str, suffix: str) -> bool:
    """``上海科创中心``, ``国际金融中心``: a role a city plays, not a unit."""
    return suffix == ROLE_SUFFIX and any(w in body for w in city_role_words())


#: Bodies this long are checked word by word (jieba): 闵行区终身教育服务网络逐步推进职业院校
#: has the adverb 逐步 inside, so it is no name.
LONG_BODY = 8


def body_is_name(body: str) -> bool:
    """No token of ``body`` is a function word, adverb or clause verb (name verbs allowed)."""
    import jieba

    tags = _lexicon()[1]
    return not any(tags.get(tok) in STOP_TAGS and tok not in name_verbs() and tok not in NAME_CONJUNCTIONS
                   for tok in _tokens(body))


#: Conjunctions inside long official names: 区人力资源和社会保障局, 学习型社会建设与终身教育促进委员会.
NAME_CONJUNCTIONS = frozenset({"和", "与"})


def name_end(text: str, body_start: int) -> tuple[int, Suffix] | None:
    """The end of a name whose body starts at ``body_start``: the first acceptable suffix
    whose body is clean, extended by sub-unit suffixes and a name qualifier."""
    limit = _body_limit(text, body_start, MAX_BODY)
    hit = None
    for m in suffix_re().finditer(text, body_start, min(len(text), limit + 8)):
        if m.start() > limit:
            break
        if _suffix_ok(text, body_start, m):
            hit = m
            break
    if hit is None:
        return None
    return extend_name(text, hit.end()), suffix_table()[hit.group(0)]


def extend_name(text: str, end: int) -> int:
    """Extend a name ending at ``end`` by sub-unit suffixes (区社区学院街道分院, 浙江老年开放大学
    滨江学院) and a name qualifier (闵行职业教育联盟（集团）)."""
    for _ in range(2):
        sub = sub_suffix_re().match(text, end)
        if not sub or _body_limit(text, end, 8) < sub.end() - len(_last_suffix(sub.group(0))):
            break
        end = sub.end()
    q = NAME_QUALIFIER.match(text, end)
    if q:
        end = q.end()
    return end


def _last_suffix(s: str) -> str:
    for suf in suffixes():
        if s.endswith(suf.text):
            return suf.text
    return ""


def _label(suffix: Suffix) -> str:
    return "ALLIANCE" if suffix.alliance else "ORG"


#: A body shared by several tiers: ``由区、街道两级学习圈建设领导机构负责整合`` (seed 004) is one
#: body of the district and its streets.
TIER_CHAIN = re.compile(r"[区市县](?:、(?:街道|乡镇|街镇|镇|社区))+(?:两级|三级)")


@lru_cache(maxsize=1)
def class_words() -> tuple[str, ...]:
    """The gazetteer's classes of units (街镇, 街道, 社区学校), longest first."""
    from .units import gazetteer

    return tuple(sorted((n for n, (label, _) in gazetteer().items() if label == "COLLECTIVE"), key=len, reverse=True))


def class_body(body: str) -> bool:
    """A body opening with a class of units names a class of the region's bodies, not one:
    ``“上海市街镇社区（老年）学校优质校”`` (seed 001) — every street school of the city."""
    return any(body.startswith(w) and len(body) > len(w) for w in class_words())


def prefixed_names(text: str) -> Iterator[Candidate]:
    """Names after a region chain or a relative prefix.

    ``闵行区成人教育协会牵头`` → 闵行区成人教育协会; ``区财政局要按市政府规定`` → 区财政局, 市政府;
    ``闵行区委、区政府高度重视`` → 闵行区委, 区政府.
    """
    covered = set()  # a region's own 区/市 starts no second, shorter name (闵行区社区学院)
    for start, end in region_chains(text):
        stem_only = text[end - 1] not in RELATIVE
        found = name_end(text, end)
        if found and (not stem_only or found[0] - end >= 3) and not class_body(text[end:found[0]]):
            yield Candidate(start, found[0], _label(found[1]), "unit-grammar:region")
            covered.update(range(start, end))
    for m in relative_re().finditer(text):
        i = m.start()
        if i in covered or not relative_prefix_ok(text, i):
            continue
        tier = TIER_CHAIN.match(text, i)
        found = name_end(text, tier.end() if tier else i + 1)
        if found and not class_body(text[i + 1:found[0]]):
            yield Candidate(i, found[0], _label(found[1]), "unit-grammar:tier" if tier else "unit-grammar:relative")


@lru_cache(maxsize=8192)
def _tokens(window: str) -> tuple[str, ...]:
    """jieba tokens of a short window (cached: documents repeat their unit names)."""
    import jieba

    return tuple(jieba.lcut(window, HMM=False))


def walk_left(text: str, end: int, window: int = 12, firm: bool = False) -> int:
    """Start of a prefix-less name ending at ``end``: jieba tokens of the window before it,
    kept from the right while they are name words (not a breaker, verb, particle…).

    ``由区成人教育协会牵头成立成人教育联盟`` → 成人教育联盟 (stops at 成立).  A company's name
    may hold its region inside (``与奥特斯（外资）、大金空调上海有限公司`` → 大金空调上海有限公司),
    so for a ``firm`` suffix a region token does not end the walk.
    """
    start = end
    lo = max(0, end - window)
    while start > lo and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    tokens = _tokens(text[start:end])
    # the window may cut a word (扩大历史风貌保护专家委员会执行委员会 seen from 史, d04): a walk
    # that reaches the window's first token has not found the name's left edge
    cut = start == lo and lo > 0 and "\u4e00" <= text[lo - 1] <= "\u9fff"
    tags = _lexicon()[1]
    pos = end
    kept: list[str] = []
    for i, tok in enumerate(reversed(tokens)):
        if (tok in region_name_set() and not firm) or tok in RELATIVE:
            return pos - len(tok)  # a prefix: the name starts here (设闵行区家庭教育指导服务中心)
        if tok in breakers() or breaker_re().search(tok):
            break
        if tags.get(tok) in STOP_TAGS and tok not in name_verbs() and pos < end:
            break
        if cut and i == len(tokens) - 1:
            return end
        pos -= len(tok)
        kept.append(tok)
    # a name does not start with a verb: 组织专家委员会 → 专家委员会, 推进大洋集团 → 大洋集团
    while kept and (tags.get(kept[-1]) == "v" or kept[-1] in leading_verbs()):
        pos += len(kept.pop())
    return pos


#: A counted set is no name: 五大资源联盟, 终身教育五大联盟 ("the five alliances").
COUNTED = re.compile(r"[一二三四五六七八九十两]+(?:大|个|项|类|种)")

#: A run of one-each items is a slogan: ``形成“一馆一苑一论坛一广场一中心”等标志性、引领性项目``
#: (Yangpu heritage plan, 杨府发〔2024〕6号).
ONE_EACH = re.compile(rf"(?:一[{CJK}]{{1,2}}){{3,}}")

#: Lone numerals: a body ending in one counts items (一馆一苑…一广场一中心).
NUMERALS = frozenset("一二三四五六七八九十两")

#: jieba's numeral tag: a body that is one numeral word (百年) makes a slogan, not a name.
NUMERAL_TAG = "m"


def counted_body(body: str) -> bool:
    """A body that counts or ages instead of naming: 五大资源联盟, “一馆一苑一论坛一广场一中心”,
    ``做好“百年大学”书香文化中具有代表性的复旦大学`` (Yangpu heritage plan: 百年大学 is a slogan)."""
    if COUNTED.search(body) or ONE_EACH.search(body):
        return True
    tokens = _tokens(body)
    if tokens and tokens[-1] in NUMERALS:
        return True  # 一广场一中心: the walk from 中心 kept a lone 一
    return len(tokens) == 1 and _lexicon()[1].get(tokens[0]) == NUMERAL_TAG


#: Tags of a body that only says what a body does: 服务中心, 工作领导小组, 管理中心.
GENERIC_BODY_TAGS = frozenset({"v", "vn"})


#: A count or rank right before a name makes it a class: ``（即1所社区学院，1所老年大学``,
#: ``新增 1 所新的老年大学``, ``建高质量高水平一流的区级老年大学`` (seed 001), ``依托闵行 100
#: 家邻里中心``; ``三个建筑垃圾处置中心`` (d06); a body still to be set up: ``作为新办老年大学的办学
#: 定位`` (seed 001), ``也要尽快建立相应的学习型城区工作领导机构`` (seed 002).
COUNT_BEFORE = re.compile(r"(?:(?:[0-9]+|[一二三四五六七八九十两百多]+)\s*[所家个座]\s*(?:新的)?|[区市省县]级|新办|新建|新的|相应的)$")


def counted_class(text: str, start: int) -> bool:
    """True when the name starting at ``start`` follows a count or a rank (a class of bodies)."""
    return COUNT_BEFORE.search(text, max(0, start - 10), start) is not None


@lru_cache(maxsize=1)
def kind_list_re() -> re.Pattern[str]:
    """What follows an item of a list of activities or themes: more items (、…), then 等 or a
    count (三大) and a head noun from ``data/list_kind_heads.txt``."""
    heads = "|".join(map(re.escape, sorted(data.read_lines("list_kind_heads.txt"), key=len, reverse=True)))
    return re.compile(rf"[”\"」]?(?P<items>(?:、[“\"「]?[{CJK}]{{2,12}}[”\"」]?)*)(?:等|[一二三四五六七八九十两多]大)[{CJK}]{{0,4}}?(?:{heads})")


@lru_cache(maxsize=1)
def attribute_heads() -> tuple[str, ...]:
    return tuple(data.read_lines("attribute_heads.txt"))


def names_a_kind(text: str, end: int) -> bool:
    """True when a head noun from ``data/attribute_heads.txt`` follows the name right away:
    the name says what kind of education or course it is — ``办好远程老年大学教育`` (seed 002)."""
    return text.startswith(attribute_heads(), end)


@lru_cache(maxsize=1)
def member_list_re() -> re.Pattern[str]:
    """What follows an item of a list of member units: more items, then 等 and a member noun
    from ``data/member_list_heads.txt``."""
    heads = "|".join(map(re.escape, sorted(data.read_lines("member_list_heads.txt"), key=len, reverse=True)))
    item = rf"[{CJK}0-9 !\"#$%&]{{2,20}}"
    return re.compile(rf"(?P<items>(?:[、和及]{item})*)等(?:{heads})")


#: Separators and counts between member items (``和 14个``; seed 000 writes digits garbled: ``!"个``).
MEMBER_ITEM_NOISE = re.compile(r"[、和及]|(?<![0-9一二三四五六七八九十两百多 !\"#$%&])[0-9一二三四五六七八九十两百多 !\"#$%&]+[所个家]")


def in_member_list(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is an item of a list of member units: then a count
    before it says how many bodies of that kind are members, and each is a unit —
    ``闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇社区学校等成员单位`` (seed 000)."""
    m = member_list_re().match(text, end)
    return m is not None and not breaker_re().search(MEMBER_ITEM_NOISE.sub("", m.group("items")))


def in_kind_list(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is an item of a list of activities or themes, not a
    unit: ``通过筹办艺术节、幸福嘉年华、摄影联盟等大型活动`` (seed 001), ``继续开展“农民工基本素质
    教育”、“女职工周末学校”、“迎世博双语培训”三大主题`` (seed 002).  The items after it hold no
    clause word (``区教育局、区文化局牵头开展读书节等活动`` keeps its units)."""
    m = kind_list_re().match(text, end)
    return m is not None and not breaker_re().search(m.group("items"))


#: Tags of a one-word body that names a class before a ``generic`` suffix (common, place and
#: time nouns): 专家委员会, 行业协会, 物业公司, 邻里中心, 新城中心; ``建设世界级滨水区的未来中心``
#: (Yangpu heritage plan) is a vision, not a body.
CLASS_BODY_TAGS = frozenset({"n", "ns", "t"})

#: Tags of a first word (two or more characters) that describes rather than names
#: (adjectives, distinguishing words, directions: ``搭建东、西部地区社区学院合作平台``, seed 001):
#: ``探索建立高层次咨询委员会与具体执行委员会双层架构`` (d04) plans bodies of a kind.
DESCRIPTIVE_TAGS = frozenset({"a", "b", "f"})


def class_name(body: str) -> bool:
    """One common or place noun: the body of a class before a ``generic`` suffix (邻里 +
    中心, 专家 + 委员会)."""
    tokens = _tokens(body)
    return len(tokens) == 1 and _lexicon()[1].get(tokens[0]) in CLASS_BODY_TAGS


def generic_body(body: str, suffix: Suffix | None = None) -> bool:
    """A body that only says what kind of body it is is no name: one word naming an activity
    (``终身学习支持服务中心`` walked left to 服务中心, seed 001; ``创建工作领导小组`` to
    工作领导小组, seed 003), one common noun before a ``generic`` suffix (``组织专家委员会专家
    评审``, d05; ``设立邻里中心``, seed 001), or a body opening with an adjective
    (``具体执行委员会``, ``高层次咨询委员会``, d04)."""
    tokens = _tokens(body)
    if not tokens:
        return False
    tags = _lexicon()[1]
    if len(tokens) == 1 and (tags.get(tokens[0]) in GENERIC_BODY_TAGS
                             or suffix is not None and suffix.generic and class_name(body)):
        return True
    # 大金空调上海有限公司: a one-character "adjective" opens company names
    return not (suffix is not None and suffix.firm) and len(tokens[0]) >= 2 and tags.get(tokens[0]) in DESCRIPTIVE_TAGS


def prefixless_names(text: str, min_body: int = 2) -> Iterator[Candidate]:
    """Names ending in a strong suffix (two or more characters) with no region prefix.

    ``组建职业教育联盟，含职业院校`` → 职业教育联盟; ``由区教育局联合华东师范大学`` → 华东师范大学.
    """
    for m in suffix_re().finditer(text):
        suffix = suffix_table()[m.group(0)]
        if not suffix.free:
            continue
        nxt = text[m.end():m.end() + 1]
        if nxt and is_word(suffix.text[-1] + nxt) and not suffix_re().match(text, m.end()):
            continue
        start = walk_left(text, m.start(), firm=suffix.firm)
        if m.start() - start < min_body or counted_body(text[start:m.start()]) \
                or generic_body(text[start:m.start()], suffix) or city_role(text[start:m.start()], suffix.text):
            continue
        yield Candidate(start, extend_name(text, m.end()), _label(suffix), "unit-grammar:prefixless")


#: Place names are short: 仙霞, 九里亭 (a street or town named after a place, no region prefix).
PLACE_NAME_LENGTHS = (3, 2)

#: A dictionary word this common inside the body makes it a phrase, not a place name
#: (社区街道, 示范街道, 整体街道, 以及街道); place nouns (中山, 天山) are exempt.
PLACE_COMMON_FREQ = 500
PLACE_TAGS = frozenset({"ns", "nr", "nz", "nrt", "nrfg"})

#: Tags of function words that never occur in a place name (各街镇, 本街道, 对街道).
PLACE_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "ud", "uv", "r", "y", "e", "q", "d"})


def place_body_ok(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a place name before 街道/镇?  It starts at a word boundary
    (jieba over a few characters before it), holds no function word and no common word:
    ``要推广仙霞街道相关的数字化学习方法`` (seed 002) → 仙霞; ``进雁荡路整体街道`` → none."""
    body = text[start:end]
    if not all("\u4e00" <= ch <= "\u9fff" for ch in body) or breaker_re().search(body) or suffix_re().search(body):
        return False  # 其他各镇环镇绿道 (d07): 镇环 holds a suffix, it is no place name
    if start and "\u4e00" <= text[start - 1] <= "\u9fff" and not breakers().intersection(text[start - 1]):
        left = max(0, start - 4)
        while left > 0 and "\u4e00" <= text[left - 1] <= "\u9fff" and start - left < 6:
            left -= 1
        offsets, pos = set(), left
        for tok in _tokens(text[left:end]):
            offsets.add(pos)
            pos += len(tok)
        if start not in offsets:
            return False  # 突出城镇: 城 belongs to 突出城…
    freq, tags = _lexicon()
    for tok in _tokens(body):
        tag = tags.get(tok)
        if tag in PLACE_STOP_TAGS or len(tok) >= 2 and (freq.get(tok) or 0) >= PLACE_COMMON_FREQ and tag not in PLACE_TAGS:
            return False
    from .units import gazetteer

    tail = body[-1] + text[end:end + 1]
    return not is_word(tail) and tail not in gazetteer()  # 城镇, 乡镇; 示范街镇 (街镇 is a class)


def place_names(text: str) -> Iterator[Candidate]:
    """Streets and towns named after a place, without a region prefix: ``要推广仙霞街道相关的``
    (seed 002), ``支撑单位：永丰街道``, ``九里亭街道`` (d01), ``提篮桥街道办事处负责`` (d02);
    the suffixes are those flagged ``place`` in ``data/unit_suffix_flags.tsv``."""
    for m in suffix_re().finditer(text):
        suffix = suffix_table()[m.group(0)]
        if not suffix.place:
            continue
        for n in PLACE_NAME_LENGTHS:
            start = m.start() - n
            if start >= 0 and place_body_ok(text, start, m.start()):
                end = extend_name(text, m.end())
                tail = name_end(text, end) if end == m.end() else None
                if tail:  # the place's own body: 新泾镇社区学校; with it, places sharing it
                    end, start = tail[0], shared_places_start(text, start)
                yield Candidate(start, end, "ORG", "unit-grammar:place")
                break


def shared_places_start(text: str, start: int) -> int:
    """Places enumerated before one that is followed by a body share that body, and the gold
    writes them as one name: ``华阳、天山、新泾镇社区学校`` (seed 002).  A unit in the list
    (``区经委、岳阳街道``) is a unit of its own, so the list stops there."""
    while start and text[start - 1] == "、":
        for n in PLACE_NAME_LENGTHS:
            s = start - 1 - n
            if s >= 0 and place_body_ok(text, s, start - 1) and not suffix_re().search(text, s, start - 1):
                start = s
                break
        else:
            break
    return start


#: A name in quotation marks: “志愿者工作站”, “学促委”下设“学促办”.
QUOTED = re.compile(rf"[“\"「]([{CJK}]{{2,24}})[”\"」]")


#: Tags that a quoted short name's body never holds (idioms, numerals, classifiers, pronouns,
#: prepositions, conjunctions): “一网通办” is a slogan; “学促委” (学 + 促, a verb) is a short name.
SHORT_NAME_STOP_TAGS = frozenset({"i", "m", "q", "r", "p", "c"})


def short_name(inner: str) -> bool:
    """A quoted phrase with a one-character suffix is a short name (“学促委”) when its last two
    characters are no word (“一网通办”: 通办) and its body holds none of SHORT_NAME_STOP_TAGS."""
    tags = _lexicon()[1]
    return not is_word(inner[-2:]) and not any(tags.get(t) in SHORT_NAME_STOP_TAGS for t in _tokens(inner[:-1]))


def quoted_names(text: str) -> Iterator[Candidate]:
    """A quoted phrase that ends in a unit suffix after a body of two or more characters.

    ``14 个街镇分别成立了“志愿者工作站”`` → 志愿者工作站; ``工会“大学校”`` is not (body 大).
    After a relative prefix the quoted part is a short name of the region's unit and the
    span keeps prefix and quotes: ``在区“学促委”的领导下`` (seed 001) → 区“学促委”.
    """
    for m in QUOTED.finditer(text):
        inner = m.group(1)
        at = m.start() - 1
        relative = at >= 0 and text[at] in RELATIVE and relative_prefix_ok(text, at)
        for suf in suffixes():
            if not inner.endswith(suf.text):
                continue
            if not (suf.free or len(suf.text) >= 2 or inner[0] in RELATIVE or relative
                    or suf.bare and not suf.weak and short_name(inner)):
                continue  # “一网通办”, “城市会客厅” are slogans and places
            if suf.generic and not relative and class_name(inner[:-len(suf.text)]):
                break  # 服务“邻里中心”建设 (seed 001): a kind of facility, quoted or not
            if counted_body(inner[:-len(suf.text)]):
                break
            if inner.endswith(suf.text) and len(inner) - len(suf.text) >= 2 and not breaker_re().search(inner):
                start, end = (at, m.end()) if relative else (m.start(1), m.end(1))
                yield Candidate(start, end, _label(suf), "unit-grammar:quoted")
                break


@lru_cache(maxsize=1)
def agent_re() -> re.Pattern[str]:
    """由 + a bare body word (a ``bare`` suffix of two or more characters: 政府, 人大, 工会) + a
    leading verb from ``data/agent_verbs.txt``."""
    bodies = "|".join(re.escape(s.text) for s in suffixes() if s.bare and len(s.text) >= 2)
    verbs = "|".join(map(re.escape, sorted(data.read_lines("agent_verbs.txt"), key=len, reverse=True)))
    return re.compile(rf"由(?P<name>{bodies})(?:{verbs})")


def agent_names(text: str) -> Iterator[Candidate]:
    """A bare body word as the agent of 由…: ``作为实事项目由政府主导实施`` (seed 000) → 政府 (the
    document's own government); the slogan ``政府主导、社会协同`` has no 由 and no unit."""
    for m in agent_re().finditer(text):
        yield Candidate(m.start("name"), m.end("name"), "ORG", "unit-grammar:agent")


@lru_cache(maxsize=1)
def ownership_re() -> re.Pattern[str]:
    """A company's ownership in brackets right after its name (``data/firm_ownership.txt``)."""
    tags = "|".join(map(re.escape, sorted(data.read_lines("firm_ownership.txt"), key=len, reverse=True)))
    return re.compile(rf"[（(](?:{tags})[）)]")


def owned_firms(text: str) -> Iterator[Candidate]:
    """A name followed by its ownership is a company even without a company suffix:
    ``先后与奥特斯（外资）、大金空调上海有限公司（外资）、上海爱登堡电梯有限公司（民营）等多家企业``
    (seed 001) → 奥特斯; the left edge is found as for a company name (:func:`walk_left`)."""
    for m in ownership_re().finditer(text):
        start = walk_left(text, m.start(), firm=True)
        if m.start() - start >= 2 and not suffix_re().search(text, start, m.start()):
            yield Candidate(start, m.start(), "ORG", "unit-grammar:firm")


#: A newspaper cited by its masthead: ``《文汇报》、中国中央电视台、上海教育电视台`` (seed 001).
MEDIA_TITLE = re.compile(rf"《([{CJK}]{{2,8}}报)》")


@lru_cache(maxsize=1)
def media_suffixes() -> tuple[str, ...]:
    return tuple(data.read_lines("media_suffixes.txt"))


def media_names(text: str) -> Iterator[Candidate]:
    """Newspapers in 《》: the title ends in a masthead suffix (《长宁时报》) or is one
    dictionary word of 3+ characters tagged nz (《文汇报》) — not a report (《工作汇报》)."""
    tags = _lexicon()[1]
    for m in MEDIA_TITLE.finditer(text):
        title = m.group(1)
        if title.endswith(media_suffixes()) or (len(title) >= 3 and tags.get(title) == "nz"):
            yield Candidate(m.start(1), m.end(1), "ORG", "unit-grammar:media")


#: A campaign participle before a class: 创建街镇, 创建单位 are the towns/units taking part
#: in the 创建 campaign (``要求创建街镇聚焦重点创建工作``, seed 003); only before these classes,
#: so that 创建学习型社区 (to create …) stays a verb phrase.
CAMPAIGN = "创建"

#: Quantifiers of a class that may join two classes with 和: 相关单位和学校 (seed 004).
RELATED = re.compile("^[区市县]?(?:相关|有关)")
CAMPAIGN_CLASSES = ("街镇", "街道", "乡镇", "单位")


@lru_cache(maxsize=1)
def collective_re() -> re.Pattern[str]:
    """A collective actor: a quantifier (各, 基层, 区属…), a qualifier, then a class of units.

    ``各区县教育局应对街镇的创建备案`` → 各区县教育局; ``各有关部门``; ``各级各类学校（教育培训机构）``;
    ``各街镇（莘庄工业区）`` (a scope in brackets is kept); ``基层社区学校``.  The region's
    related bodies: ``对接市相关部门`` (seed 002), ``请相关单位和学校按照本意见执行`` (seed 004, two
    classes joined by 和); the units taking part in a campaign: ``要求创建街镇聚焦重点创建工作``
    (seed 003); ``鼓励有条件的街道``.
    """
    classes = sorted(set(data.read_lines("collective_classes.txt")) | {s.text for s in suffixes() if not s.weak},
                     key=len, reverse=True)
    cls = "|".join(map(re.escape, classes))
    campaign = "|".join(map(re.escape, CAMPAIGN_CLASSES))
    return re.compile(rf"(?:全区|全市|社区内|区内|[区市县](?=相关|有关))?"
                      rf"(?:各|基层|属地|区属|市属|(?=相关|有关|有条件的)|{CAMPAIGN}(?={campaign}))(?:级各类|级|类)?"
                      rf"(?:有关|相关|有条件的|成员|直属)?"
                      rf"(?P<body>[{CJK}]{{0,6}}?)(?:{cls})(?P<second>{cls})?(?:[（(][^（）()\n]{{1,10}}[）)])?"
                      rf"(?P<pair>(?:和|及)(?:{cls}))?")


def continues_word(text: str, end: int) -> bool:
    """True when the two characters before ``end`` start a longer word with what follows:
    各类社区服务 (社区服务), 各街镇社区教育 (社区教育) — the class is a modifier there."""
    return any(is_word(text[end - 2:end + k]) for k in (1, 2) if end + k <= len(text))


def collective_names(text: str) -> Iterator[Candidate]:
    """Collective actors; after a bracketed scope a body + suffix may follow
    (``各街镇（莘庄工业区）学习型社会建设与终身教育促进委员会``)."""
    for m in collective_re().finditer(text):
        body = m.group("body")
        if breaker_re().search(body) or len(body) >= 3 and not body_is_name(body):
            continue
        end = m.end()
        if m.group("pair") and not RELATED.search(m.group(0)):
            end = m.start("pair")  # 各街镇和社区: two actors; 相关单位和学校: one class
        if continues_word(text, end):
            if not m.group("second") or continues_word(text, m.start("second")):
                continue
            end = m.start("second")  # 各街镇社区教育 → 各街镇
        if text[end - 1] in "）)":
            more = name_end(text, end)
            if more:
                end = more[0]
        yield Candidate(m.start(), end, "COLLECTIVE", "collective-grammar")


# ── heritage sites ───────────────────────────────────────────────────────────

#: How many name characters may stand between a unit and the site word that makes it a
#: place: 上海水产公司 + 渔船修理所 + 旧址 (5), 中国工程师学会 + 工业材料试验所 + 旧址 (7).
SITE_REACH = 8


@lru_cache(maxsize=1)
def site_re() -> re.Pattern[str]:
    words = "|".join(map(re.escape, data.read_lines("site_words.txt")))
    return re.compile(rf"([{CJK}]{{0,{SITE_REACH}}}?)(?:{words})")


def names_a_site(text: str, end: int) -> bool:
    """Is the name ending at ``end`` part of a heritage site's name (``上海水产公司渔船修理所
    旧址``, ``斯高学院旧址``)?  Not when a clause starts in between: ``区房管局做好旧址修缮``
    (a verb opens the gap) or ``区文化局对旧址…`` (a breaker)."""
    m = site_re().match(text, end)
    if m is None:
        return False
    gap = m.group(1)
    if not gap:
        return True
    tokens = _tokens(gap)
    if any(tok in breakers() and tok not in suffix_table() for tok in tokens):  # 试验所 is a name
        return False
    return _lexicon()[1].get(tokens[0]) not in STOP_TAGS or tokens[0] in name_verbs()


# ── slogans ──────────────────────────────────────────────────────────────────


@lru_cache(maxsize=1)
def slogan_re() -> re.Pattern[str]:
    """Four-character pairs body + governance verb in an enumeration (``data/slogan_verbs.txt``)."""
    verbs = "|".join(map(re.escape, sorted(data.read_lines("slogan_verbs.txt"), key=len, reverse=True)))
    item = rf"[{CJK}]{{2}}(?:{verbs})"
    return re.compile(rf"{item}(?:、{item})+")


@lru_cache(maxsize=1)
def slogan_verbs() -> frozenset[str]:
    return frozenset(data.read_lines("slogan_verbs.txt"))


def slogan_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of slogans: two or more pairs after a word boundary (a breaker such
    as 了, or no CJK), or three or more anywhere; no unit starts inside them (政府主导 is not 政府).

    ``建立健全政府主导、教育牵头、部门分工、社会参与的工作机制`` (seed 004), ``基本形成了政府主导、
    社会协同、民众共同参与`` (seed 000); not ``区教委牵头、区财政局配合`` (区 + 教委 is a name).
    """
    out: list[tuple[int, int]] = []
    pos = 0
    comma = text.find("、")
    while comma >= 0:  # a slogan's first item ends in a governance verb right before 、
        at, comma = comma, text.find("、", comma + 1)
        if at - 4 < pos or text[at - 2:at] not in slogan_verbs():
            continue
        m = slogan_re().match(text, at - 4)
        if m is None:
            continue
        pos = m.end()
        before = text[m.start() - 1] if m.start() else ""
        boundary = not ("\u4e00" <= before <= "\u9fff") or before in breakers()
        if boundary or m.group(0).count("、") >= 2:
            out.append((m.start(), m.end()))
    return out


def is_slogan(name: str) -> bool:
    """``政府主导``, ``教育牵头``: a body followed by a governance verb, the shape of a slogan
    item; a unit name never ends in a governance verb."""
    return bool(slogan_re().fullmatch(name + "、" + name))


# ── the unit-name predicate (one for the whole project) ───────────────────────
#
# The relation rules read the words before a responsibility verb (``区社区学院负责…``,
# ``各街道、各部门要…``) and must decide whether a written span names a unit; the entity
# layer decides the same.  :func:`is_unit_name` is that decision.

#: Parenthesised parts inside a name, ignored when its suffix is checked:
#: ``街道（乡镇）`` → 街道, ``浙江省老年电大杭州高新区(滨江)分校`` keeps 分校.
PAREN = re.compile(r"[（(][^（）()]{0,20}[）)]")

#: Characters that never occur inside a unit name but do in the clause around it:
#: ``区内各级社区教育学校资源由区社区学院`` is two phrases, not one name.
NOT_IN_NAME = re.compile(r"[由的在对把向从是为被；;。：:！？\s“”《》\d]|负责|牵头|根据|按照")

#: Longest name accepted.
MAX_NAME = 40


@lru_cache(maxsize=1)
def subject_grammar() -> dict[str, tuple[str, ...]]:
    """``data/subject_units.tsv`` by kind, with the unit suffixes added to ``suffix``."""
    kinds: dict[str, list[str]] = {}
    for row in data.read_tsv("subject_units.tsv"):
        kinds.setdefault(row["kind"], []).append(row["word"])
    names = {s.text for s in suffixes()} | set(kinds.get("suffix", []))
    out = {kind: tuple(words) for kind, words in kinds.items()}
    out["suffix"] = tuple(sorted(names, key=len, reverse=True))
    out["collective"] = tuple(sorted(kinds.get("collective", []), key=len, reverse=True))
    return out


@lru_cache(maxsize=1)
def not_unit_words() -> re.Pattern[str]:
    """Persons and roles anywhere in a name (``data/not_units.txt``: 负责人, 校长)."""
    return re.compile("|".join(map(re.escape, sorted(data.read_lines("not_units.txt"), key=len, reverse=True))))


def has_unit_suffix(name: str) -> bool:
    """Ends in a unit suffix (brackets ignored), not in a look-alike (场所, 内部)."""
    bare = PAREN.sub("", name)
    g = subject_grammar()
    return bool(bare) and not bare.endswith(g.get("not_suffix", ())) and bare.endswith(g["suffix"])


def verb_start(name: str) -> bool:
    """A clause that opens with a verb is no name (``组建专家委员会``, ``指导各社区学校``) unless
    the verb only qualifies a generic body (``建设单位`` and ``设计单位`` are units)."""
    g = subject_grammar()
    for verb in g.get("not_start", ()):
        if name.startswith(verb):
            return name[len(verb):] not in g.get("qualified", ())
    return False


def _balanced(name: str) -> bool:
    return name.count("（") + name.count("(") == name.count("）") + name.count(")")


def is_unit_name(name: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` (no surrounding space) names a unit: a shipped alias, a mention the
    entity layer found (``known``), a name ending in a unit suffix, or a collective actor
    (各 + a class) — never a clause (由, 的…), a person or role, or a slogan item.

    >>> is_unit_name("社区教育工作领导机构"), is_unit_name("区内各级社区教育学校资源由区社区学院")
    (True, False)
    >>> is_unit_name("政府主导"), is_unit_name("主要负责人")
    (False, False)
    """
    from .units import aliases

    if not name or len(name) > MAX_NAME or not_unit_words().search(name) or is_slogan(name):
        return False
    if name in aliases():
        return True
    g = subject_grammar()
    if NOT_IN_NAME.search(PAREN.sub("", name)) or verb_start(name) \
            or any(w in name for w in g.get("not_inside", ())) or not _balanced(name):
        return False
    if name in known:
        return True
    if len(name) < 2:
        return False
    if has_unit_suffix(name):
        return True
    return "各" in name[:4] and PAREN.sub("", name).endswith(g["collective"])
