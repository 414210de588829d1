"""RDF terms as N-Triples text: the graph writer's fast path.

Building a document's graph with rdflib cost more than jieba on the same text (41k
``Graph.add`` calls ≈ 1.4 s on the seeds and dev corpus), and constructing pyoxigraph
terms from Python is not much cheaper (≈ 3–5 µs per NamedNode/Literal, ≈ 7 µs per
Quad).  Formatting the terms as N-Triples strings costs well under a microsecond, and
Oxigraph parses the text back in Rust when a store, quads or rdflib need it.

The strings are exactly what pyoxigraph writes for the same terms (its escapes, its
``^^<datatype>`` and ``@lang`` forms), so a document's N-Quads read back from the store
are byte-identical to the ones written (``tests/test_graph_ntriples.py`` checks this
against ``pyoxigraph`` for every escape).
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

#: Oxigraph's N-Triples string escapes: \b \t \n \f \r \" \\ and \uXXXX for the other
#: control characters (U+0000–U+001F, U+007F); everything else is written as is (UTF-8).
ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)}
ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})

#: Any character ESCAPES rewrites: most literals have none, and a regex search is ~10× cheaper than ``translate``.
NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
#: The control characters left after the common escapes (\\ \" \n \r \t), written \uXXXX or \b \f.
RARE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escaped(text: str) -> str:
    """``text`` with Oxigraph's N-Triples escapes (see ESCAPES).

    ``str.replace`` for the common five (an evidence table row is full of newlines and
    tabs): ``translate`` with a dict costs a lookup per character of the whole text.
    """
    if not NEEDS_ESCAPE.search(text):
        return text
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if RARE_CONTROL.search(text):
        text = RARE_CONTROL.sub(lambda m: ESCAPES[ord(m.group())], text)
    return text


def iri(value: str) -> str:
    """An IRI we built ourselves (base + kind + slug, vocabulary terms): written as ``<value>``."""
    return f"<{value}>"


def checked_iri(value: str) -> str:
    """An IRI that came from data (an indicator scheme): validated by pyoxigraph, so a bad
    one fails here with the IRI in the message instead of corrupting the N-Triples."""
    return str(ox.NamedNode(value))


def plain(text: str) -> str:
    """A simple literal (xsd:string)."""
    return '"' + escaped(text) + '"'


def lang(text: str, tag: str = "zh") -> str:
    """A language-tagged literal, ``"…"@zh``."""
    return '"' + escaped(text) + '"@' + tag


def typed(lexical: str, datatype: str) -> str:
    """A literal of ``datatype`` (a full IRI) with ``lexical`` as written."""
    return '"' + escaped(lexical) + '"^^<' + datatype + ">"


XSD_INTEGER = XSD + "integer"


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD_INTEGER}>'


class Terms:
    """The N-Triples form (``<iri>``) of a namespace's terms, for the graph writer.

    Wraps an rdflib ``DefinedNamespace`` so a misspelt term still fails loudly; each term
    is looked up once and then read as a plain attribute.
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._namespace:
            raise AttributeError(f"{name} is not a term of {self._namespace._NS}")
        term = f"<{getattr(self._namespace, name)}>"
        setattr(self, name, term)
        return term
