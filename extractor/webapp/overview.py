"""Overview: the documents in the store with their header metadata and fact counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from . import data
from .i18n import columns, t

TABLE_COLUMNS = ["doc", "title", "doc_number", "issuers", "region", "date", "doc_type",
                 "n_tasks", "n_targets", "n_units"]


def document_table(docs: pd.DataFrame, assignments: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Documents with their counts of task items, targets and distinct units."""
    tasks = assignments.groupby("doc")["task_iri"].nunique().rename("n_tasks")
    units = assignments.groupby("doc")["unit"].nunique().rename("n_units")
    figures = targets.groupby("doc")["target"].nunique().rename("n_targets")
    table = docs.set_index("doc").join([tasks, figures, units]).reset_index()
    for name in ("n_tasks", "n_targets", "n_units"):
        table[name] = table[name].fillna(0).astype(int)
    return table


def filter_documents(table: pd.DataFrame, regions: list[str], years: list[str], types: list[str]) -> pd.DataFrame:
    shown = table
    if regions:
        shown = shown[shown["region"].isin(regions)]
    if years:
        shown = shown[shown["year"].isin(years)]
    if types:
        shown = shown[shown["doc_type"].isin(types)]
    return shown


def _options(series: pd.Series) -> list[str]:
    return sorted(v for v in series.dropna().unique() if v)


def render(store: str) -> None:
    table = document_table(data.documents(store), data.assignments(store), data.targets(store))
    if table.empty:
        st.info(t("empty_store"))
        return
    left, middle, right = st.columns(3)
    regions = left.multiselect(t("ov_region"), _options(table["region"]), placeholder=t("choose"), key="ov_region")
    years = middle.multiselect(t("ov_year"), _options(table["year"]), placeholder=t("choose"), key="ov_year")
    types = right.multiselect(t("ov_type"), _options(table["doc_type"]), placeholder=t("choose"), key="ov_type")
    shown = filter_documents(table, regions, years, types)
    st.caption(t("ov_caption", n=len(shown)))
    st.dataframe(columns(shown, TABLE_COLUMNS), width="stretch", hide_index=True)
