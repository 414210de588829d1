"""No catastrophic backtracking: every regular expression of the pipeline on long hostile input.

The patterns are collected from the modules (module-level compiled patterns, lists of
them, and cached pattern builders), so a rule added later is checked without editing
this test.  Each scan of ~20,000 characters must take well under a second; a pattern
with nested quantifiers over overlapping classes takes minutes.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from pathlib import Path

import pytest

#: Modules without text rules (I/O, wiring, batch engine) are skipped; every other module of
#: the package, sub-packages included, is searched for patterns.
SKIP_MODULES = {"extractor.cli", "extractor.batch", "extractor.dask_plugin", "extractor.worker", "extractor.store",
                "extractor.manifest", "extractor.remote_store"}
SKIP_PACKAGES = ("extractor.webapp",)  # the Streamlit UI: no text rules


N = 20_000

#: Inputs made of the characters the rules care about, repeated without the closing cue.
HOSTILE = {
    "latin": "a" * N,
    "cjk": "一" * N,
    "digits": "1" * N,
    "digits-dots": "1." * (N // 2),
    "open-parens": "（" * N,
    "marker-openers": "（牵头单位：" * (N // 6),
    "region-prefix": "区" * N,
    "collective": "各" * N,
    "unit-no-suffix": "区社区学" * (N // 4),
    "years": "到2025年" * (N // 6),
    "spaces": " " * N + "x",
    "newlines": "\n" * N,
    "book-open": "《" * N,
    "doc-number-open": "长学办〔2010" * (N // 8),
    "colons": "：" * N,
    "percent": "80%以上，" * (N // 6),
    "tags": "<a " * (N // 3),
    "stars": "*" * N,
    "mixed": "一、（一）1.（1）①第一章 区教育局负责，到2025年达到80%以上；" * (N // 40),
}


def collect_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()  # a pattern imported into several modules is checked once

    def visit(name: str, value: object, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            if id(value) not in seen:
                seen.add(id(value))
                found[name] = value
        elif depth < 2 and isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                visit(f"{name}[{i}]", item, depth + 1)
        elif depth < 2 and isinstance(value, dict):
            for key, item in value.items():
                visit(f"{name}[{key!r}]", item, depth + 1)

    import extractor

    for info in pkgutil.walk_packages(extractor.__path__, "extractor."):
        if info.name in SKIP_MODULES or info.name.startswith(SKIP_PACKAGES):
            continue
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("extractor.")
        for attr, value in vars(module).items():
            if isinstance(value, type) or (callable(value) and getattr(value, "__module__", None) != info.name):
                continue  # classes and imported callables are visited in their own module
            visit(f"{short}.{attr}", value)
            # cached pattern builders (``@lru_cache def unit_grammar() -> re.Pattern``) are built once
            if callable(getattr(value, "cache_info", None)) and getattr(value, "__module__", None) == info.name:
                try:
                    built = value()
                except TypeError:  # takes arguments: not a builder
                    continue
                visit(f"{short}.{attr}()", built)
    return sorted(found.items())


PATTERNS = collect_patterns()


def test_the_pipeline_patterns_were_found():
    names = {name.split(".")[0] for name, _ in PATTERNS}
    assert {"normalize", "structure", "relations", "targets", "nlp"} <= names
    assert len(PATTERNS) >= 15


#: Patterns found slow by these tests, with the diagnosis; they XPASS once their owner fixes them.
KNOWN_SLOW: dict[str, str] = {}  # every pattern is linear now; a regression gets an entry with its diagnosis and fix

#: Seconds one scan may take; a linear pattern needs milliseconds.
BUDGET = 1.0


class Overrun(Exception):
    pass


def scanning_patterns() -> set[str]:
    """Patterns the code runs across a whole text (``NAME.finditer/sub/findall/split(``, ``.rewrite(NAME``).

    Only these can go quadratic by restarting at every position; the others are
    applied once at a known position or to a short line.
    """
    import extractor

    root = Path(extractor.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    names = set()
    for name, _ in PATTERNS:
        attr = name.rsplit(".", 1)[-1].split("[")[0].rstrip("()")
        if (re.search(rf"\b{re.escape(attr)}(?:\(\))?\.(?:finditer|sub|subn|findall|split)\(", source)
                or re.search(rf"\.rewrite\(\s*{re.escape(attr)}\b", source)):  # normalize's MappedText.rewrite scans
            names.add(name)
    return names


SCANNING = scanning_patterns()


def _subject(pattern: re.Pattern, text: str):
    return text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text


def anchored_seconds(pattern: re.Pattern[str], text: str) -> float:
    """One anchored attempt at a few positions: exponential backtracking shows here."""
    text = _subject(pattern, text)
    return timed(lambda: [pattern.match(text, i) for i in (0, 1, len(text) // 2)])


def scan_seconds(pattern: re.Pattern[str], text: str) -> float:
    text = _subject(pattern, text)
    return timed(lambda: [None for _ in pattern.finditer(text)])


def timed(fn) -> float:
    """Seconds ``fn`` takes, stopped at BUDGET (Python's regex engine checks for signals)."""
    def expire(signum, frame):
        raise Overrun

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, BUDGET)
    t0 = time.perf_counter()
    try:
        fn()
    except Overrun:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - t0


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_catastrophic_backtracking(name: str, pattern: re.Pattern[str], request):
    if name in KNOWN_SLOW:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_SLOW[name], strict=False))
    slow = {label: round(t, 2) for label, text in HOSTILE.items() if (t := anchored_seconds(pattern, text)) >= BUDGET}
    assert not slow, f"{name} ({pattern.pattern[:80]}) backtracks catastrophically on: {slow}"


@pytest.mark.parametrize("name,pattern", [(n, p) for n, p in PATTERNS if n in SCANNING],
                         ids=[n for n, _ in PATTERNS if n in SCANNING])
def test_whole_text_scan_is_linear(name: str, pattern: re.Pattern[str], request):
    if name in KNOWN_SLOW:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_SLOW[name], strict=False))
    slow = {label: round(t, 2) for label, text in HOSTILE.items() if (t := scan_seconds(pattern, text)) >= BUDGET}
    assert not slow, f"{name} ({pattern.pattern[:80]}) is slow scanning: {slow}"
