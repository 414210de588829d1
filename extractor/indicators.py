"""Indicators: link a target's indicator (as written) to a concept of the SKOS scheme.

The scheme is ``ontology/indicators.ttl``: each concept has a Chinese prefLabel, the
variants plans write (altLabel) and the unit(s) its values come in (pkg:expectedUnit).

Matching method (documented so a researcher can predict it):

1. **normalise** both sides: drop whitespace, quotes and brackets, a leading region or
   全区/区级, leading verbs (新增, 完成, 建成…) and trailing 数/数量/总数;
2. keep only concepts whose expected unit is the target's base unit (a target without a
   unit keeps every concept);
3. **exact**: a normalised label equal to the normalised indicator → score 100;
4. **contained**: a label inside the indicator → 90 (the longest such label wins, so
   在线终身学习课程 beats 课程); a label under 4 characters must end the indicator (the head
   noun comes last: 社区公园 is a park, “公园型”美丽街区 is not);
5. **fuzzy**: else rapidfuzz ``fuzz.ratio`` on the normalised strings, kept when
   ≥ :data:`FUZZY_THRESHOLD`.

No match → ``indicator_id`` stays None and the target keeps its own label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import data
from .regions import leading_name
from .resources import resource_dir

#: The SKOS scheme file (the graph helper owns the rest of ontology/).
SCHEME_PATH = resource_dir("ontology") / "indicators.ttl"  # the checkout's, else the installed copy

#: Lowest rapidfuzz ratio accepted as the same indicator (step 5).
FUZZY_THRESHOLD = 80

#: A label shorter than this only counts as contained when it ends the indicator (the
#: head noun of a Chinese noun phrase comes last: 社区公园 is a park, 公园型美丽街区 is not).
MIN_CONTAINED = 4

#: Score of a label contained in the indicator (step 4).
CONTAINED_SCORE = 90

#: Characters that never distinguish two indicators: quotes, brackets, punctuation.
NOISE = re.compile(r"[\s“”‘’\"'「」《》（）()、，,。·:：]")

#: Trailing words of counts: 学习点数量 = 学习点, 学习型团队总数 = 学习型团队.
COUNT_SUFFIX = re.compile(r"(?:总数|数量|个数|数)$")

#: Leading scope words: 全区, 区级, 市级 are read as part of the region, not the indicator.
SCOPE_PREFIX = re.compile(r"^(?:全区|全市|全县|区级|全)")


@dataclass(frozen=True, slots=True)
class Concept:
    iri: str
    label: str  # Chinese prefLabel
    labels: tuple[str, ...]  # normalised pref + alt labels
    units: frozenset[str]


@dataclass(frozen=True, slots=True)
class Match:
    concept: Concept
    score: float
    method: str  # exact | contained | fuzzy


@lru_cache(maxsize=None)
def _lead_verbs() -> tuple[str, ...]:
    rows = data.read_tsv("target_cues.tsv")
    return tuple(sorted({r["cue"] for r in rows if r["role"] in {"lead-verb", "increase"}}, key=len, reverse=True))


def normalise(label: str) -> str:
    """The comparable form of an indicator label (step 1 of the method)."""
    text = NOISE.sub("", label or "")
    full = leading_name(text)
    if full and len(text) > len(full) + 1:
        text = text[len(full):]
    text = SCOPE_PREFIX.sub("", text)
    changed = True
    while changed:
        changed = False
        for verb in _lead_verbs():
            if text.startswith(verb) and len(text) > len(verb) + 1:
                text, changed = text[len(verb):], True
        text = text.lstrip("和及与、")
    return COUNT_SUFFIX.sub("", text) if len(text) > 3 else text


@lru_cache(maxsize=None)
def concepts() -> tuple[Concept, ...]:
    """The concepts of the scheme that have an expected unit (the groups have none)."""
    if not SCHEME_PATH.exists():
        return ()
    from rdflib import Graph, Namespace
    from rdflib.namespace import SKOS

    pkg = Namespace("https://w3id.org/policykg/ns#")
    g = Graph()
    g.parse(SCHEME_PATH, format="turtle")
    found = []
    for c in sorted(set(g.subjects(SKOS.inScheme, None))):
        units = frozenset(str(u) for u in g.objects(c, pkg.expectedUnit))
        if not units:
            continue
        pref = next((str(lab) for lab in g.objects(c, SKOS.prefLabel) if getattr(lab, "language", None) == "zh"), "")
        alts = [str(lab) for lab in g.objects(c, SKOS.altLabel) if getattr(lab, "language", None) == "zh"]
        labels = tuple(sorted({normalise(x) for x in [pref, *alts] if normalise(x)}, key=len, reverse=True))
        found.append(Concept(str(c), pref, labels, units))
    return tuple(found)


def best_match(indicator: str, unit: str | None = None) -> Match | None:
    """The concept an indicator belongs to, by the documented method, or None."""
    text = normalise(indicator)
    if len(text) < 2:
        return None
    best: Match | None = None
    for concept in concepts():
        if unit and unit not in concept.units:
            continue
        for label in concept.labels:
            if label == text:
                score, method = 100.0, "exact"
            elif label in text and (len(label) >= MIN_CONTAINED or text.endswith(label)):
                score, method = CONTAINED_SCORE + min(len(label), 9) / 10, "contained"
            else:
                score, method = fuzz.ratio(label, text), "fuzzy"
                if score < FUZZY_THRESHOLD:
                    continue
            if best is None or score > best.score:
                best = Match(concept, score, method)
    return best


@lru_cache(maxsize=4096)
def link_indicator(indicator: str, unit: str | None = None) -> str | None:
    """The concept IRI for a target's indicator and base unit, or None when unclear."""
    match = best_match(indicator, unit)
    return match.concept.iri if match else None


