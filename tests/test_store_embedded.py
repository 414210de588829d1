"""The embedded store: one named graph per document, replaced atomically and alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPORA, SEED_002, seed
from extractor.graph import doc_iri, document_nquads
from extractor.pipeline import extract_file
from extractor.store import OxigraphStore, open_store


def graph_quads(store: OxigraphStore, doc_id: str) -> list[str]:
    return sorted(f"{q} .\n" for q in store.quads(str(doc_iri(doc_id))))


@pytest.fixture()
def two_docs(tmp_path: Path):
    a, b = tmp_path / SEED_002.name, tmp_path / seed("004").name
    shutil.copy(SEED_002, a)
    shutil.copy(seed("004"), b)
    store = OxigraphStore(tmp_path / "store")
    for path in (a, b):
        store.put_document(extract_file(path))
    return store, a, b


def test_reextracting_a_changed_document_changes_only_its_graph(two_docs):
    store, a, b = two_docs
    ra, rb = extract_file(a), extract_file(b)
    before_a, before_b = graph_quads(store, ra.doc_id), graph_quads(store, rb.doc_id)
    assert before_a == document_nquads(ra) and before_b == document_nquads(rb)

    text = a.read_text(encoding="utf-8")
    marker = text.index("（牵头单位", len(text) // 2)  # keep the first half up to a section-final marker
    a.write_text(text[:text.index("）", marker) + 1], encoding="utf-8")
    changed = extract_file(a)
    assert 0 < len(changed.assignments) < len(ra.assignments)
    store.put_document(changed)

    assert graph_quads(store, rb.doc_id) == before_b  # the other document is untouched
    after_a = graph_quads(store, ra.doc_id)
    assert after_a != before_a
    assert after_a == document_nquads(changed)  # no stale quads of the old version
    assert store.graph_names() == sorted([str(doc_iri(ra.doc_id)), str(doc_iri(rb.doc_id))])


def test_putting_the_same_document_twice_is_idempotent(two_docs):
    store, a, _b = two_docs
    n = len(store)
    store.put_document(extract_file(a))
    assert len(store) == n


def test_remove_document(two_docs):
    store, a, b = two_docs
    store.remove_document(a.stem)
    assert store.graph_names() == [str(doc_iri(b.stem))]


def test_read_only_store_answers_queries(tmp_path: Path, seed_results):
    store = OxigraphStore(tmp_path / "s")
    store.put_document(seed_results["002"])
    store.flush()
    del store
    ro = open_store(tmp_path / "s", read_only=True)
    rows = list(ro.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/policykg/ns#Assignment> }"))
    assert int(rows[0]["n"].value) == len(seed_results["002"].assignments)
