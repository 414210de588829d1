"""SPARQL console: read-only queries with the project's named queries, a time-out and CSV download.

A query is checked with the shared read-only check (:func:`extractor.queries.check_read_only`:
parsed, never string-matched; updates, LOAD and SERVICE refused) before anything runs,
then executed in a child process (:mod:`.sparql_worker`) on a read-only store handle so
that a runaway query is killed at the time-out.  The examples are ``queries/*.rq``; their
parameters are bound as RDF terms, never pasted into the text.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from .i18n import t

TIMEOUT_S = 15
ROW_LIMIT = 5000
ROOT = Path(__file__).resolve().parent.parent.parent
#: The example shown first: the whole who-owns-what table.
DEFAULT_EXAMPLES = ("owners_table", "who_owns_what")


def refusal(sparql: str) -> str | None:
    """Why the console will not run ``sparql`` (None when it is a read-only query)."""
    from extractor.queries import UnsafeQuery, check_read_only

    try:
        check_read_only(sparql)
    except UnsafeQuery as exc:
        return t("sq_refused", reason=exc)
    return None


def run_query(store: str, sparql: str, named: str | None = None, params: dict[str, str] | None = None,
              timeout: float = TIMEOUT_S, limit: int = ROW_LIMIT) -> dict:
    """Check, then run in a child process; ``{"error": …}`` on a refusal, failure or time-out."""
    reason = refusal(sparql)
    if reason:
        return {"error": reason, "refused": True}
    request = json.dumps({"sparql": sparql, "named": named, "params": params or {}}, ensure_ascii=False)
    cmd = [sys.executable, "-m", "extractor.webapp.sparql_worker", store, str(limit)]
    try:
        done = subprocess.run(cmd, input=request, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": t("sq_timeout", s=timeout), "timeout": True}
    if done.returncode != 0 or not done.stdout:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"query process failed: {last}"}
    return json.loads(done.stdout)


def _load_example() -> None:
    from extractor.queries import named_queries

    name = st.session_state.get("sq_example")
    if name:
        st.session_state["sq_text"] = named_queries()[name].sparql


def render(store: str) -> None:
    from extractor.queries import named_queries

    named = named_queries()
    if "sq_text" not in st.session_state:
        st.session_state["sq_example"] = next((n for n in DEFAULT_EXAMPLES if n in named), next(iter(named)))
        st.session_state["sq_text"] = named[st.session_state["sq_example"]].sparql
    example = st.selectbox(t("sq_example"), list(named), key="sq_example", on_change=_load_example,
                           format_func=lambda n: f"{n} — {named[n].description}")
    sparql = st.text_area(t("sq_text"), key="sq_text", height=220)
    query = named.get(example)
    is_named = query is not None and sparql == query.sparql
    params = {}
    if is_named:
        for p in query.params:
            value = st.text_input(f"${p.name}（{p.description or p.type}）", key=f"sq_param_{p.name}")
            if value or not p.optional:
                params[p.name] = value
    if st.button(t("sq_run"), key="sq_run", type="primary"):
        started = time.perf_counter()
        result = run_query(store, sparql, example if is_named else None, params)
        st.session_state["sq_result"] = (result, int((time.perf_counter() - started) * 1000))
    if "sq_result" not in st.session_state:
        return
    result, elapsed = st.session_state["sq_result"]  # kept so a download click does not lose it
    if "error" in result:
        st.error(result["error"])
        return
    if result["kind"] == "ask":
        st.success(t("sq_ask", value=result["value"]))
        return
    frame = pd.DataFrame(result["rows"], columns=result["columns"])
    st.caption(t("sq_rows", n=len(frame), ms=elapsed) + (f" (≤ {ROW_LIMIT})" if result["truncated"] else ""))
    st.dataframe(frame, width="stretch", hide_index=True)
    st.download_button("CSV", frame.to_csv(index=False).encode("utf-8-sig"), file_name="query.csv",
                       mime="text/csv", key="sq_download")
