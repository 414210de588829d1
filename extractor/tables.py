"""Tables written into the text, rebuilt into the one ``Table`` model with cell offsets.

Two layouts reach the structure stage as plain lines:

* tab-separated rows (seed 001's indicator table ``序号	指标	单位	增长值（到 2025 年）``, seed
  003's HTML form after the converter), possibly with blank lines between rows where a
  page broke;
* tables flattened one cell per paragraph (d04, d06, d07): a ``序号`` line, the other
  header cells, then rows that each start with the next serial number.  Columns are
  rebuilt from the header: a row one cell short lacks a merged cell (d04's 类型, d06's
  任务名称), carried down from the row above; a cell ending in 、 or ， runs on into the
  next paragraph (d06 ``区绿化市容局、`` / ``区农业农村委``);
* markdown pipe tables (a TXT/MD file or a converter's output): ``| 序号 | 工作任务 | 牵头单位 |``
  over a ``|---|:---:|---|`` delimiter row, then one ``| … |`` line per row.

Tables the reader already built (HTML, DOCX, PDF) arrive in ``Document.tables`` and are
kept as they are.
"""

from __future__ import annotations

import re
from typing import Callable

from .models import Cell, Table
from .textlines import Line

#: The first header cell of a flattened table.
SERIAL_HEADER = re.compile(r"^序\s*号$")

#: Header cells are short labels: ``指标名称``, ``2025年目标值``, ``牵头部门``.
MAX_HEADER_CELL = 20

#: A row label that closes a table: ``合计``, ``总计``.
TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|小\s*计)$")

#: A line that cannot be a cell: the next attachment's label or the next table's header
#: (d07: ``合计`` / ``928`` / ``附件2`` / ``公园绿地重点建设计划表`` / ``序号``).
TABLE_END = re.compile(r"^(?:附\s*件\s*\d{0,2}\s*[：:]?|序\s*号)$")

#: A cell that runs on into the next paragraph: ``区政府办公室、区绿化市容局、`` (d06).
RUNS_ON = ("、", "，", ",")


def _full_line(text: str, line: Line) -> tuple[int, int]:
    """The line's span with its leading/trailing tabs (a leading tab is an empty first cell)."""
    start = text.rfind("\n", 0, line.start) + 1
    end = text.find("\n", line.end)
    return start, len(text) if end < 0 else end


def _cells_of_tsv(line: Line, text: str) -> list[Cell]:
    cells = []
    pos, end = _full_line(text, line)
    raw = text[pos:end].rstrip(" ")
    for piece in raw.split("\t"):
        s = pos + (len(piece) - len(piece.lstrip()))
        e = pos + len(piece.rstrip())
        cells.append(Cell(piece.strip(), s, max(s, e)))
        pos += len(piece) + 1
    return cells


def _carry_row_spans(rows: list[list[Cell]]) -> list[list[Cell]]:
    """An empty first cell under a filled one is the filled one spanning down (seed 003's
    ``街道（乡镇） 负责人`` over ``	联系电话``): carried, with the row span counted."""
    origin: Cell | None = None
    for row in rows:
        if not row:
            continue
        if row[0].text:
            origin = row[0]
        elif origin is not None:
            origin.row_span += 1
            row[0] = Cell(origin.text, origin.start, origin.end)
    return rows


def header_rows(rows: list[list[Cell]]) -> int:
    """1 when the first row reads as column labels: two or more short, non-numeric cells
    (seed 001's ``序号	指标	单位	增长值（到 2025 年）``); 0 for a form whose first row is a
    single field (seed 003's ``街道（乡镇） 名称``)."""
    first = [c.text for c in rows[0] if c.text] if rows else []
    labels = len(first) >= 2 and all(len(t) <= MAX_HEADER_CELL and not _is_number(t) for t in first)
    return 1 if labels else 0


def tsv_tables(text: str, lines: list[Line], tabbed: Callable[[Line], bool] | None = None) -> list[Table]:
    """Runs of two or more tab-separated lines (blank lines between rows allowed).

    ``tabbed`` says whether a line had tabs in the source: the normaliser drops trailing
    tabs, so seed 003's first row ``街道（乡镇） 名称`` keeps none in the normalised text.
    """
    tables: list[Table] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= 2:
            rows = _carry_row_spans([_cells_of_tsv(ln, text) for ln in run])
            tables.append(Table(rows=rows, start=run[0].start, end=run[-1].end, header_rows=header_rows(rows)))
        run.clear()

    for ln in lines:
        s, e = _full_line(text, ln)
        if "\t" in text[s:e] or (tabbed is not None and tabbed(ln)):
            run.append(ln)
        else:
            flush()
    flush()
    return tables


