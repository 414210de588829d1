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


@pytest.fixture(scope="module")
def store(seed_results, tmp_path_factory):
    """An on-disk Oxigraph store holding every seed's named graph (one per test module)."""
    from extractor.store import OxigraphStore

    st = OxigraphStore(tmp_path_factory.mktemp("store"))
    for r in seed_results.values():
        st.put_document(r)
    st.flush()
    return st


def find_shared() -> Path:
    """``../shared`` seen from the repository root, or from a git worktree one level deeper (wt/NAME)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "gold").is_dir():
            return base / "shared"
    return SHARED


# Hypothesis: a fixed, small, derandomised profile for CI (`make test`); HYPOTHESIS_PROFILE=dev for more examples.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, print_blob=True,
                              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    settings.register_profile("dev", max_examples=300, deadline=None)
    import os as _os

    settings.load_profile(_os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is a dev dependency
    pass
