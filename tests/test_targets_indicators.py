"""Indicator scheme (ontology/indicators.ttl), linking, comparison across regions, eval."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from extractor.evaluate import TARGET_CHECKS, Gold, match, match_targets, same_deadline, score, target_matches
from extractor.indicators import SCHEME_PATH, best_match, compare_rows, concepts, link_indicator, normalise
from extractor.pipeline import extract_file
from extractor.rows import target_row
from extractor.targets import plan_end_year

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.exists()), ROOT.parent / "shared")
IND = "https://w3id.org/policykg/indicator/"


def test_scheme_is_skos_with_chinese_labels():
    g = Graph().parse(SCHEME_PATH, format="turtle")
    assert (None, RDF.type, SKOS.ConceptScheme) in g
    linked = concepts()
    assert len(linked) >= 40
    for c in linked:
        assert c.label and any("\u4e00" <= ch <= "\u9fff" for ch in c.label), c.iri
        assert (None, SKOS.broader, None) in g


def test_normalise_drops_region_verbs_and_count_suffix():
    assert normalise("闵行区终身教育学习点数量") == "终身教育学习点"
    assert normalise("新增群众性学习团队") == "群众性学习团队"
    assert normalise("“建筑可阅读”线下走读线路数") == "建筑可阅读线下走读线路"


@pytest.mark.parametrize("indicator, unit, concept", [
    ("终身教育在线学习资源", "个", "online-courses"),  # seed 001 table, exact altLabel
    ("在线终身学习课程", "集", "online-courses"),  # seed 001 text, same concept, other unit
    ("区社区学院街道分院（成人学校）教学用房", "平方米", "teaching-space"),  # seed 004, contained
    ("区级和街道均按常住人口数", "元/人", None),  # no clear indicator: keeps its own label
    ("旧住房修缮更新", "平方米", "old-housing-repair-area"),  # corpus d01
    ("老旧住房综合修缮改造累计面积", "平方米", "old-housing-repair-area"),  # corpus d04 table
    ("“公园型”美丽街区", "个", None),  # 公园 is not the head noun
    ("社区公园", "座", "parks"),  # corpus d07
    ("森林覆盖率", "平方米", None),  # unit mismatch: no link
])
def test_link_indicator(indicator, unit, concept):
    got = link_indicator(indicator, unit)
    assert got == (IND + concept if concept else None)


def test_fuzzy_match_needs_threshold():
    m = best_match("终身学习社会学习点位", "个")  # one extra character: fuzzy, above threshold
    assert m is not None and m.concept.iri.endswith("learning-points")


@pytest.fixture(scope="module")
def compared():
    files = [next((SHARED / "corpus").glob("d01_*")), next((SHARED / "corpus").glob("d04_*"))]
    if not all(f.exists() for f in files):
        pytest.skip("../shared/corpus not available")
    rows = [target_row(t) for f in files for t in extract_file(f).targets]
    return compare_rows(rows)


def test_compare_two_regions_share_an_indicator(compared):
    # corpus d01 (松江: 完成旧住房修缮更新60万平方米) and d04 (黄浦: 老旧住房综合修缮改造累计面积 100 万平方米)
    rows = [r for r in compared if r["indicator_id"] == IND + "old-housing-repair-area"]
    assert [(r["region"], r["value"], r["unit"]) for r in rows] == [
        ("上海市松江区", 600000, "平方米"), ("上海市黄浦区", 1000000, "平方米")]
    assert rows[0]["indicator_label"] == "旧住房修缮面积"
    assert {r["kind"] for r in compared} <= {"target", "projection"}


def test_targets_f1_per_seed(seed_results):
    gold_dir = SHARED / "gold"
    if not gold_dir.exists():
        pytest.skip("../shared/gold not available")
    for prefix, result in seed_results.items():
        gold = Gold.load(gold_dir, Path(result.document.path).stem)
        rows = [target_row(t) for t in result.targets]
        s = score(match_targets(rows, gold), TARGET_CHECKS)
        assert s.f1 >= 0.9, (prefix, s.as_dict())
        for check in ("comparator", "kind"):
            assert s.accuracy(check) is None or s.accuracy(check) >= 0.9, (prefix, check, s.as_dict())
        # deadlines: only what the document states (gold leaves a plan-period target without a
        # written year at null; the extractor keeps the period's end apart, in period_end)
        plan_end = plan_end_year(result.structure.meta.title)
        pairs = match_targets(rows, gold).pairs
        wrong = [(r["value"], r["deadline"], g.get("deadline")) for r, g in pairs if not same_deadline(r, g)]
        assert all(r["period_end"] in (None, str(plan_end)) for r in rows), prefix
        assert not wrong, (prefix, wrong)
        # kind over every gold figure, stats included: a stat read as a target is an error
        every = match(rows, gold.targets + [g for g in gold.targets_ambiguous if g.get("kind") == "stat"
                                            and g.get("value") is not None], [], target_matches)
        wrong = [(r["value"], r["kind"], g["kind"]) for r, g in every.pairs if r["kind"] != g["kind"]]
        assert not wrong, (prefix, wrong)


def test_cli_targets_compare_jsonl():
    import json

    from typer.testing import CliRunner

    from extractor.cli import app

    corpus = SHARED / "corpus"
    if not corpus.exists():
        pytest.skip("../shared/corpus not available")
    files = [str(next(corpus.glob("d01_*"))), str(next(corpus.glob("d04_*")))]
    out = CliRunner().invoke(app, ["targets", "--compare", *files])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    assert {r["doc"][:3] for r in rows if r["indicator_id"] == IND + "old-housing-repair-area"} == {"d01", "d04"}
