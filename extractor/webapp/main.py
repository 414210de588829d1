"""The app shell: page config, store path, language toggle, navigation, deep links.

``app.py`` calls :func:`run`.  Pages are modules with a ``render(store: str)``; the
sidebar radio (key ``page``) picks one.  A fact in any view opens the document viewer
through :func:`open_evidence` (same session) or a ``?page=viewer&doc=…&start=…&end=…``
link (new tab).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import streamlit as st

from . import data
from .i18n import LANG_KEY, t

DEFAULT_STORE = Path(__file__).resolve().parent.parent.parent / ".policykg" / "store"

#: page key → module name; the first is the landing page (the one-step answer).
PAGES: dict[str, str] = {
    "owners": "owners",
    "overview": "overview",
    "profile": "profile",
    "explorer": "explorer",
    "targets": "targets",
    "viewer": "viewer",
    "upload": "upload",
    "console": "console",
    "exports": "exports",
}


def store_path(argv: list[str] | None = None) -> Path:
    """The store directory given after ``--`` (``streamlit run app.py -- --store PATH``)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--store", default=str(DEFAULT_STORE))
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return Path(args.store)


def open_evidence(doc: str, start: int | None, end: int | None) -> None:
    """Switch to the document viewer focused on ``doc[start:end]`` (use as an on_click callback)."""
    st.session_state["page"] = "viewer"
    st.session_state["viewer_doc"] = doc
    st.session_state["viewer_focus"] = (int(start), int(end)) if start is not None and end is not None else None


def evidence_link(doc: str, start: float | None, end: float | None) -> str:
    """A relative link that opens the viewer at the evidence in a new tab."""
    if start is None or end is None or start != start or end != end:  # NaN
        return f"?page=viewer&doc={doc}"
    return f"?page=viewer&doc={doc}&start={int(start)}&end={int(end)}"


def _consume_query_params() -> None:
    """Apply a deep link once, then clear it so later navigation is not overridden."""
    params = st.query_params
    page = params.get("page")
    if page not in PAGES:
        return
    st.session_state["page"] = page
    if page == "viewer" and params.get("doc"):
        start, end = params.get("start"), params.get("end")
        focus = (int(start), int(end)) if start and end and start.isdigit() and end.isdigit() else None
        open_evidence(params["doc"], *(focus or (None, None)))
    st.query_params.clear()


def _page_renderer(key: str) -> Callable[[str], None]:
    import importlib

    return importlib.import_module(f"{__package__}.{PAGES[key]}").render


def run() -> None:
    st.set_page_config(page_title="policykg 政策责任图谱", layout="wide")
    _consume_query_params()
    path = store_path()
    with st.sidebar:
        st.toggle("English", key=LANG_KEY)
        page = st.radio(t("nav"), list(PAGES), key="page", format_func=lambda k: t(f"page_{k}"))
        if st.button(t("refresh"), key="refresh"):
            data.refresh()
    st.title(t(f"page_{page}"))
    if page != "upload" and not path.exists():
        st.error(t("no_store", path=path))
        return
    try:
        _page_renderer(page)(str(path))
    except OSError as exc:  # a store another process holds for writing, or a broken one
        st.error(t("store_busy", path=path, error=exc))
