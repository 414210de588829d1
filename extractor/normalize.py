"""Normalize: repair extraction artefacts into one text that all offsets refer to.

Each repair is a small named step that rewrites the text *and* its offset map, so
every normalised character can be traced to the source (``OffsetMap``).  Steps never
invent content: they join, drop or width-fold characters.

Markdown heading markers (``#``) are kept: they are structure, read by the structure
stage.  Bold markers (``**``) are dropped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from . import garbled
from .furniture import furniture_spans
from .header import DATE_LINE
from .models import Document, Flag, OffsetMap, RawDocument, Repair, Table
from .tables import PIPE_DELIMITER, PIPE_SEPARATOR


@dataclass
class MappedText:
    """Text plus, for each character, its offset in the source (the map under repair)."""

    text: str
    offsets: list[int]
    repairs: list[Repair] = field(default_factory=list)

    @classmethod
    def from_source(cls, text: str) -> "MappedText":
        return cls(text, list(range(len(text))))

    def rewrite(self, pattern: re.Pattern[str], replace, kind: str) -> "MappedText":
        """Apply ``pattern``; ``replace(match)`` returns the new text for the match.

        New characters map to the source offset of the match start (or, for a
        replacement no longer than the match, to the matched characters in order), so
        offsets stay monotonic.
        """
        text, offsets = self.text, self.offsets
        out_text: list[str] = []
        out_offsets: list[int] = []
        repairs = list(self.repairs)
        last = 0
        for m in pattern.finditer(text):
            new = replace(m)
            if new == m.group(0):
                continue
            start, end = m.span()
            out_text.append(text[last:start])
            out_offsets.extend(offsets[last:start])
            anchor = offsets[start] if start < len(offsets) else (offsets[-1] + 1 if offsets else 0)
            out_text.append(new)
            kept = min(len(new), end - start)
            out_offsets.extend(offsets[start:start + kept])
            out_offsets.extend([anchor] * (len(new) - kept))
            end_src = offsets[end - 1] + 1 if end > start else anchor
            repairs.append(Repair(kind=kind, source_start=anchor, source_end=end_src, before=m.group(0), after=new))
            last = end
        if last == 0 and len(repairs) == len(self.repairs):
            return self
        out_text.append(text[last:])
        out_offsets.extend(offsets[last:])
        return MappedText("".join(out_text), out_offsets, repairs)

    def translate(self, table: dict[int, str]) -> "MappedText":
        """Replace characters one for one (width folding keeps offsets unchanged)."""
        return MappedText(self.text.translate(table), self.offsets, self.repairs)

    def delete_spans(self, spans: list[tuple[int, int]], kind: str, record: bool = True) -> "MappedText":
        """Drop the characters of each (start, end) span, recording what was removed."""
        spans = sorted((s, e) for s, e in spans if e > s)
        if not spans:
            return self
        text, offsets = self.text, self.offsets
        repairs = list(self.repairs)
        out_text: list[str] = []
        out_offsets: list[int] = []
        last = 0
        for start, end in spans:
            if record:
                repairs.append(Repair(kind, offsets[start], offsets[end - 1] + 1, text[start:end], ""))
            if start > last:
                out_text.append(text[last:start])
                out_offsets.extend(offsets[last:start])
            last = max(last, end)
        out_text.append(text[last:])
        out_offsets.extend(offsets[last:])
        return MappedText("".join(out_text), out_offsets, repairs)

    def index_of_source(self, source_offset: int) -> int:
        """The first index whose source offset is at or after ``source_offset``."""
        return bisect_left(self.offsets, source_offset)


# ── named rules ──────────────────────────────────────────────────────────────

#: Carriage returns from Windows files (CRLF and lone CR).
CARRIAGE_RETURN = re.compile(r"\r\n?")

#: Markdown bold/italic markers left by converters: ``**课程建设凸显区域特色。**``.
MARKDOWN_BOLD = re.compile(r"\*\*|__")

#: Lone surrogates, which a PDF text layer or a file decoded with ``surrogateescape`` can
#: hold (``前言\ud800后文``): not characters, and they cannot be written as UTF-8 by any
#: later stage (spaCy, the store).  Replaced by U+FFFD and flagged, never dropped silently.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

#: U+FFFD in the normalised text: a character that could not be decoded (a lone
#: surrogate, or bytes invalid in the file's encoding); flagged so no one reads it as text.
REPLACEMENT_RUN = re.compile("\ufffd+")


def _replace_surrogates(text: MappedText) -> MappedText:
    """Lone surrogates → U+FFFD; the repair records them escaped (``\\ud800``) so that the
    report itself can be written as UTF-8."""
    out = text.rewrite(LONE_SURROGATE, lambda m: "\ufffd", "surrogate")
    if out is text:
        return out
    out.repairs = [replace(r, before=r.before.encode("unicode_escape").decode("ascii")) if r.kind == "surrogate" else r
                   for r in out.repairs]
    return out


def undecodable_flags(text: str) -> list[Flag]:
    """One ``undecodable`` flag per run of U+FFFD."""
    return [Flag("undecodable", m.start(), m.end(), m.group(0),
                 "character(s) not decodable in the source (invalid bytes or a lone surrogate)")
            for m in REPLACEMENT_RUN.finditer(text)]


#: HTML tags left by converters: ``<input type="checkbox"/>``, ``<br>``.
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")

#: Control characters PDF text layers leave (``\x02`` soft hyphens, ``\x0c`` page feeds,
#: ``\ufffe``); tabs and newlines are kept (TSV tables are structure).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\u00ad]")

#: HTML character references left by converters: ``&ldquo;历史风貌区&rdquo;`` (corpus d02),
#: ``&nbsp;``, ``&#8220;``.  Decoded with the standard table; unknown names stay as written.
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def _unescape(m: re.Match[str]) -> str:
    out = html.unescape(m.group(0))
    return " " if out == "\xa0" else out


#: Trailing spaces and tabs at a line end (`（一）加强培训管理 `); a run is tried from its first
#: space only, so a long run of spaces not ending a line costs one pass, not one per space.
TRAILING_SPACE = re.compile(r"(?<![ \t\u3000])[ \t\u3000]+(?=\n)")

#: Characters that end a sentence or a clause block; a line ending in one is a
#: real line end, not a wrap.
LINE_FINAL = "。！？；：!?;:）)】》”"

#: A line that starts a new item: numbering (一、 （一） 1. 1、 （1） ① 第一章),
#: markdown headings, list bullets, table rows.
ITEM_START = re.compile(
    r"^(?:#{1,6}\s|[-*+] |[|｜]|[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[．.、]|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分]|附件|\S+[：:]$)"
)

#: Punctuation of any kind: a line holding none of it is a headline, not prose.
PUNCTUATION = re.compile(r"[，。、；：！？“”‘’（）《》【】,.;:!?()\"'—…·]")


def is_headline(prev: str | None, line: str, nxt: str) -> bool:
    """A short unpunctuated line opening a block, before a longer line: a headline.

    Seed 000 (newspaper layout): ``推进学习型城区建设\n近年来，闵行区深入贯彻科学发展`` —
    the first line is a headline standing above the text, not a wrapped line of it.
    """
    line, nxt = line.strip(), nxt.strip()
    return ((prev is None or not prev.strip()) and 0 < len(line) <= 20 and not PUNCTUATION.search(line)
            and display_width(line) <= HEADLINE_WIDTH_SHARE * display_width(nxt)
            and (display_width(nxt) >= 10 or bool(PUNCTUATION.search(nxt))))


#: A headline is at most this share of the width of the line under it; a wrapped first
#: line of a column is as wide as the next (``前采集文字类及视频类学习课件达`` is not a headline).
HEADLINE_WIDTH_SHARE = 0.75


def display_width(text: str) -> float:
    """Width in full-width characters: ASCII counts half (how a PDF column is filled)."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in text)


