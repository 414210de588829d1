"""Dates as official documents write them, read into ISO form (partial where partial).

成文日期 is written with Arabic digits (``2022年7月12日``) or, on covers and older
documents, with Chinese numerals (``二〇一三年一月``, ``二○一二年一月九日``); both read to
``YYYY-MM-DD`` / ``YYYY-MM``.  A date that cannot be read is left unread, never guessed.
"""

from __future__ import annotations

import re

#: Digits as written in years: 〇 (U+3007), ○ (U+25CB, common in Word files), O/Ｏ and 零.
CN_DIGITS = {"〇": 0, "○": 0, "Ｏ": 0, "O": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}

_YEAR = r"(?:19|20)\d{2}|[〇○ＯO零一二三四五六七八九]{4}"
_MONTH_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"

#: A date with year and month, optionally the day: ``2017年4月15日``, ``2022 年 7 月 12 日``,
#: ``二〇一三年一月`` (seed 003 cover), ``二○一二年一月九日`` (d03 signature).
CN_DATE = re.compile(rf"({_YEAR})\s*年\s*({_MONTH_DAY})\s*月(?:\s*({_MONTH_DAY})\s*[日号])?")

#: A line that is nothing but a date (a signature/cover date line): ``2017年4月17日``.
DATE_LINE = re.compile(rf"^\s*(?:{CN_DATE.pattern})\s*$")


def cn_int(text: str) -> int | None:
    """Arabic or Chinese-numeral number below 100: ``12`` → 12, ``十二`` → 12, ``二十一`` → 21."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def cn_year(text: str) -> int | None:
    """``2013`` → 2013; ``二〇一三`` → 2013 (digit by digit)."""
    if text.isdigit():
        return int(text)
    digits = [CN_DIGITS.get(c) for c in text]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def iso_date(m: re.Match[str]) -> str | None:
    """The ISO form (``YYYY-MM-DD`` or ``YYYY-MM``) of a CN_DATE match; None if out of range."""
    year, month = cn_year(m.group(1)), cn_int(m.group(2))
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if m.group(3) is None:
        return f"{year:04d}-{month:02d}"
    day = cn_int(m.group(3))
    if day is None or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO, or None: ``二〇一三年一月`` → ``2013-01``."""
    m = CN_DATE.search(text)
    return iso_date(m) if m else None
