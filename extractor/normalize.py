"""Normalize: repair extraction artefacts into one text that all offsets refer to.

Each repair is a small named step that rewrites the text *and* its offset map, so
every normalised character can be traced to the source (``OffsetMap``).  Steps never
invent content: they join, drop or width-fold characters.

Markdown heading markers (``#``) are kept: they are structure, read by the structure
stage.  Bold markers (``**``) are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .models import Document, OffsetMap, RawDocument, Repair


@dataclass
class MappedText:
    """Text plus, for each character, its offset in the source (the map under repair)."""

    chars: list[str]
    offsets: list[int]
    repairs: list[Repair] = field(default_factory=list)

    @classmethod
    def from_source(cls, text: str) -> "MappedText":
        return cls(list(text), list(range(len(text))))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def rewrite(self, pattern: re.Pattern[str], replace, kind: str) -> "MappedText":
        """Apply ``pattern``; ``replace(match)`` returns the new text for the match.

        New characters map to the source offset of the match start (or, for a
        replacement no longer than the match, to the matched characters in order), so
        offsets stay monotonic.
        """
        text = self.text
        out_chars: list[str] = []
        out_offsets: list[int] = []
        repairs = list(self.repairs)
        last = 0
        for m in pattern.finditer(text):
            new = replace(m)
            if new == m.group(0):
                continue
            out_chars.extend(self.chars[last : m.start()])
            out_offsets.extend(self.offsets[last : m.start()])
            anchor = self.offsets[m.start()] if m.start() < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            for i, ch in enumerate(new):
                src = m.start() + i
                out_chars.append(ch)
                out_offsets.append(self.offsets[src] if src < m.end() else anchor)
            end_src = self.offsets[m.end() - 1] + 1 if m.end() > m.start() else anchor
            repairs.append(Repair(kind=kind, source_start=anchor, source_end=end_src, before=m.group(0), after=new))
            last = m.end()
        out_chars.extend(self.chars[last:])
        out_offsets.extend(self.offsets[last:])
        return MappedText(out_chars, out_offsets, repairs)

    def map_chars(self, fold) -> "MappedText":
        """Replace characters one for one (width folding keeps offsets unchanged)."""
        return MappedText([fold(c) for c in self.chars], self.offsets, self.repairs)


# ── named rules ──────────────────────────────────────────────────────────────

#: Carriage returns from Windows files (CRLF and lone CR).
CARRIAGE_RETURN = re.compile(r"\r\n?")

#: Markdown bold/italic markers left by converters: ``**课程建设凸显区域特色。**``.
MARKDOWN_BOLD = re.compile(r"\*\*|__")

#: HTML tags left by converters: ``<input type="checkbox"/>``, ``<br>``.
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")

#: Trailing spaces and tabs at a line end (`（一）加强培训管理 `).
TRAILING_SPACE = re.compile(r"[ \t\u3000]+(?=\n)")

#: Characters that end a sentence or a clause block; a line ending in one is a
#: real line end, not a wrap.
LINE_FINAL = "。！？；：!?;:）)】》”"

#: A line that starts a new item: numbering (一、 （一） 1. 1、 （1） ① 第一章),
#: markdown headings, list bullets, table rows.
ITEM_START = re.compile(
    r"^(?:#{1,6}\s|[-*+] |\||[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[．.、]|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分]|附件|\S+[：:]$)"
)

#: A single newline inside a paragraph: a PDF/column wrap in the middle of a sentence.
#: ``学\n习型社会`` → ``学习型社会``.  Not joined when the line before ends a sentence or
#: is a numbered heading, or the line after starts a new item.
def _join_wraps(text: MappedText) -> MappedText:
    lines = text.text.split("\n")
    drop: set[int] = set()  # indices (in the joined text) of newlines to remove
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        stripped = line.strip()
        if (stripped and nxt.strip() and stripped[-1] not in LINE_FINAL
                and not ITEM_START.match(stripped) and not ITEM_START.match(nxt.strip())
                and "\t" not in line and "\t" not in nxt):
            drop.add(pos)
        pos += 1
    if not drop:
        return text
    chars, offsets = [], []
    for i, (c, o) in enumerate(zip(text.chars, text.offsets)):
        if i in drop:
            continue
        chars.append(c)
        offsets.append(o)
    repairs = text.repairs + [Repair("line-join", text.offsets[i], text.offsets[i] + 1, "\n", "") for i in sorted(drop)]
    return MappedText(chars, offsets, repairs)


#: Three or more newlines are one paragraph break.
EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


def fold_width(ch: str) -> str:
    """Full-width ASCII letters and digits to half-width; Chinese punctuation is kept."""
    if "０" <= ch <= "９" or "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ":
        return unicodedata.normalize("NFKC", ch)
    return ch


def normalize(raw: RawDocument) -> Document:
    """Repair a RawDocument into the normalised Document (pure)."""
    text = MappedText.from_source(raw.text)
    text = text.rewrite(CARRIAGE_RETURN, lambda m: "\n", "newline")
    text = text.rewrite(HTML_TAG, lambda m: "", "markup")
    text = text.rewrite(MARKDOWN_BOLD, lambda m: "", "markup")
    text = text.map_chars(fold_width)
    text = text.rewrite(TRAILING_SPACE, lambda m: "", "whitespace")
    text = _join_wraps(text)
    text = text.rewrite(EXTRA_BLANK_LINES, lambda m: "\n\n", "whitespace")
    # drop leading blank lines so the text starts at content
    lead = len(text.text) - len(text.text.lstrip("\n"))
    chars, offsets = text.chars[lead:], text.offsets[lead:]
    return Document(
        doc_id=raw.doc_id,
        path=raw.path,
        format=raw.format,
        text="".join(chars),
        offsets=OffsetMap(source_offsets=offsets, source_text=raw.text, page_starts=list(raw.page_starts)),
        encoding=raw.encoding,
        repairs=text.repairs,
        tables=list(raw.tables),
    )
