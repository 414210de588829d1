"""Dates and periods: absolute, Chinese-numeral, relative to the document year, named plan
periods, ranges and phases, normalised to ISO 8601 with the written form kept.

ISO forms (the gold annotations use the same): ``2017-04-15``, ``2013-01``, ``2025``,
quarters ``2010-Q1``, intervals ``2013-01/2013-03``, plan periods ``2021/2025``.
``begin``/``end`` are always plain dates or months so a caller can compare them.

:func:`parse_date` reads one expression (a deadline cell such as ``年底前`` or
``2013年1月-3月``); :func:`find_dates` finds every expression in a text.  Both are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import cn2an


YEAR = rf"((?:19|20)\d{{2}}|[一二][〇零○一二三四五六七八九]{{3}})\s*年"
MONTH = r"(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
DAY = r"(3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
DASH = r"\s*[-—–~～至到]+\s*"


#: Zeros written in years that cn2an does not read: ○ (U+25CB, common in Word files) and
#: O/Ｏ (二○一三年, 二OO八年) are 〇 to it.
YEAR_ZEROS = str.maketrans({"○": "〇", "Ｏ": "〇", "O": "〇"})


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date or period as written, with its ISO value and bounds (None when unknown)."""

    written: str
    label: str  # DATE or PERIOD
    iso: str | None
    begin: str | None
    end: str | None
    rule: str
    start: int = 0  # offsets in the text searched (find_dates)
    stop: int = 0


def cn_number(text: str) -> int:
    """Arabic or Chinese numerals through cn2an: ``2013`` → 2013, ``二〇一三`` and ``二○一三`` →
    2013 (digit by digit), ``十二`` → 12, ``二十一`` → 21 (the patterns here only match readable
    forms)."""
    try:
        return int(cn2an.cn2an(text.translate(YEAR_ZEROS), "smart"))
    except ValueError:
        raise ValueError(f"not a number: {text}") from None


