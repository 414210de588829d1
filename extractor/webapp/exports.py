"""Exports: Turtle, JSON-LD, N-Triples, CSV of tasks and targets, GraphML — of the store or chosen documents.

RDF comes straight from the store (a CONSTRUCT over the documents' named graphs,
serialised by pyoxigraph); the tables come from the same cached queries the views use,
so an export is exactly what the app shows.
"""

from __future__ import annotations

import io
from typing import Callable

import networkx as nx
import pandas as pd
import streamlit as st

from extractor.graph import bind_prefixes, doc_iri

from . import data
from .i18n import t

TASK_CSV_COLUMNS = ["doc", "section", "task", "unit", "unit_text", "role", "deadline", "evidence", "start", "end"]
TARGET_CSV_COLUMNS = ["doc", "indicator", "indicator_text", "indicator_id", "value", "value_max", "unit", "unit_text", "comparator", "kind",
                      "deadline", "baseline", "region", "section", "evidence", "start", "end"]


def _prefixes() -> dict[str, str]:
    from rdflib import Graph

    g = Graph()
    bind_prefixes(g)
    return {prefix: str(ns) for prefix, ns in g.namespaces() if prefix}


def construct(docs: list[str]) -> str:
    """The CONSTRUCT of the whole store (no docs) or of the chosen documents' named graphs."""
    if not docs:
        return "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    graphs = " ".join(f"<{doc_iri(d)}>" for d in docs)
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}"


def rdf_bytes(store: str, docs: list[str], fmt: str) -> bytes:
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}
    triples = list(data.open_store(store).query(construct(docs)))
    prefixes = _prefixes() if fmt == "turtle" else None
    return ox.serialize(triples, format=formats[fmt], prefixes=prefixes)


def _in(frame: pd.DataFrame, docs: list[str]) -> pd.DataFrame:
    return frame[frame["doc"].isin(docs)] if docs else frame


def tasks_csv(store: str, docs: list[str]) -> bytes:
    rows = _in(data.assignments(store), docs)
    return rows[TASK_CSV_COLUMNS].to_csv(index=False).encode("utf-8-sig")


def targets_csv(store: str, docs: list[str]) -> bytes:
    rows = _in(data.targets(store), docs)
    return rows[TARGET_CSV_COLUMNS].to_csv(index=False).encode("utf-8-sig")


def network(assign: pd.DataFrame, members: pd.DataFrame) -> nx.MultiDiGraph:
    """Units, tasks, documents and alliances as a property graph (node ``kind``/``label``, edge ``role``)."""
    g = nx.MultiDiGraph()
    for r in assign.itertuples():
        unit, task, doc = f"unit:{r.unit}", f"task:{r.task_iri}", f"document:{r.doc}"
        g.add_node(unit, kind="unit", label=r.unit)
        g.add_node(task, kind="task", label=r.task, section=r.section or "")
        g.add_node(doc, kind="document", label=r.doc)
        g.add_edge(unit, task, role=r.role, deadline=r.deadline or "")
        if not g.has_edge(task, doc):
            g.add_edge(task, doc, role="in_document", deadline="")
    for m in members.itertuples():
        if f"unit:{m.unit}" in g:
            g.add_node(f"alliance:{m.alliance}", kind="alliance", label=m.alliance)
            g.add_edge(f"unit:{m.unit}", f"alliance:{m.alliance}", role=m.role, deadline="")
    return g


def graphml_bytes(store: str, docs: list[str]) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(network(_in(data.assignments(store), docs), data.memberships(store)), buffer)
    return buffer.getvalue()


#: format key → (label, file name, mime type, builder)
FORMATS: dict[str, tuple[str, str, str, Callable[[str, list[str]], bytes]]] = {
    "turtle": ("Turtle", "policykg.ttl", "text/turtle", lambda s, d: rdf_bytes(s, d, "turtle")),
    "jsonld": ("JSON-LD", "policykg.jsonld", "application/ld+json", lambda s, d: rdf_bytes(s, d, "jsonld")),
    "nt": ("N-Triples", "policykg.nt", "application/n-triples", lambda s, d: rdf_bytes(s, d, "nt")),
    "tasks_csv": ("CSV 任务 / tasks", "policykg-tasks.csv", "text/csv", tasks_csv),
    "targets_csv": ("CSV 指标 / targets", "policykg-targets.csv", "text/csv", targets_csv),
    "graphml": ("GraphML", "policykg.graphml", "application/graphml+xml", graphml_bytes),
}


@st.cache_data(show_spinner=False, max_entries=16)
def export_bytes(store: str, docs: tuple[str, ...], fmt: str) -> bytes:
    return FORMATS[fmt][3](store, list(docs))


def render(store: str) -> None:
    all_docs = list(data.documents(store)["doc"])
    docs = st.multiselect(t("exp_docs"), all_docs, placeholder=t("choose"), key="exp_docs")
    fmt = st.radio(t("exp_format"), list(FORMATS), key="exp_format", horizontal=True,
                   format_func=lambda k: FORMATS[k][0])
    label, name, mime, _ = FORMATS[fmt]
    payload = export_bytes(store, tuple(docs), fmt)
    st.caption(t("exp_size", n=len(payload)))
    st.download_button(t("exp_download", name=label), payload, file_name=name, mime=mime, key="exp_download")
