"""pkg:periodEnd: the plan period's last year of a target whose text states no deadline.

Seed 001 is the 闵行区终身教育改革与发展“十四五”规划: its figures without a stated
year (建设…市级人文行走站点10个) end with the plan in 2025; figures that state one
(到2025年…) keep it in pkg:deadline and get no period end, so stated and assumed years
stay apart in the graph, the named query, the app's table and its CSV.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from extractor.graph import document_graph
from extractor.queries import run_named
from extractor.validate import validate
from extractor.vocab import PKG

SEED = "001"


def _targets_by_indicator(g, indicator: str) -> list[URIRef]:
    return [t for t in g.subjects(RDF.type, PKG.Target) if str(g.value(t, PKG.indicatorText)) == indicator]


def test_target_without_deadline_in_a_14th_five_year_plan_ends_in_2025(seed_results):
    result = seed_results[SEED]
    undated = [t for t in result.targets if t.deadline is None and t.period_end]
    assert any(t.indicator == "市级人文行走站点" for t in undated)
    g = document_graph(result)
    (node,) = _targets_by_indicator(g, "市级人文行走站点")
    assert g.value(node, PKG.periodEnd) == Literal("2025", datatype=XSD.gYear)
    assert g.value(node, PKG.deadline) is None
    # one period end per target that has one, none on a target with a stated deadline
    assert len(set(g.subjects(PKG.periodEnd, None))) == len({(t.start, t.end, t.indicator, t.value) for t in undated})
    assert not set(g.subjects(PKG.periodEnd, None)) & set(g.subjects(PKG.deadline, None))


def test_period_end_conforms_to_the_shapes_and_a_bad_one_is_reported(seed_results):
    g = document_graph(seed_results[SEED])
    assert validate(g) == []
    (node,) = _targets_by_indicator(g, "市级人文行走站点")
    g.remove((node, PKG.periodEnd, None))
    g.add((node, PKG.periodEnd, Literal("十四五期末")))  # not an xsd:gYear
    bad = validate(g)
    assert [(v.focus, v.path) for v in bad] == [(str(node), str(PKG.periodEnd))]


def test_targets_by_indicator_lists_the_period_end(store):
    rows = run_named(store, "targets_by_indicator", {"indicator": "市级人文行走站点"}).rows
    assert rows and {r["period_end"] for r in rows} == {"2025"}
    stated = run_named(store, "targets_by_indicator", {"indicator": "终身教育在线学习资源"}).rows
    assert stated and all(r["deadline"] and not r["period_end"] for r in stated)


def test_app_targets_table_and_csv_show_the_period_end(seed_results, tmp_path):
    import io

    import pandas as pd
    from appkit import build_store

    from extractor.webapp import data
    from extractor.webapp.exports import targets_csv
    from extractor.webapp.targets import ALL, TABLE_COLUMNS, comparison

    path = str(build_store(tmp_path / "store", [seed_results[SEED]]))
    table = comparison(data.targets(path), ALL)
    rows = table[table["indicator_text"] == "市级人文行走站点"]
    assert "period_end" in TABLE_COLUMNS and list(rows["period_end"].astype(str)) == ["2025"] * len(rows) != []
    figures = pd.read_csv(io.BytesIO(targets_csv(path, [])), encoding="utf-8-sig", dtype=str)
    walk = figures[figures["indicator_text"] == "市级人文行走站点"]
    assert list(walk["period_end"]) == ["2025"] * len(walk) != []
