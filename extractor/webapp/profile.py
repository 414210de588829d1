"""Unit profile: one unit across all documents — tasks by role and year, partners, alliances."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from . import data
from .i18n import col, columns, role, t
from .owners import TABLE_COLUMNS, roles_shown, table_config, unit_option_label
from .main import evidence_link


def task_years(rows: pd.DataFrame, docs: pd.DataFrame) -> pd.Series:
    """The year a task belongs to: the document's year, else the year its deadline names."""
    doc_year = rows["doc"].map(docs.set_index("doc")["year"]) if not docs.empty else pd.Series(None, index=rows.index)
    deadline_year = rows["deadline"].astype("string").str.extract(r"((?:19|20)\d\d)", expand=False)
    return doc_year.fillna(deadline_year).fillna("—")


def by_role_and_year(rows: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Distinct tasks per (year, role)."""
    counted = rows.assign(year=task_years(rows, docs)).groupby(["year", "role"])["task_iri"].nunique()
    return counted.rename("count").reset_index()


def partners(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Other units assigned to the same tasks as ``unit``, by number of shared tasks."""
    tasks = set(frame.loc[frame["unit"] == unit, "task_iri"])
    others = frame[frame["task_iri"].isin(tasks) & (frame["unit"] != unit)]
    if others.empty:
        return pd.DataFrame(columns=["partner", "shared", "roles"])
    grouped = others.groupby("unit").agg(shared=("task_iri", "nunique"),
                                         roles=("role", lambda r: "、".join(sorted({role(x) for x in r}))))
    grouped = grouped.reset_index().rename(columns={"unit": "partner"})
    return grouped.sort_values(["shared", "partner"], ascending=[False, True]).reset_index(drop=True)


def render(store: str) -> None:
    frame = data.assignments(store)
    if frame.empty:
        st.info(t("empty_store"))
        return
    aliases = data.unit_aliases(store)
    counts = frame.groupby("unit")["task_iri"].nunique().sort_values(ascending=False)
    units = list(counts.index)
    if st.session_state.get("profile_unit") not in units:
        st.session_state.pop("profile_unit", None)
    unit = st.selectbox(t("profile_unit"), units, key="profile_unit",
                        format_func=lambda u: unit_option_label(u, aliases))
    rows = frame[frame["unit"] == unit]
    mates = partners(frame, unit)
    a, b, c = st.columns(3)
    a.metric(t("profile_tasks"), rows["task_iri"].nunique())
    b.metric(t("profile_docs"), rows["doc"].nunique())
    c.metric(t("profile_partners_n"), len(mates))
    if aliases.get(unit):
        st.caption(f"{t('aliases')}：{'、'.join(aliases[unit])}")

    st.subheader(t("by_role_year"))
    counted = by_role_and_year(rows, data.documents(store)).assign(role=lambda f: f["role"].map(role))
    table = counted.pivot(index="year", columns="role", values="count").fillna(0).astype(int)
    st.dataframe(table.rename_axis(index=col("year"), columns=None), width="stretch")
    st.altair_chart(alt.Chart(counted).mark_bar().encode(
        x=alt.X("year:N", title=col("year")), y=alt.Y("count:Q", title=col("count")),
        color=alt.Color("role:N", title=col("role"))), width="stretch")

    view = rows.assign(role=roles_shown(rows["role"]), deadline=rows["deadline"].fillna(""),
                       link=[evidence_link(d, s, e) for d, s, e in zip(rows["doc"], rows["start"], rows["end"])])
    st.dataframe(columns(view, TABLE_COLUMNS), width="stretch", hide_index=True, column_config=table_config())

    st.subheader(t("partners"))
    if mates.empty:
        st.info(t("no_partners"))
    else:
        st.dataframe(columns(mates, ["partner", "shared", "roles"]), width="stretch", hide_index=True)

    st.subheader(t("alliances"))
    joined = data.memberships(store)
    joined = joined[joined["unit"] == unit]
    if joined.empty:
        st.info(t("no_alliances"))
    else:
        view = joined.assign(role=joined["role"].map(role))
        st.dataframe(columns(view, ["alliance", "role", "doc"]), width="stretch", hide_index=True)
