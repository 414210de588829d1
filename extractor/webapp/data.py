"""Data access for the app: SPARQL over the on-disk store, results as cached DataFrames.

Every view reads the graph through the functions here, never through the pipeline, so
what the app shows is what the store holds (and what a SPARQL user would get).  The
store handle is cached per path with ``st.cache_resource`` and each query result with
``st.cache_data``; :func:`refresh` clears both after the store was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

#: The namespaces of ``extractor.vocab`` (PKG, ELI, OA) as plain strings: importing rdflib
#: for three IRIs would cost the first render ~0.4 s.  A test keeps them equal to vocab's.
NAMESPACES = {
    "pkg": "https://w3id.org/policykg/ns#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "oa": "http://www.w3.org/ns/oa#",
}

PREFIXES = f"""PREFIX pkg: <{NAMESPACES["pkg"]}>
PREFIX eli: <{NAMESPACES["eli"]}>
PREFIX oa: <{NAMESPACES["oa"]}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

#: The who-owns-what table is joined in pandas from small queries: Oxigraph evaluates a
#: star of a dozen patterns with OPTIONALs over all document graphs several times slower
#: than these single-pattern scans (5.6 s vs 1.6 s on 100 documents).  Assignments are
#: matched inside each document's graph; the other parts are keyed by node.
ASSIGNMENT_PARTS = {
    "assignment": """SELECT ?assignment ?unit_iri ?task_iri ?role ?unit_text ?d WHERE { GRAPH ?g {
  ?assignment a pkg:Assignment ; pkg:unit ?unit_iri ; pkg:task ?task_iri ; pkg:role ?role ;
              pkg:unitText ?unit_text ; pkg:document ?d } }""",
    "unit": "SELECT DISTINCT ?unit_iri ?unit WHERE { ?unit_iri skos:prefLabel ?unit }",
    "task": "SELECT ?task_iri ?task WHERE { ?task_iri pkg:text ?task }",
    "section": "SELECT ?task_iri ?section WHERE { ?task_iri pkg:section ?section }",
    "span": """SELECT ?task_iri ?start ?end WHERE {
  ?task_iri pkg:text ?text ; pkg:evidence/oa:hasSelector? ?s . ?s oa:start ?start ; oa:end ?end }""",
    "deadline": "SELECT ?assignment ?deadline WHERE { ?assignment a pkg:Assignment ; pkg:deadline ?deadline }",
    "doc": "SELECT ?d ?doc WHERE { ?d dcterms:identifier ?doc }",
}

#: The evidence of one fact (``$fact`` bound to its IRI).
FACT_EVIDENCE = PREFIXES + """
SELECT ?evidence ?ev_start ?ev_end $fact WHERE {
  $fact pkg:evidence/oa:hasSelector? ?s . ?s oa:exact ?evidence ; oa:start ?ev_start ; oa:end ?ev_end }
"""

#: Every evidence span in one document's graph (``$g``), with the kind of fact it belongs to.
DOCUMENT_SPANS = PREFIXES + """
SELECT ?fact ?kind ?start ?end ?exact $g WHERE { GRAPH $g {
  ?fact a ?type ; pkg:evidence/oa:hasSelector? ?s . ?s oa:start ?start ; oa:end ?end ; oa:exact ?exact .
  VALUES (?type ?kind) { (pkg:Assignment "evidence") (pkg:Task "task") (pkg:Target "target") }
} }
"""

#: Canonical unit names with their aliases (for type-ahead over both).
UNIT_LABELS = PREFIXES + """
SELECT DISTINCT ?unit ?alias WHERE { ?u skos:prefLabel ?unit ; skos:altLabel ?alias }
"""

#: The documents with their header metadata; issuers may be nodes with a label or literals.
DOCUMENTS = PREFIXES + """
SELECT ?doc ?iri ?title ?doc_number ?doc_type ?region ?date ?source
       (GROUP_CONCAT(DISTINCT ?issuer_name; separator="、") AS ?issuers) WHERE {
  ?d dcterms:identifier ?doc .
  FILTER EXISTS { ?d a eli:LegalResource }
  OPTIONAL { ?d eli:title ?title }
  OPTIONAL { ?d eli:id_local ?doc_number }
  OPTIONAL { ?d pkg:docType ?doc_type }
  OPTIONAL { ?d pkg:region ?region }
  OPTIONAL { ?d eli:date_document ?date }
  OPTIONAL { ?d dcterms:source ?source }
  OPTIONAL { ?d eli:passed_by ?issuer . OPTIONAL { ?issuer skos:prefLabel ?issuer_label }
             BIND(COALESCE(?issuer_label, STR(?issuer)) AS ?issuer_name) }
  BIND(STR(?d) AS ?iri)
} GROUP BY ?doc ?iri ?title ?doc_number ?doc_type ?region ?date ?source
"""

