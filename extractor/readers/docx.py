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
from ..models import Cell, Table

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
            rows = _table_rows(DocxTable(child, document))
            if not rows:
                continue
            start = size
            out_rows = []
            for row in rows:
                pos, cells = size, []
                for cell in row:
                    cells.append(Cell(cell, pos, pos + len(cell)))
                    pos += len(cell) + 1
                emit("\t".join(row) + "\n")
                out_rows.append(cells)
            tables.append(Table(rows=out_rows, start=start, end=size - 1))
            emit("\n")
    return "".join(parts), tables


def _table_rows(table) -> list[list[str]]:
    """Cell texts row by row; a merged cell appears once (python-docx repeats it)."""
    rows = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()).replace("\t", " "))
        if any(cells):
            rows.append(cells)
    return rows
