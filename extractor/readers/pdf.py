"""PDF: a pypdfium2 fast path per page, pdfplumber's table finder where a page has rulings.

pypdfium2 extracts a page's text about fifty times faster than pdfplumber, so every page
starts there, and most end there too:

* ruling lines (path objects) that may be a table → pdfplumber's table finder; a found
  table becomes tab-separated lines plus a ``Table``, the text around it kept in order;
* digits in number positions that look like raw subset-font codes (``%$!!年``) → the page
  is rebuilt character by character with pdfium's per-character font names, so that each
  font's code map is solved on its own (the same names pdfplumber reports, ~50× cheaper);
* two columns (a vertical gutter in pdfium's text rectangles) → characters are put in
  reading order: full-width lines in place, the left column before the right one.

Pages are joined with a blank line; ``page_starts`` records where each begins.
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
        x += 4.0
    assert best is not None
    crossing, gutter = best
    left = sum(1 for r in rects if r[2] <= gutter)
    right = sum(1 for r in rects if r[0] >= gutter)
    n = len(rects)
    if crossing <= GUTTER_CROSSING_SHARE * n and left >= COLUMN_SHARE * n and right >= COLUMN_SHARE * n:
        return gutter
    return None


def _font_name(textpage, index: int) -> str:
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, None, 0, None)
    if size <= 0:
        return ""
    buf = ctypes.create_string_buffer(size)
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buf, size, None)
    return buf.value.decode("utf-8", "replace")


def _region_keys(textpage, n: int, rects, gutter: float) -> list[tuple[int, int]]:
    """Reading-order key of each character: (band, column) around full-width lines.

    Bands are cut by lines that cross the gutter (headlines, full-width paragraphs);
    within a band the left column is read before the right one.
    """
    full = sorted((r for r in rects if r[0] < gutter < r[2]), key=lambda r: -r[3])
    keys: list[tuple[int, int]] = []
    prev = (0, 0)
    for i in range(n):
        left, bottom, right, top = textpage.get_charbox(i)
        if right <= left and top <= bottom:  # a generated space or line break: stays with its neighbour
            keys.append(prev)
            continue
        y, x = (top + bottom) / 2, (left + right) / 2
        key = None
        for k, r in enumerate(full):
            if r[1] <= y <= r[3]:
                key = (2 * k + 1, 0)
                break
        if key is None:
            band = sum(1 for r in full if r[1] > y)
            key = (2 * band, 0 if x < gutter else 1)
        keys.append(key)
        prev = key
    return keys


def _char_level_page(textpage, rects, gutter: float | None) -> tuple[str, list[tuple[int, int, str]]]:
    """Page text built character by character: columns in reading order, and the font of
    every character of a garbled run (page-relative spans)."""
    import pypdfium2.raw as pdfium_c

    n = textpage.count_chars()
    chars = [chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n)]
    order = list(range(n))
    keys: list[tuple[int, int]] | None = None
    if gutter is not None:
        keys = _region_keys(textpage, n, rects, gutter)
        order.sort(key=lambda i: keys[i])
    out: list[str] = []
    index: list[int] = []
    last_key = None
    for i in order:
        if keys is not None and keys[i] != last_key:
            if out and out[-1] != "\n":
                out.append("\n")
                index.append(-1)
            last_key = keys[i]
        ch = chars[i]
        if ch == "\r":
            continue
        if ch != "\n" and not ch.isprintable() and ch != " ":
            continue  # raw glyph codes below 0x20 of a font without a Unicode map
        if ch == "\n" and out and out[-1] == "\n":
            continue
        out.append(ch)
        index.append(i)
    text = "".join(out)
    lead = len(text) - len(text.lstrip("\n"))
    text, index = text[lead:].rstrip("\n"), index[lead:]
    spans = []
    for run in find_runs(text):
        for pos in range(run.start, run.end):
            if index[pos] >= 0:
                spans.append((pos, pos + 1, _font_name(textpage, index[pos])))
    return text, spans


def _plumber_page(plumber, index: int, want_fonts: bool):
    """Text, tables and font spans (relative to the page text) from pdfplumber's characters."""
    page = plumber.pages[index]
    tables = page.find_tables()
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
            base = sum(len(t) + 2 for t in texts)
            if want_tables:
                if plumber is None:
                    import io

                    import pdfplumber

                    plumber = pdfplumber.open(io.BytesIO(data))
                page_text, page_tables, spans = _plumber_page(plumber, index, want_fonts)
                if page_tables:
                    for offset, rows in page_tables:
                        out.tables.append(_table_at(base + offset, rows))
                    out.font_spans.extend((base + s, base + e, f) for s, e, f in spans)
                    out.detail_pages.append(index + 1)
                    text = page_text
                    want_fonts = False
            if text.strip() and (want_fonts or len(text) > 200):
                rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
                gutter = find_gutter(rects, width)
                if gutter is not None or want_fonts:
                    text, spans = _char_level_page(textpage, rects, gutter)
                    out.font_spans.extend((base + s, base + e, f) for s, e, f in spans)
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
