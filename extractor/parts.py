"""Parts of a document: the plan a notice issues and the attachments (附件) it carries.

A 通知 that 印发/转发 a plan wraps it (seed 001: the notice ``关于印发《闵行区终身教育改革与
发展“十四五”规划》的通知`` is followed by the plan itself).  Each part starts at its title
line (or the ``附件1`` label above it), runs to the next part, and has its own section
tree: the plan's 一、 is not a child of anything in the notice.
"""

from __future__ import annotations

import re

from .header import Header, issued_document, is_title_like
from .models import Part
from .textlines import Line, squeeze, tidy

#: Words a title drops or adds between the notice's wording and the plan's own heading:
#: ``贯彻《上海市生活垃圾管理条例》推进全程分类体系建设实施方案`` (d06 notice title) vs
#: ``关于贯彻《上海市生活垃圾管理条例》推进全程分类体系建设的实施方案`` (its heading).
TITLE_NOISE = re.compile(r"[《》〈〉“”\"'‘’「」『』]|关于|的")


def title_key(text: str) -> str:
    """A title reduced for comparison (whitespace, book marks, quotes, 关于 and 的 dropped)."""
    return TITLE_NOISE.sub("", squeeze(text))


def _title_at(lines: list[Line], k: int, key: str) -> int:
    """How many lines (1 or 2) starting at ``k`` spell the title with ``key``; 0 if none."""
    one = title_key(lines[k].plain)
    if one == key:
        return 1
    if k + 1 < len(lines) and key.startswith(one) and len(one) >= 4 and title_key(lines[k].plain + lines[k + 1].plain) == key:
        return 2
    return 0


#: The notice's sentence that issues a document: ``《新余市绿色建筑管理办法》已经…审议通过，现予印发``
#: (d03), ``现将《闵行区终身教育改革与发展“十四五”规划》印发给你们`` (seed 001).
ISSUING_SENTENCE = re.compile(r"印发|转发|发布")
BOOK = re.compile(r"《([^《》]{2,120})》")


def issued_in_body(lines: list[Line], header: Header) -> list[str]:
    """Titles the notice's own body says it issues (before its first 署名/成文日期)."""
    first_sig = min((s.start for s in header.signatures if not s.cover), default=None)
    if first_sig is None:
        return []
    out = []
    for ln in lines:
        if header.head_end <= ln.start < first_sig and ISSUING_SENTENCE.search(ln.text):
            out += BOOK.findall(ln.text)
    return out


#: The longest attachment title seen (d06's 附件 titles run to ~40 characters).
MAX_PART_TITLE = 60


def plausible_part_title(title: str) -> bool:
    """A line under a 附件 label that can be the attachment's title: a form's heading glued
    to its cells by a wrap repair (``自治区质量技术监督局信息宣传联络员登记表填报单位分管领导情况
    姓名…``, a Xinjiang notice) is none, so the label names no part."""
    return len(squeeze(title)) <= MAX_PART_TITLE and "。" not in title


def find_parts(lines: list[Line], header: Header) -> list[Part]:
    """Parts in document order, found after the header block (pure)."""
    wanted: list[tuple[str, str | None]] = []  # (title, number)
    issued = issued_document(header.title)
    if issued:
        wanted.append((issued, None))
    wanted += [(n.title, n.number) for n in header.attachments if n.title and not n.label_only]
    wanted += [(t, None) for t in issued_in_body(lines, header)]
    starts: dict[int, Part] = {}
    body = [k for k, ln in enumerate(lines) if ln.start >= header.head_end]
    listed_at = {n.start for n in header.attachments}
    # 1. a bare 附件 label (``附件：`` / ``附件1``): the attachment's title is the next line
    for note in header.attachments:
        if not note.label_only:
            continue
        k = next((k for k in body if lines[k].start > note.end), None)
        if k is None:
            continue
        n = 2 if (k + 1 < len(lines) and not is_title_like(lines[k].plain)
                  and is_title_like(lines[k].plain + lines[k + 1].plain) and len(lines[k + 1].plain) <= 40) else 1
        title = tidy("".join(ln.plain for ln in lines[k : k + n]))
        if not plausible_part_title(title):
            continue
        starts[note.start] = Part(title=title, start=note.start, end=-1, title_start=lines[k].start,
                                  title_end=lines[k + n - 1].end, number=note.number)
    # 2. a title line repeating what the notice issues or lists, after the header
    taken = {p.title_start for p in starts.values()}
    found = {title_key(p.title) for p in starts.values()}
    for title, number in wanted:
        key = title_key(title)
        if len(key) < 4 or key in found:
            continue
        found.add(key)
        for k in body:
            if lines[k].start in listed_at or lines[k].start in taken:
                continue
            n = _title_at(lines, k, key)
            if n:
                if not any(p.title_start <= lines[k].start < p.title_end + 1 for p in starts.values()):
                    starts[lines[k].start] = Part(title=tidy("".join(ln.plain for ln in lines[k : k + n])),
                                                  start=lines[k].start, end=-1, title_start=lines[k].start,
                                                  title_end=lines[k + n - 1].end, number=number)
                    taken.add(lines[k].start)
                break
    parts = sorted(starts.values(), key=lambda p: p.start)
    text_end = lines[-1].end if lines else 0
    for i, part in enumerate(parts):
        part.end = parts[i + 1].start if i + 1 < len(parts) else text_end
    return parts
