"""SHACL: every seed and corpus document's graph conforms; broken nodes are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from extractor.graph import document_graph, merged_graph
from extractor.validate import validate
from extractor.vocab import PKG

from conftest import DEV_CORPUS, ROOT


def dev_corpus() -> Path:
    """``../shared/corpus`` as conftest has it, or the nearest ``shared/corpus`` above (git worktrees)."""
    if DEV_CORPUS.is_dir():
        return DEV_CORPUS
    found = next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), None)
    if found is None:
        pytest.skip("the dev corpus (shared/corpus) is not available here")
    return found


@pytest.fixture(scope="module")
def seed_graph(seed_results) -> Graph:
    return merged_graph(seed_results.values())


def test_seed_graph_conforms(seed_graph: Graph):
    assert validate(seed_graph) == []


@pytest.mark.slow
def test_dev_corpus_graphs_conform():
    from extractor.pipeline import extract_file

    paths = sorted(p for p in dev_corpus().iterdir() if p.suffix in {".txt", ".md"} and p.name != "README.md")
    assert paths, "no dev corpus documents found"
    g = merged_graph(extract_file(p) for p in paths)
    assert validate(g) == []


def test_task_without_evidence_is_reported(seed_results):
    g = document_graph(seed_results["002"])
    task = next(g.subjects(predicate=PKG.text))
    g.remove((task, PKG.evidence, None))
    violations = validate(g)
    assert [(v.focus, v.path) for v in violations] == [(str(task), str(PKG.evidence))]
    assert "evidence" in violations[0].message


def test_assignment_with_unknown_role_and_no_document_is_reported(seed_results):
    g = document_graph(seed_results["002"])
    a = next(g.subjects(predicate=PKG.role))
    g.set((a, PKG.role, type(next(g.objects(a, PKG.role)))("boss")))
    g.remove((a, PKG.document, None))
    paths = {v.path for v in validate(g) if v.focus == str(a)}
    assert paths == {str(PKG.role), str(PKG.document)}