def ends_sentence(line: str) -> bool:
    """The line ends a sentence or a block: ``。`` ``；`` ``）``…, or ``。”`` but not ``“四”``.

    Seed 000: ``…的工作策略，“四”\n即以“四化教育”…`` is a wrap, while ``…的目的。”`` ends.
    """
    line = line.rstrip()
    if not line or line[-1] not in LINE_FINAL:
        return False
    if line[-1] in "”’" and len(line) > 1:
        return line[-2] in "。！？!?；;…"
    return True


def pipe_table_lines(lines: list[str]) -> set[int]:
    """Indices of the lines of markdown pipe tables: each delimiter row (``---|---``,
    ``｜－－｜－－｜``), the header above it and the adjacent rows below holding a pipe
    (``1 | 开展老年教育课程资源建设 | 区社区学院``: no outer pipes, so no ITEM_START)."""
    out: set[int] = set()
    for d, line in enumerate(lines):
        if d == 0 or not PIPE_DELIMITER.match(line.strip()) or not PIPE_SEPARATOR.search(lines[d - 1]):
            continue
        out.update((d - 1, d))
        j = d + 1
        while j < len(lines) and PIPE_SEPARATOR.search(lines[j]):
            out.add(j)
            j += 1
    return out


#: A single newline inside a paragraph: a PDF/column wrap in the middle of a sentence.
#: ``学\n习型社会`` → ``学习型社会``.  Not joined when the line before ends a sentence or
#: is a numbered heading, a headline or a date alone (the 成文日期 ``二○一二年一月九日``
#: above the title of the measures it issues, d03), or the line after starts a new item
#: or repeats the line (a collector's title line above the document's own title, d03).
def _join_wraps(text: MappedText, full_width: float | None = None) -> MappedText:
    lines = text.text.split("\n")
    table = pipe_table_lines(lines) if "|" in text.text or "｜" in text.text else set()
    drop: set[int] = set()  # indices (in the joined text) of newlines to remove
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        stripped = line.strip()
        if (stripped and nxt.strip() and not ends_sentence(stripped) and i not in table and i + 1 not in table
                and not ITEM_START.match(stripped) and not ITEM_START.match(nxt.strip())
                and "\t" not in line and "\t" not in nxt
                and not is_headline(lines[i - 1] if i else None, line, nxt) and not DATE_LINE.match(stripped)
                and stripped != nxt.strip()
                and (full_width is None or display_width(stripped) >= SHORT_LINE_SHARE * full_width)):
            drop.add(pos)
        pos += 1
    return text.delete_spans([(i, i + 1) for i in sorted(drop)], "line-join")


