"""Test and benchmark PDFs made with reportlab (a dev dependency; never used at run time).

* ``seed_pdf`` lays a seed's text out on A4 pages in the built-in CJK CID font
  ``STSong-Light`` (no font file needed), with a running header and a ``- n -`` footer,
  optionally in two columns.
* ``garbled_pdf`` reproduces seed 000's artefact: digits drawn in an embedded subset of
  WenQuanYi Micro Hei whose codes are given in order of first use from ``!`` and whose
  /ToUnicode map is then removed with pypdf, so text extraction reads ``%$!!`` for 2011.
"""

from __future__ import annotations

import io
from pathlib import Path

#: Debian's fonts-wqy-microhei (TrueType, so reportlab can embed a subset of it).
WQY_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CJK_FONT = "STSong-Light"
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 56.0


def _canvas(buf: io.BytesIO):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    return canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H))


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap each paragraph at ``width`` characters (ASCII counts half), as a PDF does."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, w = "", 0.0
        for ch in para:
            cw = 0.5 if ord(ch) < 128 else 1.0
            if w + cw > width:
                lines.append(line)
                line, w = "", 0.0
            line += ch
            w += cw
        lines.append(line)
    return lines


def seed_pdf(text: str, *, columns: int = 1, header: str | None = "闵行区终身教育工作简报",
             size: float = 10.5, table: list[list[str]] | None = None, min_pages: int = 0) -> bytes:
    """A PDF of ``text`` (paragraphs = lines) with header/footer furniture; bytes.

    ``table`` (rows of cells) is drawn with ruling lines on the first page, under the
    first paragraph.  ``min_pages`` repeats the text until the PDF has that many pages.
    """
    buf = io.BytesIO()
    c = _canvas(buf)
    leading = size * 1.6
    gutter = 18.0
    col_w = (PAGE_W - 2 * MARGIN - gutter * (columns - 1)) / columns
    chars_per_line = int(col_w // size)
    lines = wrap(text, chars_per_line)
    page_no, col, y = 1, 0, PAGE_H - MARGIN - 2 * leading

    def furniture() -> None:
        c.setFont(CJK_FONT, 9)
        if header:
            c.drawString(MARGIN, PAGE_H - MARGIN, header)
        c.drawCentredString(PAGE_W / 2, MARGIN / 2, f"- {page_no} -")

    def new_page() -> None:
        nonlocal page_no, col, y
        c.showPage()
        page_no += 1
        col, y = 0, PAGE_H - MARGIN - 2 * leading

    furniture()
    queue = list(lines)
    drawn_table = table is None
    while queue or page_no < min_pages:
        if not queue:
            queue = list(lines)
        line = queue.pop(0)
        if y < MARGIN + leading:
            col += 1
            y = PAGE_H - MARGIN - 2 * leading
            if col >= columns:
                new_page()
                furniture()
        c.setFont(CJK_FONT, size)
        c.drawString(MARGIN + col * (col_w + gutter), y, line)
        y -= leading
        if not drawn_table and columns == 1:
            y = _draw_table(c, table, y - leading / 2, size) - leading
            drawn_table = True
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw_table(c, rows: list[list[str]], top: float, size: float) -> float:
    """A ruled table whose top edge is at ``top``; returns the y under it."""
    ncols = max(len(r) for r in rows)
    width = PAGE_W - 2 * MARGIN
    col_w = width / ncols
    row_h = size * 2
    c.setFont(CJK_FONT, size)
    for i, row in enumerate(rows):
        y = top - (i + 1) * row_h
        for j, cell in enumerate(row):
            c.drawString(MARGIN + j * col_w + 4, y + row_h * 0.35, cell)
    bottom = top - len(rows) * row_h
    for i in range(len(rows) + 1):
        c.line(MARGIN, top - i * row_h, MARGIN + width, top - i * row_h)
    for j in range(ncols + 1):
        c.line(MARGIN + j * col_w, top, MARGIN + j * col_w, bottom)
    return bottom


def garbled_pdf(boxes: list[list[str]]) -> bytes:
    """One page; each box (at most two) is a list of lines whose ASCII digits are drawn in
    that box's own code-ordered subset font without a Unicode map (seed 000's artefact).
    Needs WQY_FONT."""
    if len(boxes) > 2:
        raise ValueError("at most two boxes: the font collection has two faces")
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    buf = io.BytesIO()
    c = _canvas(buf)
    size, y = 11.0, PAGE_H - MARGIN
    filler = "".join(chr(0x4E00 + i) for i in range(31))  # takes the low codes up to 0x20
    for b, lines in enumerate(boxes):
        name = f"Digits{b}"
        if name not in pdfmetrics.getRegisteredFontNames():
            # reportlab shares one subset per face: the .ttc's two faces give two boxes two maps
            pdfmetrics.registerFont(TTFont(name, str(WQY_FONT), subfontIndex=b, asciiReadable=False))
        text_obj = c.beginText(MARGIN, PAGE_H - 20)
        text_obj.setTextRenderMode(3)  # invisible: only reserves the low codes
        text_obj.setFont(name, 1)
        text_obj.textOut(filler)
        c.drawText(text_obj)
        for line in lines:
            x = MARGIN + b * 10
            for chunk, is_digit in _digit_chunks(line):
                font = name if is_digit else CJK_FONT
                c.setFont(font, size)
                c.drawString(x, y, chunk)
                x += pdfmetrics.stringWidth(chunk, font, size)
            y -= size * 1.8
        y -= size * 2
    c.showPage()
    c.save()
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    writer = PdfWriter()
    for page in reader.pages:
        for key, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            if "WenQuanYi" in str(font.get("/BaseFont")) and "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
                # each box's subset gets its own tag, as a typesetter's subsets do
                tag = NameObject(f"/BOX{key.strip('/').replace('+', '')}+WenQuanYi")
                font[NameObject("/BaseFont")] = tag
                if "/FontDescriptor" in font:
                    font["/FontDescriptor"].get_object()[NameObject("/FontName")] = tag
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _digit_chunks(line: str) -> list[tuple[str, bool]]:
    chunks: list[tuple[str, bool]] = []
    for ch in line:
        d = ch.isascii() and ch.isdigit()
        if chunks and chunks[-1][1] == d:
            chunks[-1] = (chunks[-1][0] + ch, d)
        else:
            chunks.append((ch, d))
    return chunks
