"""Run one read-only SPARQL query in a child process, so the console can enforce a time-out.

``python -m extractor.webapp.sparql_worker STORE ROW_LIMIT`` reads a JSON request on
stdin — ``{"sparql", "named", "params"}`` — and writes one JSON object:
``{"kind": "select" | "graph", "columns", "rows", "truncated"}``, ``{"kind": "ask", "value"}``
or ``{"error"}``.  The parent kills the process when the time-out passes (a running
Oxigraph query cannot be interrupted from Python).  The query goes through the shared
runner (:func:`extractor.queries.run_query`), which refuses anything but a read-only
query, and the store is opened read-only: this process never writes, whoever calls it.
"""

from __future__ import annotations

import json
import sys

from extractor.errors import PolicyKGError


def run(store: str, request: dict, limit: int) -> dict:
    from extractor.queries import named_queries, run_query
    from extractor.store import OxigraphStore

    sparql, substitutions = request["sparql"], None
    try:
        if request.get("named"):
            substitutions = named_queries()[request["named"]].bind(request.get("params") or {})
        result = run_query(OxigraphStore.read_only(store), sparql, substitutions, timeout_s=3600, max_rows=limit)
    except PolicyKGError as exc:
        return {"error": str(exc), "refused": True}
    except (SyntaxError, ValueError, OSError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    if result.kind == "ask":
        return {"kind": "ask", "value": bool(result.boolean)}
    if result.kind == "select":
        rows = [[row.get(v) for v in result.variables] for row in result.rows]
        return {"kind": "select", "columns": result.variables, "rows": rows, "truncated": result.truncated}
    rows = [[str(t.subject), str(t.predicate), str(t.object)] for t in result.triples]
    return {"kind": "graph", "columns": ["subject", "predicate", "object"], "rows": rows, "truncated": result.truncated}


def main() -> None:
    store, limit = sys.argv[1], int(sys.argv[2])
    json.dump(run(store, json.loads(sys.stdin.read()), limit), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
