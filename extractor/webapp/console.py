"""SPARQL console: read-only queries with named examples, a time-out and CSV download.

The query is checked by :func:`~extractor.webapp.readonly.check_read_only` before
anything runs, then executed in a child process (:mod:`.sparql_worker`) on a read-only
store handle so that a runaway query can be killed at the time-out.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from . import data
from .i18n import t
from .readonly import ReadOnlyViolation, check_read_only

TIMEOUT_S = 15
ROW_LIMIT = 5000
QUERIES_DIR = Path(__file__).resolve().parent.parent.parent / "queries"

#: Examples always offered; ``queries/*.rq`` adds the project's named queries.
BUILTIN_EXAMPLES: dict[str, str] = {
    "who_owns_what": data.PREFIXES + """SELECT ?unit ?role ?task ?doc WHERE {
  ?a a pkg:Assignment ; pkg:unit ?u ; pkg:task ?t ; pkg:role ?role ; pkg:document ?d .
  ?u skos:prefLabel ?unit . ?t pkg:text ?task . ?d dcterms:identifier ?doc .
} ORDER BY ?doc ?unit LIMIT 200""",
    "lead_units_by_task_count": data.PREFIXES + """SELECT ?unit (COUNT(DISTINCT ?t) AS ?tasks) WHERE {
  ?u pkg:leads ?t ; skos:prefLabel ?unit .
} GROUP BY ?unit ORDER BY DESC(?tasks)""",
    "tasks_without_deadline": data.PREFIXES + """SELECT ?doc ?unit ?task WHERE {
  ?a a pkg:Assignment ; pkg:unit ?u ; pkg:task ?t ; pkg:document ?d .
  FILTER NOT EXISTS { ?a pkg:deadline ?deadline }
  ?u skos:prefLabel ?unit . ?t pkg:text ?task . ?d dcterms:identifier ?doc .
} ORDER BY ?doc LIMIT 200""",
    "collective_owners": data.PREFIXES + """SELECT ?unit (COUNT(?a) AS ?assignments) WHERE {
  ?u a pkg:CollectiveUnit ; skos:prefLabel ?unit . ?a pkg:unit ?u .
} GROUP BY ?unit ORDER BY DESC(?assignments)""",
    "documents": data.PREFIXES + """SELECT ?doc ?title ?number WHERE {
  ?d a eli:LegalResource ; dcterms:identifier ?doc .
  OPTIONAL { ?d eli:title ?title } OPTIONAL { ?d eli:id_local ?number }
} ORDER BY ?doc""",
    "ask_any_target": data.PREFIXES + "ASK { ?t a pkg:Target }",
}


def examples() -> dict[str, str]:
    """Named example queries: the project's ``queries/*.rq`` files, then the built-ins."""
    found = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES_DIR.glob("*.rq"))} \
        if QUERIES_DIR.is_dir() else {}
    return {**found, **{k: v for k, v in BUILTIN_EXAMPLES.items() if k not in found}}


def run_query(store: str, sparql: str, timeout: float = TIMEOUT_S, limit: int = ROW_LIMIT) -> dict:
    """Check, then run in a child process; ``{"error": …}`` on a refusal, failure or time-out."""
    try:
        check_read_only(sparql)
    except ReadOnlyViolation as exc:
        return {"error": str(exc), "refused": True}
    cmd = [sys.executable, "-m", "extractor.webapp.sparql_worker", store, str(limit)]
    root = str(Path(__file__).resolve().parent.parent.parent)
    try:
        done = subprocess.run(cmd, input=sparql, capture_output=True, text=True, timeout=timeout, cwd=root)
    except subprocess.TimeoutExpired:
        return {"error": t("sq_timeout", s=timeout), "timeout": True}
    if done.returncode != 0 or not done.stdout:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"query process failed: {last}"}
    return json.loads(done.stdout)


def _load_example() -> None:
    name = st.session_state.get("sq_example")
    if name:
        st.session_state["sq_text"] = examples()[name]


def render(store: str) -> None:
    named = examples()
    if "sq_text" not in st.session_state:
        st.session_state["sq_text"] = next(iter(named.values()))
    st.selectbox(t("sq_example"), list(named), key="sq_example", on_change=_load_example)
    sparql = st.text_area(t("sq_text"), key="sq_text", height=220)
    if st.button(t("sq_run"), key="sq_run", type="primary"):
        started = time.perf_counter()
        result = run_query(store, sparql)
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