#: Quantitative figures.  The indicator is the figure's words (pkg:indicatorText) linked,
#: where the scheme knows it, to a skos:Concept (pkg:indicator): the concept is what makes
#: districts comparable.  Its label may live outside the document's graph (the scheme).
TARGETS = PREFIXES + """
SELECT ?target ?doc ?indicator_text ?indicator_id ?indicator_label ?value ?value_max ?unit ?unit_text ?comparator
       ?kind ?deadline ?period_end ?baseline ?region ?section ?evidence ?start ?end WHERE {
  GRAPH ?g {
    ?target a pkg:Target ; pkg:document ?d .
    ?d dcterms:identifier ?doc .
    OPTIONAL { ?target pkg:indicatorText ?indicator_text }
    OPTIONAL { ?target pkg:indicator ?indicator_id }
    OPTIONAL { ?target pkg:value ?value }
    OPTIONAL { ?target pkg:valueMax ?value_max }
    OPTIONAL { ?target pkg:baseUnit ?unit }
    OPTIONAL { ?target pkg:unitText ?unit_text }
    OPTIONAL { ?target pkg:comparator ?comparator }
    OPTIONAL { ?target pkg:kind ?kind }
    OPTIONAL { ?target pkg:deadline ?deadline }
    OPTIONAL { ?target pkg:periodEnd ?period_end }
    OPTIONAL { ?target pkg:baseline ?baseline }
    OPTIONAL { ?target pkg:region ?target_region }
    OPTIONAL { ?d pkg:region ?doc_region }
    OPTIONAL { ?target pkg:section ?section }
    OPTIONAL { ?target pkg:evidence/oa:hasSelector? ?es . ?es oa:exact ?evidence ; oa:start ?start ; oa:end ?end }
  }
  OPTIONAL { ?indicator_id skos:prefLabel ?indicator_label }
  BIND(COALESCE(?target_region, ?doc_region) AS ?region)
}
"""

#: Alliance memberships: the qualified org:Membership (role in pkg:role) or the direct edges.
MEMBERSHIPS = PREFIXES + """
SELECT DISTINCT ?alliance ?unit ?role ?doc WHERE {
  {
    ?m org:member ?u ; org:organization ?al .
    OPTIONAL { ?m pkg:role ?member_role }
    BIND(COALESCE(STR(?member_role), "member") AS ?role)
    OPTIONAL { ?m pkg:document ?d . ?d dcterms:identifier ?doc }
  } UNION {
    ?u pkg:memberOf ?al . BIND("member" AS ?role)
  } UNION {
    ?u pkg:leads ?al . ?al a pkg:Alliance . BIND("lead" AS ?role)
  }
  ?al skos:prefLabel ?alliance .
  ?u skos:prefLabel ?unit .
}
"""

ROLES = ("lead", "responsible", "cooperate", "obliged")

_NUMERIC = {"ev_start", "ev_end", "start", "end", "value", "value_max", "baseline"}


def _term(value: Any) -> Any:
    return None if value is None else value.value


class ReadOnlyStore:
    """The store opened read-only; queries see all named graphs as the default graph.

    It has the query interface of :class:`extractor.store.OxigraphStore`, so the shared
    query runner and exports (``extractor.queries``, ``extractor.export``) work on it;
    :meth:`view` narrows it to some documents' graphs (an export of a selection).
    """

    def __init__(self, path: str, graphs: tuple[str, ...] | None = None, store=None) -> None:
        import pyoxigraph as ox

        self.store = store if store is not None else ox.Store.read_only(path)
        self.path = path
        self.graphs = graphs

    def query(self, sparql: str, substitutions: dict | None = None):
        if self.graphs is None:
            return self.store.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        import pyoxigraph as ox

        names = [ox.NamedNode(g) for g in self.graphs]
        return self.store.query(sparql, default_graph=names, named_graphs=names, substitutions=substitutions)

    def view(self, graphs: list[str]) -> "ReadOnlyStore":
        """The same store restricted to the named graphs ``graphs`` (document IRIs)."""
        return ReadOnlyStore(self.path, tuple(graphs), self.store)

    def __len__(self) -> int:
        return len(self.store)


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> ReadOnlyStore:
    """One read-only handle per store per process (many sessions share it)."""
    return ReadOnlyStore(path)


def select(path: str, sparql: str, **bound: str) -> pd.DataFrame:
    """A SELECT query's solutions as a DataFrame of plain values (numbers where numeric).

    ``bound`` gives IRIs for ``$name`` variables, passed as RDF terms (never pasted in).
    """
    import pyoxigraph as ox

    substitutions = {ox.Variable(k): ox.NamedNode(v) for k, v in bound.items()} or None
    result = open_store(path).query(sparql, substitutions=substitutions)
    names = [v.value for v in result.variables if v.value not in bound]
    rows = [[_term(sol[n]) for n in names] for sol in result]
    frame = pd.DataFrame(rows, columns=names)
    for name in names:
        if name in _NUMERIC:
            frame[name] = pd.to_numeric(frame[name], errors="coerce")
    return frame


