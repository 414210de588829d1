"""Who owns what: units → their tasks, task words → the owning units, each row → its evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from . import data
from .i18n import col, columns, role, t
from .main import evidence_link, open_evidence

TABLE_COLUMNS = ["unit", "unit_text", "role", "task", "section", "deadline", "doc", "link"]


def roles_shown(values: pd.Series) -> pd.Series:
    """Role codes as labels (looked up once per distinct role, not per row)."""
    return values.map({value: role(value) for value in values.unique()})


def unit_option_label(unit: str, aliases: dict[str, list[str]]) -> str:
    """``闵行区社区学院（区社区学院、社区学院）``: the type-ahead matches the aliases too."""
    others = aliases.get(unit) or []
    return f"{unit}（{'、'.join(others)}）" if others else unit


def filter_assignments(frame: pd.DataFrame, units: list[str], words: str, roles: list[str]) -> pd.DataFrame:
    """Rows of the chosen units whose task contains every word, in the chosen roles."""
    shown = frame
    if units:
        shown = shown[shown["unit"].isin(units)]
    for word in words.split():
        shown = shown[shown["task"].str.contains(word, regex=False, na=False)]
    if roles:
        shown = shown[shown["role"].isin(roles)]
    return shown


def owners_of(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per unit owning any of ``rows``: how many tasks and in which roles."""
    if rows.empty:
        return pd.DataFrame(columns=["unit", "n_tasks", "roles"])
    grouped = rows.groupby("unit").agg(n_tasks=("task_iri", "nunique"),
                                       roles=("role", lambda r: "、".join(sorted({role(x) for x in r}))))
    return grouped.reset_index().sort_values(["n_tasks", "unit"], ascending=[False, True])


def table_config() -> dict:
    """Wide task text, narrow codes, and the evidence link as an arrow."""
    return {col("task"): st.column_config.TextColumn(col("task"), width="large"),
            col("doc"): st.column_config.TextColumn(col("doc"), width="small"),
            col("link"): st.column_config.LinkColumn(col("link"), display_text="↗", width="small")}


def render(store: str) -> None:
    frame = data.assignments(store)
    aliases = data.unit_aliases(store)
    st.caption(t("owners_caption", n=len(frame), docs=frame["doc"].nunique(), units=frame["unit"].nunique(),
                 path=store))
    if frame.empty:
        st.info(t("empty_store"))
        return
    left, middle, right = st.columns([3, 2, 2])
    units = sorted(frame["unit"].unique())
    chosen = left.multiselect(t("unit_filter"), units, placeholder=t("choose"), key="unit_filter",
                              format_func=lambda u: unit_option_label(u, aliases))
    words = middle.text_input(t("task_query"), key="task_query")
    roles = right.multiselect(t("role_filter"), list(data.ROLES), placeholder=t("choose"), key="role_filter", format_func=role)
    shown = filter_assignments(frame, chosen, words, roles)
    view = shown.assign(role=roles_shown(shown["role"]), deadline=shown["deadline"].fillna(""),
                        link=[evidence_link(d, s, e) for d, s, e in zip(shown["doc"], shown["start"], shown["end"])])
    st.dataframe(columns(view, TABLE_COLUMNS), width="stretch", hide_index=True, column_config=table_config())
    st.caption(t("rows_shown", n=len(shown)))
    if shown.empty:
        st.info(t("no_rows"))
        return
    if words.strip():
        st.subheader(t("owners_of_tasks"))
        st.dataframe(columns(owners_of(shown), ["unit", "n_tasks", "roles"]), hide_index=True)
    _evidence_panel(store, shown)


def _evidence_panel(store: str, shown: pd.DataFrame) -> None:
    """The chosen row's evidence sentence and a button that lands in the viewer at it."""
    options = list(shown.index[:500])
    pick = st.selectbox(t("evidence_pick"), options, key="evidence_pick",
                        format_func=lambda i: f"{shown.at[i, 'unit']} · {str(shown.at[i, 'task'])[:48]}")
    if pick is None or pick not in shown.index:
        return
    row = shown.loc[pick]
    found = data.fact_evidence(store, row["assignment"])
    st.markdown(f"**{t('evidence')}**（{row['doc']} {row['section']}）")
    st.info(found["evidence"] or row["task"], icon=":material/format_quote:")
    start, end = (found["ev_start"], found["ev_end"]) if found["evidence"] else (_int(row["start"]), _int(row["end"]))
    st.button(t("open_in_viewer"), key="owners_open", on_click=open_evidence, args=(row["doc"], start, end))


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)
