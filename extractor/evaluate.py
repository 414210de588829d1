"""Evaluation against gold annotations (format and matching rule: ../shared/gold/README.md).

The matching rule is implemented once, here, as two predicates and one matcher:

* :func:`task_matches` — the row's ``unit_text`` or ``unit`` equals the gold ``unit``,
  ``unit_full`` or an alias (a leading region may be dropped on either side) and the
  gold ``anchor`` is contained in the row's ``task`` or ``evidence``;
* :func:`target_matches` — equal value, same unit after light synonyms, and the gold
  ``anchor`` contained in the row's ``evidence`` or ``indicator``;
* :func:`match` — a maximum one-to-one matching (each gold line and each row match at
  most once); rows matching only an ambiguous line are left out of precision;
* :func:`match_units` — organisations and collective actors against the gold meta's
  ``orgs`` and ``collective_actors`` (reported under ``meta``).  A *predicted organisation*
  is a distinct canonical unit of the document that the entity layer labels ORG or
  ALLIANCE (COLLECTIVE units are scored against ``collective_actors`` instead; a unit of
  the wrong type counts against both lists).  A unit matches a gold name when its canonical
  or any written form equals the gold name after removing whitespace, a leading region
  dropped on either side.  The gold lists every spelling as its own entry (区委, 闵行区委),
  so recall is the share of gold names found and precision the share of predicted units
  that match a gold name.

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
from .regions import leading_name

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


@lru_cache(maxsize=4096)
def drop_region(name: str) -> str:
    """Drop leading region names: 上海市长宁区社区学院 → 社区学院, 长宁区社区学院 → 社区学院.

    A bare relative prefix (区社区学院) is not a region and stays; a name that is only a
    region is kept whole.
    """
    name = squeeze(name)
    region = leading_name(name)
    if region and len(name) > len(region):
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


# ── organisations and collective actors ──────────────────────────────────────

#: Entity labels scored against the gold ``orgs`` (an alliance is an organisation) and
#: against ``collective_actors``.
ORG_LABELS = frozenset({"ORG", "ALLIANCE"})
COLLECTIVE_LABELS = frozenset({"COLLECTIVE"})


def unit_forms(name: Any) -> frozenset[str]:
    """A unit name as the matching rule compares it: whitespace removed, and the same
    without its leading region (上海市闵行区社区学院 → 社区学院)."""
    name = squeeze(name)
    return frozenset({name, drop_region(name)}) if name else frozenset()


def predicted_units(entities: Iterable[Row], labels: frozenset[str]) -> dict[str, frozenset[str]]:
    """The distinct units a document's entity layer found with one of ``labels``:
    canonical name → every form it was seen in (canonical and written, see :func:`unit_forms`).

    One canonical unit is one prediction however often and however spelled it is mentioned
    (区社区学院 and 闵行区社区学院 in a Minhang document are one unit)."""
    forms: dict[str, set[str]] = {}
    for e in entities:
        if e.get("label") not in labels:
            continue
        canonical = squeeze(e.get("canonical") or e.get("text"))
        if canonical:
            forms.setdefault(canonical, set()).update(unit_forms(canonical) | unit_forms(e.get("text")))
    return {k: frozenset(v) for k, v in forms.items()}


@dataclass
class UnitMatching:
    """Units found vs a gold name list (``orgs`` or ``collective_actors``) of one document.

    The gold lists every spelling of a unit as its own entry (区委 and 闵行区委), so matching
    is not one to one: recall is the share of gold names some predicted unit matches,
    precision the share of predicted units that match some gold name."""

    found: list[str] = field(default_factory=list)  # gold names matched
    missed: list[str] = field(default_factory=list)  # gold names no unit matched
    correct: list[str] = field(default_factory=list)  # predicted canonical units matching a gold name
    wrong: list[str] = field(default_factory=list)  # predicted canonical units matching none

    @property
    def precision(self) -> float:
        n = len(self.correct) + len(self.wrong)
        return len(self.correct) / n if n else (0.0 if self.missed else 1.0)

    @property
    def recall(self) -> float:
        n = len(self.found) + len(self.missed)
        return len(self.found) / n if n else 1.0

    def __add__(self, other: "UnitMatching") -> "UnitMatching":
        return UnitMatching(self.found + other.found, self.missed + other.missed,
                            self.correct + other.correct, self.wrong + other.wrong)

    def as_dict(self) -> dict[str, Any]:
        return {"gold": len(self.found) + len(self.missed), "found": len(self.found),
                "predicted": len(self.correct) + len(self.wrong), "correct": len(self.correct),
                "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


def match_units(units: dict[str, frozenset[str]], gold_names: Iterable[str],
                gold_aliases: dict[str, Iterable[str]] | None = None) -> UnitMatching:
    """Match predicted units (:func:`predicted_units`) to gold names: a unit matches a gold
    name when one of its forms equals one of the gold name's forms or of an alias the gold
    gives for that name (gold README, Task pair: the unit, its full form or an alias;
    whitespace removed, a leading region may be dropped on either side).  An alias is no
    gold name of its own: it adds nothing to recall."""
    aliases = {squeeze(k): v for k, v in (gold_aliases or {}).items()}
    gold = {squeeze(g): unit_forms(g).union(*(unit_forms(a) for a in aliases.get(squeeze(g), ())))
            for g in gold_names if squeeze(g)}
    out = UnitMatching()
    for name, forms in gold.items():
        (out.found if any(forms & f for f in units.values()) else out.missed).append(name)
    for canonical, forms in sorted(units.items()):
        (out.correct if any(forms & g for g in gold.values()) else out.wrong).append(canonical)
    return out


def match_entities(entities: Iterable[Row], gold_meta: Row) -> dict[str, UnitMatching]:
    """Organisations (ORG, ALLIANCE) against gold ``orgs`` and collective actors (COLLECTIVE)
    against gold ``collective_actors``; a unit typed wrongly counts against both."""
    entities = list(entities)
    return {"orgs": match_units(predicted_units(entities, ORG_LABELS), gold_meta.get("orgs") or [],
                                gold_org_aliases(gold_meta)),
            "collectives": match_units(predicted_units(entities, COLLECTIVE_LABELS),
                                       gold_meta.get("collective_actors") or [])}


def gold_org_aliases(gold_meta: Row) -> dict[str, list[str]]:
    """Aliases the gold gives for its organisations: an alliance's ``aliases`` (seed 001:
    闵行区社区教育志愿者联盟, also written 志愿者联盟)."""
    out: dict[str, list[str]] = {}
    for alliance in gold_meta.get("alliances") or []:
        if alliance.get("name") and alliance.get("aliases"):
            out.setdefault(alliance["name"], []).extend(alliance["aliases"])
    return out


def entity_row(e: Any) -> Row:
    """An ``EntitySpan`` as the unit scorer reads it."""
    return {"label": e.label, "text": e.text, "canonical": e.canonical}


# ── documents and corpora ────────────────────────────────────────────────────


@dataclass
class DocumentEval:
    """Everything eval knows about one document: scores and the matchings behind them."""

    stem: str
    tasks: Matching
    targets: Matching
    meta: dict[str, bool]
    meta_values: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (predicted, gold) when wrong
    units: dict[str, UnitMatching] = field(default_factory=dict)  # "orgs"/"collectives" when entities were given

    @property
    def task_score(self) -> Score:
        return score(self.tasks, TASK_CHECKS)

    @property
    def target_score(self) -> Score:
        return score(self.targets, TARGET_CHECKS)

    @property
    def meta_accuracy(self) -> float | None:
        return round(sum(self.meta.values()) / len(self.meta), 4) if self.meta else None


def evaluate_document(stem: str, task_rows: list[Row], target_rows: list[Row], meta: Row, gold: Gold,
                      entities: list[Row] | None = None) -> DocumentEval:
    """Score one document; ``entities`` (:func:`entity_row`) are scored against the gold
    ``orgs`` and ``collective_actors`` when given."""
    fields = meta_fields(meta, gold.meta) if gold.meta is not None else {}
    wrong = {}
    if gold.meta is not None:
        gold_keys = {"cited": "cited_docs"}
        pred_keys = {"cited": "cited"}
        wrong = {k: (meta.get(pred_keys.get(k, k)), gold.meta.get(gold_keys.get(k, k))) for k, ok in fields.items() if not ok}
    units = match_entities(entities, gold.meta) if entities is not None and gold.meta is not None else {}
    return DocumentEval(stem=stem, tasks=match_tasks(task_rows, gold), targets=match_targets(target_rows, gold),
                        meta=fields, meta_values=wrong, units=units)


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
    out = {"documents": len(docs), "tasks": tasks.as_dict(), "targets": targets.as_dict(),
           "meta": {"fields": field_acc, "accuracy": round(sum(all_fields) / len(all_fields), 4) if all_fields else None}}
    for kind in ("orgs", "collectives"):  # gold meta.json holds them: reported under "meta"
        scored = [d.units[kind] for d in docs if kind in d.units]
        if scored:
            out["meta"][kind] = sum(scored[1:], scored[0]).as_dict()
    return out


def document_report(d: DocumentEval, misses: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"tasks": d.task_score.as_dict(), "targets": d.target_score.as_dict(),
                           "meta": {"fields": d.meta, "accuracy": d.meta_accuracy}}
    out["meta"].update({kind: m.as_dict() for kind, m in d.units.items()})
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
        **{kind: {"false_negatives": m.missed, "false_positives": m.wrong} for kind, m in d.units.items()},
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
    lines.extend(_unit_lines(rep))
    return "\n".join(lines)


def _unit_lines(rep: dict[str, Any]) -> list[str]:
    """Organisation and collective-actor P/R per document and in total (when scored)."""
    if "orgs" not in rep["total"]["meta"]:
        return []
    lines = ["", f"{'entities':<24} {'orgs P':>7} {'R':>5} {'found/gold':>10} {'coll P':>7} {'R':>5} {'found/gold':>10}"]
    rows = [(stem, r) for stem, r in rep["documents"].items() if "orgs" in r["meta"]]
    for name, r in [*rows, (f"TOTAL ({len(rows)} docs)", rep["total"])]:
        o, c = r["meta"]["orgs"], r["meta"]["collectives"]
        lines.append(f"{name:<24} {o['precision']:>7.2f} {o['recall']:>5.2f} {o['found']:>5}/{o['gold']:<4} "
                     f"{c['precision']:>7.2f} {c['recall']:>5.2f} {c['found']:>5}/{c['gold']:<4}")
    return lines


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
        for kind in ("orgs", "collectives"):
            for label, key in (("MISS", "false_negatives"), ("FP  ", "false_positives")):
                out.extend(f"{stem} {kind[:7]:<7} {label} {name}" for name in m.get(kind, {}).get(key, []))
        for key, v in (m.get("meta") or {}).items():
            out.append(f"{stem} meta    WRONG {key}: predicted {json.dumps(v['predicted'], ensure_ascii=False)} "
                       f"gold {json.dumps(v['gold'], ensure_ascii=False)}")
    return "\n".join(out)
