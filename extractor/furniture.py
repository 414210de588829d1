"""Page furniture: running headers/footers, page numbers and newspaper section labels.

Furniture is layout repeated by the typesetter, not the author's words; left in, it
splits sentences (seed 000: ``…特色课程\\n 专版 /教育周刊\\n…``) and pollutes titles.
Lines are removed whole and each removal is returned so the normaliser can keep it in
``Document.repairs``: nothing is lost, it is only moved out of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .data import read_lines


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    """Line patterns from ``data/furniture_patterns.txt`` (page numbers ``- 3 -``, ``专版 /教育周刊``)."""
    return tuple(re.compile(p) for p in read_lines("furniture_patterns.txt"))


def is_furniture_line(line: str) -> bool:
    """True for a line that is furniture wherever it stands: ``— 1 —``, ``专版 /教育周刊``."""
    stripped = line.strip()
    return bool(stripped) and any(p.search(stripped) for p in furniture_patterns())


#: A page's edge lines compared across pages with their digits masked, so that
#: ``闵行区教育局 第 3 页`` and ``闵行区教育局 第 4 页`` count as one running header.
_DIGITS = re.compile(r"\d+")

#: A running header/footer must recur on at least this share of the pages (and on ≥ 2).
REPEAT_SHARE = 0.5

#: How many non-empty lines at each page edge may be running headers/footers.
EDGE_LINES = 2


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        if text[pos:stop].strip():
            spans.append((pos, stop))
        pos = stop + 1
    return spans


def repeated_edge_lines(text: str, page_starts: list[int]) -> list[tuple[int, int]]:
    """Spans of header/footer lines that repeat at the edges of many pages.

    Only the first and last ``EDGE_LINES`` non-empty lines of each page are candidates,
    so a sentence that happens to recur in the body is never touched.
    """
    if len(page_starts) < 2:
        return []
    bounds = list(zip(page_starts, page_starts[1:] + [len(text)]))
    edges: list[list[tuple[int, int]]] = []
    for start, end in bounds:
        lines = _line_spans(text, start, end)
        edges.append(lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > 2 * EDGE_LINES else lines)
    key = lambda span: _DIGITS.sub("#", text[span[0]:span[1]].strip())  # noqa: E731
    counts = Counter(k for page in edges for k in {key(s) for s in page})
    need = max(2, int(len(bounds) * REPEAT_SHARE + 0.999))
    found = {s for page in edges for s in page if counts[key(s)] >= need and len(key(s)) <= 60}
    return sorted(found)


def furniture_spans(text: str, page_starts: list[int]) -> list[tuple[int, int]]:
    """Line spans (start, end without the newline) to remove as furniture."""
    spans = set(repeated_edge_lines(text, page_starts))
    pos = 0
    for line in text.split("\n"):
        if is_furniture_line(line):
            spans.add((pos, pos + len(line)))
        pos += len(line) + 1
    return sorted(spans)
