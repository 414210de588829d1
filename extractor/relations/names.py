"""Unit names in subject position: is a written span a unit, and how lists split.

The relation rules read the words before a responsibility verb (``区社区学院负责…``,
``各街道、各部门要…``) and must decide whether they name units.  Whether one written
span is a unit is the project's one predicate, ``unit_grammar.is_unit_name`` (a unit
suffix, a collective actor, a known mention; never a clause, a person or a slogan);
this module splits lists into such names and keys units for merging.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..models import EntitySpan
from ..unit_grammar import has_unit_suffix, is_unit_name, subject_grammar
from ..units import aliases, canonical_unit

#: Separators of a list of units: ``区学习办、区社区学院``, ``区级和街道``, ``A及B``.
LIST_SEPARATOR = re.compile(r"[、，,；;/]")
CONJUNCTION = re.compile(r"和|及|与|以及")

#: A bare region tier before 、 that belongs to the next name:
#: ``区、街道两级学习圈建设领导机构`` is one collective body.
TIER_PREFIX = re.compile(r"^(?:区|市|县|街道|镇|乡|街镇)$")

WHITESPACE = re.compile(r"\s+")
QUOTED = re.compile(r"“[^“”]{2,20}”")


@lru_cache(maxsize=None)
def name_ends() -> frozenset[str]:
    """Last characters of suffixes, collective classes and aliases, and closing brackets."""
    g = subject_grammar()
    return frozenset(w[-1] for w in (*g["suffix"], *g["collective"], *aliases()) if w) | frozenset("）)” \u3000\n")


def long_suffixes() -> tuple[str, ...]:
    """Unit suffixes of two characters or more (局, 委, 科… are too ambiguous alone)."""
    return tuple(s for s in subject_grammar()["suffix"] if len(s) >= 2)


#: Entity labels that name units (the NLP stage also finds dates, numbers and documents).
UNIT_LABELS = frozenset({"ORG", "COLLECTIVE", "ALLIANCE"})


def known_names(entities: Iterable[EntitySpan]) -> frozenset[str]:
    """Unit mentions the NLP stage found, as written (every rule asks; the answer for the
    last entity list is kept while that list is unchanged)."""
    if isinstance(entities, list) and _KNOWN and _KNOWN[0] is entities and _KNOWN[1] == len(entities):
        return _KNOWN[2]
    found = frozenset(e.text for e in entities if e.label in UNIT_LABELS)
    if isinstance(entities, list):
        _KNOWN[:] = [entities, len(entities), found]
    return found


_KNOWN: list = []


def collective_classes() -> tuple[str, ...]:
    """What a collective actor quantifies over (街镇, 部门, 成员单位…)."""
    return subject_grammar()["collective"]


def is_level(name: str) -> bool:
    """A tier word, not a body: ``区级``, ``街镇层面``."""
    return name in subject_grammar().get("level", ())


def is_generic(name: str) -> bool:
    """A vague class dropped from lists: ``其他教育机构``."""
    return name.startswith(subject_grammar().get("generic", ()))


#: The class word closing a list of named units: ``区财政局、区发展改革委等部门制定…`` (d06) names
#: 区财政局 and 区发展改革委, not a unit called 区发展改革委等部门.
ETC_TAIL = re.compile(r"等(?:相关|有关|其他)?(?:部门|单位|机构)$")


def split_unit_list(text: str, known: frozenset[str] = frozenset()) -> list[tuple[str, int]] | None:
    """Units in a subject list with offsets in ``text``, or None when a part is no unit.

    Levels and generic classes are dropped (``区级和街道`` → 街道); a name with 和 inside
    stays whole when its parts are not units (``区人力资源和社会保障局``); a closing
    ``等部门`` after named units is dropped (``ETC_TAIL``).
    """
    pieces = _pieces(text, LIST_SEPARATOR)
    if len(pieces) > 1:
        tail = ETC_TAIL.search(pieces[-1][0])
        if tail and is_unit_name(pieces[-1][0][:tail.start()], known):
            pieces[-1] = (pieces[-1][0][:tail.start()], pieces[-1][1])
    merged: list[tuple[str, int]] = []
    for name, at in pieces:
        if merged and TIER_PREFIX.match(merged[-1][0]) and not is_unit_name(merged[-1][0], known):
            prev, pat = merged.pop()
            name, at = text[pat: at + len(name)], pat
        merged.append((name, at))
    out: list[tuple[str, int]] = []
    for name, at in merged:
        parts = _pieces(name, CONJUNCTION)
        if len(parts) > 1 and all(is_unit_name(p, known) or is_level(p) or is_generic(p) for p, _ in parts):
            out.extend((p, at + i) for p, i in parts if is_unit_name(p, known) and not is_generic(p))
            continue
        if is_level(name) or is_generic(name):
            continue
        if not is_unit_name(name, known) and not quoted_unit(name, known):
            return None
        out.append((name, at))
    return out or None


#: A quoted word opening a name: ``“两旧一村”改造工作专班负责统筹、协调、推进…`` (d05).
QUOTED_HEAD = re.compile(r"“[^“”]{1,12}”(?=[\u4e00-\u9fff])")


def quoted_unit(name: str, known: frozenset[str] = frozenset()) -> bool:
    """A name whose opening word is quoted and which is a unit without the quotes."""
    m = QUOTED_HEAD.match(name)
    return bool(m) and is_unit_name(name[1:m.end() - 1] + name[m.end():], known)


def _pieces(text: str, separator: re.Pattern[str]) -> list[tuple[str, int]]:
    """Parts of ``text`` between separators outside parentheses (``区委宣传部（区文明办、区政府新闻办）``
    is one name)."""
    out = []
    pos = 0
    cuts = [m for m in separator.finditer(text) if not _inside_parens(text, m.start())]
    for m in cuts + [None]:
        end = m.start() if m else len(text)
        piece = text[pos:end]
        name = piece.strip()
        if name:
            at = pos + piece.find(name)
            if QUOTED.fullmatch(name):  # a name in quotes: ``“学促办”``
                name, at = name[1:-1], at + 1
            out.append((WHITESPACE.sub("", name), at))
        pos = m.end() if m else len(text)
    return out


def _inside_parens(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


@lru_cache(maxsize=4096)
def unit_key(name: str, region: str | None, learned: tuple[tuple[str, str], ...] = ()) -> str:
    """A comparison key: two written forms of one unit in one document get one key.

    ``区社区学院`` and ``社区学院`` in a Changning document both → 社区学院; with the aliases
    the document learnt (``learned``), 区更新办 and its full name too.
    """
    canon = canonical_unit(name, region, dict(learned) if learned else None)
    for prefix in _region_prefixes(region):
        if canon.startswith(prefix) and len(canon) > len(prefix) + 1:
            canon = canon[len(prefix):]
            break
    return canon[1:] if canon.startswith(("区", "市")) and len(canon) > 3 else canon


@lru_cache(maxsize=None)
def _region_prefixes(region: str | None) -> tuple[str, ...]:
    if not region:
        return ()
    from ..regions import outer_names

    return outer_names(region)
