"""Task-division tables (任务分解表): one row per task, columns found by header text.

Tables come two ways: as ``Table`` objects (docx/html readers) or flattened one cell
per line by converters (d06 Annex 1: ``序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 /
时间节点``, then ``1 / 加强组织领导 / 召开全区生活垃圾分类工作动员大会… / 区政府办公室 /
各联席会议成员单位 / 2019年3月``).  In flattened tables merged cells appear once, so a
row may lack its 任务名称 (inherited from the row above) and a unit cell may wrap over
two lines (``区绿化市容局、`` / ``区农业农村委``); cells are therefore assigned to columns
by what they hold (a date, a list of units, text), in header order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .. import data
from ..models import Assignment, Document, EntitySpan, Role, Structure
from .common import make_assignment
from .deadlines import cell_deadline
from .markers import marker_roles
from .names import known_names, split_unit_list


@lru_cache(maxsize=None)
def header_columns() -> dict[str, str]:
    """Header word → column kind (number, name, task, deadline, skip, or a role value)."""
    cols = {row["word"]: row["column"] for row in data.read_tsv("table_headers.tsv")}
    cols.update({word: role.value for word, role in marker_roles().items()})
    return cols


#: A cell that is a time limit: ``2019年3月``, ``2019年``, ``年底前``, ``长期``, ``第一季度``.
TIME_CELL = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:底|前|中旬|上旬|下旬)?)?(?:底|前|内)?"
                       r"(?:\s*[-－—~至]\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{0,2}\s*月?(?:底|前)?)?|年底前|年内|长期|持续推进|"
                       r"常态化|第[一二三四]季度|\d{1,2}\s*月(?:底|前)?)$")

#: A row number cell.
NUMBER_CELL = re.compile(r"^\d{1,3}$")

#: A line that ends a flattened table: an annex title or a numbered heading.
TABLE_END = re.compile(r"^(?:附件|#|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")

ROLE_COLUMNS = {r.value for r in Role}


@dataclass(slots=True)
class Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        raw = m.group(0)
        stripped = raw.strip().strip("|").strip()
        if stripped:
            s += raw.find(stripped)
            out.append(Line(stripped, s, s + len(stripped)))
    return out


def flattened_tables(text: str) -> list[tuple[list[str], list[list[Line]], int]]:
    """(header kinds, rows of cells, header start) of each flattened task table in ``text``
    (the last text's answer is kept: the table rule and the prose filter both ask)."""
    key = (hash(text), len(text))
    if _TABLES and _TABLES[0] == key:
        return _TABLES[1]
    found = list(_find_tables(text)) if any(w in text for w in ROLE_HEADER_HINTS) else []
    _TABLES[:] = [key, found]
    return found


_TABLES: list = []

#: A task table always has a role column; texts without these words have none.
ROLE_HEADER_HINTS = ("牵头", "责任", "配合", "协办", "主责", "支撑", "参与单位", "实施单位", "主办单位", "协同单位")


def _find_tables(text: str) -> Iterator[tuple[list[str], list[list[Line]], int]]:
    cols = header_columns()
    lines = _lines(text)
    i = 0
    while i < len(lines):
        j = i
        kinds: list[str] = []
        while j < len(lines) and lines[j].text in cols:
            kinds.append(cols[lines[j].text])
            j += 1
        if len(kinds) >= 3 and "task" in kinds and any(k in ROLE_COLUMNS for k in kinds):
            rows, i = _rows(lines, j, kinds)
            if rows:
                yield kinds, rows, lines[j - len(kinds)].start
            continue
        i = max(j, i + 1)


def _rows(lines: list[Line], i: int, kinds: list[str]) -> tuple[list[list[Line]], int]:
    """Rows after a header: each opens with the next row number (1, 2, 3…)."""
    rows: list[list[Line]] = []
    numbered = "number" in kinds
    expected = 1
    width = len(kinds) - (1 if numbered else 0)
    current: list[Line] | None = None
    while i < len(lines):
        line = lines[i]
        if numbered and NUMBER_CELL.match(line.text) and int(line.text) == expected:
            current = []
            rows.append(current)
            expected += 1
        elif TABLE_END.match(line.text) or current is None or len(current) > width + 2:
            break
        else:
            current.append(line)
        i += 1
    return rows, i


def table_spans(text: str) -> list[tuple[int, int]]:
    """Where flattened task tables stand (the inline rules leave their cells alone)."""
    return [(start, rows[-1][-1].end) for _, rows, start in flattened_tables(text) if rows[-1]]


def _join_wrapped(cells: list[Line]) -> list[Line]:
    """A cell cut inside parentheses continues on the next line:
    ``区委宣传部（区文明办、区政府新闻办、区委`` / ``网信办）``."""
    out: list[Line] = []
    for cell in cells:
        if out and out[-1].text.count("（") > out[-1].text.count("）"):
            out[-1] = Line(out[-1].text + cell.text, out[-1].start, cell.end)
        else:
            out.append(cell)
    return out


def _classify(cells: list[Line], known: frozenset[str]) -> list[tuple[str, Line]]:
    """(time | units | text, cell) with wrapped unit cells (ending in 、) joined."""
    out: list[tuple[str, Line]] = []
    for cell in _join_wrapped(cells):
        if out and out[-1][0] == "units" and out[-1][1].text.endswith(("、", "，")):
            prev = out[-1][1]
            merged = Line(prev.text + cell.text, prev.start, cell.end)
            if split_unit_list(merged.text.rstrip("、，"), known):
                out[-1] = ("units", merged)
                continue
        if TIME_CELL.match(cell.text.replace(" ", "")):
            out.append(("time", cell))
        elif len(cell.text) <= 80 and split_unit_list(cell.text.rstrip("、，"), known):
            out.append(("units", cell))
        else:
            out.append(("text", cell))
    return out


def table_rows(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Each row of a task-division table: the 任务内容 cell is the task, each unit of a role
    column gets that role, the 时间节点 cell is its deadline (d06 Annex 1)."""
    text = doc.text
    known = known_names(entities)
    year = structure.meta.year
    for kinds, rows, _ in flattened_tables(text):
        role_cols = [Role(k) for k in kinds if k in ROLE_COLUMNS]
        for cells in rows:
            classified = _classify(cells, known)
            texts = [c for k, c in classified if k == "text"]
            units = [c for k, c in classified if k == "units"]
            times = [c for k, c in classified if k == "time"]
            if not texts or not units:
                continue
            task = texts[-1]
            deadline = cell_deadline(times[-1].text, year) if times else None
            evidence_start, evidence_end = cells[0].start, cells[-1].end
            for n, cell in enumerate(units):
                role = role_cols[min(n, len(role_cols) - 1)] if role_cols else Role.RESPONSIBLE
                for name, _ in split_unit_list(cell.text.rstrip("、，"), known) or []:
                    yield make_assignment(doc, structure, name, role, task.start, task.end, evidence_start,
                                          evidence_end, rule="task-table", confidence=0.9 if n < len(role_cols) else 0.7,
                                          deadline=deadline)
