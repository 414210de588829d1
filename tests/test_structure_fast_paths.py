"""The fast paths of ingest/normalize/structure give exactly what the plain definitions give.

Each speed-up replaced a scan of every character or every section with an index; these
tests check the indexed answer against the definition it replaced, on real seed text and
on random text built from the pieces the rules look for.
"""

from __future__ import annotations

import itertools

from hypothesis import given, strategies as st

from extractor.docnumber import DOC_NUMBER, iter_doc_numbers
from extractor.garbled import MAX_YEAR_SPAN, NumberRun, certain_digits, find_runs
from extractor.models import DocumentMeta, Section, Structure
from extractor.structure import split_sentences

from conftest import CORPORA

DOC_NUMBER_PIECES = ["闵学委办", "教职成", "府", "的", "〔", "〕", "[", "]", "［", "］", "【", "】", "（", "）", "(", ")",
                     "2022", "1949", "2", "03", "117", "第", "号", " ", "\u3000", "\n", "a", "、", "发文"]


@given(st.lists(st.sampled_from(DOC_NUMBER_PIECES), max_size=30).map("".join))
def test_doc_number_scan_from_brackets_equals_finditer(text):
    assert [(m.span(), m.groups()) for m in iter_doc_numbers(text)] == \
           [(m.span(), m.groups()) for m in DOC_NUMBER.finditer(text)]


def test_doc_number_scan_on_the_seeds():
    for path in sorted(CORPORA.glob("*.txt")):
        text = path.read_text("utf-8")
        assert [m.span() for m in iter_doc_numbers(text)] == [m.span() for m in DOC_NUMBER.finditer(text)]
    # the code run swallows a lead-in word (``根据``); citations strip it with code_of
    assert [m.group(0) for m in iter_doc_numbers("根据教育部 〔2016〕4号和长学办〔2010〕03号文件")] == \
           ["根据教育部 〔2016〕4号", "和长学办〔2010〕03号"]


def deepest_by_scan(sections: list[Section], offset: int) -> Section | None:
    """The definition section_at had before it was indexed."""
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best


spans = st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(1, 4))


@given(st.lists(spans, max_size=12))
def test_section_at_equals_the_scan(triples):
    sections = [Section(str(i), "", lvl, (str(i),), s, e) for i, (s, e, lvl) in enumerate(triples)]
    structure = Structure(meta=DocumentMeta(), sections=sections)
    for offset in range(-1, 62):
        assert structure.section_at(offset) is deepest_by_scan(sections, offset)


def test_section_at_follows_a_replaced_or_grown_list():
    structure = Structure(meta=DocumentMeta(), sections=[Section("一", "总体目标", 1, ("一",), 0, 10)])
    assert structure.section_at(5).number == "一"
    structure.sections.append(Section("（一）", "主要任务", 2, ("一", "（一）"), 3, 8))
    assert structure.section_at(5).number == "（一）"
    structure.sections = []
    assert structure.section_at(5) is None


def sentences_by_definition(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_sentences as it was: the inline-item cuts searched inside each sentence."""
    from extractor.structure import INLINE_ITEM, SENTENCE_END
    out = []
    for m in SENTENCE_END.finditer(text, start, end):
        cuts = [m.start()] + [i.start() for i in INLINE_ITEM.finditer(text, m.start(), m.end()) if i.start() > m.start()]
        cuts.append(m.end())
        for s, e in zip(cuts, cuts[1:]):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
        if m.end() >= end:
            break
    return out


SENTENCE_PIECES = ["主要包括：", "（1）", "(2)", "①", "②", "，", "；", "。", "”", "）", " ", "\n", "负责整合资源", "12"]


@given(st.lists(st.sampled_from(SENTENCE_PIECES), max_size=25).map("".join), st.integers(0, 5))
def test_sentences_with_inline_items_equal_the_definition(text, start):
    start = min(start, len(text))
    assert split_sentences(text, start) == sentences_by_definition(text, start, len(text))


def test_sentences_of_a_seed_item_list():
    """Seed 003: ``…主要包括：（1）…；（2）…`` — each item is a clause of its own."""
    text = "市民学习活动主要包括：（1）开展读书活动；（2）举办讲座。"
    assert [text[s:e] for s, e in split_sentences(text)] == ["市民学习活动主要包括：", "（1）开展读书活动；", "（2）举办讲座。"]


def brute_force_certain(runs: list[NumberRun]) -> dict[str, int]:
    """Every injective code→digit map, filtered by the rules: what certain_digits must equal."""
    bounds = {"year": (1949, 2050), "month": (1, 12), "day": (1, 31), "percent": (0, 100)}
    strong = [r for r in runs if r.kind != "count"]
    codes = list(dict.fromkeys(c for r in strong for c in r.codes))
    maps = []
    for digits in itertools.permutations(range(10), len(codes)):
        m = dict(zip(codes, digits))
        ok, years = True, []
        for r in runs:
            if len(r.codes) > 1 and m.get(r.codes[0]) == 0:
                ok = False
            if r.kind != "count":
                value = int("".join(str(m[c]) for c in r.codes))
                low, high = bounds[r.kind]
                ok = ok and low <= value <= high
                if r.kind == "year":
                    years.append(value)
        if ok and (not years or max(years) - min(years) <= MAX_YEAR_SPAN):
            maps.append(m)
    if not maps:
        return {}
    return {c: d for c, d in maps[0].items() if all(m[c] == d for m in maps)}


def test_garbled_solver_equals_brute_force_on_seed_runs():
    """Seed 000's dated runs (``%$!!年 !%月``, ``%$!%年``, ``%$$,年``) and the sidebar's."""
    for text in ["%$!!年 !%月，在区委", "%$!!年 !%月。%$!%年政府总投入。自 %$$,年闵行区", "自 %$$,年闵行区",
                 '截止到 !"#$年 %月! 全区', "%$!!年 !%月 !&日，!\"个街镇，占 '$% 以上"]:
        runs = find_runs(text)
        assert certain_digits(runs) == brute_force_certain(runs), text


CODES = '!"#$%&'
run_kinds = st.tuples(st.text(st.sampled_from(CODES), min_size=1, max_size=4),
                      st.sampled_from(["year", "month", "day", "percent", "count"]))


@given(st.lists(run_kinds, min_size=1, max_size=4))
def test_garbled_solver_equals_brute_force(pairs):
    runs = [NumberRun(0, len(codes), codes, kind if kind != "year" or len(codes) == 4 else "count")
            for codes, kind in pairs]
    assert certain_digits(runs) == brute_force_certain(runs)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8))
def test_zone_test_equals_any_zone(zones):
    from extractor.sections import zone_test
    inside = zone_test(zones)
    for offset in range(-1, 42):
        assert inside(offset) == any(s <= offset < e for s, e in zones)