#: Prose: clause punctuation.  Headings, titles and flattened table cells
#: (``区委组织部、区民政局…`` / ``各街镇（园区）``, corpus d06) hold none of it.
BODY_PUNCTUATION = re.compile(r"[，。；,]")

#: Openings of a block that never continue the paragraph before: markdown/table markers,
#: and the dash of a subtitle or attribution (seed 000: ``智慧传递千万家\n\n———闵行区创建优质…``).
_BLOCK_MARKERS = ("#", "|", "｜", "-", "*", ">", "—", "－")


#: A numbered line shorter than this (in full-width characters) is a heading even with
#: commas: ``1. 利用社会力量，整合社会资源`` (seed 003), ``（一）坚持高端引领，提升…影响力`` (d04).
HEADING_MAX_WIDTH = 40


def is_item_heading(line: str) -> bool:
    """A numbered heading line (``2. 培育老年教育品牌项目，拓展新时代老年学习平台``), not a numbered paragraph."""
    line = line.strip()
    if "。" in line.rstrip("。"):
        return False  # ``4. 公益为主，信息促进。加大区财政对…`` is an item with its text (seed 004)
    return bool(ITEM_START.match(line)) and (not BODY_PUNCTUATION.search(line) or display_width(line) < HEADING_MAX_WIDTH)


def is_prose_block(block: str) -> bool:
    """A block of running text, not a title, heading or table cell.

    Prose holds clause punctuation, or is a wrapped column (several lines, the last one
    full), or is a long line with enumeration commas (seed 003: ``创建目标：在全市建立一批
    符合社区教育发展要求、体制机制完备、…学习活动蓬勃开``).
    """
    stripped = block.strip()
    if BODY_PUNCTUATION.search(stripped):
        return True
    last_line = stripped.rsplit("\n", 1)[-1]
    if "\n" in stripped and display_width(last_line) >= 10:
        return True
    width = display_width(last_line)
    return width >= 40 or ("、" in last_line and width >= 20)


def _join_page_breaks(text: MappedText) -> MappedText:
    """A blank line in the middle of a sentence is a page or text-box break: joined.

    Seed 001: ``…达到以学促邻里，以学\n\n促凝聚，以学促和谐的目的。``; seed 000:
    ``闵行区坚持\n\n统筹与自建结合``.  Joined only when the block before is body text
    (has clause punctuation, at least 12 characters) ending in a letter, digit or code
    and the block after does not open a new item, heading or table.
    """
    s = text.text
    drop: list[int] = []
    for m in re.finditer(r"\n\n", s):
        before_start = s.rfind("\n\n", 0, m.start())
        block = s[before_start + 2 if before_start >= 0 else 0 : m.start()]
        last_line = block.rsplit("\n", 1)[-1]
        nxt_end = s.find("\n", m.end())
        nxt = s[m.end() : nxt_end if nxt_end >= 0 else len(s)]
        if not block.strip() or not nxt.strip() or "\t" in last_line or "\t" in nxt:
            continue
        if ends_sentence(block) or block.rstrip()[-1] in "…—" or len(block.strip()) < 12:
            continue
        if not is_prose_block(block) or is_item_heading(last_line):
            continue
        if not (BODY_PUNCTUATION.search(nxt) or display_width(nxt.strip()) >= 12):
            continue  # the block after is a table cell (``7``) or a heading, not the rest of a sentence
        if ITEM_START.match(nxt.strip()) or nxt.lstrip().startswith(_BLOCK_MARKERS):
            continue
        if is_headline(None, nxt, s[nxt_end + 1 : s.find("\n", nxt_end + 1)] if nxt_end >= 0 else ""):
            continue
        drop.extend((m.start(), m.start() + 1))
    if not drop:
        return text
    return text.delete_spans([(i, i + 1) for i in drop], "page-join")


