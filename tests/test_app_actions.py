"""The app's actions: the read-only SPARQL console, upload-and-extract, exports (AppTest + pure functions)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from appkit import app_on, build_store, goto
from conftest import SEED_002

SEED_002_ID = SEED_002.stem


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_results) -> Path:
    return build_store(tmp_path_factory.mktemp("actions") / "store", [seed_results["002"], seed_results["004"]])


# --- SPARQL console -------------------------------------------------------------------------

REFUSED = {
    "INSERT DATA": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "LOAD": "LOAD <http://example.org/data.ttl>",
    "CLEAR": "CLEAR ALL",
    "DROP": "DROP GRAPH <urn:g>",
    "INSERT/DELETE": "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
}


@pytest.mark.parametrize("operation", sorted(REFUSED))
def test_console_refuses_updates_with_a_clear_message(seed_store, monkeypatch, operation):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.text_area(key="sq_text").input(REFUSED[operation]).run()
    at.button(key="sq_run").click().run()
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith("只读控制台拒绝执行") and "update" in message and "read-only" in message
    assert not at.dataframe


def test_console_refuses_service(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.text_area(key="sq_text").input("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").run()
    at.button(key="sq_run").click().run()
    assert "SERVICE" in at.error[0].value


def test_console_runs_a_named_example_and_offers_csv(seed_store, seed_results, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "console")
    assert at.selectbox(key="sq_example").value == "owners_table"
    assert "pkg:Assignment" in at.text_area(key="sq_text").value
    at.button(key="sq_run").click().run()
    assert not at.error
    frame = at.dataframe[0].value
    assert {"doc", "task", "unit", "role"} <= set(frame.columns)
    # distinct rows: a unit named in two documents has its label in both graphs, and the
    # named query joins over their union (reported to the graph owner)
    assert len(frame.drop_duplicates()) == len(seed_results["002"].assignments) + len(seed_results["004"].assignments)
    assert at.download_button(key="sq_download")


def test_console_binds_a_named_querys_parameter(seed_store, seed_results, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.selectbox(key="sq_example").select("what_does_unit_own").run()
    at.text_input(key="sq_param_unit").input("社区学院").run()
    at.button(key="sq_run").click().run()
    assert not at.error
    frame = at.dataframe[0].value
    expected = [a for r in (seed_results["002"], seed_results["004"]) for a in r.assignments
                if "社区学院" in a.unit or "社区学院" in a.unit_text]
    assert len(frame.drop_duplicates()) == len(expected) > 0
    assert "unit" not in frame.columns  # the bound parameter is not a result column


def test_console_query_times_out_in_its_own_process(seed_store):
    from extractor.webapp.console import run_query

    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = run_query(str(seed_store), heavy, timeout=1.0)
    assert result.get("timeout") is True
    assert "1.0" in result["error"]


# --- upload and extract ---------------------------------------------------------------------


def test_sanitise_name_drops_directories_and_odd_characters():
    from extractor.webapp.upload import sanitise_name

    assert sanitise_name("../../etc/passwd") == "passwd"
    assert sanitise_name("..\\..\\规划 2025(定稿).TXT") == "规划_2025_定稿.txt"
    assert sanitise_name(".hidden.md") == "hidden.md"
    assert sanitise_name("$$$.txt") == "upload.txt"


def test_check_upload_refuses_wrong_type_size_and_empty():
    from extractor.webapp.upload import MAX_UPLOAD_BYTES, UploadError, check_upload

    with pytest.raises(UploadError, match="不支持的文件类型"):
        check_upload("tool.exe", b"MZ")
    with pytest.raises(UploadError, match="超过上限"):
        check_upload("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(UploadError, match="空"):
        check_upload("blank.txt", b"  \n")
    assert check_upload("通知.txt", "一、总体要求".encode()) == "通知.txt"


def test_upload_extracts_then_adds_to_the_store(tmp_path, seed_store, seed_results, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    at = goto(app_on(store, monkeypatch), "upload")
    payload = SEED_002.read_bytes()
    at.file_uploader(key="upload_file").set_value(("../长宁 要点.txt", payload, "text/plain")).run()
    assert not at.error
    n = len(seed_results["002"].assignments)
    assert at.success[0].value.startswith(f"抽取结果：{n} 条责任关系")
    assert len(at.dataframe[0].value) == n
    at.button(key="upload_add").click().run()
    assert at.success[-1].value.startswith("已加入存储：长宁_要点")
    kept = tmp_path / "uploads" / "长宁_要点.txt"
    assert kept.read_bytes() == payload
    at = goto(at, "owners")
    assert "长宁_要点" in set(at.dataframe[0].value["文件"])


def test_upload_of_an_unreadable_file_shows_one_clear_error(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "upload")
    at.file_uploader(key="upload_file").set_value(("bin.txt", b"\x00\x01\x02" * 100, "text/plain")).run()
    assert len(at.error) == 1 and "binary" in at.error[0].value


# --- exports --------------------------------------------------------------------------------


def test_exports_page_offers_each_format(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "exports")
    for fmt in ("ttl", "jsonld", "tasks_csv", "targets_csv", "graphml"):
        at.radio(key="exp_format").set_value(fmt).run()
        assert not at.exception
        assert at.download_button(key="exp_download").proto.label.startswith("下载")
        assert int(at.caption[0].value.split()[0]) > 100


def test_rdf_exports_round_trip_whole_store_and_selection(seed_store):
    import pyoxigraph as ox
    from rdflib import Graph

    from extractor.webapp.exports import rdf_bytes

    store = ox.Store.read_only(str(seed_store))
    graph = next(q.graph_name for q in store.quads_for_pattern(None, None, ox.Literal(SEED_002_ID), None))
    in_002 = len(list(store.quads_for_pattern(None, None, None, graph)))
    union = {q.triple for q in store}
    whole = Graph().parse(data=rdf_bytes(str(seed_store), [], "ttl"), format="turtle")
    one = Graph().parse(data=rdf_bytes(str(seed_store), [SEED_002_ID], "jsonld"), format="json-ld")
    assert len(whole) == len(union)
    assert len(one) == in_002 < len(union)


def test_csv_and_graphml_exports_hold_the_selection(seed_store, seed_results):
    import networkx as nx
    import pandas as pd

    from extractor.webapp.exports import graphml_bytes, targets_csv, tasks_csv

    rows = pd.read_csv(io.BytesIO(tasks_csv(str(seed_store), [SEED_002_ID])))
    assert list(rows.columns)[:6] == ["doc", "section", "task", "unit", "unit_text", "role"]
    assert len(rows) == len(seed_results["002"].assignments)
    assert set(rows["doc"]) == {SEED_002_ID}
    figures = pd.read_csv(io.BytesIO(targets_csv(str(seed_store), ["004_7a9966ac9018b55a"])), encoding="utf-8-sig")
    assert len(figures) == len(seed_results["004"].targets)
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(str(seed_store), [SEED_002_ID])))
    kinds = nx.get_node_attributes(graph, "kind")
    units = {a.unit for a in seed_results["002"].assignments}
    assert sum(1 for k in kinds.values() if k in {"unit", "collective"}) == len(units)
    assert sum(1 for k in kinds.values() if k == "document") == 1
