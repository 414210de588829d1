"""Timing shared by every benchmark module."""

from __future__ import annotations

import time
from typing import Any, Callable


def best_of(fn: Callable[[], Any], repeat: int = 5) -> float:
    """Fastest of ``repeat`` runs, in seconds (the least disturbed by other processes)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def best_of_alternating(fns: list[Callable[[], Any]], repeat: int = 5) -> list[float]:
    """The fastest of ``repeat`` runs of each function, in seconds, the functions taking turns
    in every round: a burst of load from other jobs (or a slow spell of a shared VM) then
    hits the baseline and the measured code alike, instead of one of them."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best
