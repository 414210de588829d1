"""Ingest: read a file into a RawDocument (decoded text, format, encoding, pages, tables).

I/O lives here and in ``store``/``cli``/``app``; everything after this stage is a
pure function of the RawDocument.  The format is detected from the bytes (a PDF named
``.txt`` is read as a PDF); each format has its reader in ``extractor.readers``.  Errors
name the file and the problem (:class:`~extractor.errors.InputError`) so that a batch
can report and go on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import InputError
from .models import RawDocument
from .readers import DOCUMENT_SUFFIXES, sniff_format
from .readers.text import decode_text, looks_binary

__all__ = ["decode_text", "looks_binary", "read_document", "read_bytes", "iter_document_paths", "SUPPORTED_SUFFIXES"]

#: Extensions read as plain text; markdown keeps its markup for the normaliser.
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES

#: Files larger than this are refused rather than stalling a batch.
MAX_BYTES = 64 * 1024 * 1024

#: Longest normalised text accepted: the longest plan in the corpora is ~35,000 characters;
#: five million is a whole shelf of them, and the per-character offset map stays in memory.
MAX_TEXT_CHARS = 5_000_000


def doc_id_for(path: Path) -> str:
    """A document id that survives moves: the file stem (seed names are already unique)."""
    return path.stem


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(data: bytes, name: str, suffix: str = "") -> RawDocument:
    """Read a document from its bytes (``name`` is used in errors and as the path)."""
    raw = _read_bytes(data, name, suffix)
    if len(raw.text) > MAX_TEXT_CHARS:
        raise InputError(name, f"text is {len(raw.text):,} characters, over the {MAX_TEXT_CHARS:,} limit",
                         "split the file into separate documents")
    return raw


def _read_bytes(data: bytes, name: str, suffix: str) -> RawDocument:
    if not data.strip():
        raise InputError(name, "file is empty", "nothing to extract")
    fmt = sniff_format(data, suffix.lower())
    doc_id = doc_id_for(Path(name))
    if fmt == "pdf":
        from .readers.pdf import read_pdf

        pdf = read_pdf(data, name)
        return RawDocument(path=name, doc_id=doc_id, format="pdf", text=pdf.text, page_starts=pdf.page_starts,
                           tables=pdf.tables, warnings=pdf.warnings, font_spans=pdf.font_spans)
    if fmt == "docx":
        from .readers.docx import read_docx

        text, tables = read_docx(data, name)
        if not text.strip():
            raise InputError(name, "the Word file has no text", "nothing to extract")
        return RawDocument(path=name, doc_id=doc_id, format="docx", text=text, tables=tables)
    if fmt == "zip":
        raise InputError(name, "is a zip archive, not a document", "unpack it, or save Word files as .docx")
    if len(data) > 4 * MAX_TEXT_CHARS:
        raise InputError(name, f"text file is {len(data) // (1024 * 1024)} MB, over the "
                               f"{4 * MAX_TEXT_CHARS // (1024 * 1024)} MB limit for text",
                         "split the file into separate documents")
    if looks_binary(data):
        raise InputError(name, "looks like a binary file, not a PDF, Word file, web page or text",
                         f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    if fmt == "html":
        from .readers.html import read_html

        warnings = []
        text, encoding, tables = read_html(data, name, warnings)
        return RawDocument(path=name, doc_id=doc_id, format="html", text=text, encoding=encoding, tables=tables,
                           warnings=warnings)
    warnings: list[str] = []
    text, encoding = decode_text(data, name, warnings=warnings)
    if not text.strip():
        raise InputError(name, "file is empty", "nothing to extract")
    return RawDocument(path=name, doc_id=doc_id, format=fmt, text=text, encoding=encoding, warnings=warnings)


def read_document(path: str | Path) -> RawDocument:
    """Read one file into a RawDocument, or raise InputError saying why not."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file", "check the path")
    if p.is_dir():
        raise InputError(name, "is a directory", "pass the files inside it, or use 'policykg extract DIR'")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(name, f"file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
                         "split it into smaller files")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read the file ({exc.strerror or exc})", "check its permissions") from None
    return read_bytes(data, name, p.suffix)


def iter_document_paths(paths: list[str | Path]) -> list[Path]:
    """Expand files and directories into the sorted list of document files they hold."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in DOCUMENT_SUFFIXES
                                and not q.name.lower().startswith("readme")))
        else:
            found.append(p)
    return found
