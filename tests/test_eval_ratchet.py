"""Quality ratchet: eval scores on the seeds must not drop below tests/quality_ratchet.json.

When a change raises a score, raise the ratchet to the new value in the same commit
(the failure message of a drop, and the printout below, give the current values).
Never lower a value to make this test pass: fix the regression instead.
"""

from __future__ import annotations

import json

from extractor.evaluate import Gold, evaluate_document, report
from extractor.rows import meta_row, target_row, task_row

from conftest import ROOT, find_shared

RATCHET = ROOT / "tests" / "quality_ratchet.json"


def current_scores(seed_results) -> dict[str, float]:
    gold_dir = find_shared() / "gold"
    docs = []
    for result in seed_results.values():
        stem = result.doc_id
        gold = Gold.load(gold_dir, stem)
        assert gold is not None, f"no gold for seed {stem} in {gold_dir}"
        docs.append(evaluate_document(stem, [task_row(a) for a in result.assignments],
                                      [target_row(t) for t in result.targets], meta_row(result), gold))
    total = report(docs)["total"]
    scores = {
        "tasks.f1": total["tasks"]["f1"],
        "targets.f1": total["targets"]["f1"],
        "meta.accuracy": total["meta"]["accuracy"] or 0.0,
    }
    for field, value in total["meta"]["fields"].items():
        scores[f"meta.{field}"] = value
    return scores


def test_seed_scores_do_not_drop(seed_results):
    floor = json.loads(RATCHET.read_text(encoding="utf-8"))["floor"]
    now = current_scores(seed_results)
    print("current seed scores:", json.dumps(now, sort_keys=True))
    dropped = {k: (now.get(k, 0.0), v) for k, v in floor.items() if now.get(k, 0.0) + 1e-9 < v}
    assert not dropped, ("eval scores on the seeds dropped below tests/quality_ratchet.json "
                         + ", ".join(f"{k}: {a:.4f} < {b:.4f}" for k, (a, b) in sorted(dropped.items())))


def test_ratchet_covers_the_headline_scores():
    floor = json.loads(RATCHET.read_text(encoding="utf-8"))["floor"]
    assert {"tasks.f1", "targets.f1", "meta.accuracy"} <= set(floor)
    assert all(0.0 <= v <= 1.0 for v in floor.values())
