"""Loaders for the shipped data files (lexicons, aliases, patterns) in extractor/data/.

Data lives in files so that a researcher can extend it without touching code; each
loader is cached because the files are read once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    return DATA_DIR / name


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header line; ``#`` lines are comments."""
    lines = [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return tuple(dict(zip(header, ln.split("\t"))) for ln in lines[1:])


@lru_cache(maxsize=None)
def read_json(name: str) -> Any:
    return json.loads(read_text(name))


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a list file."""
    return tuple(ln.strip() for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=None)
def regions() -> dict[str, str]:
    """Short region name → full name (闵行区 → 上海市闵行区, 姑苏区 → 江苏省苏州市姑苏区): the
    national table (extractor/regions.py) for names with one reading, regions.tsv on top."""
    from .regions import unambiguous

    return dict(unambiguous())
