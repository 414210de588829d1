"""Collector furniture before the official text: YAML front matter, disclaimers, source lines.

Documents gathered from web crawls start with what the collector added, not with the
document: a YAML block (``---`` / ``标题: …`` / ``文号: 沪松府办〔2025〕31号`` / ``---``), a
blockquote disclaimer (``> 本文正文由脚本自上海市官方公开页面提取…``) or a database's
citation lines (``【法宝引证码】 CLI.12.748997`` / ``原文链接：https://…``).  The header
parser must start after them; the front matter's values are kept as a last resort and
every field taken from it is recorded as such.

Read from the *source* text (``OffsetMap.source_text``), so the result does not depend on
how the normaliser joins or drops these lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import data

#: A collector's citation line: ``【法宝引证码】 CLI.12.748997``, ``原文链接：https://www.pkulaw.com/…``.
COLLECTOR_LINE = re.compile(r"^\s*(?:【[^】]{1,12}】|原文链接\s*[：:]|来源\s*[：:]\s*https?://|https?://)")

#: A YAML ``key: value`` line of the front matter: ``文号: 沪松府办〔2025〕31号``.
FRONT_MATTER_ITEM = re.compile(r"^\s*([^:：\s][^:：]{0,20})\s*[:：]\s*(.*?)\s*$")


@dataclass(slots=True)
class FrontMatter:
    """What the collector said about the document, and where the document itself starts."""

    values: dict[str, str] = field(default_factory=dict)  # field name (title, doc_number…) → value
    body_source_start: int = 0  # source offset of the first line of the official text


def front_matter_fields() -> dict[str, str]:
    """Front-matter key → DocumentMeta field (data/front_matter_keys.tsv)."""
    return {row["key"]: row["field"] for row in data.read_tsv("front_matter_keys.tsv")}


def read_front_matter(source: str) -> FrontMatter:
    """Parse the leading YAML block and skip disclaimer/collector lines (pure)."""
    result = FrontMatter()
    keys = front_matter_fields()
    lines = source.splitlines(keepends=True)
    pos, i = 0, 0
    # skip a BOM and leading blank lines
    while i < len(lines) and not lines[i].strip("\ufeff \t\r\n"):
        pos += len(lines[i])
        i += 1
    if i < len(lines) and lines[i].strip("\ufeff \t\r\n") == "---":
        close = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "---"), None)
        if close is not None:
            for line in lines[i + 1 : close]:
                m = FRONT_MATTER_ITEM.match(line)
                if m and m.group(1).strip() in keys and m.group(2):
                    result.values.setdefault(keys[m.group(1).strip()], m.group(2).strip().strip("\"'"))
            pos += sum(len(ln) for ln in lines[i : close + 1])
            i = close + 1
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith(">") and not COLLECTOR_LINE.match(lines[i]):
            break
        pos += len(lines[i])
        i += 1
    result.body_source_start = pos if i < len(lines) else 0
    return result
