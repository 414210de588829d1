"""Garbled digits from subset fonts without a Unicode map, decoded only where certain.

A PDF converter that meets a subset font without a /ToUnicode map writes the font's raw
codes, which are assigned in order of first use from 0x21: seed 000 reads
``%$!!年 !%月`` for 2011年12月 and ``!"个街镇`` for 14个街镇, and another text box of the
same page uses another map.  This module finds such runs in number positions (before
年/月/日/个/所/万/人/%…), solves each map by constraints (years, months 1–12, days 1–31,
percentages ≤ 100, no leading zeros, one glyph per digit, years of one map close together)
and replaces a run only when every code in it has exactly one possible digit.  Everything
else stays as written and is reported as a ``garbled`` span: a digit is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .data import read_lines

#: The code range a code-ordered subset font starts with: ``!"#$%&'()*+,-./`` (0x21–0x2F).
GARBLE_CHARS = "".join(chr(c) for c in range(0x21, 0x30))

#: Codes that are real punctuation far more often than garbled digits when alone.
_ALONE_IS_PUNCTUATION = set("()-,./")

#: Plausible years in a policy document (seed 000: ``%$!!年`` = 2011, ``%$!%年`` = 2012).
YEAR_RANGE = (1949, 2050)

#: Years decoded with one map must lie within this many years of each other: a map that
#: reads 2011 in one paragraph and 1960 in another is two text boxes, not one (seed 000's
#: sidebar ``截止到 !"#$年`` would read 19?0 with the main-text map).
MAX_YEAR_SPAN = 25


#: A digit font has ten digits and a few signs; more codes in dated runs than this is not
#: one font's map (and would make the search slow), so nothing is decoded.
MAX_VARIABLES = 12


@lru_cache(maxsize=1)
def number_units() -> tuple[str, ...]:
    return tuple(sorted(read_lines("garbled_number_units.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def garbled_run_pattern() -> re.Pattern[str]:
    """A run of code characters in a number position: ``!"个街镇``, ``%$!!年 !%月``, ``&"" 多家``.

    Not preceded by a letter/digit (so ``80%`` and ``A-1`` are left alone); followed,
    after at most one space, by a word that follows numbers.
    """
    units = "|".join(re.escape(u) for u in number_units())
    chars = re.escape(GARBLE_CHARS)
    return re.compile(rf"(?<![0-9A-Za-z{chars}])[{chars}]{{1,8}}(?= ?(?:{units}))")


@dataclass(frozen=True, slots=True)
class NumberRun:
    """One run of codes in a number position and what the context says about its value."""

    start: int
    end: int
    codes: str
    kind: str  # year, month, day, percent, count
    box: str = ""  # text box / font the run belongs to

    def constraints_ok(self, digits: dict[str, int]) -> bool:
        """True unless the codes already assigned make this run impossible."""
        known = [digits.get(c) for c in self.codes]
        if len(self.codes) > 1 and known[0] == 0:
            return False  # no leading zeros: 01月 and 014个 are not written
        if None in known:
            return True
        value = int("".join(str(d) for d in known))
        if self.kind == "year":
            return YEAR_RANGE[0] <= value <= YEAR_RANGE[1]
        if self.kind == "month":
            return 1 <= value <= 12
        if self.kind == "day":
            return 1 <= value <= 31
        if self.kind == "percent":
            return value <= 100
        return True


def _kind(text: str, start: int, end: int) -> str:
    after = text[end:end + 2].lstrip(" ")
    length = end - start
    if after.startswith("年") and length == 4:
        return "year"
    if after.startswith("月") and length <= 2:
        return "month"
    if after.startswith("日") and length <= 2:
        return "day"
    if after[:1] in "%％":
        return "percent"
    return "count"


def find_runs(text: str) -> list[NumberRun]:
    """Every code run in a number position (a lone ``(`` or ``-`` before 年 is punctuation)."""
    runs = []
    for m in garbled_run_pattern().finditer(text):
        codes = m.group(0)
        if len(codes) == 1 and codes in _ALONE_IS_PUNCTUATION:
            continue
        runs.append(NumberRun(m.start(), m.end(), codes, _kind(text, m.start(), m.end())))
    return runs


def _strong(runs: Iterable[NumberRun]) -> list[NumberRun]:
    return [r for r in runs if r.kind != "count"]


def solutions(runs: list[NumberRun], limit: int = 5000) -> list[dict[str, int]]:
    """All digit maps of the codes in dated runs (year/month/day/percent) meeting every rule.

    Codes only seen in counts are not variables: nothing bounds a count, so they could
    never be unique.  Counts still forbid a leading zero on the codes that are variables.
    """
    strong = _strong(runs)
    variables: list[str] = []
    for r in strong:
        for c in r.codes:
            if c not in variables:
                variables.append(c)
    if not variables or len(variables) > MAX_VARIABLES:
        return []  # nothing to solve, or too many codes to be one digit font: decode nothing
    checks = [r for r in runs if r.kind != "count" or any(c in variables for c in r.codes[:1])]
    found: list[dict[str, int]] = []

    def years_close(digits: dict[str, int]) -> bool:
        years = [int("".join(str(digits[c]) for c in r.codes)) for r in strong
                 if r.kind == "year" and all(c in digits for c in r.codes)]
        return not years or max(years) - min(years) <= MAX_YEAR_SPAN

    def search(i: int, digits: dict[str, int], used: set[int]) -> None:
        if len(found) >= limit:
            return
        if i == len(variables):
            found.append(dict(digits))
            return
        code = variables[i]
        for d in range(10):
            if d in used:
                continue  # one glyph per digit: two codes never stand for one digit
            digits[code] = d
            if all(r.constraints_ok(digits) for r in checks) and years_close(digits):
                used.add(d)
                search(i + 1, digits, used)
                used.discard(d)
            del digits[code]

    search(0, {}, set())
    return found


def certain_digits(runs: list[NumberRun]) -> dict[str, int]:
    """The codes that have one and the same digit in every solution."""
    sols = solutions(runs)
    if not sols:
        return {}
    return {c: d for c, d in sols[0].items() if all(s[c] == d for s in sols[1:])}


def paragraph_of(text: str, index: int) -> int:
    """Paragraph number (blank-line separated) of ``index``, a cheap text-box proxy."""
    return text.count("\n\n", 0, index)


@dataclass(frozen=True, slots=True)
class Decoded:
    """The outcome for one run: ``digits`` set when certain, else None and a reason."""

    run: NumberRun
    digits: str | None
    note: str


def _group_boxes(runs: list[NumberRun], text: str) -> dict[str, list[NumberRun]]:
    """Runs grouped by text box: by font where the reader knew it, else by consistency.

    Without fonts (plain text), the box with the most certain codes seeds the main map
    and each other paragraph joins it only if the joint constraints stay satisfiable;
    a paragraph that contradicts the map (a sidebar with its own font) is left apart.
    """
    if all(r.box for r in runs):
        boxes: dict[str, list[NumberRun]] = {}
        for r in runs:
            boxes.setdefault(r.box, []).append(r)
        return boxes
    by_par: dict[int, list[NumberRun]] = {}
    for r in runs:
        by_par.setdefault(paragraph_of(text, r.start), []).append(r)
    seed = max(by_par, key=lambda p: (len(certain_digits(by_par[p])), -p))
    if not certain_digits(by_par[seed]):
        return {f"p{p}": rs for p, rs in by_par.items()}
    main = list(by_par[seed])
    boxes = {"main": main}
    for p, rs in sorted(by_par.items()):
        if p == seed:
            continue
        if solutions(main + rs, limit=1):
            main.extend(rs)
        else:
            boxes[f"p{p}"] = rs
    return boxes


def decode(text: str, runs: list[NumberRun] | None = None) -> list[Decoded]:
    """Decide every garbled run of ``text``: decoded where certain, otherwise why not."""
    runs = find_runs(text) if runs is None else runs
    if not runs:
        return []
    out: list[Decoded] = []
    for box, box_runs in _group_boxes(runs, text).items():
        digits = certain_digits(box_runs)
        for r in box_runs:
            unknown = [c for c in r.codes if c not in digits]
            if not unknown:
                out.append(Decoded(r, "".join(str(digits[c]) for c in r.codes), f"decoded with the {box} map"))
            elif digits:
                out.append(Decoded(r, None, f"code(s) {''.join(dict.fromkeys(unknown))} not determined by the "
                                            f"{box} map; left as written"))
            else:
                out.append(Decoded(r, None, "no certain digit map for this text box; left as written"))
    return sorted(out, key=lambda d: d.run.start)


#: Code characters standing between Chinese characters, outside a number position:
#: ``“!.!.!".#$"”`` (a network label) and the sidebar's ``多家!!"多家`` in seed 000.
STRAY_CODES = re.compile(r"(?<=[\u4e00-\u9fff\s“”，。、])[!-/]{1,12}(?=[\u4e00-\u9fff\s“”，。、]|$)")


def stray_codes(text: str, runs: list[NumberRun]) -> list[tuple[int, int]]:
    """Spans of code characters outside number positions, in a text that has garbled runs.

    They cannot be decoded (no constraint bears on them) but a reader must know they are
    not punctuation: they are flagged too.  A lone ``(``, ``-`` or ``,`` is real punctuation.
    """
    if not runs:
        return []
    taken = [(r.start, r.end) for r in runs]
    out = []
    for m in STRAY_CODES.finditer(text):
        if len(m.group(0)) == 1 and m.group(0) in _ALONE_IS_PUNCTUATION:
            continue
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out.append((m.start(), m.end()))
    return out


#: Paragraph indents a code-ordered font writes as its first code: ``! ! ! !闵行区委``
#: (seed 000, at the start of each text box).  Removed only in a text with garbled runs.
GARBLED_INDENT = re.compile(r"(?m)^[ \u3000]*(?:! ){2,}!(?=[\u4e00-\u9fff“\"])")


def iter_replacements(decoded: list[Decoded]) -> Iterator[tuple[int, str]]:
    """(index, digit) for every character of every decoded run."""
    for d in decoded:
        if d.digits is not None:
            for i, ch in enumerate(d.digits):
                yield d.run.start + i, ch
