"""The gold matching rule (../shared/gold/README.md) on small hand-made cases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from extractor.evaluate import (Gold, Score, drop_region, evaluate_document, format_misses, format_table, list_matches,
                                match, meta_fields, report, target_matches, task_matches)

from conftest import SEED_002, find_shared

GOLD = find_shared() / "gold"

GOLD_LINE = {"unit": "区社区学院", "unit_full": "长宁区社区学院", "aliases": ["社区学院"], "role": "lead",
             "anchor": "对接市相关部门，落实全区领导机构"}
TASK = "对接市相关部门，落实全区领导机构，统一实施相关培训日常管理、制度建设和师资培训。"


def row(unit_text: str = "区社区学院", unit: str = "长宁区社区学院", task: str = TASK, role: str = "lead", **kw) -> dict:
    return {"unit_text": unit_text, "unit": unit, "task": task, "evidence": "", "role": role, **kw}


def test_exact_hit():
    m = match([row()], [GOLD_LINE], [], task_matches)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0)


def test_miss_wrong_unit_or_anchor():
    other_unit = row(unit_text="区教育局", unit="长宁区教育局")
    other_task = row(task="做好社区教育的宣传工作。")
    m = match([other_unit, other_task], [GOLD_LINE], [], task_matches)
    assert (m.tp, m.fp, m.fn) == (0, 2, 1)
    assert m.misses == [GOLD_LINE]


def test_duplicate_prediction_counts_once():
    m = match([row(), row()], [GOLD_LINE], [], task_matches)
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)


def test_alias_and_whitespace():
    assert task_matches(row(unit_text="社区学院", unit="社区学院", task="对接市相关部门， 落实全区\n领导机构"), GOLD_LINE)


def test_region_prefix_dropped_on_either_side():
    assert drop_region("上海市长宁区社区学院") == "社区学院"
    assert drop_region("长宁区社区学院") == "社区学院"
    assert drop_region("区社区学院") == "区社区学院"  # a bare 区 is not a region
    assert drop_region("长宁区") == "长宁区"  # a region alone stays whole
    assert task_matches(row(unit_text="上海市长宁区社区学院", unit="上海市长宁区社区学院"), GOLD_LINE)
    gold_full_only = {"unit": "上海市长宁区社区学院", "anchor": GOLD_LINE["anchor"]}
    assert task_matches(row(unit_text="社区学院", unit="社区学院"), gold_full_only)


def test_anchor_in_evidence_is_enough():
    assert task_matches(row(task="统一实施相关培训", evidence=TASK), GOLD_LINE)


def test_ambiguous_only_row_left_out_of_precision():
    amb = {"unit": "街镇层面", "unit_full": "长宁区各街镇", "anchor": "街镇层面要重点推进"}
    extra = row(unit_text="街镇层面", unit="街镇层面", task="街镇层面要重点推进、夯实基础")
    m = match([row(), extra], [GOLD_LINE], [amb], task_matches)
    assert (m.tp, m.fp, m.fn) == (1, 0, 0) and m.ignored == [extra]


def test_matching_is_maximum_not_greedy():
    # row A fits both gold lines, row B only the first: greedy gold-order first-fit would
    # give the first gold line row A and leave the second unmatched.
    g1 = {**GOLD_LINE, "anchor": "对接市相关部门"}
    g2 = {**GOLD_LINE, "anchor": "统一实施相关培训"}
    a = row(task=TASK)
    b = row(task="对接市相关部门")
    m = match([a, b], [g1, g2], [], task_matches)
    assert (m.tp, m.fp, m.fn) == (2, 0, 0)


def test_target_value_unit_synonym_and_anchor():
    gold = {"value": 800, "unit": "平方米", "anchor": "教学用房应达到800平方米以上", "comparator": ">="}
    hit = {"value": 800.0, "unit": "㎡", "evidence": "各街道分院教学用房应达到800平方米以上。", "comparator": ">="}
    assert target_matches(hit, gold)
    assert not target_matches({**hit, "value": 80}, gold)
    assert not target_matches({**hit, "unit": "个"}, gold)
    assert not target_matches({**hit, "evidence": "别的句子"}, gold)
    assert not target_matches(hit, {**gold, "value": None})  # undecodable gold is never a hit
    assert target_matches({"value": 2653500, "unit": "人", "indicator": "参与人次265.35万"},
                          {"value": 2653500.0000001, "unit": "名", "anchor": "265.35万"})


def test_scores_role_accuracy_and_vacuous_cases():
    s = Score(tp=3, fp=1, fn=1, accuracy_hits={"role": 2})
    assert round(s.precision, 2) == 0.75 and round(s.recall, 2) == 0.75 and round(s.f1, 2) == 0.75
    assert s.accuracy("role") == round(2 / 3, 4)
    assert Score().precision == 1.0 and Score().f1 == 1.0  # nothing to find, nothing found
    assert Score(fn=2).precision == 0.0 and Score(fn=2).f1 == 0.0  # nothing found, something to find
    total = s + Score(tp=1, accuracy_hits={"role": 1})
    assert (total.tp, total.accuracy_hits["role"]) == (4, 3)


def test_metadata_fields():
    gold = {"title": "关于印发《X》的通知", "doc_number": "长学办〔2010〕03号", "issue_date": None,
            "issuers": ["长宁区推进学习型城区建设指导委员会办公室"], "recipients": ["各街道", "各部门"],
            "cited_docs": [{"doc_number": None, "title": "长宁区加强人才激励若干意见（试行）"}]}
    pred = {"title": "关于印发《X》的 通知", "doc_number": "长学办〔2010〕03号", "issue_date": None,
            "issuers": ["长宁区推进学习型城区建设指导委员会办公室"], "recipients": ["各街道", "各部门"],
            "cited": [{"doc_number": None, "title": "《长宁区加强人才激励若干意见（试行）》"}]}
    assert all(meta_fields(pred, gold).values())
    assert not meta_fields({**pred, "issue_date": "2010"}, gold)["issue_date"]
    assert not meta_fields({**pred, "cited": []}, gold)["cited"]
    assert list_matches(["上海市长宁区各街道", "各部门"], ["各街道", "各部门"])  # containing
    assert not list_matches(["各街道"], ["各街道", "各部门"])  # same count required


def test_document_report_and_misses_listing(tmp_path: Path):
    (tmp_path / "x.tasks.jsonl").write_text(json.dumps(GOLD_LINE, ensure_ascii=False) + "\n", encoding="utf-8")
    gold = Gold.load(tmp_path, "x")
    assert gold is not None and Gold.load(tmp_path, "y") is None
    d = evaluate_document("x", [row(role="responsible"), row(unit_text="区财政局", unit="长宁区财政局")], [], {}, gold)
    rep = report([d], misses=True)
    tasks = rep["documents"]["x"]["tasks"]
    assert (tasks["tp"], tasks["fp"], tasks["fn"], tasks["role_accuracy"]) == (1, 1, 0, 0.0)
    assert rep["total"]["tasks"]["f1"] == tasks["f1"]
    listing = format_misses(rep)
    assert "FP   区财政局 [lead]: 对接市相关部门" in listing
    assert "ROLE 区社区学院 responsible≠lead" in listing
    assert "TOTAL (1 docs)" in format_table(rep)


def test_eval_cli_json_and_misses():
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "eval", "--gold", str(GOLD), str(SEED_002), "--json",
                           "--misses"], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    doc = rep["documents"][SEED_002.stem]
    assert set(doc) == {"tasks", "targets", "meta", "misses"}
    assert doc["tasks"]["tp"] + doc["tasks"]["fn"] == len((GOLD / f"{SEED_002.stem}.tasks.jsonl").read_text(
        encoding="utf-8").splitlines())
    assert all("text" in m for m in doc["misses"]["tasks"]["false_negatives"])
