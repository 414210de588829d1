"""Task items no assignment reaches: what a supervision office asks about first."""

from __future__ import annotations

from ..models import Assignment, Document, Section, Structure
from .spans import children, trim


#: Shorter sections are headings, not tasks.
MIN_TASK_CHARS = 15


def unowned_items(doc: Document, structure: Structure, assignments: list[Assignment]) -> list[tuple[Section, int, int]]:
    """Deepest numbered sections with body text that no assignment's task overlaps.

    Only sections that carry some text count (a bare heading is not a task); a section
    is owned when any assignment's task span overlaps its span.
    """
    out = []
    spans = [(a.start, a.end) for a in assignments]
    for section in structure.sections:
        if children(structure, section):
            continue
        start, end = trim(doc.text, section.start, section.end)
        if end - start < MIN_TASK_CHARS:
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        out.append((section, start, end))
    return out
