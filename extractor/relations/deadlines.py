"""Deadlines of a task, normalised minimally to YYYY, YYYY-MM or YYYY-MM-DD.

Kept small on purpose: a separate dates module (extractor/dates.py) is being built for
all date work; once it lands this module should delegate to it.  Relative forms are
resolved against the document year: ``年底前`` → year-12, ``第一季度`` → year-03,
``3月`` → year-03.  A range gives its end: ``（2013 年 1 月-3 月）`` → 2013-03.
"""

from __future__ import annotations

import re

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}

#: ``2013 年 3 月-4 月``, ``2013年4月-2014年9月``: the end of a range.
RANGE = re.compile(r"(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*[-－—–~至到]\s*"
                   r"(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月")

#: ``2019年3月``, ``2017年4月15日``, ``2025年底前``, ``到2025年``, ``2025年前``.
DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?|(?P<end>底|年底|末))?")

#: ``年底前``, ``年内``, ``年底``: the end of the document year.
YEAR_END = re.compile(r"(?<![\d年])(?:年底前|年底|年内|年末)")

#: A bare year is a deadline only with 前/完成 after it or 到/至/于 before it.
BY_AFTER = re.compile(r"\s*(?:前|以前|之前|完成)")
BY_BEFORE = re.compile(r"(?:到|至|于|在)\s*$")

#: ``第一季度``: the last month of the quarter.
QUARTER = re.compile(r"第([一二三四1-4])季度")

#: ``3月``, ``10月``: a month of the document year.
MONTH = re.compile(r"(?<![\d年])(\d{1,2})\s*月(?![\d份]*日)")


def find_deadline(text: str, year: int | None) -> str | None:
    """The latest date a task text names as its time limit, or None."""
    if not text:
        return None
    found: list[str] = []
    for m in RANGE.finditer(text):
        found.append(f"{m.group('y2') or m.group('y1')}-{int(m.group('m2')):02d}")
    if not found:
        for m in DATE.finditer(text):
            if m.group("m") and m.group("d"):
                found.append(f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}")
            elif m.group("m"):
                found.append(f"{m.group('y')}-{int(m.group('m')):02d}")
            elif m.group("end"):
                found.append(f"{m.group('y')}-12")
            elif BY_AFTER.match(text, m.end()) or BY_BEFORE.search(text[max(0, m.start() - 2):m.start()]):
                found.append(m.group("y"))
    if not found and year:
        if YEAR_END.search(text):
            found.append(f"{year}-12")
        quarters = [CN_DIGITS.get(q, 0) or int(q) for q in QUARTER.findall(text)]
        if quarters:
            found.append(f"{year}-{max(quarters) * 3:02d}")
        months = [int(m) for m in MONTH.findall(text) if 1 <= int(m) <= 12]
        if months:
            found.append(f"{year}-{max(months):02d}")
    return max(found) if found else None
