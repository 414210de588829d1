"""Upload and extract: check a file, extract it in a temporary directory, add it to the store.

The file name is sanitised (no directories, no leading dots, only word characters,
``.`` and ``-``) and the type and size are checked before anything is written.  The
preview runs on a copy in a temporary directory; adding keeps the file next to the
store (``uploads/``) so the document viewer can show its text later.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from extractor.errors import PolicyKGError
from extractor.ingest import SUPPORTED_SUFFIXES
from extractor.models import DocumentResult

from . import data
from .i18n import columns, role, t

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-]+")


class UploadError(ValueError):
    """An upload the app refuses; the message says why and what to do."""


def sanitise_name(name: str) -> str:
    """A safe file name: ``../../etc/x 1.TXT`` → ``x_1.txt`` (directories and odd characters dropped)."""
    base = Path(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = UNSAFE_NAME_CHARS.sub("_", stem).strip("._")[:80] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(name: str, payload: bytes) -> str:
    """The sanitised name, or UploadError when the type or size is not acceptable."""
    safe = sanitise_name(name)
    suffix = Path(safe).suffix
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadError(f"{name}: 不支持的文件类型 '{suffix or '(无)'}'，支持 {', '.join(SUPPORTED_SUFFIXES)} "
                          f"/ unsupported file type")
    if len(payload) > MAX_UPLOAD_BYTES:
        raise UploadError(f"{name}: 文件 {len(payload) // 1024} KB 超过上限 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB "
                          f"/ file too large")
    if not payload.strip():
        raise UploadError(f"{name}: 文件是空的 / the file is empty")
    return safe


def extract_in(directory: Path, name: str, payload: bytes) -> DocumentResult:
    """Write the checked upload into ``directory`` and extract it (errors as UploadError)."""
    from extractor.pipeline import extract_file

    path = directory / check_upload(name, payload)
    path.write_bytes(payload)
    try:
        return extract_file(path)
    except PolicyKGError as exc:
        raise UploadError(str(exc)) from None


def preview(name: str, payload: bytes) -> DocumentResult:
    with tempfile.TemporaryDirectory(prefix="policykg-upload-") as tmp:
        return extract_in(Path(tmp), name, payload)


def add_to_store(name: str, payload: bytes, store: str) -> tuple[DocumentResult, int]:
    """Keep the file in ``<store>/../uploads/`` and write its graph; returns the triples written."""
    from extractor.store import OxigraphStore

    uploads = Path(store).resolve().parent / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    result = extract_in(uploads, name, payload)
    writer = OxigraphStore(store)
    try:
        written = writer.put_document(result)
        writer.flush()
    finally:
        del writer
    data.refresh()
    return result, written


def render(store: str) -> None:
    st.caption(t("upload_help", types=", ".join(SUPPORTED_SUFFIXES), mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    uploaded = st.file_uploader(t("upload_file"), key="upload_file",
                                type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES])
    if uploaded is None:
        return
    payload = uploaded.getvalue()
    digest = hashlib.sha256(payload).hexdigest()
    try:
        cached = st.session_state.get("upload_preview")
        if not cached or cached[0] != digest:
            st.session_state["upload_preview"] = (digest, preview(uploaded.name, payload))
        result = st.session_state["upload_preview"][1]
    except UploadError as exc:
        st.error(str(exc))
        return
    st.success(t("upload_extracted", a=len(result.assignments), t=len(result.targets)))
    rows = pd.DataFrame([{"unit": a.unit, "unit_text": a.unit_text, "role": role(a.role.value), "task": a.task,
                          "section": a.section, "deadline": a.deadline, "doc": a.doc_id} for a in result.assignments],
                        columns=["unit", "unit_text", "role", "task", "section", "deadline", "doc"])
    st.dataframe(columns(rows, list(rows.columns)), width="stretch", hide_index=True)
    if st.button(t("upload_add"), key="upload_add", type="primary"):
        try:
            added, written = add_to_store(uploaded.name, payload, store)
        except UploadError as exc:
            st.error(str(exc))
            return
        except OSError as exc:  # another process holds the store for writing
            st.error(t("store_busy", path=store, error=exc))
            return
        st.success(t("upload_added", doc=added.doc_id, n=written))

