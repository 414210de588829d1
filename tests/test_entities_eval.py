"""Organisation and collective-actor scoring (``policykg eval``) on small hand-made cases."""

from __future__ import annotations

from extractor.evaluate import (Gold, entity_row, evaluate_document, format_misses, format_table, match_entities,
                                match_units, predicted_units, report)
from extractor.models import EntitySpan


def ent(text: str, canonical: str | None = None, label: str = "ORG") -> dict:
    return {"label": label, "text": text, "canonical": canonical or text}


def test_written_and_canonical_forms_both_match():
    # a Minhang document: 区社区学院 → 闵行区社区学院; the gold lists both spellings
    units = predicted_units([ent("区社区学院", "闵行区社区学院"), ent("闵行区社区学院")], frozenset({"ORG"}))
    assert list(units) == ["闵行区社区学院"]  # one canonical unit, however spelled
    m = match_units(units, ["区社区学院", "上海市闵行区社区学院"])
    assert (len(m.found), len(m.missed), len(m.correct), len(m.wrong)) == (2, 0, 1, 0)
    assert m.precision == 1.0 and m.recall == 1.0


def test_leading_region_dropped_on_either_side_and_whitespace_ignored():
    m = match_units(predicted_units([ent("长宁区 社区学院")], frozenset({"ORG"})), ["上海市长宁区社区学院"])
    assert m.recall == 1.0 and m.precision == 1.0


def test_fragments_and_persons_are_false_positives():
    entities = [ent("区社区学院", "闵行区社区学院"), ent("区社区", "闵行区社区"), ent("负责人")]
    m = match_units(predicted_units(entities, frozenset({"ORG"})), ["区社区学院", "区教育局"])
    assert sorted(m.wrong) == ["负责人", "闵行区社区"]
    assert m.missed == ["区教育局"]
    assert (round(m.precision, 4), m.recall) == (round(1 / 3, 4), 0.5)


def test_an_alias_the_gold_gives_matches_but_adds_no_gold_name():
    """Seed 001's gold lists 闵行区社区教育志愿者联盟 in ``orgs`` and gives 志愿者联盟 as its
    alias under ``alliances``: a unit written 志愿者联盟 is that alliance (README: a unit
    matches the gold unit, its full form or an alias); recall still counts one gold name."""
    gold = {"orgs": ["闵行区社区教育志愿者联盟", "区文明办"],
            "alliances": [{"name": "闵行区社区教育志愿者联盟", "lead": [], "members": [], "aliases": ["志愿者联盟"]}]}
    m = match_entities([ent("志愿者联盟", label="ALLIANCE")], gold)["orgs"]
    assert m.correct == ["志愿者联盟"] and m.found == ["闵行区社区教育志愿者联盟"] and m.missed == ["区文明办"]
    # without the alias in the gold, the short form is a false positive
    m = match_entities([ent("志愿者联盟", label="ALLIANCE")], {"orgs": gold["orgs"]})["orgs"]
    assert m.wrong == ["志愿者联盟"] and m.recall == 0.0


def test_collectives_scored_apart_and_a_mistyped_unit_counts_against_both():
    entities = [ent("各街镇", "闵行区各街镇", "COLLECTIVE"), ent("社区学校"), ent("区教育局", "闵行区教育局")]
    result = match_entities(entities, {"orgs": ["区教育局"], "collective_actors": ["各街镇", "社区学校"]})
    assert result["orgs"].wrong == ["社区学校"]  # typed ORG, gold says a class of units
    assert result["collectives"].missed == ["社区学校"]
    assert result["collectives"].correct == ["闵行区各街镇"]


def test_eval_report_and_table_carry_org_scores():
    gold = Gold(stem="x", tasks=[], tasks_ambiguous=[], targets=[], targets_ambiguous=[],
                meta={"orgs": ["区教育局", "区财政局"], "collective_actors": ["各街镇"]})
    entities = [entity_row(EntitySpan("ORG", 0, 4, "区教育局", "闵行区教育局")),
                entity_row(EntitySpan("ORG", 5, 8, "学院负责", "学院负责"))]
    doc = evaluate_document("x", [], [], {}, gold, entities)
    rep = report([doc], misses=True)
    assert rep["total"]["meta"]["orgs"] == {"gold": 2, "found": 1, "predicted": 2, "correct": 1,
                                    "precision": 0.5, "recall": 0.5}
    assert rep["documents"]["x"]["meta"]["collectives"]["recall"] == 0.0
    table = format_table(rep)
    assert "orgs P" in table and "1/2" in table
    assert "x orgs    FP   学院负责" in format_misses(rep)
    assert "x orgs    MISS 区财政局" in format_misses(rep)


def test_without_entities_no_org_scores():
    gold = Gold(stem="x", tasks=[], tasks_ambiguous=[], targets=[], targets_ambiguous=[], meta={"orgs": ["区委"]})
    rep = report([evaluate_document("x", [], [], {}, gold)])
    assert "orgs" not in rep["total"]["meta"] and "orgs P" not in format_table(rep)
