"""Standing roles: a unit said to *be* the leading body or the responsible party of a field.

``闵行区学习型社会建设与终身教育促进委员会（简称“学促委”），作为推进学习型社区建设工作的领导
机构，对有关工作进行规划、决策、指导…`` (seed 000) → lead; ``各街镇政府是公园城市建设的责任
主体，负责细化工作任务，全力组织实施。`` (d07) → responsible.  No responsibility verb follows
the unit, so the subject rules of ``inline`` do not see these; the role noun
(``data/role_nouns.tsv``) says which role the unit holds, and the sentence is its task.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import data
from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .inline import CONNECTIVE, in_quotes, sentence_subjects
from .names import is_unit_name, known_names, split_unit_list
from .spans import ITEM_NUMBER, trim


@lru_cache(maxsize=None)
def role_nouns() -> dict[str, Role]:
    """Role nouns (领导机构, 责任主体…) → role, from ``data/role_nouns.tsv``."""
    return {row["word"]: Role(row["role"]) for row in data.read_tsv("role_nouns.tsv")}


@lru_cache(maxsize=None)
def standing_pattern() -> re.Pattern[str]:
    """``<units>[（简称…）][，]作为|是|为 <field ≤ 30>的? <role noun>`` then a clause end
    (``镇规建办为限额以下工程项目管理的主管部门，负责推进、协调工程各环节的相关工作``, a
    Qibao small-works opinion).

    The unit list has no clause punctuation; the field between the copula and the noun has
    none either, so the noun belongs to the unit's own clause.  Linear: the three spans are
    bounded and separated by literal words.
    """
    nouns = "|".join(sorted(map(re.escape, role_nouns()), key=len, reverse=True))
    return re.compile(r"(?P<units>[^，,。；;：:\n“”（）()]{2,40}?)(?P<short>[（(](?:以下)?简称[^）)\n]{1,14}[）)])?[，,]?"
                      rf"(?:作为|是|为)(?P<field>[^，,。；;：:\n]{{0,30}}?)(?P<noun>{nouns})(?=[，,。；;]|$)")


@lru_cache(maxsize=None)
def noun_pattern() -> re.Pattern[str]:
    """Any role noun: a cheap test before a paragraph is read."""
    return re.compile("|".join(sorted(map(re.escape, role_nouns()), key=len, reverse=True)))


def _units(text: str, known: frozenset[str]) -> list[str] | None:
    """The units of a subject span: one name (a long name may hold 与/和) or a list."""
    if is_unit_name(text, known):
        return [text]
    found = split_unit_list(text, known)
    return [n for n, _ in found] if found else None


def standing_roles(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """A sentence opening with ``X作为/是…的<role noun>`` gives X that role; its task is the
    sentence (the duties it goes on to list: ``负责细化工作任务，全力组织实施``)."""
    text = doc.text
    nouns = noun_pattern()
    if not nouns.search(text):
        return
    known = known_names(entities)
    pattern = standing_pattern()
    for ps, s, e, _ in sentence_subjects(doc, structure, entities):  # the prose sentences, read once
        if not nouns.search(text, s, e):
            continue
        at = ITEM_NUMBER.match(text, s, e).end()
        c = CONNECTIVE.match(text, at)
        at = c.end() if c else at
        m = pattern.match(text, at, e)
        if not m or in_quotes(text, ps, at):
            continue
        units = _units(m.group("units").strip(), known)
        if not units:
            continue
        role = role_nouns()[m.group("noun")]
        ts, te = trim(text, s, e)
        for name in units:
            yield make_assignment(doc, structure, name, role, ts, te, s, e, rule="standing-role", confidence=0.8)


__all__ = ["role_nouns", "standing_pattern", "standing_roles"]
