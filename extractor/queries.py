"""Named SPARQL queries (``queries/*.rq``) and the one safe way to run any query.

A named query is a ``.rq`` file whose header comments declare it::

    # name: what_does_unit_own
    # description: 某单位负责的任务 / What a unit owns
    # param: unit string — words of the unit name

Parameters are bound as RDF terms through pyoxigraph's ``substitutions`` (SEP-0007),
never pasted into the query text; a parameter ``x`` is the variable ``$x`` and must be
in the SELECT projection (pyoxigraph's rule), and is left out of the printed columns.
Every query — named or typed by a user — is parsed first (rdflib's SPARQL parser) and
refused unless it is a read-only SELECT/ASK/CONSTRUCT/DESCRIBE without SERVICE; it runs
under a time limit and a cap on the rows it returns.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import PolicyKGError
from .graph import normalize_doc_number
from .resources import resource_dir

QUERIES_DIR = resource_dir("queries")
TIMEOUT_S = 10.0
MAX_ROWS = 10_000

#: ``# key: value`` header lines of a .rq file.
HEADER_LINE = re.compile(r"#\s*(name|description|param)\s*:\s*(.*)")
#: ``unit string [optional] — description`` in a ``# param:`` line.
PARAM_SPEC = re.compile(r"(\w+)\s+(string|docref|iri|integer|decimal)(\s+optional)?\s*(?:[—–-]+\s*(.*))?")


class UnsafeQuery(PolicyKGError):
    """The query would write, call out (SERVICE) or does not parse."""


class QueryTimeout(PolicyKGError):
    """The query ran past its time limit."""


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str  # string, docref (文号 or title words), iri, integer, decimal
    optional: bool = False
    description: str = ""

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given on the command line or in the app."""
        if self.type == "iri":
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise PolicyKGError(f"parameter {self.name}: {value!r} is not an IRI") from None
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise PolicyKGError(f"parameter {self.name}: {value!r} is not an integer")
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if self.type == "decimal":
            if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
                raise PolicyKGError(f"parameter {self.name}: {value!r} is not a number")
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
        if self.type == "docref":
            return ox.Literal(normalize_doc_number(value))
        return ox.Literal(value)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    sparql: str
    params: tuple[Param, ...] = ()
    path: str = ""

    def bind(self, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Substitutions for ``values``; unknown or missing parameters are one-line errors."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise PolicyKGError(f"query {self.name}: unknown parameter {', '.join(unknown)}; "
                                f"it takes {', '.join(known) or 'no parameters'}")
        bound = {}
        for p in self.params:
            if p.name in values:
                bound[ox.Variable(p.name)] = p.term(values[p.name])
            elif p.optional:
                bound[ox.Variable(p.name)] = p.term("")
            else:
                raise PolicyKGError(f"query {self.name}: give --param {p.name}=… ({p.description or p.type})")
        return bound


def parse_named_query(text: str, path: str = "") -> NamedQuery:
    name, description, params = Path(path).stem, "", []
    for line in text.splitlines():
        m = HEADER_LINE.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "name":
            name = value
        elif key == "description":
            description = value
        else:
            spec = PARAM_SPEC.fullmatch(value)
            if spec is None:
                raise PolicyKGError(f"{path}: bad '# param:' line {value!r}; write '# param: NAME TYPE — description'")
            params.append(Param(spec.group(1), spec.group(2), bool(spec.group(3)), (spec.group(4) or "").strip()))
    return NamedQuery(name=name, description=description, sparql=text, params=tuple(params), path=path)


@lru_cache(maxsize=4)
def _load(directory: str) -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(Path(directory).glob("*.rq")):
        q = parse_named_query(path.read_text(encoding="utf-8"), str(path))
        found[q.name] = q
    return found


