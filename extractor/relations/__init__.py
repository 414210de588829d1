"""Relations: Assignments (unit, role, task) from the structure and entity spans.

Each rule is a named, pure function over (Document, Structure, entities) that yields
Assignments carrying its rule id and a confidence; ``RULES`` lists them in the order
they run.  The modules hold one family each:

* ``markers`` – section markers (start or end, several roles) and section scope sentences;
* ``inline`` – 由X负责…, X要/应/须…, X负责…；负责… (subject ellipsis), per-unit duty lists;
* ``tables`` – task-division tables with columns found by header text;
* ``notes`` – owner notes closing a task: （X牵头，Y配合）, （X负责）;
* ``standing`` – X作为/是…的领导机构/责任主体 (a standing role, no responsibility verb);
* ``members`` – members of an alliance (成员单位) cooperate on its work (the Membership
  facts themselves come from ``extractor.alliances``).

``find_assignments`` merges them: an inline sentence whose unit already holds the
item through a marker, a scope sentence or a table is the same responsibility, not a
second one (gold decision 5).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import learned_aliases
from .members import alliance_members
from .inline import duty_lists, inline_sentences, subject_ellipsis
from .markers import scope_sentences, section_markers
from .names import unit_key
from .notes import owner_notes
from .standing import standing_roles
from .tables import table_rows

Rule = Callable[[Document, Structure, list[EntitySpan]], Iterable[Assignment]]

#: The rules in the order they run (earlier rules win ties).
RULES: list[Rule] = [section_markers, table_rows, scope_sentences, owner_notes, duty_lists, inline_sentences, subject_ellipsis,
                     standing_roles, alliance_members]

#: Rules that give a whole task item to a unit.
ITEM_RULES = frozenset({"section-marker", "task-table", "scope-sentence", "owner-note"})


def find_assignments(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[Assignment]:
    """All assignments of a document, merged and sorted by position."""
    region = structure.meta.region
    learned = learned_aliases(doc.text)
    found: list[Assignment] = []
    for rule in RULES:
        found.extend(rule(doc, structure, entities))
    items: dict[str, list[tuple[int, int]]] = {}
    for a in found:
        if a.rule in ITEM_RULES:
            items.setdefault(unit_key(a.unit_text, region, learned), []).append((a.start, a.end))
    kept: dict[tuple[str, int, int], Assignment] = {}
    spans: dict[str, list[tuple[int, int, Role]]] = {}
    for a in found:
        key = unit_key(a.unit_text, region, learned)
        if a.rule not in ITEM_RULES and any(s <= a.start and a.end <= e for s, e in items.get(key, ())):
            continue  # the item's marker already gives it to this unit
        if any(s == a.start and e == a.end for s, e, _ in spans.get(key, ())):
            continue
        if a.rule not in ITEM_RULES and any(s <= a.start < e or a.start <= s < a.end for s, e, _ in spans.get(key, ())):
            continue  # one inline sentence read by two rules
        spans.setdefault(key, []).append((a.start, a.end, a.role))
        kept[(key, a.start, a.end)] = a
    return sorted(kept.values(), key=lambda a: (a.start, a.end, a.unit, a.role))


def _patterns() -> dict[str, re.Pattern[str]]:
    """Every regular expression of the rule modules (module constants and cached builders),
    exposed so the pipeline-wide backtracking test checks them too."""
    from . import deadlines, inline, markers, members, names, notes, spans, standing, tables

    out = {f"{m.__name__.rsplit('.', 1)[1]}.{k}": v for m in (deadlines, inline, markers, members, names, notes, spans, standing, tables)
           for k, v in vars(m).items() if isinstance(v, re.Pattern)}
    out["markers.marker_pattern()"] = markers.marker_pattern()
    out["markers.clause_pattern()"] = markers.clause_pattern()
    out["inline.verb_pattern()"] = inline.verb_pattern()[0]
    out["standing.standing_pattern()"] = standing.standing_pattern()
    return out


#: The patterns of this package by module and name.
PATTERNS = _patterns()

__all__ = ["PATTERNS", "RULES", "find_assignments"]