def _join_run_ons(cells: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for cell in cells:
        if out and out[-1].text.endswith(RUNS_ON):
            prev = out[-1]
            out[-1] = Cell(prev.text + cell.text, prev.start, cell.end)
        else:
            out.append(cell)
    return out


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[<>≤≥~约]?\s*[\d.,，%％]+", text.strip()))


def _carry_merged(cells: list[Cell], previous: list[Cell] | None, width: int) -> list[Cell]:
    """Fill cells merged from the row above (they follow the serial-number cell).

    Only when the row then ends like the row above (a number under a number, a word
    under a word): d07's ``1 | 文耀路两侧绿地 | 文耀路两侧 | 3.55`` lacks an empty 备注 at
    its end, not a merged cell after its number.
    """
    missing = width - len(cells)
    if missing <= 0 or previous is None or len(previous) != width or len(cells) < 2:
        return cells
    if _is_number(cells[-1].text) != _is_number(previous[-1].text):
        return cells
    above = previous[1 : 1 + missing]
    for cell in above:
        cell.row_span += 1
    carried = [Cell(c.text, c.start, c.end) for c in above]
    return cells[:1] + carried + cells[1:]


def flattened_tables(lines: list[Line]) -> list[Table]:
    """Tables flattened one cell per paragraph, starting at a ``序号`` header cell."""
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        if not SERIAL_HEADER.match(lines[k].text):
            k += 1
            continue
        header_end = k + 1
        while header_end < len(lines) and lines[header_end].text != "1" and len(lines[header_end].text) <= MAX_HEADER_CELL \
                and header_end - k <= 20:
            header_end += 1
        if header_end >= len(lines) or lines[header_end].text != "1" or header_end - k < 2:
            k += 1
            continue
        width = header_end - k
        header = [Cell(ln.text, ln.start, ln.end) for ln in lines[k:header_end]]
        rows: list[list[Cell]] = [header]
        j, serial, previous = header_end, 1, None
        while j < len(lines) and (lines[j].text == str(serial) or (TOTAL_ROW.match(lines[j].text) and serial > 1)):
            is_total = bool(TOTAL_ROW.match(lines[j].text))
            nxt = j + 1
            # a row runs to the next serial number, at most two widths on
            # (a value cell equal to the next serial, d04's ``处`` / ``4``, is skipped: a row has
            # at least the header's width less one merged cell)
            while nxt < len(lines) and nxt - j < 2 * width and not TABLE_END.match(lines[nxt].text) and (
                    nxt - j < max(2, width - 1)
                    or (lines[nxt].text != str(serial + 1) and not TOTAL_ROW.match(lines[nxt].text))):
                nxt += 1
            ended = nxt < len(lines) and bool(TABLE_END.match(lines[nxt].text))
            raw = [Cell(ln.text, ln.start, ln.end) for ln in lines[j:nxt]]
            if not ended and (nxt >= len(lines) or nxt - j >= 2 * width or is_total):
                raw = raw[:width]  # the last row: no serial ends it, the header's width does
                nxt = j + len(raw)
            cells = _join_run_ons(raw) if is_total else _carry_merged(_join_run_ons(raw), previous, width)
            rows.append(cells)
            previous = cells
            serial += 1
            j = nxt
            if is_total or ended:
                break
        if len(rows) >= 2:
            tables.append(Table(rows=rows, start=lines[k].start, end=lines[j - 1].end, header_rows=1))
        k = max(j, k + 1)
    return tables


#: Cell boundaries of a pipe table: ASCII ``|`` and the full-width ``｜`` a Chinese
#: input method types (``｜ 序号 ｜ 工作任务 ｜ 牵头单位 ｜``).
PIPES = "|｜"

#: One cell of a delimiter row: hyphens (ASCII or full-width ``－``) with optional colons.
_DELIM_CELL = r"\s*:?[-－]+:?\s*"

#: A markdown table's delimiter row: ``|---|:---:|---:|``, ``｜---｜---｜``, or without
#: outer pipes ``---|:---:|---`` (GFM allows both; then it needs an inner pipe).
PIPE_DELIMITER = re.compile(rf"^(?:[{PIPES}](?:{_DELIM_CELL}[{PIPES}])+|[{PIPES}]?{_DELIM_CELL}(?:[{PIPES}]{_DELIM_CELL})+[{PIPES}]?)$")

#: A cell boundary in a pipe row: a ``|`` or ``｜`` not escaped as ``\|`` (``| 区教育局\|区民政局 |``
#: is one cell).
PIPE_SEPARATOR = re.compile(rf"(?<!\\)[{PIPES}]")


def _outer_pipes(t: str) -> tuple[bool, bool]:
    """Whether the row opens and closes with an (unescaped) pipe."""
    return t[:1] in PIPES, len(t) >= 2 and t[-1] in PIPES and t[-2] != "\\"


def _is_pipe_row(line: Line, outer: bool = True) -> bool:
    """``| 1 | 开展老年教育课程资源建设 | 区社区学院 |``: starts and ends with an unescaped pipe;
    in a table written without outer pipes (``1 | 开展老年教育课程资源建设 | 区社区学院``),
    any line with an unescaped pipe between cells."""
    t = line.text
    if outer:
        return len(t) >= 2 and all(_outer_pipes(t))
    return PIPE_SEPARATOR.search(t) is not None


def _cells_of_pipe_row(line: Line) -> list[Cell]:
    """The cells between the row's pipes (outer ones optional), each span trimmed of its padding."""
    cells = []
    t = line.text
    opens, closes = _outer_pipes(t)
    lo, hi = int(opens), len(t) - int(closes)
    pos = line.start + lo
    for piece in PIPE_SEPARATOR.split(t[lo:hi]):
        s = pos + len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), s, s + len(piece.strip())))
        pos += len(piece) + 1
    return cells


