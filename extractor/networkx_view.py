"""The unit–task–document graph as networkx, for analytics and GraphML export.

Read from any store through the named query ``unit_task_edges`` (so the projection is
the same for the embedded and the remote store).  Nodes are keyed by their IRI and carry
``kind`` (unit, collective, task, document) and ``label``; a unit→task edge carries the
``role``, a task→document edge ``kind = "in"``.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from .queries import run_named

MAX_EDGES = 5_000_000


def project(store: Any) -> nx.MultiDiGraph:
    """Units, tasks and documents with role-labelled unit→task edges and task→document edges."""
    rows = run_named(store, "unit_task_edges", timeout_s=600, max_rows=MAX_EDGES).rows
    rows.sort(key=lambda r: (r["u"], r["t"], r["role"]))  # stable node order → stable GraphML
    g = nx.MultiDiGraph()
    for r in rows:
        unit_kind = "collective" if r["collective"] == "true" else "unit"
        g.add_node(r["u"], kind=unit_kind, label=r["unit"])
        g.add_node(r["t"], kind="task", label=r["task"], doc=r["doc"])
        g.add_node(r["d"], kind="document", label=r["title"] or r["doc"], doc=r["doc"])
        if not g.has_edge(r["u"], r["t"], key=r["role"]):
            g.add_edge(r["u"], r["t"], key=r["role"], role=r["role"])
        if not g.has_edge(r["t"], r["d"], key="in"):
            g.add_edge(r["t"], r["d"], key="in", kind="in")
    return g


def role_degree(g: nx.MultiDiGraph, role: str = "lead") -> Counter[str]:
    """How many tasks each unit (by label) has in ``role`` — e.g. the busiest lead units."""
    counts: Counter[str] = Counter()
    for unit, _task, data in g.edges(data=True):
        if data.get("role") == role:
            counts[g.nodes[unit]["label"]] += 1
    return counts


def co_responsibility(g: nx.MultiDiGraph) -> nx.Graph:
    """Units linked when they share a task; ``weight`` = number of shared tasks."""
    co = nx.Graph()
    for node, data in g.nodes(data=True):
        if data.get("kind") != "task":
            continue
        owners = sorted({u for u, _t in g.in_edges(node)})
        for u in owners:
            co.add_node(u, label=g.nodes[u]["label"], kind=g.nodes[u]["kind"])
        for a, b in combinations(owners, 2):
            weight = co.get_edge_data(a, b, {}).get("weight", 0)
            co.add_edge(a, b, weight=weight + 1)
    return co


def write_graphml(g: nx.Graph, path: str | Path) -> None:
    """GraphML (yEd, Gephi, Cytoscape read it); None attributes are dropped as GraphML has no null."""
    clean = g.copy()
    for _n, data in clean.nodes(data=True):
        for key in [k for k, v in data.items() if v is None]:
            del data[key]
    nx.write_graphml(clean, str(path))
