"""发文字号 (文号): issuer code, year in brackets, serial number and 号.

Brackets vary with the typist and the converter — 〔〕 (the standard's), [] ［］, （） (),
【】 — and digits may be full width; the canonical form uses 〔〕 and Arabic digits so
that a number cited in one document joins the same number in another.
"""

from __future__ import annotations

import re
from typing import Iterator

FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

OPEN_BRACKETS = "〔[［【（("
CLOSE_BRACKETS = "〕]］】）)"

#: 发文字号: ``闵学委办〔2022〕2号``, ``长学办〔2010〕03号``, ``教职成[2004]16号``,
#: ``浙教职成〔2016〕117号``; the code is 1–10 Chinese characters (a few codes carry a
#: Latin letter or digit is not seen in our documents, so none is allowed).
DOC_NUMBER = re.compile(
    rf"([\u4e00-\u9fff]{{1,10}})\s*[{re.escape(OPEN_BRACKETS)}]\s*((?:19|20)\d{{2}})\s*[{re.escape(CLOSE_BRACKETS)}]"
    r"\s*第?\s*(\d{1,4})\s*号")

_OPEN_BRACKET = re.compile(f"[{re.escape(OPEN_BRACKETS)}]")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def iter_doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """``DOC_NUMBER.finditer(text)``, found from the brackets instead of from every character.

    The code before a bracket is a run of Chinese characters ending at the bracket (or
    spaces before it), so a match can only start within the 10 characters before a
    bracket: the scan tries those few places instead of every position of the text.
    """
    pos = 0
    for bracket in _OPEN_BRACKET.finditer(text):
        b = bracket.start()
        if b < pos:
            continue
        r = b
        while r > pos and text[r - 1].isspace():
            r -= 1
        p = r
        while p > max(pos, r - 10) and _is_cjk(text[p - 1]):
            p -= 1
        if p == r:
            continue
        m = DOC_NUMBER.match(text, p)
        if m:
            yield m
            pos = m.end()


#: A line that is only a 文号, perhaps in parentheses and with the 签发人 of an upward
#: document: ``滨政〔2017〕12号``, ``（余府发〔2012〕3号）`` (d03), ``X〔2020〕1号 签发人：张三``.
DOC_NUMBER_LINE = re.compile(
    rf"^[（(]?\s*(?P<number>{DOC_NUMBER.pattern})\s*[）)]?\s*(?:签发人\s*[：:]\s*(?P<signer>\S.*?))?\s*$")


#: Words a sentence puts before a bare 文号 that the code pattern swallows:
#: ``按照沪府办〔2019〕5号文件要求`` cites 沪府办〔2019〕5号; a title's end glued to its number
#: (``…行动方案》的通知沪规划资源更〔2026〕83号``) is no part of the code either.
CODE_LEAD_IN = re.compile(r"^.*(?:根据|按照|依据|依照|贯彻|落实|参照|执行|对照|印发|转发|详见|见|和|及|与|、|通知|的)")


def code_of(m: re.Match[str]) -> str:
    """The issuer code of a DOC_NUMBER match, without a sentence's lead-in words."""
    return CODE_LEAD_IN.sub("", m.group(1)) or m.group(1)


def canonical_doc_number(m: re.Match[str]) -> str:
    """A DOC_NUMBER match written with 〔〕: ``教职成[2004]16号`` → ``教职成〔2004〕16号``.

    The serial number keeps its leading zeros (``长学办〔2010〕03号``): they are part of
    how the issuer numbers its documents.
    """
    return f"{code_of(m)}〔{m.group(2)}〕{m.group(3)}号"


def normalize_doc_number(text: str) -> str | None:
    """Canonical form of the first 文号 in ``text`` (full-width digits folded), or None."""
    folded = text.translate(FULL_WIDTH_DIGITS)
    m = DOC_NUMBER.search(folded)
    return canonical_doc_number(m) if m else None

