"""The entity pipeline on long hostile input: linear time, no catastrophic backtracking.

Every unit-grammar pattern is bounded (bodies ≤ 18 characters, lazy suffix search inside
a window, jieba only on a 12-character window per suffix), so four times the input costs
about four times the time — a quadratic rule would cost sixteen.
"""

from __future__ import annotations

import time

import pytest

from extractor.dates import find_dates
from extractor.nlp import annotate

N = 2_000

HOSTILE = {
    "region-prefix": "区" * N,
    "collective": "各" * N,
    "suffix-chars": "局委办院" * (N // 4),
    "unit-no-suffix": "区社区学" * (N // 4),
    "alliance-no-name": "联盟" * (N // 2),
    "quotes": "“区" * (N // 2),
    "brackets": "各街镇（" * (N // 4),
    "jianchen": "（简称" * (N // 3),
    "years": "2025年" * (N // 5),
    "months": "3-" * (N // 2),
    "cn-year": "二〇一三年" * (N // 5),
}


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    """Load jieba's dictionary and tag table once, outside the timings."""
    annotate("由区社区学院牵头组建成人教育联盟", 2010)


def _seconds(text: str) -> float:
    t0 = time.perf_counter()
    annotate(text, 2010)
    find_dates(text, 2010)
    return time.perf_counter() - t0


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_entities_in_linear_time(name: str):
    text = HOSTILE[name]
    small = min(_seconds(text[: len(text) // 4]) for _ in range(2))
    large = _seconds(text)
    assert large < 10.0, name
    assert large < max(8 * small, 0.5), (name, small, large)