def _delimiter_cells(text: str) -> int:
    opens, closes = _outer_pipes(text)
    return len(PIPE_SEPARATOR.findall(text)) + 1 - int(opens) - int(closes)


def _adjacent(text: str, first: Line, second: Line) -> bool:
    """No blank line between two lines: a blank line ends a markdown table."""
    return text.count("\n", first.end, second.start) == 1


def pipe_tables(text: str, lines: list[Line]) -> list[Table]:
    """Markdown pipe tables: a header row, a delimiter row, then adjacent ``| … |`` rows.

    Pipes may be ASCII or full-width (``｜``); a table whose delimiter row has no outer
    pipes (``---|---|---``) has rows without them (``1 | 开展… | 区社区学院``).
    The delimiter row is required (a lone ``| a | b |`` line is prose, not a table) and
    must have as many cells as the header row; it is not kept as a row.
    """
    tables: list[Table] = []
    if "|" not in text and "｜" not in text:
        return tables
    k = 0
    while k + 1 < len(lines):
        head, delim = lines[k], lines[k + 1]
        if not (PIPE_DELIMITER.match(delim.text) and _adjacent(text, head, delim)):
            k += 1
            continue
        outer = all(_outer_pipes(delim.text))
        header = _cells_of_pipe_row(head)
        if not _is_pipe_row(head, outer) or len(header) != _delimiter_cells(delim.text):
            k += 1
            continue
        rows, last, j = [header], delim, k + 2
        while j < len(lines) and _is_pipe_row(lines[j], outer) and _adjacent(text, last, lines[j]):
            rows.append(_cells_of_pipe_row(lines[j]))
            last = lines[j]
            j += 1
        tables.append(Table(rows=rows, start=head.start, end=last.end, header_rows=1))
        k = j
    return tables


def overlaps_any(table: Table, others: list[Table]) -> bool:
    """True when the table shares characters with any of the others."""
    return any(table.start < o.end and o.start < table.end for o in others)


def find_tables(text: str, lines: list[Line], tabbed: Callable[[Line], bool] | None = None) -> list[Table]:
    """All tables written into the text, in document order.

    A pipe table's lines are read once: a tab inside a pipe row does not make a second,
    tab-separated table of the same lines.
    """
    pipes = pipe_tables(text, lines)
    others = [t for t in tsv_tables(text, lines, tabbed) + flattened_tables(lines) if not overlaps_any(t, pipes)]
    return sorted(pipes + others, key=lambda t: t.start)
