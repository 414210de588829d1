"""Evaluation against gold annotations (format: ../shared/gold/README.md).

The matching rule is implemented once, here:

* task pair — the row's ``unit_text`` or ``unit`` equals the gold ``unit``, ``unit_full``
  or an alias (a leading region may be dropped on either side) and the gold ``anchor``
  is contained in the row's ``task`` or ``evidence``; text compared without whitespace;
  each gold line and row match at most once; rows matching only an ambiguous line are
  left out of precision.
* target — equal value, same unit after light synonyms, anchor in evidence or indicator.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import data

WS = re.compile(r"\s+")
UNIT_SYNONYMS = {"％": "%", "平米": "平方米", "㎡": "平方米", "千米": "公里", "位": "人", "名": "人"}


def squeeze(text: str | None) -> str:
    return WS.sub("", text or "")


def drop_region(name: str) -> str:
    """Drop a leading region (上海市长宁区社区学院 → 社区学院 is too far; only full regions)."""
    name = squeeze(name)
    for full in sorted(set(data.regions().values()) | set(data.regions()), key=len, reverse=True):
        if name.startswith(full) and len(name) > len(full):
            return drop_region(name[len(full):]) if name[len(full):] != name else name
    return name


def _names(gold: dict[str, Any]) -> set[str]:
    names = {gold.get("unit"), gold.get("unit_full"), *(gold.get("aliases") or [])}
    out = set()
    for n in names:
        if n:
            out.add(squeeze(n))
            out.add(drop_region(n))
    return out


def unit_matches(row: dict[str, Any], gold: dict[str, Any]) -> bool:
    names = _names(gold)
    for key in ("unit_text", "unit"):
        value = row.get(key)
        if value and (squeeze(value) in names or drop_region(value) in names):
            return True
    return False


def task_matches(row: dict[str, Any], gold: dict[str, Any]) -> bool:
    anchor = squeeze(gold.get("anchor"))
    return unit_matches(row, gold) and bool(anchor) and (anchor in squeeze(row.get("task")) or anchor in squeeze(row.get("evidence")))


def norm_unit(unit: str | None) -> str:
    unit = squeeze(unit)
    return UNIT_SYNONYMS.get(unit, unit)


def target_matches(row: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("value") is None or row.get("value") is None:
        return False
    if abs(float(row["value"]) - float(gold["value"])) > 1e-6 * max(1.0, abs(float(gold["value"]))):
        return False
    if norm_unit(row.get("unit")) != norm_unit(gold.get("unit")):
        return False
    anchor = squeeze(gold.get("anchor"))
    return bool(anchor) and (anchor in squeeze(row.get("evidence")) or anchor in squeeze(row.get("indicator")))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), **self.extra}


def match(rows: list[dict[str, Any]], gold: list[dict[str, Any]], ambiguous: list[dict[str, Any]], same) -> Score:
    """Greedy one-to-one matching of rows to gold lines; ambiguous-only rows are ignored."""
    score = Score()
    used_rows: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for g in gold:
        hit = next((i for i, r in enumerate(rows) if i not in used_rows and same(r, g)), None)
        if hit is None:
            score.fn += 1
            score.misses.append(g)
        else:
            used_rows.add(hit)
            score.tp += 1
            pairs.append((rows[hit], g))
    for i, r in enumerate(rows):
        if i in used_rows:
            continue
        if any(same(r, a) for a in ambiguous):
            continue
        score.fp += 1
        score.false_positives.append(r)
    score.extra["pairs"] = pairs
    return score


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_tasks(rows: list[dict[str, Any]], gold_dir: Path, stem: str) -> Score:
    gold = read_jsonl(gold_dir / f"{stem}.tasks.jsonl")
    amb = read_jsonl(gold_dir / f"{stem}.tasks.ambiguous.jsonl")
    score = match(rows, gold, amb, task_matches)
    pairs = score.extra.pop("pairs")
    score.extra["role_accuracy"] = round(sum(r.get("role") == g.get("role") for r, g in pairs) / len(pairs), 4) if pairs else None
    return score


def evaluate_targets(rows: list[dict[str, Any]], gold_dir: Path, stem: str) -> Score:
    gold_all = read_jsonl(gold_dir / f"{stem}.targets.jsonl")
    gold = [g for g in gold_all if g.get("kind") != "stat"]
    amb = read_jsonl(gold_dir / f"{stem}.targets.ambiguous.jsonl") + [g for g in gold_all if g.get("kind") == "stat"]
    score = match([r for r in rows if r.get("kind") != "stat"], gold, amb, target_matches)
    pairs = score.extra.pop("pairs")
    if pairs:
        score.extra["comparator_accuracy"] = round(sum(r.get("comparator") == g.get("comparator") for r, g in pairs) / len(pairs), 4)
        score.extra["deadline_accuracy"] = round(sum(str(r.get("deadline") or "")[:4] == str(g.get("deadline") or "")[:4] for r, g in pairs) / len(pairs), 4)
    # kind accuracy: every row against every gold line, stats included (a stat predicted
    # as a target, or a target as a stat, is a kind error)
    kinds = match(rows, gold_all, read_jsonl(gold_dir / f"{stem}.targets.ambiguous.jsonl"), target_matches)
    kind_pairs = kinds.extra.pop("pairs")
    if kind_pairs:
        score.extra["kind_accuracy"] = round(sum(r.get("kind") == g.get("kind") for r, g in kind_pairs) / len(kind_pairs), 4)
        score.extra["kind_pairs"] = len(kind_pairs)
    return score


META_EXACT = ("title", "doc_number", "issue_date")
META_LISTS = ("issuers", "recipients")


def evaluate_meta(meta: dict[str, Any], gold_dir: Path, stem: str) -> dict[str, Any]:
    path = gold_dir / f"{stem}.meta.json"
    if not path.exists():
        return {}
    gold = json.loads(path.read_text(encoding="utf-8"))
    fields: dict[str, bool] = {}
    for key in META_EXACT:
        fields[key] = squeeze(str(meta.get(key) or "")) == squeeze(str(gold.get(key) or ""))
    for key in META_LISTS:
        want = [squeeze(x) for x in gold.get(key) or []]
        got = [squeeze(x) for x in meta.get(key) or []]
        fields[key] = len(want) == len(got) and all(any(w == g or w in g or g in w for g in got) for w in want)
    cited_gold = gold.get("cited_docs") or []
    got_cited = meta.get("cited") or []
    numbers = {squeeze(c.get("doc_number")) for c in got_cited if c.get("doc_number")}
    titles = {squeeze(c.get("title")) for c in got_cited if c.get("title")}
    fields["cited"] = all(squeeze(c.get("doc_number")) in numbers or squeeze(c.get("title")) in titles for c in cited_gold)
    return {"fields": fields, "accuracy": round(sum(fields.values()) / len(fields), 4)}
