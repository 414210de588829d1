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


def decode_text(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes as text, detecting the encoding; returns (text, encoding).

    BOMs (UTF-8, UTF-16) are unambiguous, then a declared charset (HTML ``<meta>``),
    then strict UTF-8; otherwise charset-normalizer chooses (GB18030/GBK, Big5…), and a
    guess that leaves the text in chaos is refused rather than producing mojibake.
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
    if _looks_utf16_without_bom(data):
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if sum(1 for c in text[:2000] if "\u4e00" <= c <= "\u9fff" or c.isascii()) > 0.9 * len(text[:2000]):
                return text, "utf-16"
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


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4000]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters mean this is not a text file."""
    sample = data[:4096]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05
