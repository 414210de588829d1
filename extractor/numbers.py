"""Numbers: every way a Chinese policy text writes a quantity, read into one value.

Forms handled (each quoted from a seed or corpus sentence in the tests):

* Arabic, with thousands commas and decimals: ``15000人``, ``11.4万平方米``;
* Chinese numerals through cn2an: ``三千``, ``一至二项``, ``零点五``;
* mixed Arabic + 万/亿 multiplier: ``265.35 万`` → 2653500, ``20多万户`` → 200000;
* percentages ``80%``, ``百分之八十``; per mille ``千分之三`` (‰); per ten thousand
  ``万分之零点五`` (‱, value 0.5, as the gold README asks);
* ranges ``3-5个``, ``一至二项``: the value is the low end, ``value_max`` the high end;
* approximate and lower bounds written inside the number: ``100多家``, ``3600余个``;
* ``翻一番``/``翻两番``: ×2 / ×4, unit 倍;
* fractions ``三分之一``: converted to a percentage (33.33 %), since a share is what a
  fraction states in these documents.

:func:`find_quantities` is a pure generator over a string; the unit table lives in
``extractor/data/measure_units.tsv``.  A number that is not a quantity (a year, an
ordinal 第三, a code such as G1503, a numbered name inside quotes such as “三个代表”) is
not yielded: these are refused here rather than guessed later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

import cn2an

from . import data

#: Chinese numeral characters cn2an reads (两 and 〇 included).
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

#: An Arabic number: ``15000``, ``13,600``, ``11.4``.
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"

#: A Chinese numeral, possibly with a decimal point: ``三千``, ``零点五``, ``一百二十``.
CHINESE = rf"[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?"

#: One number as written: Arabic or Chinese.
NUMBER = rf"(?:{ARABIC}|{CHINESE})"

#: Multipliers written after an Arabic number (``1.5万``, ``3亿``).
MULTIPLIERS = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000}

#: Per-unit suffixes of rate units: ``4元/人``, ``1610吨/日``.
PER_UNIT = r"/(?:人·年|人|日|天|年|户|月|次|平方米|处)"


@dataclass(frozen=True, slots=True)
class Unit:
    text: str  # as written after the number
    base: str
    factor: float
    kind: str  # classifier | measure


@lru_cache(maxsize=None)
def units() -> dict[str, Unit]:
    """The measure-unit table (``measure_units.tsv``), keyed by the written unit."""
    return {row["unit"]: Unit(row["unit"], row["base"], float(row["factor"]), row["kind"])
            for row in data.read_tsv("measure_units.tsv")}


@lru_cache(maxsize=None)
def quantity_pattern() -> re.Pattern[str]:
    """The regular expression of a quantity: number, range, 多/余, multiplier, unit, 以上.

    ``完成旧住房修缮更新60万平方米`` → num 60, mult 万, unit 平方米;
    ``每街镇选取3-5个基础较好`` → num 3, num2 5, unit 个;
    ``学习型家庭20多万户`` → num 20, more 多, mult 万, unit 户.
    """
    unit_alt = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    return re.compile(
        rf"(?<![\d{CN_DIGITS}])(?P<num>{NUMBER})"  # never from inside a number: linear on long digit runs
        rf"(?:\s*(?P<dash>[-－—–~～至到])\s*(?P<num2>{NUMBER}))?"
        r"\s*(?P<more>多|余)?"
        rf"(?=\s*(?:千万|百万|万|亿|{unit_alt}))"  # a unit or a multiplier must follow: no match object for 2019年
        r"\s*(?P<mult>千万|百万|万|亿)?"
        r"\s*(?P<more2>多|余)?"
        rf"\s*(?P<unit>{unit_alt})?"
        rf"(?P<per>{PER_UNIT})?"
    )


#: 百分之八十, 千分之三, 万分之零点五: a share written in words.
SHARE_WORDS = re.compile(rf"(?P<den>百|千|万)分之(?P<num>{NUMBER})")

#: 三分之一: a fraction (the denominator is not 百/千/万).  The denominator is bounded
#: so that a long run of digits without 分之 is scanned in linear time.
FRACTION = re.compile(rf"(?P<den>\d{{1,6}}|[{CN_DIGITS}]{{1,6}})分之(?P<num>{NUMBER})")

#: 翻一番 (×2), 翻两番 (×4): doubling targets.
DOUBLING = re.compile(r"翻(?P<n>一|两|二|三)?番")

SHARE_UNITS = {"百": "%", "千": "‰", "万": "‱"}

#: Characters that, written right before a Chinese numeral, make it an ordinal or part of
#: a word (第三, 之一, 统一, 唯一, 进一步) rather than a quantity.
NOT_BEFORE = re.compile(r"(?:第|之|统|唯|进|同|专|万|逐|划|单|均|周|星|每一)$")

#: ASCII symbols that subset fonts put in place of digits (seed 000: ``%$!!年`` = 2011年);
#: a number written right after one is part of a garbled figure.
GLYPHS = set("!\"#$%&'*+-.?@^_`|~")

#: Any character a quantity can start with: a sentence without one holds no figure.
HAS_NUMBER = re.compile(rf"[\d{CN_DIGITS}]")

#: Codes and names glued to letters: ``G1503``, ``S4``, ``SJC1-0013``.
LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity found in a string; offsets are relative to that string."""

    value: float
    unit: str  # base unit ('' when none was written)
    unit_text: str  # as written, multiplier included: 万平方米
    start: int
    end: int
    text: str
    form: str  # arabic | chinese | share | fraction | doubling
    value_max: float | None = None
    approx: str | None = None  # '>=' for 多/余 written inside the number
    unit_kind: str = ""  # classifier | measure | ''


