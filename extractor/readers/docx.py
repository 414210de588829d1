"""Word files (.docx): paragraphs in body order, headings as markdown ``#``, tables as TSV.

A heading style (``Heading 2``, ``标题 2``, ``Title``) becomes ``##``-style markup so the
structure stage sees the same thing as in a converted markdown file; tables keep their
place between paragraphs, one row per line with tab-separated cells.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError
from ..models import Table
from .grid import RawCell, expand_spans, filled_rows, grid_table

#: ``Heading 2`` / ``标题 2`` / ``heading2`` → level 2; ``Title`` → level 1.
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


def heading_level(style_name: str | None) -> int:
    if not style_name:
        return 0
    if style_name.strip().lower() in ("title", "标题"):
        return 1
    m = HEADING_STYLE.match(style_name.strip())
    return int(m.group(1)) if m else 0


def read_docx(data: bytes, path: str) -> tuple[str, list[Table]]:
    """(text, tables) of a .docx file."""
    from docx import Document as open_docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word file ({type(exc).__name__})", "re-save it as .docx") from None
    except Exception as exc:  # python-docx raises several lxml/opc errors on damaged files
        raise InputError(path, f"damaged Word file ({type(exc).__name__}: {exc})", "re-save it as .docx") from None
    parts: list[str] = []
    size = 0
    tables: list[Table] = []

    def emit(s: str) -> None:
        nonlocal size
        parts.append(s)
        size += len(s)

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.strip()
            if not text:
                continue
            level = heading_level(para.style.name if para.style is not None else None)
            emit(("#" * level + " " if level else "") + text + "\n\n")
        elif tag == "tbl":
            grid = filled_rows(expand_spans(_table_rows(DocxTable(child, document))))
            if not grid:
                continue
            text, table = grid_table(grid, size)
            emit(text)
            tables.append(table)
            emit("\n")
    return "".join(parts), tables


def _table_rows(table) -> list[list[RawCell]]:
    """The cells of each row as written, with their spans: ``gridSpan`` is the column span,
    and a ``vMerge="restart"`` cell spans down over the ``vMerge="continue"`` cells under it
    (those are left out: ``grid.expand_spans`` fills their places).  python-docx's
    ``row.cells`` repeats a merged cell instead, which loses where the merge starts."""
    from docx.table import _Cell

    rows: list[list[tuple[int, object, int, str | None]]] = []  # (grid column, tc, gridSpan, vMerge)
    for tr in table._tbl.tr_lst:
        col, row = 0, []
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span or 1)
            row.append((col, tc, span, tc.vMerge))
            col += span
        rows.append(row)
    out: list[list[RawCell]] = []
    for r, row in enumerate(rows):
        cells = []
        for col, tc, span, merge in row:
            if merge == "continue":
                continue
            down = 1
            if merge == "restart":
                while r + down < len(rows) and any(c == col and m == "continue" for c, _, _, m in rows[r + down]):
                    down += 1
            paragraphs = _Cell(tc, table).paragraphs
            text = " ".join(p.text.strip() for p in paragraphs if p.text.strip()).replace("\t", " ")
            cells.append(RawCell(text, down, span))
        out.append(cells)
    return out