@st.cache_data(show_spinner=False)
def assignments(path: str) -> pd.DataFrame:
    """One row per assignment: unit, role, task, section, deadline, document, task span."""
    part = {name: select(path, PREFIXES + sparql) for name, sparql in ASSIGNMENT_PARTS.items()}
    frame = (part["assignment"].drop_duplicates(subset=["assignment"])
             .merge(part["unit"].drop_duplicates(subset=["unit_iri"]), on="unit_iri", how="left")
             .merge(part["task"].drop_duplicates(subset=["task_iri"]), on="task_iri", how="left")
             .merge(part["section"].drop_duplicates(subset=["task_iri"]), on="task_iri", how="left")
             .merge(part["span"].drop_duplicates(subset=["task_iri"]), on="task_iri", how="left")
             .merge(part["deadline"].drop_duplicates(subset=["assignment"]), on="assignment", how="left")
             .merge(part["doc"].drop_duplicates(subset=["d"]), on="d", how="left")
             .drop(columns=["d"]))
    frame["section"] = frame["section"].fillna("")
    frame["unit"] = frame["unit"].fillna(frame["unit_text"])
    return frame.sort_values(["doc", "start", "unit"], kind="stable", na_position="last").reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=256)
def fact_evidence(path: str, fact: str) -> dict:
    """The evidence quote and span of one fact (looked up when a row is opened)."""
    frame = select(path, FACT_EVIDENCE, fact=fact)
    if frame.empty:
        return {"evidence": None, "ev_start": None, "ev_end": None}
    row = frame.iloc[0]
    return {"evidence": row["evidence"], "ev_start": int(row["ev_start"]), "ev_end": int(row["ev_end"])}


@st.cache_data(show_spinner=False, max_entries=64)
def document_spans(path: str, doc_iri: str) -> pd.DataFrame:
    """Every fact's evidence span in one document (kind: evidence, task, target)."""
    frame = select(path, DOCUMENT_SPANS, g=doc_iri)
    for name in ("start", "end"):
        frame[name] = pd.to_numeric(frame[name], errors="coerce")
    return frame.dropna(subset=["start", "end"]).drop_duplicates()


@st.cache_data(show_spinner=False)
def unit_aliases(path: str) -> dict[str, list[str]]:
    """Canonical unit name → its other names: the skos:altLabels and the forms written in assignments."""
    frame = select(path, UNIT_LABELS)
    names: dict[str, set[str]] = {}
    for unit, alias in frame[["unit", "alias"]].itertuples(index=False):
        names.setdefault(unit, set()).add(alias)
    for unit, written in assignments(path)[["unit", "unit_text"]].drop_duplicates().itertuples(index=False):
        names.setdefault(unit, set()).add(written)
    return {unit: sorted(n for n in others if n != unit) for unit, others in names.items()}


@st.cache_data(show_spinner=False)
def documents(path: str) -> pd.DataFrame:
    frame = select(path, DOCUMENTS).drop_duplicates(subset=["doc"])
    frame["year"] = frame["date"].map(lambda d: str(d)[:4] if isinstance(d, str) and d[:4].isdigit() else None)
    return frame.sort_values("doc").reset_index(drop=True)


@st.cache_data(show_spinner=False)
def targets(path: str) -> pd.DataFrame:
    from extractor.indicators import concept_labels

    frame = select(path, TARGETS).drop_duplicates(subset=["target"])
    # compare by concept where the scheme links one (labelled from the scheme when the
    # store does not hold it), else by the words as written
    scheme = concept_labels()
    frame["indicator_label"] = frame["indicator_label"].fillna(frame["indicator_id"].map(scheme))
    frame["indicator"] = frame["indicator_label"].fillna(frame["indicator_text"]).fillna(frame["indicator_id"])
    return frame.sort_values(["doc", "start"], kind="stable", na_position="last").reset_index(drop=True)


@st.cache_data(show_spinner=False)
def memberships(path: str) -> pd.DataFrame:
    return select(path, MEMBERSHIPS).drop_duplicates().reset_index(drop=True)


@st.cache_data(show_spinner=False)
def store_size(path: str) -> int:
    return len(open_store(path))


def resolve_source(source: str, store: str) -> Path | None:
    """The document file a ``dcterms:source`` names: as given, or relative to the store's project."""
    candidates = [Path(source), Path.cwd() / source, Path(store).resolve().parent.parent / source]
    return next((p for p in candidates if p.is_file()), None)


@st.cache_data(show_spinner=False, max_entries=64)
def normalised_text(source: str, mtime: float, store: str = "", doc_id: str = "") -> str:
    """The normalised text all offsets refer to (``mtime`` keys the cache on the file's version);
    with the store and document id, garbled digits decoded with the same peer counts as
    the stored graph (``extractor.peers.stored_hints``)."""
    from extractor.ingest import read_document
    from extractor.normalize import normalize
    from extractor.peers import stored_hints

    return normalize(read_document(source), stored_hints(store, doc_id) if store and doc_id else ()).text


def refresh() -> None:
    """Forget the cached store and results (after the store was written)."""
    st.cache_data.clear()
    st.cache_resource.clear()
