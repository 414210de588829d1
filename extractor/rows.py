"""Rows: the machine-readable output contract of ``policykg tasks/targets/meta``.

The field names are the ones in BRIEF.md; scripts and ``policykg eval`` rely on them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .indicators import concept_labels, normalise
from .models import Assignment, DocumentResult, Target

TASK_FIELDS = ("doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end",
               "rule", "confidence")
TARGET_FIELDS = ("doc", "indicator", "indicator_id", "value", "unit", "unit_text", "comparator", "kind", "deadline",
                 "baseline", "region", "section", "evidence", "start", "end", "rule", "value_max", "scope", "per",
                 "indicator_label", "period_end")


def task_row(a: Assignment) -> dict[str, Any]:
    return {"doc": a.doc_id, "section": a.section, "task": a.task, "unit": a.unit, "unit_text": a.unit_text,
            "role": a.role.value, "deadline": a.deadline, "evidence": a.evidence, "start": a.start, "end": a.end,
            "rule": a.rule, "confidence": a.confidence}


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def target_row(t: Target) -> dict[str, Any]:
    return {"doc": t.doc_id, "indicator": t.indicator, "indicator_id": t.indicator_id, "value": _number(t.value),
            "unit": t.unit, "unit_text": t.unit_text, "comparator": t.comparator, "kind": t.kind.value,
            "deadline": t.deadline, "baseline": _number(t.baseline), "region": t.region, "section": t.section,
            "evidence": t.evidence, "start": t.start, "end": t.end, "rule": t.rule,
            "value_max": _number(t.value_max), "scope": t.scope, "per": t.per,
            "indicator_label": concept_labels().get(t.indicator_id or "") or normalise(t.indicator),
            "period_end": t.period_end}


def meta_row(result: DocumentResult) -> dict[str, Any]:
    m = result.structure.meta
    return {"doc": result.doc_id, "path": result.document.path, "title": m.title, "doc_type": m.doc_type,
            "doc_number": m.doc_number, "issuers": m.issuers, "recipients": m.recipients,
            "issue_date": m.issue_date, "effective_date": m.effective_date, "cc": m.cc,
            "attachments": m.attachments, "region": m.region,
            "cited": [{"doc_number": c.doc_number, "title": c.title, "issuer": c.issuer} for c in m.cited],
            # further GB/T 9704 elements, the parts a notice wraps, and where each field was read
            "signer": m.signer, "disclosure": m.disclosure, "printed_by": m.printed_by,
            "print_date": m.print_date, "expiry_date": m.expiry_date, "year": m.year,
            "parts": [{"title": p.title, "number": p.number, "start": p.start, "end": p.end}
                      for p in result.structure.parts],
            "sources": m.sources}


# ── the flat 任务分解表 (one row per task) ─────────────────────────────────────

#: Keys of a task-table row and the Chinese column headers supervision offices use.
TABLE_FIELDS = ("task", "lead", "responsible", "cooperate", "obliged", "deadline", "targets", "doc", "section",
                "evidence", "start", "end")
TABLE_HEADERS = {"task": "任务", "lead": "牵头单位", "responsible": "责任单位", "cooperate": "配合单位",
                 "obliged": "落实单位", "deadline": "完成时限", "targets": "关联指标", "doc": "文件", "section": "章节",
                 "evidence": "依据", "start": "起始", "end": "结束"}

#: Units in one table cell are joined the way the documents list them.
UNIT_JOIN = "、"


def task_table_rows(result: DocumentResult) -> list[dict[str, Any]]:
    """One row per task item: its units grouped by role, the earliest deadline, the targets
    stated inside it, and the evidence of each assignment (deduplicated, in order)."""
    groups: dict[tuple[int, int], list[Assignment]] = {}
    for a in result.assignments:
        groups.setdefault((a.start, a.end), []).append(a)
    rows = []
    for (start, end), items in sorted(groups.items()):
        by_role: dict[str, list[str]] = {}
        for a in items:
            names = by_role.setdefault(a.role.value, [])
            if a.unit_text not in names:
                names.append(a.unit_text)
        deadlines = sorted({a.deadline for a in items if a.deadline})
        evidence = list(dict.fromkeys(a.evidence for a in items))
        targets = [t for t in result.targets if start <= t.start and t.end <= end]
        rows.append({"task": items[0].task, **{role: UNIT_JOIN.join(by_role.get(role, [])) for role in
                                                ("lead", "responsible", "cooperate", "obliged")},
                     "deadline": deadlines[0] if deadlines else None,
                     "targets": "；".join(f"{t.indicator} {_number(t.value)}{t.unit}" for t in targets),
                     "doc": result.doc_id, "section": items[0].section, "evidence": " / ".join(evidence),
                     "start": start, "end": end})
    return rows


def unowned_rows(result: DocumentResult) -> list[dict[str, Any]]:
    """Task items (deepest numbered sections) that no assignment reaches: the tasks with no owner."""
    from .relations.unowned import unowned_items

    text = result.document.text
    return [{"doc": result.doc_id, "section": section.label, "task": text[start:end], "unit": None, "unit_text": None,
             "role": None, "deadline": None, "evidence": None, "start": start, "end": end, "rule": "unowned",
             "confidence": None}
            for section, start, end in unowned_items(result.document, result.structure, result.assignments)]
