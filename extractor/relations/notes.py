"""Owner notes: a bracketed note closing a task paragraph that names its units and their
roles without a marker key — ``（区教育局牵头，各街镇配合）``, ``（区财政局负责）``,
``（工业和信息化部、公安部、应急管理部按职责分工负责）``, the way State Council and many
provincial plans write a task's owners after it.

A note is read only when every clause in it is a unit list and a role word
(``data/responsibility_verbs.tsv`` duty words: 牵头 → lead, 负责 → responsible, 配合/参与/协助 →
cooperate) and it ends its paragraph; the task is the paragraph before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .inline import verbs
from .names import known_names, split_unit_list
from .spans import logical_paragraphs, trim

#: A bracketed note at the end of its paragraph: no colon inside (that is a marker), no
#: nested brackets; only a stop or spaces may follow it.
NOTE = re.compile(r"[（(](?P<body>[^（）()：:\n]{3,120})[）)][。；;]?[ \t\u3000]*$")

#: Clauses of a note: ``区教育局牵头，各街镇配合`` has two.
NOTE_CLAUSE = re.compile(r"[，,；;]")

#: What may stand between the units of a clause and its role word: ``…等按职责分工负责``,
#: ``…共同负责``, ``…分别负责``.
ROLE_MODIFIER = re.compile(r"(?:等)?(?:按照职责分工|按职责分工|按职责|依职责|分别|共同|分工)?$")


@dataclass(frozen=True, slots=True)
class Note:
    start: int
    end: int
    owners: tuple[tuple[str, Role], ...]


@lru_cache(maxsize=None)
def duty_words() -> tuple[tuple[str, Role], ...]:
    """The duty words a note clause may end with, longest first."""
    return tuple(sorted(((v.word, v.role) for vs in verbs().values() for v in vs if v.kind == "duty"),
                        key=lambda wr: len(wr[0]), reverse=True))


def read_clause(clause: str, known: frozenset[str]) -> list[tuple[str, Role]] | None:
    """``区教育局牵头`` → [(区教育局, lead)]; None when the clause is not units + role word."""
    for word, role in duty_words():
        if clause.endswith(word):
            head = clause[: -len(word)]
            m = ROLE_MODIFIER.search(head)
            head = head[: m.start()] if m else head
            units = split_unit_list(head, known) if len(head) >= 2 else None
            return [(n, role) for n, _ in units] if units else None
    return None


def read_note(body: str, known: frozenset[str]) -> tuple[tuple[str, Role], ...] | None:
    owners: list[tuple[str, Role]] = []
    for clause in NOTE_CLAUSE.split(body):
        clause = clause.strip()
        if not clause:
            continue
        read = read_clause(clause, known)
        if read is None:
            return None
        owners += read
    return tuple(owners) or None


def find_notes(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[tuple[int, Note]]:
    """(paragraph start, note) of every owner note (the last document's answer is kept)."""
    key = (doc.doc_id, len(doc.text), hash(doc.text), id(structure))
    if _NOTES and _NOTES[0] == key:
        return _NOTES[1]
    text = doc.text
    known = known_names(entities)
    out: list[tuple[int, Note]] = []
    if "）" in text or ")" in text:
        endings = tuple(w for w, _ in duty_words())
        for ps, pe in logical_paragraphs(text, structure):
            e = pe
            while e > ps and text[e - 1].isspace():
                e -= 1
            if e - ps < 6 or text[e - 1] not in "）)。；;":
                continue
            m = NOTE.search(text, max(ps, e - 130), e)
            if m is None or not text[ps:m.start()].strip() or not m.group("body").endswith(endings):
                continue
            s = trim(text, ps, pe)[0]
            owners = read_note(m.group("body"), known)
            if owners:
                out.append((s, Note(m.start(), m.end(), owners)))
    _NOTES[:] = [key, out]
    return out


_NOTES: list = []


def note_spans(doc: Document, structure: Structure, entities: list[EntitySpan]) -> list[tuple[int, int]]:
    """Where the notes stand (their clauses are no inline sentences)."""
    return [(n.start, n.end) for _, n in find_notes(doc, structure, entities)]


def owner_notes(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Each unit of a note holds the paragraph before it in the note's role:
    ``1.加强社区教育队伍建设。建立专兼职教师库。（区教育局牵头，各街镇配合）`` → 区教育局 lead,
    各街镇 cooperate."""
    text = doc.text
    for ps, note in find_notes(doc, structure, entities):
        ts, te = trim(text, ps, note.start)
        if te <= ts:
            continue
        for name, role in note.owners:
            yield make_assignment(doc, structure, name, role, ts, te, ps, note.end, rule="owner-note", confidence=0.9)


__all__ = ["NOTE", "NOTE_CLAUSE", "ROLE_MODIFIER", "find_notes", "note_spans", "owner_notes"]
