"""Targets comparison: one indicator's values, units, comparators and deadlines by region and document."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from . import data
from .i18n import col, columns, t
from .main import evidence_link

TABLE_COLUMNS = ["region", "doc", "indicator", "indicator_text", "comparator", "value", "unit_of_measure", "deadline", "period_end", "kind",
                 "baseline", "section", "evidence", "link"]
ALL = "__all__"


def indicators(frame: pd.DataFrame) -> list[str]:
    """Indicators ordered by how many documents state them (the comparable ones first)."""
    named = frame.dropna(subset=["indicator"])
    spread = named.groupby("indicator")["doc"].nunique().rename("docs").reset_index()
    spread = spread.sort_values(["docs", "indicator"], ascending=[False, True])
    return list(spread["indicator"])


def comparison(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The rows of one indicator (or all), sorted by region, document and position."""
    rows = frame if indicator == ALL else frame[frame["indicator"] == indicator]
    rows = rows.rename(columns={"unit": "unit_of_measure"})
    return rows.sort_values(["region", "doc", "start"], kind="stable", na_position="last").reset_index(drop=True)


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """The comparison as UTF-8 CSV with a BOM (so spreadsheet programs read the Chinese)."""
    keep = [c for c in TABLE_COLUMNS if c != "link" and c in rows.columns] + ["start", "end"]
    return rows[keep].to_csv(index=False).encode("utf-8-sig")


def render(store: str) -> None:
    frame = data.targets(store)
    if frame.empty:
        st.info(t("tg_none"))
        return
    names = indicators(frame)
    left, right = st.columns([3, 2])
    indicator = left.selectbox(t("tg_indicator"), [ALL] + names, key="tg_indicator",
                               format_func=lambda n: t("tg_all") if n == ALL else n)
    kinds = right.multiselect(t("tg_kind"), sorted(frame["kind"].dropna().unique()), placeholder=t("choose"), key="tg_kind")
    rows = comparison(frame, indicator)
    if kinds:
        rows = rows[rows["kind"].isin(kinds)]
    view = rows.assign(link=[evidence_link(d, s, e) for d, s, e in zip(rows["doc"], rows["start"], rows["end"])])
    st.dataframe(columns(view, TABLE_COLUMNS), width="stretch", hide_index=True,
                 column_config={col("link"): st.column_config.LinkColumn(col("link"), display_text="↗")})
    st.download_button(t("tg_download"), csv_bytes(rows), file_name="targets.csv", mime="text/csv",
                       key="tg_download")
    numeric = rows.dropna(subset=["value"])
    if numeric.empty:
        st.caption(t("tg_chart_empty"))
        return
    label = numeric.assign(who=numeric["region"].fillna("") + " · " + numeric["doc"])
    chart = alt.Chart(label).mark_bar().encode(
        x=alt.X("value:Q", title=col("value")),
        y=alt.Y("who:N", title=col("doc"), sort="-x"),
        color=alt.Color("unit_of_measure:N", title=col("unit_of_measure")),
        tooltip=["indicator", "comparator", "value", "unit_of_measure", "deadline", "doc"],
    )
    st.altair_chart(chart, width="stretch")
