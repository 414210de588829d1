"""Evaluation against gold annotations (format and matching rule: ../shared/gold/README.md).

The matching rule is implemented once, here, as two predicates and one matcher:

* :func:`task_matches` — the row's ``unit_text`` or ``unit`` equals the gold ``unit``,
  ``unit_full`` or an alias (a leading region may be dropped on either side) and the
  gold ``anchor`` is contained in the row's ``task`` or ``evidence``;
* :func:`target_matches` — equal value, same unit after light synonyms, and the gold
  ``anchor`` contained in the row's ``evidence`` or ``indicator``;
* :func:`match` — a maximum one-to-one matching (each gold line and each row match at
  most once); rows matching only an ambiguous line are left out of precision.

Text is compared after removing all whitespace.  Predictions are the machine-readable
rows of ``policykg tasks/targets/meta`` (``extractor.rows``), so what is scored is
exactly what a user's script would read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from . import data

Row = dict[str, Any]
Predicate = Callable[[Row, Row], bool]

WS = re.compile(r"\s+")

#: Unit spellings that mean the same unit (gold README "light synonyms").
UNIT_SYNONYMS = {"％": "%", "平米": "平方米", "㎡": "平方米", "千米": "公里", "位": "人", "名": "人"}

#: Relative tolerance when comparing numeric values (float noise from 万/亿 multiplication).
VALUE_TOLERANCE = 1e-6


def squeeze(text: Any) -> str:
    """Text without any whitespace (the README compares text this way)."""
    return WS.sub("", "" if text is None else str(text))


@lru_cache(maxsize=1)
def _region_names() -> tuple[str, ...]:
    """Every region spelling (short and full), longest first so 上海市长宁区 wins over 上海市."""
    names = set(data.regions()) | set(data.regions().values())
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=4096)
def drop_region(name: str) -> str:
    """Drop leading region names: 上海市长宁区社区学院 → 社区学院, 长宁区社区学院 → 社区学院.

    A bare relative prefix (区社区学院) is not a region and stays; a name that is only a
    region is kept whole.
    """
    name = squeeze(name)
    for region in _region_names():
        if name.startswith(region) and len(name) > len(region):
            return drop_region(name[len(region):])
    return name


def unit_names(gold: Row) -> frozenset[str]:
    """All accepted spellings of a gold line's unit, with and without a leading region."""
    names = {gold.get("unit"), gold.get("unit_full"), *(gold.get("aliases") or [])}
    out: set[str] = set()
    for name in names:
        if name:
            out.add(squeeze(name))
            out.add(drop_region(name))
    return frozenset(out)


def unit_matches(row: Row, gold: Row) -> bool:
    names = unit_names(gold)
    for key in ("unit_text", "unit"):
        value = row.get(key)
        if value and (squeeze(value) in names or drop_region(value) in names):
            return True
    return False


def _anchor_in(gold: Row, row: Row, keys: tuple[str, ...]) -> bool:
    anchor = squeeze(gold.get("anchor"))
    return bool(anchor) and any(anchor in squeeze(row.get(k)) for k in keys)


def task_matches(row: Row, gold: Row) -> bool:
    """A ``policykg tasks`` row matches a gold task line (README: Task pair)."""
    return unit_matches(row, gold) and _anchor_in(gold, row, ("task", "evidence"))


def norm_unit(unit: Any) -> str:
    unit = squeeze(unit)
    return UNIT_SYNONYMS.get(unit, unit)