def named_queries(directory: str | Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """All named queries in ``directory`` (default: the repository's ``queries/``)."""
    return dict(_load(str(directory)))


def _names_in(tree: Any) -> set[str]:
    """Every pyparsing result name in a parsed query (to find ServiceGraphPattern, Load, …)."""
    from pyparsing import ParseResults

    from rdflib.plugins.sparql.parserutils import CompValue

    names: set[str] = set()
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            names.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, (ParseResults, list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return names


READ_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph", "DescribeQuery": "graph"}


@lru_cache(maxsize=256)
def check_read_only(sparql: str) -> str:
    """The query form (select/ask/graph) of a read-only query; raises UnsafeQuery otherwise.

    The query is PARSED (rdflib's SPARQL 1.1 grammar), not scanned for keywords: an
    update (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE…) does not parse as a query, and a
    SERVICE clause is found as a node of the parse tree.
    """
    from pyparsing import ParseException

    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        try:
            parseUpdate(sparql)
        except ParseException:
            raise UnsafeQuery(f"the SPARQL query does not parse: {exc.msg} at line {exc.lineno}, "
                              f"column {exc.col}") from None
        raise UnsafeQuery("only read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) are allowed; "
                          "this is an update (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE…)") from None
    names = _names_in(tree)
    if "ServiceGraphPattern" in names:
        raise UnsafeQuery("SERVICE (federated queries to other endpoints) is not allowed")
    form = next((READ_FORMS[n] for n in READ_FORMS if n in names), None)
    if form is None:
        raise UnsafeQuery("only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed")
    return form


@dataclass(slots=True)
class QueryResult:
    """A query's answer as plain Python: rows of strings (SELECT), a boolean (ASK) or triples."""

    kind: str  # select, ask, graph
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    seconds: float = 0.0


def _value(term: Any) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def _collect(results: Any, kind: str, hide: set[str], max_rows: int, cancel: threading.Event) -> QueryResult:
    if kind == "ask":
        return QueryResult(kind="ask", boolean=bool(results))
    out = QueryResult(kind=kind)
    if kind == "select":
        out.variables = [v.value for v in results.variables if v.value not in hide]
    for item in results:
        if cancel.is_set():
            break
        if len(out.rows) + len(out.triples) >= max_rows:
            out.truncated = True
            break
        if kind == "select":
            out.rows.append({v: _value(item[v]) for v in out.variables})
        else:
            out.triples.append(item)
    return out


def run_query(store: Any, sparql: str, substitutions: dict | None = None, *, timeout_s: float = TIMEOUT_S,
              max_rows: int = MAX_ROWS) -> QueryResult:
    """Run a read-only query on a store (embedded or remote) with a time limit and a row cap.

    The query runs in a worker thread: pyoxigraph releases the GIL while it evaluates, so
    the caller gets QueryTimeout after ``timeout_s``; the worker is told to stop at its
    next row (a blocking operator such as ORDER BY finishes its step first).
    """
    kind = check_read_only(sparql)
    hide = {v.value for v in (substitutions or {})}
    box: dict[str, Any] = {}
    cancel = threading.Event()

    def work() -> None:
        try:
            results = store.query(sparql, substitutions=substitutions or None)
            box["result"] = _collect(results, kind, hide, max_rows, cancel)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    t0 = time.perf_counter()
    worker = threading.Thread(target=work, name="policykg-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        cancel.set()
        raise QueryTimeout(f"the query ran longer than {timeout_s:g} s and was stopped; narrow it (add a LIMIT "
                           f"or more specific patterns)")
    if "error" in box:
        exc = box["error"]
        if isinstance(exc, PolicyKGError):
            raise exc
        if isinstance(exc, (SyntaxError, ValueError, RuntimeError)):
            raise UnsafeQuery(f"the query failed: {exc}") from None
        raise exc
    result: QueryResult = box["result"]
    result.seconds = time.perf_counter() - t0
    return result


def run_named(store: Any, name: str, params: dict[str, str] | None = None, *,
              directory: str | Path = QUERIES_DIR, **limits: Any) -> QueryResult:
    """Run the named query ``name`` with ``params`` bound safely."""
    queries = named_queries(directory)
    if name not in queries:
        raise PolicyKGError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    q = queries[name]
    return run_query(store, q.sparql, q.bind(params or {}), **limits)
