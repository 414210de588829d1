"""Read-only SPARQL: a query is parsed (rdflib's SPARQL 1.1 grammar), never string-matched.

The console runs what users type against the store, so anything that could change
the store or reach the network is refused before it runs: every SPARQL Update
operation (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) and
``SERVICE`` (a federated call to another endpoint).
"""

from __future__ import annotations

from typing import Any, Iterator

#: Update operations by rdflib's parse-tree names, as users know them.
UPDATE_NAMES = {
    "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE … WHERE", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP",
    "Create": "CREATE", "Add": "ADD", "Move": "MOVE", "Copy": "COPY",
}


class ReadOnlyViolation(ValueError):
    """The query would write to the store, reach the network, or is not SPARQL."""


def _walk(node: Any) -> Iterator[Any]:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for value in node:
            yield from _walk(value)


def check_read_only(sparql: str) -> str:
    """The query form (SelectQuery, AskQuery, ConstructQuery, DescribeQuery) or ReadOnlyViolation."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not sparql.strip():
        raise ReadOnlyViolation("查询为空 / the query is empty")
    try:
        parsed = parseQuery(sparql)
    except ParseException as query_error:
        try:
            update = parseUpdate(sparql)
        except ParseException:
            raise ReadOnlyViolation(f"SPARQL 语法错误 / syntax error: {query_error}") from None
        ops = [UPDATE_NAMES.get(r.name, r.name) for r in update.request] or ["UPDATE"]
        raise ReadOnlyViolation(f"只读控制台不允许更新操作 {', '.join(ops)}；只能运行 SELECT/ASK/CONSTRUCT/DESCRIBE。"
                                f" / Updates ({', '.join(ops)}) are refused: this console is read-only.") from None
    for node in _walk(parsed):
        if node.name == "ServiceGraphPattern":
            raise ReadOnlyViolation("不允许 SERVICE（会访问网络上的其他端点）。 / SERVICE is refused: "
                                    "it would query another endpoint over the network.")
    return parsed[1].name
