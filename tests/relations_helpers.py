"""Helpers for the relation tests: run the rules on a snippet or a file, look rows up."""

from __future__ import annotations

from pathlib import Path

from extractor.models import Assignment, Document, RawDocument
from extractor.normalize import normalize
from extractor.relations import find_assignments
from extractor.structure import parse_structure

from conftest import find_shared

SHARED_CORPUS = find_shared() / "corpus"
GOLD_DIR = find_shared() / "gold"


def normalized(text: str, name: str = "snippet.txt") -> Document:
    return normalize(RawDocument(path=name, doc_id=name.rsplit(".", 1)[0], format="txt", text=text))


def relations_of(text: str, name: str = "snippet.txt") -> list[Assignment]:
    """Every assignment of a snippet (no NLP entities: the rules must stand on their own)."""
    doc = normalized(text, name)
    return find_assignments(doc, parse_structure(doc), [])


def relations_of_file(path: Path) -> list[Assignment]:
    return relations_of(path.read_text(encoding="utf-8"), path.name)


def corpus(prefix: str) -> Path:
    return next(SHARED_CORPUS.glob(f"{prefix}_*"))


def pairs(found: list[Assignment]) -> set[tuple[str, str]]:
    """(unit as written, role) pairs."""
    return {(a.unit_text, a.role.value) for a in found}