@lru_cache(maxsize=None)
def concept_labels() -> dict[str, str]:
    """Concept IRI → Chinese prefLabel, for comparison tables."""
    return {c.iri: c.label for c in concepts()}


# ── comparison across documents ──────────────────────────────────────────────

#: Shortest normalised label grouped across documents without a concept (面积 is too vague).
MIN_SHARED_LABEL = 4

COMPARE_FIELDS = ("indicator_id", "indicator_label", "doc", "region", "indicator", "value", "value_max", "unit",
                  "comparator", "deadline", "kind", "baseline", "evidence")


def compare_rows(rows: list[dict], min_docs: int = 2) -> list[dict]:
    """Line up the same indicator across documents: one row per (concept, target).

    ``rows`` are ``policykg targets`` rows; stats are left out (a comparison is of
    promises).  Rows group by concept, or, without one, by equal normalised label and
    unit; only groups found in at least ``min_docs`` documents are kept.  Sorted
    by concept, then region and document, so two districts' figures sit together.
    """
    by_concept: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("kind") == "stat" or row.get("value") is None:
            continue
        key = row.get("indicator_id")
        if not key:  # no concept: documents may still share the very same normalised label
            label = normalise(row.get("indicator") or "")
            if len(label) < MIN_SHARED_LABEL:
                continue
            key = f"label:{label}|{row.get('unit') or ''}"
        by_concept.setdefault(key, []).append(row)
    out = []
    labels = concept_labels()
    for iri in sorted(by_concept):
        group = by_concept[iri]
        if len({r["doc"] for r in group}) < min_docs:
            continue
        seen: set[tuple] = set()
        # a figure stated in the text and again in the indicator table is one figure:
        # keep the table row (or the one with a deadline) first
        ranked = sorted(group, key=lambda r: (r.get("rule") != "indicator-table", r.get("deadline") is None))
        for r in sorted(ranked, key=lambda r: (r.get("region") or "", r["doc"], r.get("deadline") or "")):
            key = (r["doc"], r.get("value"), r.get("unit"))
            if key in seen:
                continue
            seen.add(key)
            row = {f: r.get(f) for f in COMPARE_FIELDS}
            row["indicator_label"] = labels.get(iri) or normalise(r.get("indicator") or "")
            out.append(row)
    return out
