"""NLP: tokens and entity spans, on spaCy's blank Chinese pipeline with jieba.

The pipeline is ``spacy.blank("zh")`` with the jieba segmenter (no ``zh-core-*``
model) plus registered components:

* ``policykg_gazetteer`` – a SpanRuler whose phrase patterns come from the alias table;
  each pattern's ``id`` is the full name, so many spellings map to one unit;
* ``policykg_unit_grammar`` – the documented unit-name grammar (region prefix + body +
  suffix from ``data/unit_suffixes.txt``), for units no gazetteer lists.

Spans land in ``doc.spans["units"]``; :func:`find_entities` turns them into
EntitySpans with canonical names in the document's region.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import data
from .models import Document, EntitySpan, Structure
from .units import aliases, canonical_unit, is_collective

SPAN_KEY = "units"


@lru_cache(maxsize=None)
def unit_grammar() -> re.Pattern[str]:
    """Region prefix (区/市/县/各 or a gazetteer region) + 0–14 CJK characters + a unit suffix.

    Real sentences: ``由区社区学院负责整合`` → 区社区学院; ``区财政局要按`` → 区财政局;
    ``各区县教育局应`` → 各区县教育局.
    """
    suffixes = sorted(data.read_lines("unit_suffixes.txt"), key=len, reverse=True)
    regions = sorted(data.regions(), key=len, reverse=True)
    prefix = "|".join(map(re.escape, regions)) + "|各|区|市|县"
    return re.compile(rf"(?:{prefix})[\u4e00-\u9fff]{{0,14}}?(?:{'|'.join(map(re.escape, suffixes))})")


@Language.component("policykg_unit_grammar")
def unit_grammar_component(doc: Doc) -> Doc:
    """Add grammar-matched unit names to ``doc.spans['units']`` (label ORG or COLLECTIVE)."""
    not_units = set(data.read_lines("not_units.txt"))
    spans = list(doc.spans.get(SPAN_KEY, []))
    exact: list[tuple[int, int, str]] = []  # character offsets; token spans may be wider
    for m in unit_grammar().finditer(doc.text):
        if m.group(0) in not_units:
            continue
        label = "COLLECTIVE" if is_collective(m.group(0)) else "ORG"
        exact.append((m.start(), m.end(), label))
        span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[SPAN_KEY] = spans
    doc.user_data["unit_chars"] = exact
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The shared spaCy pipeline (built once per process)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    import jieba

    for alias, full in aliases().items():
        jieba.add_word(alias)
        jieba.add_word(full)
    ruler = nlp.add_pipe("span_ruler", name="policykg_gazetteer", config={"spans_key": SPAN_KEY, "phrase_matcher_attr": "ORTH"})
    patterns = []
    for alias, full in aliases().items():
        patterns.append({"label": "ORG", "pattern": alias, "id": full})
        patterns.append({"label": "ORG", "pattern": full, "id": full})
    ruler.add_patterns(patterns)
    nlp.add_pipe("policykg_unit_grammar")
    return nlp


def find_entities(doc: Document, structure: Structure) -> list[EntitySpan]:
    """Unit mentions in the document, each with its canonical name in the document's region."""
    nlp = build_nlp()
    region = structure.meta.region
    found: dict[tuple[int, int], EntitySpan] = {}
    for sdoc, offset in _chunks(nlp, doc.text):
        mentions = [(s.start_char, s.end_char, s.label_, "gazetteer") for s in sdoc.spans.get(SPAN_KEY, []) if s.id_]
        mentions += [(s, e, label, "unit-grammar") for s, e, label in sdoc.user_data.get("unit_chars", [])]
        for s, e, label, rule in mentions:
            start, end = offset + s, offset + e
            text = doc.text[start:end]
            found.setdefault((start, end), EntitySpan(label=label, start=start, end=end, text=text,
                                                      canonical=canonical_unit(text, region), rule=rule))
    return sorted(found.values(), key=lambda e: (e.start, e.end))


def _chunks(nlp: Language, text: str):
    """Paragraph-sized pieces through nlp.pipe (bounded memory on long documents)."""
    pieces = [(m.group(0), m.start()) for m in re.finditer(r"[^\n]+", text)]
    for sdoc, (_, offset) in zip(nlp.pipe(p for p, _ in pieces), pieces):
        yield sdoc, offset