def to_number(text: str) -> float | None:
    """Read one number written in Arabic, Chinese or mixed form; None when unreadable.

    ``265.35万`` → 2653500, ``零点五`` → 0.5, ``三千`` → 3000, ``13,600`` → 13600.
    """
    text = text.replace(",", "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(Decimal(text))
    if text in {"千", "百", "万"}:  # 近千名: a round figure with the leading 一 left out
        return float({"千": 1000, "百": 100, "万": 10_000}[text])
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(Decimal(str(value)))


def _scaled(value: float, factor: float) -> float:
    """value × factor without binary noise (265.35 × 10000 = 2653500, not 2653499.9999)."""
    return float(Decimal(str(value)) * Decimal(str(factor)))


def _inside_quoted_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits inside a short quoted name: “三个代表”, ‘两个一百年’."""
    for open_q, close_q in (("“", "”"), ("‘", "’"), ("「", "」"), ("&ldquo;", "&rdquo;")):
        left = text.rfind(open_q, max(0, start - 12), start)
        if left < 0 or text.find(close_q, left, start) >= 0:
            continue
        right = text.find(close_q, end, end + 12)
        if right >= 0:
            return True
    return False


def _is_chinese(token: str) -> bool:
    """A number token is Chinese unless it starts with a digit (NUMBER is one or the other)."""
    return not token[:1].isdigit()


def find_quantities(text: str) -> Iterator[Quantity]:
    """Yield every quantity with a unit (or a 万/亿 multiplier) in ``text``, left to right."""
    covered = bytearray(len(text) + 1)  # characters already read as part of a quantity

    def free(s: int, e: int) -> bool:
        return not (doubling or shares) or not any(covered[s:e])

    def take(s: int, e: int) -> None:
        covered[s:e] = b"\x01" * (e - s)

    if not HAS_NUMBER.search(text):
        return  # most sentences of a policy text hold no figure: one cheap scan decides
    doubling = "番" in text
    shares = "分之" in text
    for m in (DOUBLING.finditer(text) if doubling else ()):
        times = {"一": 1, None: 1, "两": 2, "二": 2, "三": 3}[m.group("n")]
        take(m.start(), m.end())
        yield Quantity(value=float(2 ** times), unit="倍", unit_text="倍", start=m.start(), end=m.end(),
                       text=m.group(0), form="doubling", unit_kind="measure")
    for m in (SHARE_WORDS.finditer(text) if shares else ()):
        value = to_number(m.group("num"))
        if value is None:
            continue
        unit = SHARE_UNITS[m.group("den")]
        take(m.start(), m.end())
        yield Quantity(value=value, unit=unit, unit_text=unit, start=m.start(), end=m.end(), text=m.group(0),
                       form="share", unit_kind="measure")
    for m in (FRACTION.finditer(text) if shares else ()):
        if not free(m.start(), m.end()):
            continue
        den, num = to_number(m.group("den")), to_number(m.group("num"))
        if not den or num is None:
            continue
        take(m.start(), m.end())
        yield Quantity(value=round(num / den * 100, 2), unit="%", unit_text="%", start=m.start(), end=m.end(),
                       text=m.group(0), form="fraction", unit_kind="measure")
    for m in quantity_pattern().finditer(text):
        if not (m.group("unit") or m.group("mult")):
            continue  # a bare number (a year, a list index, 统一): refused without a closer look
        q = _quantity(text, m)
        if q is not None and free(q.start, q.end):
            yield q


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    """Build a Quantity from a match of :func:`quantity_pattern`, or refuse it (None)."""
    num, unit_text, mult = m.group("num"), m.group("unit"), m.group("mult")
    chinese = _is_chinese(num)
    if not unit_text and not mult:
        return None  # a bare number: a year, a code, a list index
    if not unit_text and chinese:
        return None  # 一万 without a unit is prose (一万年太久)
    start, end = m.start(), m.end()
    before = text[max(0, start - 12):start]  # the rules below look at a few characters only
    if before.rstrip().endswith("第") or (chinese and NOT_BEFORE.search(before)):
        return None  # 第3, 第三: an ordinal; 统一, 进一步, 之一: a word
    if before and LETTER.match(before[-1]):
        return None
    after = text[end:end + 1]
    if after and (LETTER.match(after) or (not unit_text and after.isdigit())):
        return None
    if m.group("num").isdigit() and text[end:end + 1] in {"+", "＋"} or before.endswith(("+", "＋")):
        return None  # 1+1+14+100: a formula naming a network, not a figure
    if _inside_quoted_name(text, start, end):
        return None
    if chinese and (re.fullmatch(r"[百千万亿]+", num) and not re.search(r"(?:近|上|逾|约)$", before)):
        return None  # a lone 万 is a garbled or prose word (已注册超过%&万人), 近千 is a figure
    if chinese and re.search(r"[一二两三四五六七八九]{2}", num):
        return None  # 两三个, 三五家: an approximate amount (cn2an would read 23)
    if chinese and re.search(r"(?:数|几|若干)$", before):
        return None  # 数十个, 几百人: an indefinite amount, not a figure
    if chinese and unit_text == "次" and after and "\u4e00" <= after <= "\u9fff" and after not in "以左":
        return None  # 二次污染, 二次分拣: 二次 is "secondary" here, not a count
    if chinese and after and after in CN_DIGITS:
        return None  # 三位一体, 一站一策: an idiom, not a count
    if before and before[-1] in GLYPHS:
        return None  # next to undecodable glyphs (%&万人): never guess the value
    if chinese and mult:
        num = num + mult  # cn2an reads 二十万 whole
        mult = None
    value = to_number(num)
    if value is None:
        return None
    value_max = None
    if m.group("num2"):
        if not unit_text:
            return None
        value_max = to_number(m.group("num2"))
        if value_max is None or value_max <= value:
            return None  # 2020-2025 or 1-1: not a range of one quantity
    if chinese and value == 1 and value_max is None and not re.search(r"(?:不少于|不低于|至少|新增|超过)\s*$", before):
        return None  # 一个/一所 is an article here (建设一个平台), not a figure
    factor = MULTIPLIERS.get(mult or "", 1)
    unit = units().get(unit_text or "")
    base, unit_kind = (unit.base, unit.kind) if unit else ("", "")
    factor *= unit.factor if unit else 1
    per = m.group("per") or ""
    written = (m.group("mult") if not _is_chinese(m.group("num")) else "") or ""
    approx = ">=" if (m.group("more") or m.group("more2")) else None
    return Quantity(
        value=_scaled(value, factor), unit=base + per, unit_text=written + (unit_text or "") + per,
        start=start, end=end, text=m.group(0),
        form="chinese" if chinese else "arabic",
        value_max=_scaled(value_max, factor) if value_max is not None else None,
        approx=approx, unit_kind=unit_kind,
    )


def parse_cell(cell: str) -> tuple[str | None, float | None, str]:
    """A table value cell: (comparator written in it, value, rest).

    ``>2`` → ('>', 2, ''), ``100`` → (None, 100, ''), ``80%以上`` → ('>=', 80, '%'),
    ``基本消除`` → (None, None, '基本消除'): a qualitative target has no value.
    """
    s = cell.strip().replace(" ", "")
    cmp = None
    for sign, name in ((">=", ">="), ("≥", ">="), ("<=", "<="), ("≤", "<="), (">", ">"), ("＞", ">"), ("<", "<"), ("＜", "<")):
        if s.startswith(sign):
            cmp, s = name, s[len(sign):]
            break
    m = re.fullmatch(rf"({ARABIC}|{CHINESE})\s*(多|余)?\s*([%％‰‱]?)\s*(以上|以下|左右)?", s)
    if not m:
        return cmp, None, s
    value = to_number(m.group(1))
    if m.group(4) == "以上" or m.group(2):
        cmp = cmp or ">="
    elif m.group(4) == "以下":
        cmp = cmp or "<="
    elif m.group(4) == "左右":
        cmp = cmp or "~"
    return cmp, value, m.group(3).replace("％", "%")
