"""PDF: a pypdfium2 fast path per page, pdfplumber's character detail where a page needs it.

pypdfium2 extracts a page's text about fifty times faster than pdfplumber, so every page
starts there.  A page goes to pdfplumber only when it needs character-level detail:

* ruling lines (path objects) that may be a table → pdfplumber's table finder, the table
  becomes tab-separated lines plus a ``Table``, the text around it is kept in order;
* digits in number positions that look like raw subset-font codes (``%$!!年``) → per-
  character font names, so that each font's code map is solved on its own.

Two-column pages are read column by column on the fast path, from pypdfium2's text
rectangles.  Pages are joined with a blank line; ``page_starts`` records where each begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..garbled import find_runs
from ..models import Cell, Table

#: Path objects on a page from which on it may hold a ruled table.
TABLE_PATHS = 6

#: A gutter may be crossed by at most this share of a page's text rectangles.
GUTTER_CROSSING_SHARE = 0.08

#: Each column must hold at least this share of the text rectangles.
COLUMN_SHARE = 0.2

#: Control characters that raw glyph codes produce (pdfium's own line breaks are ``\r\n``).
_GLYPH_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]|\r(?!\n)|(?<!\r)\n|\t")


def clean_page_text(text: str) -> str:
    """pdfium text to plain lines: ``\\r\\n`` line breaks kept, glyph-code controls dropped."""
    return _GLYPH_CONTROLS.sub("", text).replace("\r\n", "\n").strip("\n")


@dataclass
class PdfText:
    """What the PDF reader returns: page texts, tables, garbled-font spans, notes."""

    text: str = ""
    page_starts: list[int] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    font_spans: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    detail_pages: list[int] = field(default_factory=list)


def open_pdf(data: bytes, path: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise InputError(path, "the PDF is encrypted (password protected)",
                             "save an unprotected copy and try again") from None
        raise InputError(path, f"not a readable PDF ({exc})", "is the file complete?") from None


def _path_count(page) -> int:
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    return sum(1 for i in range(n)
               if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_PATH)


def _has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    return any(pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_IMAGE
               for i in range(n))


def find_gutter(rects: list[tuple[float, float, float, float]], width: float) -> float | None:
    """x of the vertical gap between two text columns, or None for a one-column page.

    The gap is the x between 30 % and 70 % of the width crossed by the fewest text
    rectangles, provided few cross it and each side holds a fair share of the text.
    """
    if len(rects) < 8:
        return None
    best: tuple[int, float] | None = None
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for left, _, right, _ in rects if left < x < right)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    assert best is not None
    crossing, gutter = best
    left = sum(1 for r in rects if r[2] <= gutter)
    right = sum(1 for r in rects if r[0] >= gutter)
    n = len(rects)
    if crossing <= GUTTER_CROSSING_SHARE * n and left >= COLUMN_SHARE * n and right >= COLUMN_SHARE * n:
        return gutter
    return None


def _columns_text(textpage, rects, gutter: float, width: float, height: float) -> str:
    """Full-width lines in place, and between them the left column before the right one."""
    full = sorted((r for r in rects if r[0] < gutter < r[2]), key=lambda r: -r[3])
    parts: list[str] = []
    top = height
    for r in full + [(0.0, -1.0, width, -1.0)]:
        band_bottom = r[3]
        if top > band_bottom:
            for left, right in ((0.0, gutter), (gutter, width)):
                parts.append(textpage.get_text_bounded(left=left, bottom=band_bottom, right=right, top=top))
        if r[1] >= 0:
            parts.append(textpage.get_text_bounded(left=0.0, bottom=r[1], right=width, top=r[3]))
        top = r[1]
    return "\n".join(clean_page_text(p) for p in parts if clean_page_text(p))


def _plumber_page(plumber, index: int, want_tables: bool, want_fonts: bool):
    """Text (and tables, font spans relative to the page text) from pdfplumber's characters."""
    page = plumber.pages[index]
    tables = page.find_tables() if want_tables else []
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        return not any(x0 - 1 <= obj["x0"] and obj["x1"] <= x1 + 1 and top - 1 <= obj["top"] and obj["bottom"] <= bottom + 1
                       for x0, top, x1, bottom in boxes)

    body = page.filter(lambda o: o.get("object_type") != "char" or outside(o)) if boxes else page
    lines = body.extract_text_lines(return_chars=True, strip=True)
    items: list[tuple[float, str, object]] = [(ln["top"], "line", ln) for ln in lines]
    items += [(t.bbox[1], "table", t) for t in tables]
    items.sort(key=lambda it: it[0])
    text_parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    page_tables: list[tuple[int, list[list[str]]]] = []
    pos = 0
    for _, kind, obj in items:
        if kind == "line":
            chars = [c for c in obj["chars"] if not c["text"].startswith("(cid:") and c["text"].isprintable()]
            line = "".join(c["text"] for c in chars)
            if want_fonts:
                for i, c in enumerate(chars):
                    spans.append((pos + i, pos + i + 1, c.get("fontname", "")))
            if line.strip():
                text_parts.append(line + "\n")
                pos += len(line) + 1
        else:
            rows = [[(cell or "").replace("\n", "").replace("\t", " ").strip() for cell in row] for row in obj.extract()]
            rows = [r for r in rows if any(r)]
            if rows:
                page_tables.append((pos, rows))
                block = "\n".join("\t".join(r) for r in rows) + "\n"
                text_parts.append(block)
                pos += len(block)
    return "".join(text_parts).rstrip("\n"), page_tables, spans


def read_pdf(data: bytes, path: str) -> PdfText:
    """Text of every page, tables, and the font of each character in a garbled run."""
    pdf = open_pdf(data, path)
    out = PdfText()
    plumber = None
    texts: list[str] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise InputError(path, "the PDF has no pages")
        images_only = 0
        for index in range(n_pages):
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = clean_page_text(textpage.get_text_range())
            want_tables = _path_count(page) >= TABLE_PATHS
            want_fonts = bool(find_runs(text))
            if not text.strip() and _has_images(page):
                images_only += 1
            if want_tables or want_fonts:
                if plumber is None:
                    import io

                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                page_text, page_tables, spans = _plumber_page(plumber, index, want_tables, want_fonts)
                base = sum(len(t) + 2 for t in texts)
                for offset, rows in page_tables:
                    out.tables.append(_table_at(base + offset, rows))
                out.font_spans.extend((base + s, base + e, f) for s, e, f in spans)
                out.detail_pages.append(index + 1)
                text = page_text
            else:
                rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
                gutter = find_gutter(rects, width)
                if gutter is not None:
                    text = _columns_text(textpage, rects, gutter, width, height)
            texts.append(text)
            textpage.close()
            page.close()
        if not any(t.strip() for t in texts):
            if images_only:
                raise InputError(path, "the PDF has no text layer (scanned images only)",
                                 "OCR is not included: run an OCR tool first")
            raise InputError(path, "the PDF has no text")
        if images_only:
            out.warnings.append(f"{images_only} page(s) are images without text (OCR is not included)")
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    pos = 0
    for t in texts:
        out.page_starts.append(pos)
        pos += len(t) + 2
    out.text = "\n\n".join(texts)
    return out


def _table_at(start: int, rows: list[list[str]]) -> Table:
    pos, out_rows = start, []
    for row in rows:
        cells = []
        for cell in row:
            cells.append(Cell(cell, pos, pos + len(cell)))
            pos += len(cell) + 1
        out_rows.append(cells)
    return Table(rows=out_rows, start=start, end=pos - 1)
