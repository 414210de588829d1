"""The remote store over the SPARQL 1.1 protocol and Graph Store Protocol, against a real
``oxigraph serve`` started on 127.0.0.1 for this module and stopped after it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extractor.errors import PolicyKGError
from extractor.graph import doc_iri, document_nquads
from extractor.queries import UnsafeQuery, run_named, run_query
from extractor.remote_store import RemoteStore


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    exe = _oxigraph()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()[:300]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def remote(server, seed_results) -> RemoteStore:
    store = RemoteStore(server)
    for key in ("002", "004"):
        store.put_document(seed_results[key])
    return store


def test_put_document_writes_one_named_graph_per_document(remote, seed_results):
    names = remote.graph_names()
    assert names == sorted(str(doc_iri(seed_results[k].doc_id)) for k in ("002", "004"))
    body = remote.get_graph(str(doc_iri(seed_results["002"].doc_id))).decode("utf-8")
    assert len([line for line in body.splitlines() if line.strip()]) == len(document_nquads(seed_results["002"]))


def test_put_again_replaces_instead_of_duplicating(remote, seed_results):
    n = len(remote)
    remote.put_document(seed_results["002"])
    assert len(remote) == n


def test_named_query_with_bound_parameter_over_http(remote):
    rows = run_named(remote, "what_does_unit_own", {"unit": "社区学院"}).rows
    assert rows and all("社区学院" in r["unit_label"] or "社区学院" in r["unit_text"] for r in rows)
    assert "unit" not in rows[0]  # the parameter column is not printed


def test_who_owns_what_same_on_remote_and_embedded(remote, seed_results, tmp_path):
    from extractor.store import OxigraphStore

    local = OxigraphStore(tmp_path / "s")
    for key in ("002", "004"):
        local.put_document(seed_results[key])
    from extractor.queries import named_queries

    q = named_queries()["owners_table"].sparql
    assert run_query(remote, q).rows == run_query(local, q).rows


def test_updates_are_refused_before_reaching_the_server(remote):
    n = len(remote)
    with pytest.raises(UnsafeQuery):
        run_query(remote, "DROP ALL")
    assert len(remote) == n


def test_remove_document_and_unreachable_server_message(remote, seed_results):
    remote.remove_document(seed_results["004"].doc_id)
    assert remote.graph_names() == [str(doc_iri(seed_results["002"].doc_id))]
    with pytest.raises(PolicyKGError, match="cannot reach"):
        len(RemoteStore(f"http://127.0.0.1:{_free_port()}"))
