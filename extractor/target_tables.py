"""Indicator tables: each row of a 序号/指标/单位/目标值 table is a target.

Seed 001 writes its table as TSV lines::

    序号	指标	单位	增长值（到 2025 年）
    1	终身教育在线学习资源	个	100

and corpus d04 flattens its table one cell per paragraph, leaving out merged cells
(类型 appears on the first row of each group only), with values such as ``>2`` and
``基本消除``.  The columns are found by their header words, the deadline comes from the
value column's header (``2025年目标值``, ``到 2025 年``) or else the plan period, and an
increase column (增长值, 新增) gives the comparator ``+``.

Tables come from ``Structure.tables`` (the structure stage reads both layouts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .models import Cell, Document, Structure, Table, Target, TargetKind
from .numbers import MULTIPLIERS, parse_cell, units

RULE_TABLE = "indicator-table"

#: Header words of the columns an indicator table needs.  ``指标`` names an indicator
#: column outright; ``项目``/``名称`` (a project list's name column, d07 附件2 ``序号 | 名称 |
#: 位置 | 面积(公顷)``) only beside a column that says it holds targets (:data:`TARGET_HEADER`).
NAME_HEADER = re.compile(r"指标(?:名称)?$|^指标")
LOOSE_NAME_HEADER = re.compile(r"^项目$|^名称$|^项目名称$")
TARGET_HEADER = re.compile(r"目标|预期值")
UNIT_HEADER = re.compile(r"单位")
VALUE_HEADER = re.compile(r"目标|增长值|新增|增量|预期值|((?:19|20)\d{2})\s*年")
BASE_HEADER = re.compile(r"基期|基数|现状|现值")
INCREASE_HEADER = re.compile(r"增长|新增|增量|增加")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

#: A column naming the region or unit each row belongs to (d06 附件3 ``序号 | 街镇 | …``):
#: its cell is the row's scope.
#: A bare ``单位`` is the unit of measure in an indicator table (seed 001 ``序号 | 指标 | 单位``).
SCOPE_HEADER = re.compile(r"^(?:街镇|街道|乡镇|镇|区县|区|县|地区|区域|部门|责任单位|实施单位|街镇、园区|街镇（园区）)$")

#: Share of an indicator column's cells that must be words, not figures: a header such as
#: ``源头达标实效指标`` over a column of numbers is a group label, not the indicator column.
MIN_TEXT_SHARE = 0.5

#: Cells meaning "no unit": —, -, /.
NO_UNIT = {"—", "-", "－", "/", "／", "——", ""}

#: Longest a flattened header cell may be (header cells are short labels).
MAX_HEADER_CELL = 14


@dataclass(frozen=True, slots=True)
class TableContext:
    doc_id: str
    region: str | None
    plan_end: int | None
    doc_year: int | None


@dataclass(frozen=True, slots=True)
class Columns:
    name: int
    value: int
    unit: int | None
    base: int | None
    deadline: str | None
    increase: bool
    scope: int | None = None  # the column naming each row's region or unit


def _texty(body: list[list[Cell]], col: int) -> bool:
    """Most filled cells of column ``col`` are words (indicator names), not figures."""
    cells = [row[col].text.strip() for row in body if col < len(row) and row[col].text.strip()]
    if not cells:
        return False
    words = sum(1 for c in cells if parse_cell(c)[1] is None)
    return words / len(cells) >= MIN_TEXT_SHARE


def columns(header: list[str], ctx: TableContext, body: list[list[Cell]] | None = None) -> Columns | None:
    """Where the indicator name, unit, target value, baseline and row scope are, or None.

    An indicator table needs an indicator column and a value column, both recognised by
    their header; a matrix of figures per region or unit without an indicator column
    (d06 附件3: one column per indicator, one row per 街镇) gives no targets here: none is
    better than figures whose indicator and region are guessed.
    """
    heads = [re.sub(r"\s+", "", h) for h in header]
    names = [i for i, h in enumerate(heads) if NAME_HEADER.search(h) and not UNIT_HEADER.search(h)]
    loose = [i for i, h in enumerate(heads) if LOOSE_NAME_HEADER.search(h)]
    if not names and loose and any(TARGET_HEADER.search(h) for h in heads):
        names = loose
    if body is not None:
        names = [i for i in names if _texty(body, i)]
    if not names:
        return None
    name = names[0]
    unit = next((i for i, h in enumerate(heads) if UNIT_HEADER.search(h) and i != name), None)
    value = base = None
    for i, h in enumerate(heads):
        if i in (name, unit):
            continue
        if BASE_HEADER.search(h):
            base = i
            continue
        m = VALUE_HEADER.search(h)
        if not m:
            continue
        year = YEAR.search(h)
        if year and ctx.doc_year and int(year.group(1)) < ctx.doc_year and "目标" not in h:
            base = i  # 2020年 beside 2025年目标值: the baseline column
            continue
        value = i
    if value is None:
        return None
    year = YEAR.search(heads[value])
    deadline = year.group(1) if year else (str(ctx.plan_end) if ctx.plan_end else None)
    scope = next((i for i, h in enumerate(heads) if SCOPE_HEADER.match(h) and i not in (name, value, unit)), None)
    return Columns(name, value, unit, base, deadline, bool(INCREASE_HEADER.search(heads[value])), scope)


def base_unit(unit_text: str) -> tuple[str, float]:
    """万平方米 → (平方米, 10000); ％ → (%, 1); an unknown unit stays as written."""
    text = re.sub(r"\s+", "", unit_text)
    if text in NO_UNIT:
        return "", 1.0
    factor = 1.0
    for mult in sorted(MULTIPLIERS, key=len, reverse=True):
        if text.startswith(mult) and len(text) > len(mult):
            factor, text = float(MULTIPLIERS[mult]), text[len(mult):]
            break
    known = units().get(text)
    if known:
        return known.base, factor * known.factor
    return text, factor


def _scale(value: float, factor: float) -> float:
    from decimal import Decimal

    return float(Decimal(str(value)) * Decimal(str(factor)))


def table_targets(table: Table, ctx: TableContext, flagged: list[tuple[int, int]]) -> Iterator[Target]:
    """One target per body row of an indicator table (rows aligned right when short)."""
    cols = columns(table.header, ctx, table.body)
    if cols is None:
        return
    width = len(table.header)
    for row in table.body:
        cells = list(row)
        if len(cells) < width:  # merged cells on the left were left out: align right
            cells = [Cell("")] * (width - len(cells)) + cells
        if len(cells) <= max(cols.name, cols.value):
            continue
        name = re.sub(r"\s+", "", cells[cols.name].text)
        raw = cells[cols.value].text
        if not name or not raw.strip():
            continue
        # the row's own span: merged cells carried down from an earlier row point elsewhere
        own = [c for c in (cells[cols.name], cells[cols.value]) if c.start >= 0]
        start = min((c.start for c in own), default=table.start)
        end = max((c.end for c in own), default=table.end)
        if any(start < e and s < end for s, e in flagged):
            continue
        cmp, value, rest = parse_cell(raw)
        unit_text = cells[cols.unit].text.strip() if cols.unit is not None else ""
        if not unit_text or unit_text in NO_UNIT:
            unit_text = rest if value is not None else ""
        unit, factor = base_unit(unit_text)
        baseline = None
        if cols.base is not None and cols.base < len(cells):
            _, b, _ = parse_cell(cells[cols.base].text)
            baseline = _scale(b, factor) if b is not None else None
        comparator = "+" if cols.increase else (cmp or "=")
        scope = cells[cols.scope].text.strip() or None if cols.scope is not None else None
        evidence = "\t".join(c.text for c in row)
        yield Target(
            doc_id=ctx.doc_id, indicator=name, value=_scale(value, factor) if value is not None else None,
            unit=unit, unit_text=unit_text if value is not None else raw.strip(), comparator=comparator,
            kind=TargetKind.TARGET, start=start, end=end, evidence=evidence, deadline=cols.deadline,
            baseline=baseline, region=ctx.region, rule=RULE_TABLE, scope=scope,
        )


def tables_for(doc: Document, structure: Structure) -> list[Table]:
    """The document's tables, as the structure stage found them (TSV, markdown, flattened)."""
    return list(structure.tables)