def _remove_furniture(text: MappedText, page_starts: list[int]) -> MappedText:
    """Page numbers, newspaper section labels and running headers/footers, kept in repairs."""
    starts = [text.index_of_source(p) for p in page_starts]
    spans = furniture_spans(text.text, starts)
    return text.delete_spans(spans, "furniture")


def _font_of(spans: list[tuple[int, int, str]], starts: list[int], source_offset: int) -> str:
    i = bisect_left(starts, source_offset + 1) - 1
    if i >= 0 and spans[i][0] <= source_offset < spans[i][1]:
        return spans[i][2]
    return ""


def _decode_garbled(text: MappedText, font_spans: list[tuple[int, int, str]],
                    hints: tuple[garbled.CountHint, ...] = ()) -> tuple[MappedText, list[Flag], list[str]]:
    """Garbled digits of subset fonts: decoded where certain, flagged where not.

    Where the reader knew each character's font (PDF), the font is the text box whose
    code map is solved; otherwise the decoder groups paragraphs by consistency.
    ``hints``: clear counts from same-region documents (``garbled.cross_document_digits``);
    each code they fixed is returned as a warning naming the document and sentence.
    """
    runs = garbled.find_runs(text.text)
    if runs and font_spans:
        spans = sorted(font_spans)
        starts = [s[0] for s in spans]
        runs = [replace(r, box=_font_of(spans, starts, text.offsets[r.start])) for r in runs]
    decisions = garbled.decode(text.text, runs, hints)
    if not decisions:
        return text, [], []
    chars = list(text.text)
    repairs = list(text.repairs)
    flags: list[Flag] = []
    for d in decisions:
        r = d.run
        if d.digits is None:
            flags.append(Flag("garbled", r.start, r.end, r.codes, d.note))
            continue
        chars[r.start : r.end] = list(d.digits)
        repairs.append(Repair("garbled-digits", text.offsets[r.start], text.offsets[r.end - 1] + 1, r.codes, d.digits))
    for start, end in garbled.stray_codes(text.text, runs):
        flags.append(Flag("garbled", start, end, text.text[start:end],
                          "subset-font codes outside a number position; left as written"))
    flags.sort(key=lambda f: f.start)
    borrowed = [part for d in decisions if d.digits is not None for part in d.note.split("; ")[1:]]
    warnings = [f"garbled digits: {note}" for note in dict.fromkeys(borrowed)]
    return MappedText("".join(chars), text.offsets, repairs), flags, warnings


def _remove_garbled_indents(text: MappedText) -> MappedText:
    """``! ! ! !闵行区委…`` → ``闵行区委…`` in a text that has garbled digits (seed 000)."""
    if not garbled.find_runs(text.text):
        return text
    return text.rewrite(garbled.GARBLED_INDENT, lambda m: "", "garbled-indent")


def _place_tables(tables: list[Table], text: MappedText) -> list[Table]:
    """Re-point the reader's tables (source offsets) at the normalised text."""
    placed = []
    for t in tables:
        if t.start < 0:
            placed.append(t)
            continue
        rows = [[replace(c, start=text.index_of_source(c.start), end=text.index_of_source(c.end))
                 if c.start >= 0 else c for c in row] for row in t.rows]
        placed.append(replace(t, rows=rows, start=text.index_of_source(t.start), end=text.index_of_source(t.end)))
    return placed


#: In a PDF a line shorter than this share of the full line width ends its paragraph:
#: the typesetter broke it, not the column edge (``长学办〔2010〕03号`` above the title).
SHORT_LINE_SHARE = 0.8


