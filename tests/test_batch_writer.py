"""The batch writer: groups spooled to disk and bulk-loaded, replacements, a refused graph, journalling."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import batch
from extractor.batch import StoreWriter, as_ntriples, graph_ntriples
from extractor.graph import doc_value
from extractor.manifest import Manifest
from extractor.store import OxigraphStore
from extractor.worker import Outcome

EX = "https://example.org/"


def nquads(doc_id: str, n: int, label: str = "x") -> bytes:
    """``n`` quads in the document's graph, one with a literal holding an escaped newline and a ``.``."""
    g = doc_value(doc_id)
    lines = [f'<{EX}s{i}> <{EX}p> "{label} {i} .\\n <{g}> ." <{g}> .\n' for i in range(n)]
    return "".join(lines).encode("utf-8")


def outcome(doc_id: str, nq: bytes) -> Outcome:
    return Outcome(path=f"/corpus/{doc_id}.txt", doc_id=doc_id, status="ok", sha256="0" * 64,
                   triples=nq.count(b"\n"), nq=nq)


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    return OxigraphStore(tmp_path / "store")


def test_as_ntriples_drops_only_the_graph_name():
    nq = nquads("d1", 3)
    nt = as_ntriples(nq, "d1")
    assert nt.count(b"\n") == 3 and nt.endswith(b'" .\n')
    assert f"<{doc_value('d1')}> .\"".encode() in nt  # the same text inside a literal is kept
    assert as_ntriples(nq, "other") == nq  # another document's name: nothing to drop


def test_groups_are_bulk_loaded_from_disk_and_journalled(store: OxigraphStore, tmp_path: Path):
    manifest = Manifest.open(tmp_path / "store")
    writer = StoreWriter(store, manifest, "v1")
    outs = [outcome(f"d{i}", nquads(f"d{i}", 5 + i)) for i in range(3)]
    for out in outs:
        writer.add(out)
    assert all(out.nq is None for out in outs)  # the quads wait in the group's spool file, not in memory
    assert writer.group is not None and len(writer.group) == 3 and writer.group.triples == 5 + 6 + 7
    done = writer.close()
    assert sorted(o.doc_id for o in done) == ["d0", "d1", "d2"] and all(o.status == "ok" for o in done)
    assert len(store) == 18
    assert graph_ntriples(store, "d1").count("\n") == 6
    assert set(manifest.entries) == {"d0", "d1", "d2"}
    manifest.close()


def test_a_full_group_is_handed_over_before_it_would_pass_the_group_limit(store: OxigraphStore,
                                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(batch, "GROUP_TRIPLES", 10)
    writer = StoreWriter(store, None, "v1")
    writer.add(outcome("a", nquads("a", 6)))
    assert not writer.due()  # 6 < 10 and not yet WRITE_DELAY old
    writer.add(outcome("b", nquads("b", 6)))  # 12 > 10: "a" goes to the writer thread first
    assert [o.doc_id for o, _, _ in writer.group.bulk] == ["b"]
    writer.add(outcome("big", nquads("big", 11)))  # over the limit on its own: a group of its own
    assert [o.doc_id for o, _, _ in writer.group.bulk] == ["big"] and not writer.group.one_by_one
    assert writer.due()  # a group at the limit is written now, not after WRITE_DELAY
    writer.add(outcome("c", nquads("c", 4)))
    assert [o.doc_id for o, _, _ in writer.group.bulk] == ["c"]
    done = writer.close()
    assert sorted(o.doc_id for o in done) == ["a", "b", "big", "c"] and len(store) == 27


def test_a_graph_too_big_for_one_atomic_bulk_load_goes_through_a_transaction(store: OxigraphStore,
                                                                             monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(batch, "BULK_ATOMIC_TRIPLES", 10)
    writer = StoreWriter(store, None, "v1")
    writer.add(outcome("small", nquads("small", 3)))
    writer.add(outcome("huge", nquads("huge", 12)))
    assert [o.doc_id for o in writer.group.one_by_one] == ["huge"]
    assert [o.doc_id for o, _, _ in writer.group.bulk] == ["small"]
    done = writer.close()
    assert sorted(o.doc_id for o in done) == ["huge", "small"] and len(store) == 15


def test_a_graph_already_stored_is_replaced_not_added_to(store: OxigraphStore):
    writer = StoreWriter(store, None, "v1")
    writer.add(outcome("d1", nquads("d1", 4, "old")))
    writer.close()
    writer = StoreWriter(store, None, "v1")
    writer.add(outcome("d1", nquads("d1", 2, "new")))
    assert writer.group.one_by_one and not writer.group.bulk
    writer.close()
    nt = graph_ntriples(store, "d1")
    assert nt.count("\n") == 2 and "old" not in nt


def test_a_graph_the_store_refuses_fails_alone_and_is_not_journalled(store: OxigraphStore, tmp_path: Path):
    manifest = Manifest.open(tmp_path / "store")
    writer = StoreWriter(store, manifest, "v1")
    good, bad = nquads("good", 3), nquads("bad", 2)
    bad = bad.replace(b" .\n", b"\n", 1)  # a quad without its final dot: the loader's parser refuses it
    writer.add(outcome("good", good))
    writer.add(outcome("bad", bad))
    done = {o.doc_id: o for o in writer.close()}
    assert done["good"].status == "ok" and done["bad"].status == "error"
    assert done["bad"].error.startswith("/corpus/bad.txt: the store refused its graph") and "\n" not in done["bad"].error
    assert len(store) == 3 and set(manifest.entries) == {"good"}
    manifest.close()


def test_a_process_peak_rss_is_its_own_not_its_launchers():
    """The run report's process_max_rss_mb (the writer's true peak in the bench) must not
    inherit the size of the process that started `policykg extract` (ru_maxrss would)."""
    import subprocess
    import sys

    from conftest import ROOT

    ballast = bytearray(300 * 2**20)  # a 300 MB launcher
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touch every page so it is resident
    code = "from extractor.batch import process_max_rss_mb as m; print(m())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    del ballast
    assert 5 < float(out.stdout) < 150
