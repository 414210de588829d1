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
    return readings_among(codes, _values(kind, len(codes)))


@lru_cache(maxsize=256)
def readings_among(codes: str, values: tuple[str, ...]) -> tuple[tuple[int, tuple[tuple[str, int], ...]], ...]:
    """The readings of ``codes`` as one of ``values`` (digit strings of its length), one digit per code and glyph.

    ``!"`` among 10, 12, 14 (the counts of 街镇 in a same-region document) reads all
    three until the map's $=0 and %=2 leave only 14.
    """
    out = []
    for value in values:
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

    def __init__(self, runs: list[NumberRun], among: Iterable[tuple[str, tuple[str, ...]]] = ()) -> None:
        """``among``: (codes, values) of count runs known to read as one of ``values`` (:func:`cross_document_digits`)."""
        strong = _strong(runs)
        among = list(among)
        self.variables = list(dict.fromkeys([c for r in strong for c in r.codes] + [c for codes, _ in among for c in codes]))
        self.tables = [(r.kind == "year", run_readings(r.codes, r.kind)) for r in strong] \
            + [(False, readings_among(codes, values)) for codes, values in among]
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


def certain_digits(runs: list[NumberRun], among: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> dict[str, int]:
    """The codes that have one and the same digit in every map meeting the rules.

    Exact, not sampled: a code is certain when no map at all gives it another digit.
    ``among`` adds count runs whose value is one of a few known values (:class:`DigitPuzzle`).
    """
    return dict(_certain(tuple((r.codes, r.kind) for r in runs), among))


@lru_cache(maxsize=1024)
def _certain(key: tuple[tuple[str, str], ...],
             among: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> tuple[tuple[str, int], ...]:
    puzzle = DigitPuzzle([NumberRun(0, 0, codes, kind) for codes, kind in key], among)
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


# ── evidence from other documents: counts of the same thing, written in clear ──

#: How many Chinese characters after the measure word name what is counted: ``个街镇``
#: → (个, 街镇) in ``!"个街镇社区学校`` (seed 000) and in ``全区 14 个街镇社区`` (seed 001).
NOUN_CHARS = 2


@lru_cache(maxsize=1)
def measure_words() -> tuple[str, ...]:
    return read_lines("count_measure_words.txt")


@lru_cache(maxsize=1)
def _counted_noun_pattern() -> re.Pattern[str]:
    measures = "|".join(re.escape(m) for m in measure_words())
    return re.compile(rf" ?({measures})([\u4e00-\u9fff]{{{NOUN_CHARS}}})")


def counted_noun(text: str, end: int) -> tuple[str, str] | None:
    """(measure word, noun) right after a number ending at ``end``, read the same way for a
    garbled run and a clear count: ``!" 个街镇%-个`` and ``14 个街镇分别`` → (个, 街镇)."""
    m = _counted_noun_pattern().match(text, end)
    return (m.group(1), m.group(2)) if m else None


#: A count written in clear digits: ``在 14 个街镇分别成立了`` (seed 001).  Not part of a
#: longer number (``2.5``, ``2011``) and not a code run's neighbour.
CLEAR_COUNT = re.compile(rf"(?<![0-9.,A-Za-z{re.escape(GARBLE_CHARS)}])([1-9][0-9]{{0,3}})(?![0-9.])")

#: Where the quote of the sentence a count comes from stops (not structure.SENTENCE_END,
#: which matches whole sentences).
QUOTE_STOP = re.compile(r"[。；！？\n]")


@dataclass(frozen=True, slots=True)
class CountHint:
    """A clear count of a thing in another document, quoted with where it came from."""

    measure: str
    noun: str
    value: int
    doc_id: str
    sentence: str


#: How much of the sentence around a count is quoted as evidence, each side.
QUOTE_CHARS = 24


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut to ``QUOTE_CHARS`` each side (``…``)."""
    lo = max(0, start - QUOTE_CHARS)
    left = max((m.end() for m in QUOTE_STOP.finditer(text, lo, start)), default=lo)
    right = QUOTE_STOP.search(text, end, end + QUOTE_CHARS)
    stop = right.start() if right else min(len(text), end + QUOTE_CHARS)
    return ("…" if left == lo and lo > 0 else "") + text[left:stop].strip() + ("" if right or stop == len(text) else "…")


def clear_counts(text: str, doc_id: str) -> list[CountHint]:
    """Every clear-digit count of a (measure word, noun) in ``text``: seed 001's ``全区 14 个街镇社区``,
    ``10 个街镇被评为``, ``12 个街镇被确定为`` are three counts of (个, 街镇)."""
    out = []
    for m in CLEAR_COUNT.finditer(text):
        key = counted_noun(text, m.end())
        if key is not None:
            out.append(CountHint(key[0], key[1], int(m.group(1)), doc_id, _sentence(text, m.start(), m.end())))
    return out


@dataclass(frozen=True, slots=True)
class PeerEvidence:
    """Codes a box's map gets from other documents' counts, and which runs may use them."""

    digits: dict[str, int]
    quotes: dict[str, CountHint]  # code → the count that fixed it
    runs: frozenset[int]  # start offsets of the count runs that took a peer count


def cross_document_digits(runs: list[NumberRun], text: str, hints: Iterable[CountHint],
                          known: dict[str, int]) -> PeerEvidence | None:
    """Codes fixed by assuming each garbled count of a thing reads as one of the clear counts
    of the same thing in documents of the same region, where that leaves one map only.

    Seed 000's ``!"个街镇`` with 001's counts of 街镇 (14, 10, 12, 9, 6): two codes leave
    14, 10 and 12; its own map has $=0 and %=2, so only 14 fits and ``"`` = 4.  A run
    no peer count of its length fits (``#!'个街镇`` in a sidebar) takes no part; if the
    runs that do fit leave a code two digits, it is not fixed.
    """
    values: dict[tuple[str, str], dict[int, CountHint]] = {}
    for h in hints:
        values.setdefault((h.measure, h.noun), {}).setdefault(h.value, h)
    if not values:
        return None
    among: list[tuple[str, tuple[str, ...]]] = []
    fitting: list[tuple[NumberRun, dict[int, CountHint]]] = []
    for r in runs:
        key = counted_noun(text, r.end) if r.kind == "count" else None
        counts = values.get(key) if key else None
        if not counts:
            continue
        candidates = tuple(sorted(str(v) for v in counts if len(str(v)) == len(r.codes)))
        if candidates and DigitPuzzle(runs, [(r.codes, candidates)]).search():
            among.append((r.codes, candidates))
            fitting.append((r, counts))
    if not among:
        return None
    sure = certain_digits(runs, tuple(dict.fromkeys(among)))
    new = {c: d for c, d in sure.items() if c not in known}
    if not new:
        return None
    quotes: dict[str, CountHint] = {}
    for r, counts in fitting:
        if all(c in sure for c in r.codes):
            hint = counts.get(int("".join(str(sure[c]) for c in r.codes)))
            for c in r.codes:
                if c in new and hint is not None:
                    quotes.setdefault(c, hint)
    return PeerEvidence(new, quotes, frozenset(r.start for r, _ in fitting))


def evidence_note(code: str, digit: int, hint: CountHint | None) -> str:
    """``decoded `"`=4 from 001_…: 全区 14 个街镇社区…`` (Document.warnings, the decoded run's note)."""
    source = f" from {hint.doc_id}: {hint.sentence}" if hint else " from same-region documents"
    return f"decoded `{code}`={digit}{source}"


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


def decode(text: str, runs: list[NumberRun] | None = None, hints: Iterable[CountHint] = ()) -> list[Decoded]:
    """Decide every garbled run of ``text``: decoded where certain, otherwise why not.

    ``hints``: clear counts from documents of the same region (:func:`cross_document_digits`).
    The codes they fix are used where the run's text box is known: by font, or (plain text,
    boxes guessed by consistency) in a paragraph holding a dated run of the map or a count
    that took a peer count itself.  Seed 000's district profile ``全区共有!"个街道、镇`` is
    set in another font; in plain text nothing ties it to the main map, so it stays flagged.
    """
    runs = find_runs(text) if runs is None else runs
    if not runs:
        return []
    hints = tuple(hints)
    by_font = all(r.box for r in runs)
    out: list[Decoded] = []
    for box, box_runs in _group_boxes(runs, text).items():
        digits = certain_digits(box_runs)
        peer = cross_document_digits(box_runs, text, hints, digits) if hints and digits else None
        tied: set[int] = set()
        if peer is not None and not by_font:
            tied = {paragraph_of(text, r.start) for r in box_runs if r.kind != "count" or r.start in peer.runs}
        for r in box_runs:
            usable = digits
            if peer is not None and (by_font or paragraph_of(text, r.start) in tied):
                usable = digits | peer.digits
            unknown = [c for c in r.codes if c not in usable]
            if not unknown:
                note = f"decoded with the {box} map"
                borrowed = [c for c in dict.fromkeys(r.codes) if c not in digits]
                if borrowed:
                    note += "; " + "; ".join(evidence_note(c, peer.digits[c], peer.quotes.get(c)) for c in borrowed)
                out.append(Decoded(r, "".join(str(usable[c]) for c in r.codes), note))
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