def full_line_width(text: str) -> float | None:
    """The width of a full line of a laid-out text: the 90th percentile of line widths."""
    widths = sorted(display_width(ln.strip()) for ln in text.split("\n") if display_width(ln.strip()) >= 5)
    if len(widths) < 10:
        return None
    return widths[int(len(widths) * 0.9)]


#: Three or more newlines are one paragraph break.
EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


#: ``２０１１年`` → ``2011年``, ``ＡＩ`` → ``AI``: full-width digits and letters only
#: (full-width ``，`` ``：`` ``（`` are Chinese punctuation and stay).
FOLD_WIDTH = {ord(c): unicodedata.normalize("NFKC", c)
              for lo, hi in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ")) for c in map(chr, range(ord(lo), ord(hi) + 1))}


#: Formats whose paragraphs come from the file's own markup: their line breaks are real,
#: so the wrap and page-break joins (for text pulled out of PDFs) do not apply.
STRUCTURED_FORMATS = {"html", "docx"}


def normalize(raw: RawDocument, hints: tuple[garbled.CountHint, ...] = ()) -> Document:
    """Repair a RawDocument into the normalised Document (pure).

    ``hints``: clear counts from documents of the same region, to decode garbled counts
    their own document leaves open (``extractor.peers``); each use is in the warnings.
    """
    text = MappedText.from_source(raw.text)
    text = text.rewrite(CARRIAGE_RETURN, lambda m: "\n", "newline")
    text = _replace_surrogates(text)
    text = text.rewrite(CONTROL_CHARS, lambda m: "", "control")
    text = text.rewrite(HTML_TAG, lambda m: "", "markup")
    text = text.rewrite(HTML_ENTITY, _unescape, "entity")
    text = text.rewrite(MARKDOWN_BOLD, lambda m: "", "markup")
    text = text.translate(FOLD_WIDTH)
    text = text.rewrite(TRAILING_SPACE, lambda m: "", "whitespace")
    text = _remove_furniture(text, raw.page_starts)
    text = _remove_garbled_indents(text)
    if raw.format not in STRUCTURED_FORMATS:
        text = _join_wraps(text, full_line_width(text.text) if raw.format == "pdf" else None)
    text = text.rewrite(EXTRA_BLANK_LINES, lambda m: "\n\n", "whitespace")
    if raw.format not in STRUCTURED_FORMATS:
        text = _join_page_breaks(text)
    # drop leading blank lines so the text starts at content
    lead = len(text.text) - len(text.text.lstrip("\n"))
    text = MappedText(text.text[lead:], text.offsets[lead:], text.repairs)
    text, flags, peer_notes = _decode_garbled(text, raw.font_spans, hints)
    if "\ufffd" in text.text:
        flags = sorted(flags + undecodable_flags(text.text), key=lambda f: f.start)
    offsets = text.offsets
    return Document(
        doc_id=raw.doc_id,
        path=raw.path,
        format=raw.format,
        text=text.text,
        offsets=OffsetMap(source_offsets=offsets, source_text=raw.text, page_starts=list(raw.page_starts)),
        encoding=raw.encoding,
        repairs=text.repairs,
        flags=flags,
        tables=_place_tables(raw.tables, text),
        warnings=list(raw.warnings) + peer_notes,
    )


def line_map(doc: Document) -> list[dict[str, object]]:
    """Per normalised line: its span and where it starts in the source (``policykg text --map``)."""
    rows: list[dict[str, object]] = []
    pos = 0
    for line in doc.text.split("\n"):
        if line:
            where = doc.offsets.position(pos)
            rows.append({"start": pos, "end": pos + len(line), "line": where.line, "column": where.column,
                         "page": where.page, "text": line})
        pos += len(line) + 1
    return rows


def document_report(doc: Document) -> dict[str, object]:
    """What normalisation did to a document (``policykg text --report``)."""
    return {
        "doc": doc.doc_id, "format": doc.format, "encoding": doc.encoding, "chars": len(doc.text),
        "pages": len(doc.offsets.page_starts) or None,
        "repairs": [{"kind": r.kind, "source_start": r.source_start, "source_end": r.source_end,
                     "before": r.before, "after": r.after} for r in doc.repairs if r.kind not in QUIET_REPAIRS],
        "flags": [{"kind": f.kind, "start": f.start, "end": f.end, "text": f.text, "note": f.note} for f in doc.flags],
        "warnings": list(doc.warnings),
    }


#: Repairs too many and too small to list in a report (counted in ``chars`` anyway).
QUIET_REPAIRS = {"line-join", "whitespace", "newline"}