def same_value(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= VALUE_TOLERANCE * max(1.0, abs(y))


def target_matches(row: Row, gold: Row) -> bool:
    """A ``policykg targets`` row matches a gold target line (README: Target)."""
    if gold.get("value") is None or row.get("value") is None:
        return False
    return (same_value(row["value"], gold["value"]) and norm_unit(row.get("unit")) == norm_unit(gold.get("unit"))
            and _anchor_in(gold, row, ("evidence", "indicator")))


# ── one-to-one matching ──────────────────────────────────────────────────────


@dataclass
class Matching:
    """The outcome of matching rows to gold lines of one kind in one document."""

    pairs: list[tuple[Row, Row]] = field(default_factory=list)  # (row, gold)
    misses: list[Row] = field(default_factory=list)  # gold lines no row matched (false negatives)
    false_positives: list[Row] = field(default_factory=list)  # rows matching no gold line
    ignored: list[Row] = field(default_factory=list)  # rows matching only an ambiguous line

    @property
    def tp(self) -> int:
        return len(self.pairs)

    @property
    def fp(self) -> int:
        return len(self.false_positives)

    @property
    def fn(self) -> int:
        return len(self.misses)


def _max_matching(edges: list[list[int]], n_rows: int) -> dict[int, int]:
    """Maximum bipartite matching gold → row (Kuhn's augmenting paths), deterministic.

    Greedy first-fit can miss a pairing (gold A takes the only row gold B could use);
    the gold lines are at most a few hundred per document, so augmenting paths are cheap.
    """
    row_of: dict[int, int] = {}  # gold index → row index
    gold_of: dict[int, int] = {}  # row index → gold index

    def augment(g: int, seen: set[int]) -> bool:
        for r in edges[g]:
            if r in seen:
                continue
            seen.add(r)
            if r not in gold_of or augment(gold_of[r], seen):
                gold_of[r] = g
                row_of[g] = r
                return True
        return False

    for g in range(len(edges)):
        augment(g, set())
    return row_of


def match(rows: list[Row], gold: list[Row], ambiguous: list[Row], same: Predicate) -> Matching:
    """Match rows to gold lines one to one; unmatched rows that fit an ambiguous line are ignored."""
    edges = [[i for i, r in enumerate(rows) if same(r, g)] for g in gold]
    row_of = _max_matching(edges, len(rows))
    out = Matching()
    for g_index, g in enumerate(gold):
        if g_index in row_of:
            out.pairs.append((rows[row_of[g_index]], g))
        else:
            out.misses.append(g)
    used = set(row_of.values())
    for i, r in enumerate(rows):
        if i in used:
            continue
        (out.ignored if any(same(r, a) for a in ambiguous) else out.false_positives).append(r)
    return out


# ── scores ───────────────────────────────────────────────────────────────────


@dataclass
class Score:
    """Counts for one kind (tasks or targets), per document or summed over a corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    accuracy_hits: dict[str, int] = field(default_factory=dict)  # e.g. role → matched pairs with the right role

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        """Share of matched pairs whose ``name`` (role, deadline, comparator) is right."""
        return round(self.accuracy_hits[name] / self.tp, 4) if self.tp and name in self.accuracy_hits else None

    def __add__(self, other: "Score") -> "Score":
        hits = dict(self.accuracy_hits)
        for k, v in other.accuracy_hits.items():
            hits[k] = hits.get(k, 0) + v
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.ignored + other.ignored, hits)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "ignored": self.ignored,
                               "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                               "f1": round(self.f1, 4)}
        for name in sorted(self.accuracy_hits):
            out[f"{name}_accuracy"] = self.accuracy(name)
        return out


def score(matching: Matching, checks: dict[str, Predicate]) -> Score:
    """Counts of a matching, with per-attribute accuracy over its matched pairs."""
    hits = {name: sum(bool(check(r, g)) for r, g in matching.pairs) for name, check in checks.items()}
    return Score(matching.tp, matching.fp, matching.fn, len(matching.ignored), hits)


def same_role(row: Row, gold: Row) -> bool:
    return row.get("role") == gold.get("role")


def same_deadline(row: Row, gold: Row) -> bool:
    """Deadlines as written in the gold (2010, 2010-12, 2013-03-31); none = none."""
    return squeeze(row.get("deadline")) == squeeze(gold.get("deadline"))


def same_kind(row: Row, gold: Row) -> bool:
    """target vs projection (stats are not scored, so a matched pair is never one)."""
    return squeeze(row.get("kind")) == squeeze(gold.get("kind"))


def same_comparator(row: Row, gold: Row) -> bool:
    return squeeze(row.get("comparator")) == squeeze(gold.get("comparator"))


def same_kind(row: Row, gold: Row) -> bool:
    return row.get("kind") == gold.get("kind")


TASK_CHECKS: dict[str, Predicate] = {"role": same_role, "deadline": same_deadline}
TARGET_CHECKS: dict[str, Predicate] = {"comparator": same_comparator, "deadline": same_deadline, "kind": same_kind}


# ── gold files ───────────────────────────────────────────────────────────────


def read_jsonl(path: Path) -> list[Row]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Gold:
    """One document's gold annotations, split into scored and ambiguous lines."""

    stem: str
    tasks: list[Row]
    tasks_ambiguous: list[Row]
    targets: list[Row]  # kind target or projection
    targets_ambiguous: list[Row]  # doubtful figures and stats: neither hit nor miss
    meta: Row | None

    @classmethod
    def load(cls, gold_dir: Path, stem: str) -> "Gold | None":
        """The gold of ``stem``, or None when the directory has no annotations for it."""
        files = [gold_dir / f"{stem}.{kind}" for kind in ("tasks.jsonl", "targets.jsonl", "meta.json")]
        if not any(f.exists() for f in files):
            return None
        targets = read_jsonl(gold_dir / f"{stem}.targets.jsonl")
        meta_path = gold_dir / f"{stem}.meta.json"
        return cls(
            stem=stem,
            tasks=read_jsonl(gold_dir / f"{stem}.tasks.jsonl"),
            tasks_ambiguous=read_jsonl(gold_dir / f"{stem}.tasks.ambiguous.jsonl"),
            targets=[t for t in targets if t.get("kind") != "stat"],
            targets_ambiguous=read_jsonl(gold_dir / f"{stem}.targets.ambiguous.jsonl")
            + [t for t in targets if t.get("kind") == "stat"],
            meta=json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else None,
        )


def match_tasks(rows: list[Row], gold: Gold) -> Matching:
    return match(rows, gold.tasks, gold.tasks_ambiguous, task_matches)


def match_targets(rows: list[Row], gold: Gold) -> Matching:
    """Stat rows are reported figures, not commitments: they are not scored."""
    return match([r for r in rows if r.get("kind") != "stat"], gold.targets, gold.targets_ambiguous, target_matches)


# ── metadata ─────────────────────────────────────────────────────────────────

META_EXACT = ("title", "doc_number", "issue_date")
META_LISTS = ("issuers", "recipients")
META_FIELDS = (*META_EXACT, *META_LISTS, "cited")


def list_matches(predicted: Iterable[Any], gold: Iterable[Any]) -> bool:
    """Each gold element found (equal to, or contained in, a predicted one) and the same count."""
    got = [squeeze(x) for x in predicted or []]
    want = [squeeze(x) for x in gold or []]
    return len(got) == len(want) and all(any(w == g or w in g for g in got) for w in want)


def cited_matches(predicted: Iterable[Row], gold: Iterable[Row]) -> bool:
    """Each gold cited document found by its 文号 or its title (《》 optional)."""
    def strip_title(t: Any) -> str:
        return squeeze(t).strip("《》")

    numbers = {squeeze(c.get("doc_number")) for c in predicted or [] if c.get("doc_number")}
    titles = {strip_title(c.get("title")) for c in predicted or [] if c.get("title")}
    return all((c.get("doc_number") and squeeze(c["doc_number"]) in numbers)
               or (c.get("title") and strip_title(c["title"]) in titles) for c in gold or [])


def meta_fields(meta: Row, gold: Row) -> dict[str, bool]:
    """Per metadata field: is the prediction right (README: Metadata)?"""
    fields = {key: squeeze(meta.get(key)) == squeeze(gold.get(key)) for key in META_EXACT}
    for key in META_LISTS:
        fields[key] = list_matches(meta.get(key), gold.get(key))
    fields["cited"] = cited_matches(meta.get("cited"), gold.get("cited_docs"))
    return fields


# ── documents and corpora ────────────────────────────────────────────────────


@dataclass
class DocumentEval:
    """Everything eval knows about one document: scores and the matchings behind them."""

    stem: str
    tasks: Matching
    targets: Matching
    meta: dict[str, bool]
    meta_values: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (predicted, gold) when wrong

    @property
    def task_score(self) -> Score:
        return score(self.tasks, TASK_CHECKS)

    @property
    def target_score(self) -> Score:
        return score(self.targets, TARGET_CHECKS)

    @property
    def meta_accuracy(self) -> float | None:
        return round(sum(self.meta.values()) / len(self.meta), 4) if self.meta else None


def evaluate_document(stem: str, task_rows: list[Row], target_rows: list[Row], meta: Row, gold: Gold) -> DocumentEval:
    fields = meta_fields(meta, gold.meta) if gold.meta is not None else {}
    wrong = {}
    if gold.meta is not None:
        gold_keys = {"cited": "cited_docs"}
        pred_keys = {"cited": "cited"}
        wrong = {k: (meta.get(pred_keys.get(k, k)), gold.meta.get(gold_keys.get(k, k))) for k, ok in fields.items() if not ok}
    return DocumentEval(stem=stem, tasks=match_tasks(task_rows, gold), targets=match_targets(target_rows, gold),
                        meta=fields, meta_values=wrong)


def corpus_summary(docs: list[DocumentEval]) -> dict[str, Any]:
    """Micro-averaged totals over documents, and per-field metadata accuracy."""
    tasks = sum((d.task_score for d in docs), Score())
    targets = sum((d.target_score for d in docs), Score())
    field_acc = {}
    for key in META_FIELDS:
        values = [d.meta[key] for d in docs if key in d.meta]
        if values:
            field_acc[key] = round(sum(values) / len(values), 4)
    all_fields = [v for d in docs for v in d.meta.values()]
    return {"documents": len(docs), "tasks": tasks.as_dict(), "targets": targets.as_dict(),
            "meta": {"fields": field_acc, "accuracy": round(sum(all_fields) / len(all_fields), 4) if all_fields else None}}


def document_report(d: DocumentEval, misses: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"tasks": d.task_score.as_dict(), "targets": d.target_score.as_dict(),
                           "meta": {"fields": d.meta, "accuracy": d.meta_accuracy}}
    if misses:
        out["misses"] = misses_report(d)
    return out


def report(docs: list[DocumentEval], misses: bool = False) -> dict[str, Any]:
    """The machine-readable eval report (``policykg eval --json``)."""
    return {"documents": {d.stem: document_report(d, misses) for d in docs}, "total": corpus_summary(docs)}


# ── misses: what to look at next ─────────────────────────────────────────────


def _task_text(r: Row) -> dict[str, Any]:
    return {"unit": r.get("unit_text") or r.get("unit"), "role": r.get("role"), "section": r.get("section"),
            "text": r.get("task") or r.get("anchor"), **({"anchor": r["anchor"]} if r.get("anchor") else {})}


def _target_text(r: Row) -> dict[str, Any]:
    return {"indicator": r.get("indicator"), "value": r.get("value"), "unit": r.get("unit"),
            "comparator": r.get("comparator"), "text": r.get("evidence") or r.get("anchor"),
            **({"anchor": r["anchor"]} if r.get("anchor") else {})}


def misses_report(d: DocumentEval) -> dict[str, Any]:
    """False negatives (gold lines missed) and false positives (rows matching nothing), with their text."""
    wrong_role = [{"unit": r.get("unit_text"), "predicted": r.get("role"), "gold": g.get("role"),
                   "anchor": g.get("anchor")} for r, g in d.tasks.pairs if not same_role(r, g)]
    return {
        "tasks": {"false_negatives": [_task_text(g) for g in d.tasks.misses],
                  "false_positives": [_task_text(r) for r in d.tasks.false_positives],
                  "wrong_role": wrong_role},
        "targets": {"false_negatives": [_target_text(g) for g in d.targets.misses],
                    "false_positives": [_target_text(r) for r in d.targets.false_positives]},
        "meta": {k: {"predicted": p, "gold": g} for k, (p, g) in d.meta_values.items()},
    }


def format_table(rep: dict[str, Any]) -> str:
    """A readable table: one line per document and a total line, then metadata per field."""
    head = (f"{'document':<24} {'tasks P':>7} {'R':>5} {'F1':>5} {'role':>5} "
            f"{'targets P':>9} {'R':>5} {'F1':>5} {'cmp':>5} {'ddl':>5} {'meta':>5}")
    lines = [head, "-" * len(head)]

    def fmt(x: Any) -> str:
        return "  -  " if x is None else f"{x:>5.2f}"

    def line(name: str, t: dict[str, Any], g: dict[str, Any], m: Any) -> str:
        return (f"{name:<24} {t['precision']:>7.2f} {fmt(t['recall'])} {fmt(t['f1'])} {fmt(t.get('role_accuracy'))} "
                f"{g['precision']:>9.2f} {fmt(g['recall'])} {fmt(g['f1'])} {fmt(g.get('comparator_accuracy'))} "
                f"{fmt(g.get('deadline_accuracy'))} {fmt(m)}")

    for stem, r in rep["documents"].items():
        lines.append(line(stem, r["tasks"], r["targets"], r["meta"]["accuracy"]))
    total = rep["total"]
    lines.append("-" * len(head))
    lines.append(line(f"TOTAL ({total['documents']} docs)", total["tasks"], total["targets"], total["meta"]["accuracy"]))
    t, g = total["tasks"], total["targets"]
    lines.append(f"tasks tp/fp/fn {t['tp']}/{t['fp']}/{t['fn']} (ignored {t['ignored']}); "
                 f"targets tp/fp/fn {g['tp']}/{g['fp']}/{g['fn']} (ignored {g['ignored']})")
    fields = total["meta"]["fields"]
    if fields:
        lines.append("metadata: " + "  ".join(f"{k} {v:.2f}" for k, v in fields.items()))
    return "\n".join(lines)


def format_misses(rep: dict[str, Any]) -> str:
    """The ``--misses`` listing: per document, what was missed and what was wrongly found."""
    out: list[str] = []
    for stem, r in rep["documents"].items():
        m = r.get("misses") or {}
        for kind in ("tasks", "targets"):
            for label, key in (("MISS", "false_negatives"), ("FP  ", "false_positives")):
                for item in m.get(kind, {}).get(key, []):
                    who = (f"{item.get('unit')} [{item.get('role')}]" if kind == "tasks"
                           else f"{item.get('indicator')} = {item.get('value')} {item.get('unit')} ({item.get('comparator')})")
                    out.append(f"{stem} {kind:<7} {label} {who}: {squeeze(item.get('text'))[:80]}")
            for item in m.get(kind, {}).get("wrong_role", []):
                out.append(f"{stem} {kind:<7} ROLE {item['unit']} {item['predicted']}≠{item['gold']}: {item['anchor']}")
        for key, v in (m.get("meta") or {}).items():
            out.append(f"{stem} meta    WRONG {key}: predicted {json.dumps(v['predicted'], ensure_ascii=False)} "
                       f"gold {json.dumps(v['gold'], ensure_ascii=False)}")
    return "\n".join(out)
