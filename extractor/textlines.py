"""Lines of the normalised text with their offsets: the unit the structure parsers read.

Official documents are laid out line by line (GB/T 9704 puts every header element on
its own line), so header, part and section parsers walk non-empty lines, each carrying
its span in ``Document.text`` so that everything they find keeps its provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Markdown heading markers a converter left (``## 一、总体目标``), kept by the normaliser.
MARKDOWN_MARK = re.compile(r"^(#{1,6})\s*")

#: Whitespace between two CJK characters or a CJK character and a digit is a converter's
#: artefact (``杭州市滨江区人民政府 关于构建市民学习圈大力 推进…``, ``2013-2014 年度``);
#: between two Latin letters or digits it is a real space.
_SPACE = re.compile(r"\s+")


#: A GB/T 9704 page number line (``— 1 —``, ``-2-``): page furniture, never content.
PAGE_NUMBER = re.compile(r"^[—－-]\s*\d{1,3}\s*[—－-]$")


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    text: str  # the line without surrounding whitespace

    @property
    def plain(self) -> str:
        """The text without markdown heading markers."""
        if not self.text.startswith("#"):
            return self.text.strip()
        return MARKDOWN_MARK.sub("", self.text).strip()

    @property
    def md_level(self) -> int:
        m = MARKDOWN_MARK.match(self.text)
        return len(m.group(1)) if m else 0


#: A line's text: lines_of walks these matches.
_LINE = re.compile(r"[^\n]+")


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-empty lines of ``text[start:end]`` with their trimmed spans (page numbers left out)."""
    end = len(text) if end is None else end
    out = []
    for m in _LINE.finditer(text, start, end):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped or (stripped[0] in "—－-" and PAGE_NUMBER.match(stripped)):
            continue
        s = m.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(s, s + len(stripped), stripped))
    return out


def squeeze(text: str) -> str:
    """Text without any whitespace (how titles and names are compared)."""
    return _SPACE.sub("", text)


def tidy(text: str) -> str:
    """Drop converter spaces next to CJK characters; keep spaces between Latin words.

    ``杭州市滨江区人民政府 关于构建市民学习圈大力 推进终身教育工作的实施意见`` →
    ``杭州市滨江区人民政府关于构建市民学习圈大力推进终身教育工作的实施意见``.
    """
    def keep(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return _SPACE.sub(keep, text.strip())
