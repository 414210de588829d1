"""Deadlines of a task: the latest time limit its text (or its table cell) names.

Date reading itself lives in ``extractor.dates`` (absolute, Chinese numerals, relative to
the document year, quarters, phases); this module only decides which dates are time
limits and how a limit is written: a month or day as its ISO value, a range or quarter
as its last month (``（2013 年 1 月-3 月）`` → 2013-03, ``第四季度`` → year-12), a bare year
as the year (``到2025年`` → 2025).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..dates import DateValue, find_dates, parse_date

#: A bare year is a time limit only with 前/底/完成 after it or 到/至/于 before it:
#: ``到2025年实现新增5个…`` is, ``以2009年学习型机关创建单位为主体`` is not.
BY_AFTER = re.compile(r"\s{0,3}(?:前|以前|之前|底|末|完成|内)")
BY_BEFORE = re.compile(r"(?:到|至|于|在|力争)\s{0,3}$")

#: Date rules (``extractor.dates.RULES`` names) that set a time limit only with an end
#: word after them: a named plan period names the plan, not a deadline —
#: ``作为“十三五”城市管理的重点`` (d06) is no limit, ``至十四五末`` is (its last month).
PERIOD_RULES = frozenset({"plan-period"})

#: The end word that makes a plan period a limit: ``十四五末``, ``“十三五”期末``, ``十四五结束前``.
PERIOD_END = re.compile(r"[”\"]?\s{0,2}(?:期末|末|结束前)")


def as_limit(d: DateValue) -> str | None:
    """How a date is written as a deadline."""
    if d.rule == "y":
        return d.iso
    return d.end or d.iso


@lru_cache(maxsize=1024)
def find_deadline(text: str, year: int | None) -> str | None:
    """The latest time limit a task text names, or None (remembered: a marker gives one
    item to several units)."""
    if not text:
        return None
    limits = []
    for d in find_dates(text, year):
        if not (d.end or d.iso) or (d.rule in PERIOD_RULES and not PERIOD_END.match(text, d.stop)):
            continue
        if d.rule == "y" and not (BY_AFTER.match(text, d.stop) or BY_BEFORE.search(text[max(0, d.start - 4):d.start])):
            continue
        limits.append(d)
    if not limits:
        return None
    return as_limit(max(limits, key=lambda d: d.end or d.iso or ""))


def cell_deadline(cell: str, year: int | None) -> str:
    """A 时间节点/完成时限 cell: every date in it is a limit (``2019年`` → 2019); text that is no
    date (``长期``, ``持续推进``) is kept as written."""
    d = parse_date(cell, year)
    return (as_limit(d) if d else None) or cell.strip()
