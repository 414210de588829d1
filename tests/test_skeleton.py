"""The walking skeleton end to end: CLI contract, offsets, Turtle, store, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import CORPORA, SEED_002

POLICYKG = [sys.executable, "-m", "extractor.cli"]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*POLICYKG, *args], capture_output=True, text=True, encoding="utf-8")
    if check and proc.returncode != 0:
        raise AssertionError(proc.stderr)
    return proc


def test_tasks_jsonl_contract_and_offsets():
    text = run("text", str(SEED_002)).stdout
    rows = [json.loads(line) for line in run("tasks", str(SEED_002), "--format", "jsonl").stdout.splitlines()]
    assert rows, "seed 002 must yield assignments"
    for field in ("doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end"):
        assert all(field in r for r in rows), field
    for r in rows:
        assert text[r["start"]:r["end"]] == r["task"]
    # section 一 ends with （牵头单位：区学习办、区社区学院）: both lead every item of 一
    leads_in_one = {(r["unit_text"], r["section"]) for r in rows if r["role"] == "lead" and r["section"].startswith("一")}
    for sub in ("一(一)", "一(二)", "一(三)", "一(四)"):
        assert ("区社区学院", sub) in leads_in_one
        assert ("区学习办", sub) in leads_in_one
    unit = {r["unit"] for r in rows if r["unit_text"] == "区社区学院"}
    assert unit == {"长宁区社区学院"}


def test_marker_does_not_reach_sibling_sections():
    rows = [json.loads(line) for line in run("tasks", str(SEED_002)).stdout.splitlines()]
    # 二(一)1's marker names only 区社区学院; 区学习办 must not lead it
    assert not any(r["unit_text"] == "区学习办" and r["section"] == "二(一)1" for r in rows)
    assert any(r["unit_text"] == "区社区学院" and r["section"] == "二(一)1" for r in rows)


def test_extract_turtle_round_trip_and_deterministic(tmp_path: Path):
    out1, out2 = tmp_path / "a.ttl", tmp_path / "b.ttl"
    run("extract", str(CORPORA), "-o", str(out1))
    run("extract", str(CORPORA), "-o", str(out2))
    assert out1.read_bytes() == out2.read_bytes()
    g = Graph().parse(out1, format="turtle")
    g2 = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(g) == len(g2) > 1000


def test_extract_into_store_is_idempotent(tmp_path: Path):
    from extractor.store import OxigraphStore

    store = tmp_path / "store"
    run("extract", str(SEED_002), "--store", str(store))
    n1 = len(OxigraphStore.read_only(store))
    run("extract", str(SEED_002), "--store", str(store))
    assert len(OxigraphStore.read_only(store)) == n1 > 0


def test_missing_file_is_one_line_error():
    proc = run("tasks", "no/such/file.txt", check=False)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "no/such/file.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_empty_directory_and_binary_file(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run("tasks", str(empty), check=False)
    assert proc.returncode != 0 and "no documents" in proc.stderr
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    proc = run("tasks", str(binary), check=False)
    assert proc.returncode != 0 and "blob.txt" in proc.stderr and "binary" in proc.stderr


def test_batch_reports_bad_file_and_goes_on(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    proc = run("tasks", str(bad), str(SEED_002), check=False)
    assert proc.returncode == 1
    assert "bad.txt" in proc.stderr and "empty" in proc.stderr
    assert any(json.loads(line)["doc"] == SEED_002.stem for line in proc.stdout.splitlines())


def test_python_api():
    import extractor

    result = extractor.extract(str(SEED_002))
    assert result.doc_id == SEED_002.stem
    assert result.structure.meta.doc_number == "长学办〔2010〕03号"
    assert result.structure.meta.region == "上海市长宁区"
