"""Exports: Turtle, JSON-LD, N-Triples, TriG, CSV of tasks and targets, GraphML — of the store or chosen documents.

The RDF formats, the tasks CSV and GraphML are the project's exports
(:mod:`extractor.export`, :mod:`extractor.networkx_view`) run on the store, or on a
view of it narrowed to the chosen documents' named graphs; the targets CSV is the
table the targets view shows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable

import streamlit as st

from . import data
from .i18n import t

TARGET_CSV_COLUMNS = ["doc", "indicator", "indicator_text", "indicator_id", "value", "value_max", "unit", "unit_text",
                      "comparator", "kind", "deadline", "period_end", "baseline", "region", "section", "evidence", "start", "end"]


def scoped(store: str, docs: list[str]) -> data.ReadOnlyStore:
    """The whole store, or a view of the chosen documents' graphs."""
    whole = data.open_store(store)
    if not docs:
        return whole
    frame = data.documents(store)
    return whole.view(list(frame.loc[frame["doc"].isin(docs), "iri"]))


def rdf_bytes(store: str, docs: list[str], fmt: str) -> bytes:
    from extractor.export import rdf_bytes as export_rdf

    return export_rdf(scoped(store, docs), fmt)


def tasks_csv(store: str, docs: list[str]) -> bytes:
    from extractor.export import tasks_csv as export_tasks

    return export_tasks(scoped(store, docs))


def targets_csv(store: str, docs: list[str]) -> bytes:
    rows = data.targets(store)
    rows = rows[rows["doc"].isin(docs)] if docs else rows
    return rows[TARGET_CSV_COLUMNS].to_csv(index=False).encode("utf-8-sig")


def graphml_bytes(store: str, docs: list[str]) -> bytes:
    from extractor.networkx_view import project, write_graphml

    with tempfile.TemporaryDirectory(prefix="policykg-graphml-") as tmp:
        path = Path(tmp) / "graph.graphml"
        write_graphml(project(scoped(store, docs)), path)
        return path.read_bytes()


#: format key → (label, file name, mime type, builder)
FORMATS: dict[str, tuple[str, str, str, Callable[[str, list[str]], bytes]]] = {
    "ttl": ("Turtle", "policykg.ttl", "text/turtle", lambda s, d: rdf_bytes(s, d, "ttl")),
    "jsonld": ("JSON-LD", "policykg.jsonld", "application/ld+json", lambda s, d: rdf_bytes(s, d, "jsonld")),
    "nt": ("N-Triples", "policykg.nt", "application/n-triples", lambda s, d: rdf_bytes(s, d, "nt")),
    "trig": ("TriG", "policykg.trig", "application/trig", lambda s, d: rdf_bytes(s, d, "trig")),
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
