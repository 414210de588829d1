"""Plain text and markdown: bytes to text in whatever encoding the file was saved in."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

#: Encodings reported under one name: GB2312 and GBK are subsets of GB18030, and decoding
#: with the superset never fails on a character the subset has.
ENCODING_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5hkscs": "big5",
                    "cp950": "big5", "utf_8": "utf-8", "utf_16": "utf-16"}

#: Above this share of undecodable characters the guess is not trusted.
MAX_CHAOS = 0.2


def canonical_encoding(name: str) -> str:
    name = codecs.lookup(name).name
    return ENCODING_ALIASES.get(name.replace("-", "_"), ENCODING_ALIASES.get(name, name))


def decode_text(data: bytes, path: str, declared: str | None = None,
                warnings: list[str] | None = None) -> tuple[str, str]:
    """Decode bytes as text, detecting the encoding; returns (text, encoding).

    BOMs (UTF-8, UTF-16) are unambiguous, then a declared charset (HTML ``<meta>``),
    then strict UTF-8, then UTF-16 without a BOM (told by its text reading as Chinese),
    then a mostly-UTF-8 file with a few lines in another encoding (decoded line by line,
    said in ``warnings``); otherwise charset-normalizer chooses (GB18030/GBK, Big5…), and
    a guess that leaves the text in chaos is refused rather than producing mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path), "utf-16"
    if declared:
        try:
            enc = canonical_encoding(declared)
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(data)
    if utf16:
        text = data[: len(data) // 2 * 2].decode(utf16, errors="replace")
        if "\ufffd" in text and warnings is not None:
            warnings.append(f"{text.count(chr(0xFFFD))} undecodable UTF-16 unit(s) replaced by U+FFFD")
        return text, utf16
    mixed = decode_mixed_lines(data)
    if mixed is not None:
        text, notes = mixed
        if warnings is not None:
            warnings.extend(notes)
        return text, "utf-8"
    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > MAX_CHAOS:
        raise InputError(path, "cannot tell the text encoding (not UTF-8, UTF-16, GB18030 or Big5)",
                         "save the file as UTF-8")
    enc = canonical_encoding(best.encoding)
    return data.decode(enc, errors="replace"), enc


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                               f"(byte {exc.start})", "re-save the file") from None


def reads_as_text(text: str) -> bool:
    """Chinese or ASCII text: Chinese characters, CJK/full-width punctuation and printable ASCII.

    Random or GBK bytes read as UTF-16 land in these ranges about a third of the time;
    a real text nine times out of ten.
    """
    if not text:
        return False
    good = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
               or "\uff00" <= c <= "\uffef" or (c.isascii() and (c.isprintable() or c in "\t\r\n"))
               or c in "“”‘’…—·")
    return good >= 0.9 * len(text)


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes read as text in it, else None.

    Chinese UTF-16 holds few NUL bytes (``各`` is ``04 54``), so the NUL share alone does
    not tell it: the decoded sample must read as Chinese or ASCII text, and the high byte
    of some character (a newline, a digit) must be NUL.
    """
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    for enc, high_bytes in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # a newline or digit is ``0A 00``: without one NUL high byte, ASCII or Latin-1 text
        # would read as Chinese here (``ab`` is U+6261)
        if 0 in high_bytes and reads_as_text(sample.decode(enc, errors="replace").rstrip("\ufffd")):
            return enc
    return None


#: A line that fails UTF-8 is read in this legacy encoding when it reads as text there
#: (GB18030 is a superset of GB2312 and GBK, the encodings of older Chinese pages).
LEGACY_ENCODING = "gb18030"

#: A failing line with at least this share of U+FFFD as UTF-8 is another encoding,
#: not a UTF-8 line with a few corrupt bytes.
FOREIGN_LINE_SHARE = 0.3


def decode_mixed_lines(data: bytes) -> tuple[str, list[str]] | None:
    """A mostly-UTF-8 file with some lines in another encoding, decoded line by line.

    A GBK paragraph pasted into a UTF-8 file made the whole file undecodable; each line
    now keeps its own encoding: UTF-8 where valid, GB18030 where the line reads as
    Chinese in it, else UTF-8 with U+FFFD for the bad bytes.  None when most non-ASCII
    bytes are not UTF-8 (a legacy file throughout, for charset detection).
    """
    lines = data.split(b"\n")
    utf8_bytes = other_bytes = 0
    out: list[str | None] = []
    for line in lines:
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        try:
            out.append(line.decode("utf-8"))
            utf8_bytes += len(line)
        except UnicodeDecodeError:
            out.append(None)
            other_bytes += len(line)
    if utf8_bytes == 0 or utf8_bytes < other_bytes:
        return None
    legacy, replaced = [], []
    for i, line in enumerate(lines):
        if out[i] is not None:
            continue
        as_utf8 = line.decode("utf-8", errors="replace")
        try:
            as_legacy = line.decode(LEGACY_ENCODING)
        except UnicodeDecodeError:
            as_legacy = None
        if as_legacy is not None and as_utf8.count("\ufffd") >= FOREIGN_LINE_SHARE * len(as_utf8) \
                and reads_as_text(as_legacy):
            out[i] = as_legacy
            legacy.append(i + 1)
        else:
            out[i] = as_utf8
            replaced.append(i + 1)
    notes = []
    if legacy:
        notes.append(f"mixed encodings: {_lines(legacy)} read as {LEGACY_ENCODING.upper()}, the rest as UTF-8")
    if replaced:
        notes.append(f"invalid UTF-8 bytes on {_lines(replaced)} replaced by U+FFFD")
    return "\n".join(out), notes  # type: ignore[arg-type]


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5])) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
    return f"line{'s' if len(numbers) > 1 else ''} {shown}"


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters mean this is not a text file."""
    sample = data[:4096]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05
