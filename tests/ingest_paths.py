"""Where ../shared is from this checkout: next to the repository, or higher up for a worktree."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = shared_dir()
GOLD = SHARED / "gold"
DEV_CORPUS = SHARED / "corpus"
