"""Table grids with merged cells: an HTML ``rowspan``/``colspan`` or a Word ``vMerge``/``gridSpan``
cell is expanded into every row and column it covers, so that a 牵头单位 cell merged over
three task rows leads all three (the structure stage reads rows, not merges).

The text a reader writes for a table holds each merged cell's text once, in its first
row and column (nothing is repeated in the normalised text); every grid position it
covers gets a ``Cell`` with that text, its offsets and its span, as
``tables._carry_row_spans`` does for tab-separated text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Cell, Table


@dataclass(frozen=True, slots=True)
class RawCell:
    """A ``<td>``/``<th>`` as read: its text and how many rows and columns it spans."""

    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True, slots=True)
class Slot:
    """One grid position: the cell that starts there, or (``origin``) the id of the merged cell covering it."""

    cell: RawCell
    origin: int | None = None


#: A span attribute larger than this is a typo or an attack (``rowspan="100000"``), not a merge.
MAX_SPAN = 1000


def span_attr(value: str | None) -> int:
    """``rowspan``/``colspan`` as an int ≥ 1 (HTML: missing, 0 or garbage count as 1)."""
    try:
        return min(max(int(str(value).strip()), 1), MAX_SPAN)
    except (TypeError, ValueError):
        return 1


def expand_spans(rows: list[list[RawCell]]) -> list[list[Slot]]:
    """The table grid with merged cells expanded into every row and column they cover.

    A task-division table's ``<td rowspan="3">区教育局</td>`` in the 牵头单位 column leads
    the three task rows it spans, not only the first; a ``colspan`` fills the columns
    to its right.  Rows spanned past the last ``<tr>`` are not added.
    """
    grid: list[list[Slot]] = []
    carry: dict[int, tuple[Slot, int]] = {}  # column → (slot to repeat, rows still to cover)

    def take_carry(col: int, out: list[Slot]) -> None:
        slot, left = carry.pop(col)
        out.append(slot)
        if left > 1:
            carry[col] = (slot, left - 1)

    for row in rows:
        out: list[Slot] = []
        for cell in row:
            while len(out) in carry:
                take_carry(len(out), out)
            col = len(out)
            for k in range(cell.col_span):
                slot = Slot(cell) if k == 0 else Slot(cell, id(cell))
                out.append(slot)
                if cell.row_span > 1:
                    carry[col + k] = (Slot(cell, id(cell)), cell.row_span - 1)
        while carry and max(carry) >= len(out):  # merged cells right of the row's last cell
            if len(out) in carry:
                take_carry(len(out), out)
            else:
                out.append(Slot(RawCell("")))
        grid.append(out)
    return grid



def filled_rows(grid: list[list[Slot]]) -> list[list[Slot]]:
    """The grid rows holding any text (a merged cell's text counts in every row it covers):
    empty layout rows are dropped after expansion, so that no span shifts onto another row."""
    return [row for row in grid if any(slot.cell.text.strip() for slot in row)]


def grid_table(grid: list[list[Slot]], start: int) -> tuple[str, Table]:
    """The tab-separated text of ``grid`` (written at offset ``start``) and its ``Table``."""
    lines: list[str] = []
    rows: list[list[Cell]] = []
    origins: dict[int, Cell] = {}
    pos = start
    for row in grid:
        cells: list[Cell] = []
        written: list[str] = []
        for slot in row:
            if slot.origin is not None and slot.origin in origins:
                o = origins[slot.origin]
                cells.append(Cell(o.text, o.start, o.end, o.row_span, o.col_span))
                written.append("")
                pos += 1
                continue
            text = slot.cell.text.replace("\t", " ").strip()
            cell = Cell(text, pos, pos + len(text), slot.cell.row_span, slot.cell.col_span)
            origins[id(slot.cell)] = cell
            cells.append(cell)
            written.append(text)
            pos += len(text) + 1
        lines.append("\t".join(written) + "\n")
        rows.append(cells)
    text = "".join(lines)
    return text, Table(rows=rows, start=start, end=start + len(text) - 1)
