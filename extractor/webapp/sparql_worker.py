"""Run one read-only SPARQL query in a child process, so the console can enforce a time-out.

``python -m extractor.webapp.sparql_worker STORE ROW_LIMIT`` reads the query on stdin
and writes one JSON object: ``{"kind": "select", "columns", "rows", "truncated"}``,
``{"kind": "ask", "value"}``, ``{"kind": "graph", "columns", "rows", "truncated"}`` or
``{"error"}``.  The parent kills the process when the time-out passes (a query cannot
be interrupted inside Oxigraph).  The query is checked again here: this process must
never run an update, whoever calls it.
"""

from __future__ import annotations

import json
import sys


def run(store: str, sparql: str, limit: int) -> dict:
    import pyoxigraph as ox

    from .readonly import ReadOnlyViolation, check_read_only

    try:
        check_read_only(sparql)
    except ReadOnlyViolation as exc:
        return {"error": str(exc)}
    try:
        result = ox.Store.read_only(store).query(sparql, use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        return {"kind": "ask", "value": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows, truncated = [], False
        for solution in result:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append([None if solution[c] is None else solution[c].value for c in columns])
        return {"kind": "select", "columns": columns, "rows": rows, "truncated": truncated}
    rows, truncated = [], False
    for triple in result:
        if len(rows) >= limit:
            truncated = True
            break
        rows.append([str(triple.subject), str(triple.predicate), str(triple.object)])
    return {"kind": "graph", "columns": ["subject", "predicate", "object"], "rows": rows, "truncated": truncated}


def main() -> None:
    store, limit = sys.argv[1], int(sys.argv[2])
    json.dump(run(store, sys.stdin.read(), limit), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