def five_year_plan(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (from the third on, every five years from 1966):
    十三五 → (2016, 2020), 十四五 → (2021, 2025)."""
    first = 1966 + 5 * (n - 3)
    return first, first + 4


def month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# ── rules: (name, label, pattern, converter(match, year) -> (iso, begin, end)) ─────

Converter = Callable[[re.Match[str], int | None], tuple[str | None, str | None, str | None]]


def _ymd(m: re.Match[str], year: int | None):
    iso = f"{cn_number(m.group(1)):04d}-{cn_number(m.group(2)):02d}-{cn_number(m.group(3)):02d}"
    return iso, iso, iso


def _ym_range(m: re.Match[str], year: int | None):
    y1 = cn_number(m.group(1))
    y2 = cn_number(m.group(3)) if m.group(3) else y1
    a, b = month_end(y1, cn_number(m.group(2))), month_end(y2, cn_number(m.group(4)))
    return f"{a}/{b}", a, b


def _ym(m: re.Match[str], year: int | None):
    iso = month_end(cn_number(m.group(1)), cn_number(m.group(2)))
    return iso, iso, iso


def _y_range(m: re.Match[str], year: int | None):
    a, b = cn_number(m.group(1)), cn_number(m.group(2))
    return f"{a}/{b}", f"{a}-01", f"{b}-12"


def _y_end(m: re.Match[str], year: int | None):
    y = cn_number(m.group(1))
    return f"{y}-12", f"{y}-12", f"{y}-12"


def _y(m: re.Match[str], year: int | None):
    y = cn_number(m.group(1))
    return str(y), f"{y}-01", f"{y}-12"


def _m_range(m: re.Match[str], year: int | None):
    if year is None:
        return None, None, None
    a, b = month_end(year, cn_number(m.group(1))), month_end(year, cn_number(m.group(2)))
    return f"{a}/{b}", a, b


def _md(m: re.Match[str], year: int | None):
    if year is None:
        return None, None, None
    iso = month_end(year, cn_number(m.group(1)))
    if m.group(2):
        iso += f"-{cn_number(m.group(2)):02d}"
    return iso, iso, iso


QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(m: re.Match[str], year: int | None):
    if year is None:
        return None, None, None
    q = QUARTERS[m.group(1)]
    return f"{year}-Q{q}", month_end(year, 3 * q - 2), month_end(year, 3 * q)


def _half(m: re.Match[str], year: int | None):
    if year is None:
        return None, None, None
    first = m.group(1) == "上"
    a, b = (1, 6) if first else (7, 12)
    return f"{month_end(year, a)}/{month_end(year, b)}", month_end(year, a), month_end(year, b)


def _year_end(m: re.Match[str], year: int | None):
    if year is None:
        return None, None, None
    return f"{year}-12", f"{year}-12", f"{year}-12"


def _plan(m: re.Match[str], year: int | None):
    a, b = five_year_plan(10 + cn_number(m.group(1)))  # 十四五: the 14th plan
    return f"{a}/{b}", f"{a}-01", f"{b}-12"


#: The rules, most specific first; a later rule never overlaps an earlier match.
RULES: list[tuple[str, str, re.Pattern[str], Converter]] = [
    # 2017年4月15日, 二〇一三年一月五日
    ("ymd", "DATE", re.compile(YEAR + r"\s*" + MONTH + r"\s*" + DAY), _ymd),
    # 2013 年 1 月-3 月, 2013年4月-2014年9月 (phases of seed 003)
    ("ym-range", "PERIOD", re.compile(YEAR + r"\s*" + MONTH + DASH + r"(?:" + YEAR + r"\s*)?" + MONTH), _ym_range),
    # 二〇一三年一月, 2011年12月
    ("ym", "DATE", re.compile(YEAR + r"\s*" + MONTH), _ym),
    # 2013-2014年度, 2021—2025年
    ("y-range", "PERIOD", re.compile(r"((?:19|20)\d{2})\s*年?" + DASH + r"((?:19|20)\d{2})\s*年度?"), _y_range),
    # 2025年底前, 2020年末
    ("y-end", "DATE", re.compile(YEAR + r"(?:底|末)前?"), _y_end),
    # 到2025年, 2013年度
    ("y", "DATE", re.compile(YEAR + r"度?"), _y),
    # 十三五, “十四五”: a five-year plan period
    ("plan-period", "PERIOD", re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:时期|期间)?"), _plan),
    # 4-6月, 7-8月: months of the document year
    ("m-range", "PERIOD", re.compile(r"(?<![\d年.])(1[0-2]|0?[1-9])" + DASH + r"(1[0-2]|0?[1-9])\s*月(?:份)?"),
     _m_range),
    # 3月, 10月, 3月15日: of the document year (not 3个月, not 2013年3月)
    ("md", "DATE", re.compile(r"(?<![\d年.])(1[0-2]|0?[1-9])\s*月(?:份)?(?:\s*(3[01]|[12]\d|0?[1-9])\s*日)?"), _md),
    # 第一季度, 一季度, 第4季度
    ("quarter", "PERIOD", re.compile(r"第?([一二三四1-4])季度"), _quarter),
    # 上半年, 下半年
    ("half-year", "PERIOD", re.compile(r"([上下])半年"), _half),
    # 年底前, 年底, 年内, 年末: by the end of the document year
    ("year-end", "DATE", re.compile(r"(?<![\d〇零一二三四五六七八九])(?:年底前?|年末前?|年内)"), _year_end),
]

#: A phase heading: 第一阶段——启动备案（2013 年 1 月-3 月）.
PHASE = re.compile(r"第([一二三四五六七八九十]+)阶段[^（(\n]{0,20}[（(]")


def find_dates(text: str, year: int | None = None) -> list[DateValue]:
    """Every date and period in ``text``; relative ones need the document ``year``."""
    taken = [False] * (len(text) + 1)
    out: list[DateValue] = []
    for name, label, pattern, convert in RULES:
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            iso, begin, end = convert(m, year)
            rule = name
            if name == "ym-range" and PHASE.search(text, max(0, m.start() - 30), m.start() + 1):
                rule = "phase"
            for i in range(m.start(), m.end()):
                taken[i] = True
            out.append(DateValue(written=m.group(0), label=label, iso=iso, begin=begin, end=end, rule=rule,
                                 start=m.start(), stop=m.end()))
    return sorted(out, key=lambda d: d.start)


def parse_date(text: str, year: int | None = None) -> DateValue | None:
    """The date or period a short expression states (a deadline cell, a 完成时限), or None.

    >>> parse_date("年底前", 2010).iso
    '2010-12'
    >>> parse_date("第一阶段（2013 年 1 月-3 月）").iso
    '2013-01/2013-03'
    """
    found = find_dates(text, year)
    if not found:
        return None
    return max(found, key=lambda d: (d.label == "PERIOD", d.stop - d.start))


def iter_phases(text: str) -> Iterator[tuple[str, DateValue]]:
    """(phase number as written, its period) for ``第一阶段——启动备案（2013 年 1 月-3 月）``."""
    for m in PHASE.finditer(text):
        line_end = text.find("\n", m.end())
        found = find_dates(text[m.end():line_end if line_end >= 0 else len(text)])
        if found and found[0].label == "PERIOD":
            yield m.group(1), found[0]
