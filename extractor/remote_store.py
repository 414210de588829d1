"""A remote store: any SPARQL 1.1 endpoint with the Graph Store Protocol.

Writing a document is one GSP ``PUT ?graph=<doc IRI>`` (the server replaces that named
graph as a whole); queries go to the SPARQL protocol endpoint and come back as the same
pyoxigraph result objects the embedded store returns, so callers need not care which
store they have.  Defaults fit ``oxigraph serve`` (``/query``, ``/update``, ``/store``,
and its ``union-default-graph`` query parameter); Fuseki (``/ds/query``, ``/ds/data``) and
GraphDB take their endpoint URLs as arguments and need their union default graph set in
their own configuration.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from .errors import PolicyKGError
from .graph import doc_iri
from .models import DocumentResult
from .store import document_ntriples

TIMEOUT_S = 60


class RemoteStore:
    """A SPARQL 1.1 endpoint + Graph Store Protocol endpoint, one named graph per document."""

    def __init__(self, base_url: str, *, query_url: str | None = None, update_url: str | None = None,
                 gsp_url: str | None = None, union_param: str | None = "union-default-graph") -> None:
        base = base_url.rstrip("/")
        self.base_url = base
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.gsp_url = gsp_url or f"{base}/store"
        self.union_param = union_param

    def _request(self, method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:200]
            raise PolicyKGError(f"{url}: the endpoint answered {exc.code} {exc.reason}: {body}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise PolicyKGError(f"{url}: cannot reach the SPARQL endpoint ({exc}); is the server running?") from None

    def _graph_url(self, graph: str) -> str:
        return f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph})}"

    def put_document(self, result: DocumentResult) -> int:
        """Replace the document's named graph (GSP PUT is a whole-graph replacement)."""
        nt = document_ntriples(result)
        self.put_ntriples(result.doc_id, nt)
        return nt.count("\n")

    def put_ntriples(self, doc_id: str, nt: str) -> None:
        """Replace the named graph of ``doc_id`` with ``nt`` (GSP PUT)."""
        self._request("PUT", self._graph_url(str(doc_iri(doc_id))), nt.encode("utf-8"),
                      {"Content-Type": "application/n-triples"})

    def remove_document(self, doc_id: str) -> None:
        try:
            self._request("DELETE", self._graph_url(str(doc_iri(doc_id))))
        except PolicyKGError as exc:
            if " 404 " not in str(exc):
                raise

    def get_graph(self, graph: str) -> bytes:
        """A named graph as N-Triples (GSP GET)."""
        return self._request("GET", self._graph_url(graph), headers={"Accept": "application/n-triples"})

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a query on the endpoint; results as pyoxigraph objects (solutions, boolean or triples).

        ``substitutions`` are sent as a leading VALUES block built from pyoxigraph terms
        (their N-Triples form, never pasted user text), which SPARQL 1.1 endpoints accept.
        """
        if substitutions:
            sparql = _with_values(sparql, substitutions)
        url = self.query_url
        if self.union_param:
            url = f"{url}?{self.union_param}"
        body = self._request("POST", url, sparql.encode("utf-8"), {
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        })
        if body.lstrip().startswith(b"{"):
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        return [quad.triple for quad in ox.parse(body, ox.RdfFormat.N_TRIPLES)]

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    def flush(self) -> None:
        """Nothing to flush: every request is committed by the server."""


#: Where a group graph pattern opens: the VALUES block goes right inside it, so the
#: variables are bound before any FILTER in the pattern sees them.
WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _with_values(sparql: str, substitutions: dict) -> str:
    """Put ``VALUES (?a ?b) { (t1 t2) }`` first in the WHERE pattern: binds like SEP-0007 substitution.

    The terms are pyoxigraph ``NamedNode``/``Literal`` objects whose ``str()`` is their
    escaped N-Triples form, so no caller text reaches the query unescaped.
    """
    names = " ".join(f"?{var.value}" for var in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    m = WHERE_OPEN.search(sparql)
    if m is None:
        return f"{sparql.rstrip()}\n{block}"
    return f"{sparql[:m.end()]} {block}\n{sparql[m.end():]}"
