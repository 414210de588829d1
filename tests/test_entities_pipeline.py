"""The entity layer end to end: one node per unit and region, dates with the document year,
the faster scanners agreeing with the regular expressions they replaced, one member-list
reader and cn2an for numerals."""

from __future__ import annotations

import pytest

from extractor import unit_grammar as grammar
from extractor.alliances import member_lists, strip_count
from extractor.dates import cn_number

from conftest import CORPORA, DEV_CORPUS


def test_community_college_is_one_node_per_region(seed_results):
    """#6 done-when: 区社区学院 in seeds 000 and 001 (Minhang) is one node, in 002 (Changning) another."""
    def nodes(prefix: str) -> set[str]:
        return {e.canonical for e in seed_results[prefix].entities
                if e.label == "ORG" and e.text.endswith("社区学院") and e.text.startswith(("区", "闵行区", "长宁区"))}

    assert nodes("000") == nodes("001") == {"闵行区社区学院"}
    assert nodes("002") == {"长宁区社区学院"}


@pytest.mark.parametrize("prefix, year, expected", [
    ("002", 2010, {("第一季度", "2010-Q1"), ("4-6月", "2010-04/2010-06"), ("年内", "2010-12"), ("10月", "2010-10")}),
    ("003", 2013, {("二〇一三年一月", "2013-01"), ("2013年4月-2014年9月", "2013-04/2014-09")}),
    ("004", 2017, {("2017年4月15日", "2017-04-15"), ("2020年", "2020")}),
])
def test_seed_dates_normalise_with_the_document_year(seed_results, prefix: str, year: int, expected: set):
    """#6 done-when: the dates of seeds 002–004, relative ones read in the document's year."""
    result = seed_results[prefix]
    assert result.structure.meta.year == year
    found = {("".join(e.text.split()), e.canonical) for e in result.entities if e.label in ("DATE", "PERIOD")}
    assert expected <= found


def _texts() -> list[str]:
    files = sorted(CORPORA.glob("*.txt")) + sorted(DEV_CORPUS.glob("d0*"))
    return [p.read_text(encoding="utf-8") for p in files]


def test_region_chains_match_the_regular_expression_they_replace():
    """The Aho-Corasick scan finds the same region chains as ``(?:中共)?(?:REGION)+``."""
    reference = grammar.region_re()
    for text in _texts():
        assert list(grammar.region_chains(text)) == [m.span() for m in reference.finditer(text)]


def test_longest_at_is_leftmost_longest_without_overlaps():
    automaton = grammar.word_automaton(["区政府", "区政府办公室", "政府", "办公室主任"])
    text = "由区政府办公室主任和区政府负责"
    found = {text[s:s + n] for s, n in grammar.longest_at(automaton, text).items()}
    assert found == {"区政府办公室", "区政府"}


def test_one_member_list_reader():
    """alliances and relations/members read ``…等成员单位`` with the same reader (seed 000)."""
    text = "成人教育联盟由闵行区成人教育协会牵头，闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇社区学校等成员单位，挖掘资源。"
    lists = [m.group("list") for m in member_lists(text, 0, len(text))]
    assert lists == ["闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇社区学校"]
    assert strip_count("闵行区 2所成人教育培训中心") == "成人教育培训中心"
    assert strip_count(" 14个街镇社区学校") == "街镇社区学校"
    assert strip_count("%所成人教育培训中心") == "成人教育培训中心"  # seed 000's undecoded digit


def test_relations_members_use_the_alliance_reader():
    from extractor.relations import members

    assert members.member_lists is member_lists and members.strip_count is strip_count


@pytest.mark.parametrize("written, value", [
    ("二〇一三", 2013), ("二○一三", 2013), ("2017", 2017), ("十二", 12), ("二十一", 21), ("03", 3), ("十", 10),
])
def test_cn_number_through_cn2an(written: str, value: int):
    assert cn_number(written) == value


def test_cn_number_refuses_non_numbers():
    with pytest.raises(ValueError):
        cn_number("年底")


def test_seed_org_scores_do_not_drop(seed_results):
    """Organisation P/R on the seeds (``policykg eval``'s entity lines) stay at least where
    this branch left them: 2026-11-26 orgs P 0.956 R 0.953 (goal 0.95 both), collective actors
    P 0.63 R 0.92.  Raise the floors with the scores; never lower them to pass."""
    import json

    from extractor.evaluate import entity_row, match_entities

    from conftest import find_shared

    total = None
    coll = None
    for result in seed_results.values():
        gold = json.loads((find_shared() / "gold" / f"{result.doc_id}.meta.json").read_text(encoding="utf-8"))
        m = match_entities([entity_row(e) for e in result.entities], gold)
        total = m["orgs"] if total is None else total + m["orgs"]
        coll = m["collectives"] if coll is None else coll + m["collectives"]
    assert total.precision >= 0.955 and total.recall >= 0.953
    assert coll.recall >= 0.92


def test_region_chain_end_matches_only_at_the_position():
    """relations.inline.name_end_at asks where a region prefix that starts at a unit ends."""
    from extractor import unit_grammar as g

    assert g.region_chain_end("上海市闵行区教育局会同区财政局", 0) == 6
    assert g.region_chain_end("中共杭州市委", 0) == 5
    assert g.region_chain_end("区教育局", 0) is None
    assert g.region_chain_end("在闵行区", 0) is None
    assert g.region_chain_end("上海市闵行区", 0, 3) == 3
