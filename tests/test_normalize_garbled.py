"""Garbled subset-font digits: decoded only where certain (seed 000), flagged otherwise."""

from __future__ import annotations

import json

import pytest

from extractor.garbled import NumberRun, certain_digits, decode, find_runs
from extractor.ingest import read_document
from extractor.normalize import normalize

from conftest import seed
from ingest_paths import GOLD


@pytest.fixture(scope="module")
def doc000():
    return normalize(read_document(seed("000")))


def test_main_text_dates_decode(doc000):
    assert "2011年 12月，在区委、区政府的领导下" in doc000.text
    assert "2012年政府总投入社区教育经费" in doc000.text
    assert "目前已有 100家成员单位" in doc000.text
    assert "闵行区 2所成人教育培训中心" in doc000.text
    assert any(r.kind == "garbled-digits" and r.before == "%$!!" and r.after == "2011" for r in doc000.repairs)


def test_sidebar_is_flagged_not_guessed(doc000):
    """The sidebar uses another map: its year would read 19?0 with the main one."""
    assert '截止到 !"#$年' in doc000.text
    flagged = {f.text for f in doc000.flags}
    assert '!"#$' in flagged and "$!!" in flagged
    assert all(f.kind == "garbled" and doc000.text[f.start:f.end] == f.text for f in doc000.flags)


def test_undetermined_codes_are_never_guessed(doc000):
    """`"` is fixed by no date or bound in the text: 14个街镇 stays as written and flagged."""
    assert '老年大学和 !"个街镇社区学校' in doc000.text
    assert any(f.text == '!"' and "not determined" in f.note for f in doc000.flags)


def test_decoded_digits_agree_with_gold_map(doc000):
    """Gold (shared/gold README, decision 7) reads the main text with $=0, !=1, %=2, "=4:
    every run we decoded must read the same, and every gold line stays findable."""
    note = next(json.loads(x)["note"] for x in
                (GOLD / f"{seed('000').stem}.targets.jsonl").read_text("utf-8").splitlines() if "main-text" in x)
    gold_map = dict(pair.split("=") for pair in note[note.index("(") + 1:note.index(";")].split(", "))
    decoded = [r for r in doc000.repairs if r.kind == "garbled-digits"]
    assert len(decoded) >= 6
    for r in decoded:
        assert r.after == "".join(gold_map[c] for c in r.before), r


def test_no_garbled_spans_in_clean_seeds():
    for prefix in ("001", "002", "003", "004"):
        doc = normalize(read_document(seed(prefix)))
        assert doc.flags == [] and not any(r.kind.startswith("garbled") for r in doc.repairs), prefix


def test_runs_need_a_number_position():
    assert find_runs("达到80%以上，(征地农民市民化)为重点") == []
    assert [r.codes for r in find_runs('为全区 !"所镇（街道）')] == ['!"']


def test_constraint_solving_year_and_month():
    runs = find_runs("%$!!年 !%月，在区委")
    assert [r.kind for r in runs] == ["year", "month"]
    assert certain_digits(runs) == {"%": 2, "$": 0, "!": 1}


def test_ambiguous_map_decodes_nothing():
    """A year alone (``%$$,年``) fits 2003…2009: no code is certain."""
    assert all(d.digits is None for d in decode("自 %$$,年闵行区被教育部命名为"))


def test_runs_grouped_by_font_box():
    """In a PDF the font names the box: the same codes in two fonts are solved apart."""
    text = "%$!!年 !%月。截止到 !%$$年"
    runs = [NumberRun(0, 4, "%$!!", "year", "F1"), NumberRun(6, 8, "!%", "month", "F1"),
            NumberRun(15, 19, "!%$$", "year", "F2")]
    out = {d.run.box: d.digits for d in decode(text, runs)}
    assert out["F1"] == "12" and out["F2"] is None


def test_codes_outside_number_positions_are_flagged_too(doc000):
    """``“!.!.!".#$"”`` (network label) and the sidebar's stray codes: flagged, not read as punctuation."""
    stray = {f.text for f in doc000.flags if "outside a number position" in f.note}
    assert '!.!.!".#$"' in stray and "$&" in stray
    assert "(" not in stray  # real parentheses such as （征地农民市民化…) are left alone
