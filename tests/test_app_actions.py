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
def test_read_only_check_refuses_updates_naming_them(operation):
    from extractor.webapp.readonly import ReadOnlyViolation, check_read_only

    with pytest.raises(ReadOnlyViolation, match="只读") as refused:
        check_read_only(REFUSED[operation])
    assert operation.split("/")[0] in str(refused.value)


def test_read_only_check_refuses_service_even_nested():
    from extractor.webapp.readonly import ReadOnlyViolation, check_read_only

    nested = "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://example.org/sparql> { ?s ?q ?r } } }"
    with pytest.raises(ReadOnlyViolation, match="SERVICE"):
        check_read_only(nested)


def test_read_only_check_accepts_queries_and_ignores_keywords_in_strings():
    from extractor.webapp.readonly import check_read_only

    assert check_read_only('SELECT ?s WHERE { ?s ?p "INSERT DATA SERVICE LOAD" }') == "SelectQuery"
    assert check_read_only("ASK { ?s ?p ?o }") == "AskQuery"
    assert check_read_only("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "ConstructQuery"


@pytest.mark.parametrize("operation", ["INSERT DATA", "LOAD", "CLEAR"])
def test_console_refuses_updates_with_a_clear_message(seed_store, monkeypatch, operation):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.text_area(key="sq_text").input(REFUSED[operation]).run()
    at.button(key="sq_run").click().run()
    assert len(at.error) == 1
    assert "只读控制台不允许更新操作" in at.error[0].value and operation in at.error[0].value
    assert not at.dataframe


def test_console_refuses_service(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.text_area(key="sq_text").input("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").run()
    at.button(key="sq_run").click().run()
    assert "SERVICE" in at.error[0].value


def test_console_runs_a_named_example_and_offers_csv(seed_store, seed_results, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "console")
    at.selectbox(key="sq_example").select("who_owns_what").run()
    assert "pkg:Assignment" in at.text_area(key="sq_text").value
    at.button(key="sq_run").click().run()
    assert not at.error
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["unit", "role", "task", "doc"]
    assert len(frame) == min(200, len(seed_results["002"].assignments) + len(seed_results["004"].assignments))
    assert at.download_button(key="sq_download")


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
    for fmt in ("turtle", "jsonld", "tasks_csv", "graphml"):
        at.radio(key="exp_format").set_value(fmt).run()
        assert not at.exception
        assert at.download_button(key="exp_download").proto.label.startswith("下载")
        assert int(at.caption[0].value.split()[0]) > 100


def test_rdf_exports_round_trip_whole_store_and_selection(seed_store, seed_results):
    import pyoxigraph as ox
    from rdflib import Graph

    from extractor.graph import document_graph
    from extractor.webapp.exports import rdf_bytes

    whole = Graph().parse(data=rdf_bytes(str(seed_store), [], "turtle"), format="turtle")
    one = Graph().parse(data=rdf_bytes(str(seed_store), [SEED_002_ID], "jsonld"), format="json-ld")
    expected_one = document_graph(seed_results["002"], Graph())
    assert len(one) == len(expected_one)
    assert len(whole) > len(one)
    assert len(whole) == len(set(ox.Store.read_only(str(seed_store)).query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")))


def test_csv_and_graphml_exports_hold_the_tasks(seed_store, seed_results):
    import networkx as nx
    import pandas as pd

    from extractor.webapp.exports import graphml_bytes, tasks_csv

    rows = pd.read_csv(io.BytesIO(tasks_csv(str(seed_store), [SEED_002_ID])), encoding="utf-8-sig")
    assert list(rows.columns)[:6] == ["doc", "section", "task", "unit", "unit_text", "role"]
    assert len(rows) == len(seed_results["002"].assignments)
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(str(seed_store), [SEED_002_ID])))
    kinds = nx.get_node_attributes(graph, "kind")
    assert sum(1 for k in kinds.values() if k == "unit") == len({a.unit for a in seed_results["002"].assignments})
    assert sum(1 for k in kinds.values() if k == "document") == 1
