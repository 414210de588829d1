"""SHACL validation of policykg graphs against ``ontology/shapes.ttl`` (pyshacl).

The shapes say what every node must have (a task its text, document and evidence; a
target a value or a flag…); a graph that breaks them is a bug in the extractor, so
tests validate every document's graph and report each violation with its focus node.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import RDF, SH
from .resources import resource_dir

ONTOLOGY_DIR = resource_dir("ontology")  # the checkout's, else the installed copy
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "policykg.ttl"
CONTEXT = ONTOLOGY_DIR / "context.jsonld"


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str | None
    message: str


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def validate(data: Graph) -> list[Violation]:
    """Every SHACL violation of ``data`` (empty when it conforms)."""
    from pyshacl import validate as shacl

    _conforms, report, _text = shacl(data, shacl_graph=shapes_graph(), inference="none", advanced=False,
                                     allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        found.append(Violation(focus=str(report.value(result, SH.focusNode)),
                               path=str(path) if path is not None else None,
                               message=str(report.value(result, SH.resultMessage) or "")))
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
