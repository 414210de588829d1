"""Ingest: read a file into a RawDocument (decoded text, format, encoding).

I/O lives here and in ``store``/``cli``/``app``; everything after this stage is a
pure function of the RawDocument.  Errors name the file and the problem
(:class:`~extractor.errors.InputError`) so that a batch can report and go on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .models import RawDocument

#: Extensions read as plain text; markdown keeps its markup for the normaliser.
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = tuple(TEXT_FORMATS)

#: Files larger than this are refused rather than stalling a batch.
MAX_BYTES = 64 * 1024 * 1024


def doc_id_for(path: Path) -> str:
    """A document id that survives moves: the file stem (seed names are already unique)."""
    return path.stem


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as text, detecting the encoding; returns (text, encoding).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are tried first because they are
    unambiguous; otherwise charset-normalizer chooses (GB18030/GBK/Big5…).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "cannot detect the text encoding", "save the file as UTF-8 or GB18030")
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    return data.decode(encoding, errors="replace"), encoding


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters mean this is not a text file."""
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def read_document(path: str | Path) -> RawDocument:
    """Read one file into a RawDocument, or raise InputError saying why not."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file", "check the path")
    if p.is_dir():
        raise InputError(name, "is a directory", "pass the files inside it, or use 'policykg extract DIR'")
    suffix = p.suffix.lower()
    if suffix not in TEXT_FORMATS:
        raise InputError(name, f"unsupported file type '{suffix or '(none)'}'",
                         f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(name, f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
    data = p.read_bytes()
    if not data.strip():
        raise InputError(name, "file is empty", "nothing to extract")
    if looks_binary(data):
        raise InputError(name, "looks like a binary file, not text", "is the extension right?")
    text, encoding = decode_text(data, name)
    return RawDocument(path=name, doc_id=doc_id_for(p), format=TEXT_FORMATS[suffix], text=text, encoding=encoding)


def iter_document_paths(paths: list[str | Path]) -> list[Path]:
    """Expand files and directories into the sorted list of document files they hold."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in TEXT_FORMATS
                                and not q.name.lower().startswith("readme")))
        else:
            found.append(p)
    return found
