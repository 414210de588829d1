"""Task-division tables (任务分解表): one row per task, columns found by header text.

The structure stage hands every table of a document over as ``Structure.tables`` — read
from DOCX/HTML/PDF by the readers, or rebuilt from TSV lines and from tables flattened
one cell per paragraph (d06 Annex 1: ``序号 / 任务名称 / 任务内容 / 牵头部门 / 配合部门 /
时间节点``).  A table is a task table when its header names a task column
(工作任务/主要任务/任务内容…) and a role column (牵头单位/责任单位/配合单位/协办单位…, the words
of ``data/role_markers.tsv``); ``data/table_headers.tsv`` lists the other header words.

A row whose cells fit the header (a task cell that is no unit list, role cells that are
unit lists) is read column by column.  A row that does not fit — a flattened table where
a merged cell is missing or a unit cell spilled into a third paragraph (d06 rows 14 and
23) — is read by what its cells hold, in header order: text cells are the task (the
last one), unit lists fill the role columns left to right, a date is the deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .. import data
from ..models import Assignment, Cell, Document, EntitySpan, Role, Structure, Table
from .common import make_assignment
from .deadlines import cell_deadline
from .markers import marker_roles
from .names import known_names, split_unit_list

ROLE_COLUMNS = {r.value for r in Role}


@lru_cache(maxsize=None)
def header_columns() -> dict[str, str]:
    """Header word → column kind (number, name, task, deadline, skip, or a role value)."""
    cols = {row["word"]: row["column"] for row in data.read_tsv("table_headers.tsv")}
    cols.update({word: role.value for word, role in marker_roles().items()})
    return cols


@lru_cache(maxsize=None)
def _header_words() -> tuple[str, ...]:
    return tuple(sorted(header_columns(), key=len, reverse=True))


#: Markup and spaces a converter leaves in a header cell: ``**牵头单位**``, ``完成 时限``.
HEADER_NOISE = re.compile(r"[\s*#:：]+")


def column_kind(header: str) -> str | None:
    """The column a header cell names: the header word it is, else the longest header word
    it holds (``牵头单位（部门）`` → lead, ``完成时限（年月）`` → deadline)."""
    cell = HEADER_NOISE.sub("", header)
    cols = header_columns()
    if cell in cols:
        return cols[cell]
    if len(cell) > 12:
        return None  # a sentence, not a label
    for word in _header_words():
        if word in cell:
            return cols[word]
    return None


@dataclass(frozen=True, slots=True)
class TaskTable:
    """A table read as a task table: its column kinds and its body rows."""

    table: Table
    kinds: tuple[str | None, ...]
    body: tuple[tuple[Cell, ...], ...]

    @property
    def roles(self) -> list[tuple[int, Role]]:
        return [(i, Role(k)) for i, k in enumerate(self.kinds) if k in ROLE_COLUMNS]


#: Header rows looked at: a two-level header puts the role words in its second row.
MAX_HEADER_ROWS = 3


def as_task_table(table: Table) -> TaskTable | None:
    """The table as a task table, or None when no header row names a task and a role column."""
    for h, row in enumerate(table.rows[:MAX_HEADER_ROWS]):
        kinds = tuple(column_kind(c.text) for c in row)
        if "task" in kinds and any(k in ROLE_COLUMNS for k in kinds):
            return TaskTable(table, kinds, tuple(tuple(r) for r in table.rows[h + 1:] if r))
    return None


def task_tables(structure: Structure) -> list[TaskTable]:
    """The task tables of a document, one per place (a reader's table and the same table
    rebuilt from its TSV lines are one)."""
    out: list[TaskTable] = []
    for table in sorted(structure.tables, key=lambda t: t.start):
        tt = as_task_table(table)
        if tt is None:
            continue
        if any(o.table.start <= table.start <= o.table.end or table.start <= o.table.start <= table.end
               for o in out if table.start >= 0):
            continue
        out.append(tt)
    return out


def table_spans(structure: Structure) -> list[tuple[int, int]]:
    """Where task tables stand (the inline rules leave their cells alone)."""
    return [(t.table.start, t.table.end) for t in task_tables(structure) if t.table.start >= 0]


#: A cell that is a time limit: ``2019年3月``, ``2019年``, ``年底前``, ``长期``, ``第一季度``.
TIME_CELL = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:底|前|中旬|上旬|下旬)?)?(?:底|前|内)?"
                       r"(?:\s*[-－—~至]\s*(?:(?:19|20)\d{2}\s*年)?\s*\d{0,2}\s*月?(?:底|前)?)?|年底前|年内|长期|持续推进|"
                       r"常态化|第[一二三四]季度|\d{1,2}\s*月(?:底|前)?)$")

#: A row number cell.
NUMBER_CELL = re.compile(r"^\d{1,3}$")

#: Longest cell read as a list of units (a longer cell is a task text).
MAX_UNIT_CELL = 80


@lru_cache(maxsize=4096)
def unit_list(cell: str, known: frozenset[str]) -> list[tuple[str, int]] | None:
    """The units of a role cell (``区绿化市容局、区农业农村委``; a trailing 、 or 等 dropped);
    remembered, as a row is read twice (does it fit? then its cells) and cells repeat."""
    text = cell.strip().rstrip("、，,;；").strip()
    text = text[:-1] if text.endswith("等") else text
    if not text or len(text) > MAX_UNIT_CELL:
        return None
    return split_unit_list(text, known)


def _fits(tt: TaskTable, row: tuple[Cell, ...], known: frozenset[str]) -> bool:
    """Whether a row's cells stand in the header's columns: as many cells, a filled task
    cell, every filled role cell a unit list — and no task text pushed out of the task
    column (d06 row 14: the task stands under 任务名称 and 区机管局 under 任务内容)."""
    if len(row) != len(tt.kinds):
        return False
    tasks = [row[i].text for i, k in enumerate(tt.kinds) if k == "task" and row[i].text.strip()]
    if not tasks or not all(unit_list(row[i].text, known) for i, _ in tt.roles if row[i].text.strip()):
        return False
    if unit_list(tasks[-1], known):
        others = [c.text.strip() for c, k in zip(row, tt.kinds) if k not in ROLE_COLUMNS and k != "task"]
        return not any(t and not NUMBER_CELL.match(t) and not TIME_CELL.match(t.replace(" ", ""))
                       and not unit_list(t, known) for t in others)
    return True


@dataclass(frozen=True, slots=True)
class RowReading:
    """What one row says: its task cell, (role, cell, by-header) unit cells, its time cell."""

    task: Cell
    units: tuple[tuple[Role, Cell, bool], ...]
    time: Cell | None


def read_row(tt: TaskTable, row: tuple[Cell, ...], known: frozenset[str]) -> RowReading | None:
    """A row read by its header when it fits, else by what its cells hold."""
    if _fits(tt, row, known):
        task = [row[i] for i, k in enumerate(tt.kinds) if k == "task" and row[i].text.strip()][-1]
        units = tuple((role, row[i], True) for i, role in tt.roles if row[i].text.strip())
        times = [row[i] for i, k in enumerate(tt.kinds) if k == "deadline" and row[i].text.strip()]
        return RowReading(task, units, times[-1] if times else None)
    return _read_by_content(tt, row, known)


def _read_by_content(tt: TaskTable, row: tuple[Cell, ...], known: frozenset[str]) -> RowReading | None:
    texts: list[Cell] = []
    unit_cells: list[Cell] = []
    times: list[Cell] = []
    for cell in row:
        t = cell.text.strip()
        if not t or NUMBER_CELL.match(t):
            continue
        if TIME_CELL.match(t.replace(" ", "")):
            times.append(cell)
        elif unit_list(t, known):
            unit_cells.append(cell)
        else:
            texts.append(cell)
    if not texts or not unit_cells:
        return None
    roles = [role for _, role in tt.roles] or [Role.RESPONSIBLE]
    units = tuple((roles[min(n, len(roles) - 1)], c, n < len(roles)) for n, c in enumerate(unit_cells))
    return RowReading(texts[-1], units, times[-1] if times else None)


def _span(text: str, cell: Cell, after: int) -> tuple[int, int]:
    """A cell's span in the text (a table built without offsets is looked up by its text)."""
    if 0 <= cell.start <= cell.end:
        return cell.start, cell.end
    at = text.find(cell.text, max(after, 0))
    return (at, at + len(cell.text)) if at >= 0 else (-1, -1)


def table_rows(doc: Document, structure: Structure, entities: list[EntitySpan]) -> Iterator[Assignment]:
    """Each row of a task-division table: the task cell is the task, each unit of a role
    column gets that role, the 完成时限/时间节点 cell is its deadline (d06 Annex 1)."""
    text = doc.text
    known = known_names(entities)
    year = structure.meta.year
    for tt in task_tables(structure):
        for row in tt.body:
            reading = read_row(tt, row, known)
            if reading is None:
                continue
            start, end = _span(text, reading.task, tt.table.start)
            if start < 0:
                continue
            spans = [s for s in (_span(text, c, tt.table.start) for c in row) if s[0] >= 0]
            ev_start, ev_end = min(s for s, _ in spans), max(e for _, e in spans)
            deadline = cell_deadline(reading.time.text, year) if reading.time else None
            for role, cell, by_header in reading.units:
                for name, _ in unit_list(cell.text, known) or []:
                    yield make_assignment(doc, structure, name, role, start, end, ev_start, ev_end, rule="task-table",
                                          confidence=0.9 if by_header else 0.7, deadline=deadline)
