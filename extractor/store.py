"""Store: the embedded on-disk Oxigraph store (pyoxigraph) and file exports.

Each document lives in its own named graph; writing a document replaces that graph in
one transaction, so a re-extraction never duplicates and a crash never half-writes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .graph import doc_iri, document_graph
from .models import DocumentResult


def _nt(result: DocumentResult) -> str:
    """The document's triples as N-Triples text."""
    return document_graph(result, Graph()).serialize(format="nt", encoding="utf-8").decode("utf-8")


class OxigraphStore:
    """An on-disk Oxigraph store holding one named graph per document."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.store = ox.Store(str(self.path))

    @classmethod
    def read_only(cls, path: str | Path) -> "OxigraphStore":
        self = cls.__new__(cls)
        self.path = Path(path)
        self.store = ox.Store.read_only(str(self.path))
        return self

    def put_document(self, result: DocumentResult) -> int:
        """Replace the document's named graph with its new content, atomically.

        One SPARQL UPDATE request (DROP + INSERT DATA) is one Oxigraph transaction:
        either the whole new graph is there or the old one still is.
        """
        nt = _nt(result)
        name = str(doc_iri(result.doc_id))
        self.store.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{nt}\n}} }}")
        return nt.count("\n")

    def query(self, sparql: str):
        return self.store.query(sparql, use_default_graph_as_union=True)

    def __len__(self) -> int:
        return len(self.store)

    def flush(self) -> None:
        self.store.flush()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write a file via a temporary file and rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
