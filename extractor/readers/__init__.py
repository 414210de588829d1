"""Readers: one per file format, each from bytes to a RawDocument (text + pages + tables).

The format is decided by content (``sniff_format``): a PDF renamed ``.txt`` is still
read as a PDF, and an HTML page saved as ``.txt`` as HTML.  The extension only breaks
ties between plain text and markdown.
"""

from __future__ import annotations

import io
import re
import zipfile

#: Extensions whose files a directory walk picks up.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".pdf", ".docx", ".html", ".htm", ".xhtml")

#: Markup that makes a text an HTML page: a doctype, or the html/body/head/table/p elements.
HTML_SIGNATURE = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s[^>]*charset", re.I)


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except zipfile.BadZipFile:
        return False


def sniff_format(data: bytes, suffix: str) -> str:
    """pdf, docx, html, md or txt from the bytes (and, for md vs txt, the extension)."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if is_docx(data) else "zip"
    if suffix in (".html", ".htm", ".xhtml") or HTML_SIGNATURE.search(head.lstrip(b"\xef\xbb\xbf")[:1024]):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    return "txt"
