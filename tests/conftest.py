"""Shared fixtures: the seed corpus, ../shared (gold, corpus) and extracted results."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
DEV_CORPUS = SHARED / "corpus"

SEED_002 = CORPORA / "002_343760fb33dc4500.txt"


def seed(prefix: str) -> Path:
    return next(CORPORA.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session", autouse=True)
def quiet_jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)


@pytest.fixture(scope="session")
def seed_results():
    """Every seed extracted once per test session (keyed by the 3-digit prefix)."""
    from extractor.pipeline import extract_file

    return {p.name[:3]: extract_file(p) for p in sorted(CORPORA.glob("*.txt"))}
