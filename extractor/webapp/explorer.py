"""Graph explorer: units, tasks, documents and alliances as an interactive network.

The network is built by a pure function of the assignment and membership tables, the
filters and the set of expanded nodes; streamlit-agraph draws it and reports the node
clicked, which expands it (its neighbours across all documents join the view).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from . import data
from .i18n import col, role, t

KINDS = ("unit", "task", "document", "alliance")
KIND_LABELS = {"unit": ("单位", "units"), "task": ("任务", "tasks"), "document": ("文件", "documents"),
               "alliance": ("联盟", "alliances")}
COLORS = {"unit": "#1f77b4", "task": "#ff7f0e", "document": "#2ca02c", "alliance": "#9467bd"}
EXPANDED_KEY = "gx_expanded"


@dataclass
class Network:
    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (kind, label)
    edges: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, target) → label
    truncated: bool = False

    def add_node(self, node_id: str, kind: str, label: str, limit: int) -> bool:
        if node_id in self.nodes:
            return True
        if len(self.nodes) >= limit:
            self.truncated = True
            return False
        self.nodes[node_id] = (kind, label)
        return True

    def add_edge(self, source: str, target: str, label: str) -> None:
        if source in self.nodes and target in self.nodes:
            self.edges.setdefault((source, target), label)


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def _rows_touching(assign: pd.DataFrame, nid: str) -> pd.DataFrame:
    kind, _, key = nid.partition(":")
    column = {"unit": "unit", "task": "task_iri", "document": "doc"}.get(kind)
    return assign[assign[column] == key] if column else assign.iloc[0:0]


def build_network(assign: pd.DataFrame, members: pd.DataFrame, docs: list[str], roles: list[str],
                  kinds: list[str], expanded: list[str], limit: int) -> Network:
    """The network of the chosen documents plus every expanded node's neighbours.

    With tasks hidden, units link straight to the documents that assign them work.
    """
    if roles:
        assign = assign[assign["role"].isin(roles)]
    seeds = assign[assign["doc"].isin(docs)] if docs else assign
    parts = [seeds] + [_rows_touching(assign, nid) for nid in expanded]
    rows = pd.concat(parts).drop_duplicates(subset=["assignment"])
    alliances = {nid.partition(":")[2] for nid in expanded if nid.startswith("alliance:")}
    shown_units = set(rows["unit"])
    member_rows = members[members["unit"].isin(shown_units) | members["alliance"].isin(alliances)
                          | members["unit"].isin({n.partition(":")[2] for n in expanded if n.startswith("unit:")})]
    net = Network()
    for r in rows.itertuples():
        unit, task, doc = node_id("unit", r.unit), node_id("task", r.task_iri), node_id("document", r.doc)
        if "unit" in kinds:
            net.add_node(unit, "unit", r.unit, limit)
        if "task" in kinds:
            net.add_node(task, "task", _short(r.task), limit)
        if "document" in kinds:
            net.add_node(doc, "document", r.doc, limit)
        if "task" in kinds:
            net.add_edge(unit, task, r.role)
            net.add_edge(task, doc, "doc")
        else:
            net.add_edge(unit, doc, r.role)
    if "alliance" in kinds:
        for m in member_rows.itertuples():
            alliance = node_id("alliance", m.alliance)
            if net.add_node(alliance, "alliance", m.alliance, limit) and "unit" in kinds:
                net.add_node(node_id("unit", m.unit), "unit", m.unit, limit)
                net.add_edge(node_id("unit", m.unit), alliance, m.role)
    return net


def _short(text: str, size: int = 18) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _kind_label(kind: str) -> str:
    from .i18n import english

    zh, en = KIND_LABELS[kind]
    return en if english() else zh


def _expand(nid: str | None) -> None:
    expanded = st.session_state.setdefault(EXPANDED_KEY, [])
    if nid and nid not in expanded:
        expanded.append(nid)


def _expand_from_picker() -> None:
    _expand(st.session_state.get("gx_expand"))


def render(store: str) -> None:
    assign = data.assignments(store)
    if assign.empty:
        st.info(t("empty_store"))
        return
    members = data.memberships(store)
    all_docs = sorted(assign["doc"].unique())
    if "gx_docs" not in st.session_state:
        st.session_state["gx_docs"] = all_docs[:1]
    left, middle, right = st.columns([3, 2, 2])
    docs = left.multiselect(t("gx_docs"), all_docs, placeholder=t("choose"), key="gx_docs")
    kinds = middle.multiselect(t("gx_types"), list(KINDS), default=list(KINDS), placeholder=t("choose"), key="gx_types",
                               format_func=_kind_label)
    roles = right.multiselect(t("gx_roles"), list(data.ROLES), placeholder=t("choose"), key="gx_roles", format_func=role)
    limit = st.slider(t("gx_max"), 20, 600, 150, step=10, key="gx_max")
    expanded: list[str] = st.session_state.setdefault(EXPANDED_KEY, [])
    net = build_network(assign, members, docs, roles, kinds, expanded, limit)

    pick_col, reset_col = st.columns([4, 1])
    pick_col.selectbox(t("gx_expand"), [None] + sorted(net.nodes), key="gx_expand", on_change=_expand_from_picker,
                       format_func=lambda n: "—" if n is None else f"{_kind_label(net.nodes[n][0])} · {net.nodes[n][1]}")
    reset_col.button(t("gx_reset"), key="gx_reset", on_click=lambda: st.session_state.update({EXPANDED_KEY: []}))
    st.caption(t("gx_caption", nodes=len(net.nodes), edges=len(net.edges), expanded=len(expanded)))
    if net.truncated:
        st.warning(t("gx_truncated"))
    clicked = _draw(net)
    # the component keeps returning its last click: act on a click only once
    if clicked and clicked != st.session_state.get("gx_last_click"):
        st.session_state["gx_last_click"] = clicked
        if clicked in net.nodes and clicked not in expanded:
            _expand(clicked)
            st.rerun()
    with st.expander(t("gx_edges")):
        edges = pd.DataFrame([{"source": net.nodes[s][1], "label": role(lbl) if lbl in data.ROLES else lbl,
                               "target": net.nodes[o][1]} for (s, o), lbl in net.edges.items()],
                             columns=["source", "label", "target"])
        st.dataframe(edges.rename(columns={k: col(k) for k in edges.columns}), width="stretch",
                     hide_index=True)


def _draw(net: Network) -> str | None:
    """Draw with streamlit-agraph; returns the id of the node the user clicked."""
    from streamlit_agraph import Config, Edge, Node, agraph

    from .i18n import ROLE_LABELS, english

    def edge_label(value: str) -> str:
        zh, en = ROLE_LABELS.get(value, ("", ""))
        return en if english() else zh

    # task texts are long: they show on hover, the units and documents carry the labels
    nodes = [Node(id=n, label="" if kind == "task" else label, title=label, color=COLORS[kind],
                  size=10 if kind == "task" else 22, shape="square" if kind == "document" else "dot")
             for n, (kind, label) in net.nodes.items()]
    edges = [Edge(source=s, target=o, label=edge_label(lbl), color="#bbbbbb") for (s, o), lbl in net.edges.items()]
    config = Config(width=1100, height=600, directed=True, physics=True, hierarchical=False)
    return agraph(nodes=nodes, edges=edges, config=config)
