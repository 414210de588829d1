"""Shared helpers for the structure/meta tests: documents normalised and structured once.

Only ingest → normalize → structure runs (no NLP), so these fixtures are cheap.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from conftest import CORPORA, ROOT


def shared(name: str) -> Path:
    """../shared/<name> as conftest names it; from a git worktree (wt/<branch>) one level further up."""
    for base in (ROOT.parent / "shared" / name, ROOT.parent.parent / "shared" / name):
        if base.is_dir():
            return base
    return ROOT.parent / "shared" / name


def _dev_corpus() -> Path:
    return shared("corpus")


@lru_cache(maxsize=None)
def structured(path: str):
    """(Document, Structure) of one file, computed once per session."""
    from extractor.ingest import read_document
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    doc = normalize(read_document(path))
    return doc, parse_structure(doc)


def seed_path(prefix: str) -> str:
    return str(next(CORPORA.glob(f"{prefix}_*.txt")))


def corpus_path(prefix: str) -> str:
    return str(next(_dev_corpus().glob(f"{prefix}_*")))
