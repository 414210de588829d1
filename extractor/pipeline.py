"""The whole pipeline on one document: ingest → normalize → structure → nlp → relations."""

from __future__ import annotations

from pathlib import Path

from .alliances import find_memberships, find_sub_organisations
from .garbled import CountHint
from .ingest import read_document
from .models import DocumentResult, RawDocument
from .nlp import find_entities
from .normalize import normalize
from .relations import find_assignments
from .structure import parse_structure
from .targets import find_targets


def extract_raw(raw: RawDocument, hints: tuple[CountHint, ...] = ()) -> DocumentResult:
    """Run every stage after ingest (pure: a function of the RawDocument and shipped data).

    ``hints``: clear counts from same-region documents for garbled digits (``extractor.peers``).
    """
    document = normalize(raw, hints)
    structure = parse_structure(document)
    entities = find_entities(document, structure)
    assignments = find_assignments(document, structure, entities)
    targets = list(find_targets(document, structure))
    return DocumentResult(document=document, structure=structure, entities=entities, assignments=assignments,
                          targets=targets, memberships=find_memberships(document, structure, entities),
                          sub_organizations=find_sub_organisations(document, structure, entities))


def extract_file(path: str | Path) -> DocumentResult:
    return extract_raw(read_document(path))
