"""HTML pages: headings, paragraphs, lists and tables as text; scripts and styles dropped.

Headings become markdown ``#`` lines (the structure stage reads them), table rows become
tab-separated lines plus a ``Table``, and every block ends its line.  The tree is walked
with start/end events, not recursion, so a deeply nested page cannot overflow the stack.
"""

from __future__ import annotations

import re
from typing import Callable

from ..errors import InputError
from ..models import Table
from .grid import RawCell, expand_spans, filled_rows, grid_table, span_attr
from .text import decode_text

#: Elements whose content is never document text.
SKIP = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "select",
        "button"}

#: Elements that end a line (block-level in HTML).
BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "li", "dl",
          "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "form", "fieldset", "center",
          "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "caption", "body"}

HEADINGS = {f"h{i}": i for i in range(1, 7)}

#: ``<meta charset="gb2312">`` or ``content="text/html; charset=gbk"``.
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)

_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Builder:
    """Collects text lines and tables as the walk goes; offsets are those of the output."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.line: list[str] = []
        self.tables: list[Table] = []

    def text(self, s: str | None) -> None:
        if s:
            self.line.append(_SPACE.sub(" ", s))

    def end_line(self, blank: bool = True) -> None:
        line = "".join(self.line).strip()
        self.line = []
        if line:
            self._emit(line + ("\n\n" if blank else "\n"))

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def table(self, rows: list[list[RawCell]]) -> None:
        """Emit a table as tab-separated lines, merged cells expanded (``grid.grid_table``)."""
        self.end_line()
        grid = filled_rows(expand_spans(rows))
        if not grid:
            return
        text, table = grid_table(grid, self.size)
        self._emit(text)
        self.tables.append(table)
        self._emit("\n")

    def result(self) -> str:
        self.end_line()
        return "".join(self.parts)


class _Walk:
    """The reading of an element stream (start tag, text, end tag) into lines and tables."""

    def __init__(self) -> None:
        self.out = _Builder()
        self.skip_depth = 0
        self.tables: list[list[list[RawCell]]] = []  # rows of the tables being read (nested tables flatten)
        self.cell: list[str] | None = None
        self.spans: list[tuple[int, int]] = []  # per open table: rowspan, colspan of its open cell

    def start(self, tag: str, attrs: Callable[[str], str | None] = lambda name: None) -> None:
        out, tables = self.out, self.tables
        if self.skip_depth or tag in SKIP:
            self.skip_depth += 1
            return
        if tag == "table":
            out.end_line()
            tables.append([])
            self.spans.append((1, 1))
        elif tables and tag == "tr":
            tables[-1].append([])
        elif tables and tag in ("td", "th"):
            self.cell = []
            self.spans[-1] = (span_attr(attrs("rowspan")), span_attr(attrs("colspan")))
        elif tag in HEADINGS and not tables:
            out.end_line()
            out.text("#" * HEADINGS[tag] + " ")
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                out.end_line(blank=False)
        elif tag in BLOCKS and not tables:
            out.end_line()

    def end(self, tag: str) -> None:
        tables = self.tables
        if self.skip_depth:
            self.skip_depth -= 1
        elif tables and tag in ("td", "th") and self.cell is not None:
            if tables[-1]:
                tables[-1][-1].append(RawCell(_SPACE.sub(" ", "".join(self.cell)).strip(), *self.spans[-1]))
            self.cell = None
        elif tag == "table" and tables:
            rows = tables.pop()
            self.spans.pop()
            if tables:  # a table inside a cell: its text joins the outer cell
                self.cell = [" ".join(" ".join(c.text for c in r) for r in rows)]
            else:
                self.out.table(rows)
        elif tag in BLOCKS and not tables:
            self.out.end_line()

    def text(self, s: str | None) -> None:
        if not s or self.skip_depth:
            return
        if self.cell is not None:
            self.cell.append(s)
        elif not self.tables:  # text loose between table rows is layout whitespace
            self.out.text(s)


def html_to_text(markup: str, path: str) -> tuple[str, list[Table]]:
    """Text and tables of an HTML document (pure).

    lxml builds the tree; a page nested deeper than libxml2 reads (it stops silently past
    a few thousand levels) is read again as a flat stream of tags by ``html.parser``.
    """
    import lxml.etree as etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8"), parser=lxml.html.HTMLParser(
            encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(path, f"cannot parse the HTML ({exc})", "is the file complete?") from None
    walk = _Walk()
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            walk.start(tag, el.get)
            walk.text(el.text)
        else:
            walk.end(tag)
            walk.text(el.tail)
    text = walk.out.result()
    expected, got = _cjk_counts(markup, text)
    if got < 0.5 * expected:  # part of the page was not read: try the flat stream
        stream = _stream_walk(markup)
        stream_text = stream.out.result()
        if len(_CJK.findall(stream_text)) > got:
            walk, text, got = stream, stream_text, len(_CJK.findall(stream_text))
        if expected >= 20 and got < 0.5 * expected:
            raise InputError(path, f"HTML is nested too deeply or malformed: only {got} of {expected} Chinese "
                                   "characters could be read", "simplify or re-save the page")
    return text, walk.out.tables


#: Elements without an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def _stream_walk(markup: str) -> _Walk:
    """Read the page as a stream of tags (no tree, no depth limit, no recursion).

    The stream has no implied end tags, so the ones tables need are supplied: a new
    cell or row closes the open cell.
    """
    from html.parser import HTMLParser

    walk = _Walk()

    class Stream(HTMLParser):
        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in ("td", "th", "tr") and walk.cell is not None and not walk.skip_depth:
                walk.end("td")
            walk.start(tag, dict(attrs).get)
            if tag in VOID:
                walk.end(tag)

        def handle_startendtag(self, tag: str, attrs) -> None:
            walk.start(tag)
            walk.end(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in VOID:
                return
            if tag in ("tr", "table") and walk.cell is not None and not walk.skip_depth:
                walk.end("td")
            walk.end(tag)

        def handle_data(self, data: str) -> None:
            walk.text(data)

    stream = Stream(convert_charrefs=True)
    stream.feed(markup)
    stream.close()
    walk.skip_depth = 0
    while walk.tables:  # tables left open at the end of the page are closed there
        if walk.cell is not None:
            walk.end("td")
        walk.end("table")
    return walk


#: A skipped element with its content, or any tag; ``<[^<>]*>`` so that a ``<`` with no ``>``
#: after it fails at once instead of scanning to the end of the page.
_TAG_OR_SKIPPED = re.compile(r"<(script|style|noscript|template|title)\b.*?</\1\s*>|<[^<>]*>", re.S | re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _cjk_counts(markup: str, text: str) -> tuple[int, int]:
    return len(_CJK.findall(_TAG_OR_SKIPPED.sub("", markup))), len(_CJK.findall(text))


def read_html(data: bytes, path: str, warnings: list[str] | None = None) -> tuple[str, str, list[Table]]:
    """(text, encoding, tables) of an HTML file; the ``<meta>`` charset wins over guessing."""
    declared = META_CHARSET.search(data[:4096])
    markup, encoding = decode_text(data, path, declared.group(1).decode("ascii") if declared else None, warnings)
    text, tables = html_to_text(markup, path)
    if not text.strip():
        raise InputError(path, "the HTML page has no text", "was it saved completely?")
    return text, encoding, tables
