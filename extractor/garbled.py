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


def _values(kind: str, length: int) -> tuple[str, ...]:
    """The digit strings a dated run of ``length`` codes may read as: its kind's range, no leading zero."""
    low, high = {"year": YEAR_RANGE, "month": (1, 12), "day": (1, 31), "percent": (0, 100)}[kind]
    return tuple(s for v in range(low, high + 1) if len(s := str(v)) == length)


@lru_cache(maxsize=256)
def run_readings(codes: str, kind: str) -> tuple[tuple[int, tuple[tuple[str, int], ...]], ...]:
    """Each way a dated run can be read: (value, (code, digit) pairs), one digit per code and per glyph.

    ``%$!!`` before 年 reads 2011 or 2033 but never 2012: one code stands for one digit,
    and two codes never stand for the same digit.
    """
    out = []
    for value in _values(kind, len(codes)):
        pairs: dict[str, int] = {}
        if all(pairs.setdefault(c, int(d)) == int(d) for c, d in zip(codes, value)) \
                and len(set(pairs.values())) == len(pairs):
            out.append((int(value), tuple(pairs.items())))
    return tuple(out)


class DigitPuzzle:
    """The digit map of one text box as a puzzle: each dated run allows a table of readings.

    Searched run by run, the run with the fewest readings left first, so the 12 readings
    of ``!%月`` prune the 102 of ``%$!!年`` at once instead of code by code.  Counts bound
    no value, but ``14个`` is never written ``014个``: a count's leading code is not 0.
    """

    def __init__(self, runs: list[NumberRun]) -> None:
        strong = _strong(runs)
        self.variables = list(dict.fromkeys(c for r in strong for c in r.codes))
        self.tables = [(r.kind == "year", run_readings(r.codes, r.kind)) for r in strong]
        self.nonzero = {r.codes[0] for r in runs if len(r.codes) > 1 and r.codes[0] in self.variables}

    def _fits(self, pairs: tuple[tuple[str, int], ...], digits: dict[str, int], used: set[int],
              banned: dict[str, int]) -> bool:
        new: set[int] = set()
        for c, d in pairs:
            known = digits.get(c)
            if known is None:
                if d in used or d in new or banned.get(c) == d or (d == 0 and c in self.nonzero):
                    return False
                new.add(d)
            elif known != d:
                return False
        return True

    def search(self, limit: int = 1, banned: dict[str, int] | None = None) -> list[dict[str, int]]:
        """Up to ``limit`` complete maps; ``banned`` forbids one digit per code (to test certainty)."""
        banned = banned or {}
        found: list[dict[str, int]] = []
        pending = set(range(len(self.tables)))

        def step(digits: dict[str, int], used: set[int], years: tuple[int, int] | None) -> None:
            if not pending:
                found.append(dict(digits))
                return
            best: tuple[int, int, list] | None = None
            for i in sorted(pending):
                fits = [rd for rd in self.tables[i][1] if self._fits(rd[1], digits, used, banned)]
                if not fits:
                    return  # a run no reading fits: dead end
                if best is None or len(fits) < best[0]:
                    best = (len(fits), i, fits)
            _, i, fits = best
            pending.discard(i)
            for value, pairs in fits:
                span = years
                if self.tables[i][0]:  # years of one map lie close together
                    span = (min(value, years[0]), max(value, years[1])) if years else (value, value)
                    if span[1] - span[0] > MAX_YEAR_SPAN:
                        continue
                added = [(c, d) for c, d in pairs if c not in digits]
                for c, d in added:
                    digits[c] = d
                    used.add(d)
                step(digits, used, span)
                for c, _ in added:
                    used.discard(digits.pop(c))
                if len(found) >= limit:
                    break
            pending.add(i)

        if self.variables and len(self.variables) <= MAX_VARIABLES:
            step({}, set(), None)
        return found


def solutions(runs: list[NumberRun], limit: int = 5000) -> list[dict[str, int]]:
    """Digit maps of the codes in dated runs (year/month/day/percent) meeting every rule.

    Codes only seen in counts are not variables: nothing bounds a count, so they could
    never be unique.  Counts still forbid a leading zero on the codes that are variables.
    Too many codes to be one digit font (``MAX_VARIABLES``): no map, nothing decoded.
    """
    return DigitPuzzle(runs).search(limit)


def certain_digits(runs: list[NumberRun]) -> dict[str, int]:
    """The codes that have one and the same digit in every map meeting the rules.

    Exact, not sampled: a code is certain when no map at all gives it another digit.
    """
    return dict(_certain(tuple((r.codes, r.kind) for r in runs)))


@lru_cache(maxsize=1024)
def _certain(key: tuple[tuple[str, str], ...]) -> tuple[tuple[str, int], ...]:
    puzzle = DigitPuzzle([NumberRun(0, 0, codes, kind) for codes, kind in key])
    first = puzzle.search()
    if not first:
        return ()
    sure = dict(first[0])
    for code in list(sure):
        if code in sure:
            other = puzzle.search(banned={code: sure[code]})
            for c, d in (other[0].items() if other else ()):
                if sure.get(c) != d:
                    sure.pop(c, None)
    return tuple(sure.items())


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
