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
                 "indicator_label")


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
            "indicator_label": concept_labels().get(t.indicator_id or "") or normalise(t.indicator)}


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
