"""NLP: entity spans (units, collectives, alliances, dates, periods, document references).

The pipeline is ``spacy.blank("zh")`` with the jieba segmenter and a domain user
dictionary (the gazetteer and alias names), plus registered components that each add
candidate spans to ``doc.spans["candidates"]``:

* ``policykg_aliases``    – learns ``X（以下简称Y）`` / ``X（简称Y）`` aliases of the document;
* ``policykg_gazetteer``  – shipped names and short forms (``data/gazetteer.tsv``,
  ``data/aliases.tsv``) and the learned aliases;
* ``policykg_unit_grammar`` – the unit-name grammar (:mod:`extractor.unit_grammar`);
* ``policykg_collectives`` – collective actors (各街镇, 各有关部门);
* ``policykg_docrefs``    – 文号 and 《title》, ``doc.spans["docrefs"]``;
* ``policykg_resolve``    – longest span wins; persons/roles, slogans (政府主导、教育牵头),
  names inside a 文号 and inside a cited title's subject dropped; the result is
  ``doc.spans["units"]``;
* ``policykg_dates``      – dates and periods (:mod:`extractor.dates`), ``doc.spans["dates"]``.

Cheap things first: every component is a regular expression or an Aho-Corasick scan
(pyahocorasick: the gazetteer and the ~3000 region names, one pass each) over ``doc.text``
(character offsets), so :func:`find_entities` feeds the pipeline a character-tokenised Doc
and jieba runs only on the few-character windows where the grammar must find a name's left
edge.  A character Doc costs less than segmenting the text (even ``jieba.cut(HMM=False)``),
and no span boundary ever falls inside a token.  ``nlp(text)`` still gives jieba tokens to
any caller that wants words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import data, dates
from . import unit_grammar as grammar
from .models import Document, EntitySpan, Structure
from .citations import BOOK_TITLE
from .docnumber import DOC_NUMBER, canonical_doc_number
from .unit_grammar import Candidate
from .units import abbreviations, aliases, canonical_unit, gazetteer

SPAN_KEY = "units"
#: Labels of single bodies (a collective is never a short form of one).
ORG_LABELS = frozenset({"ORG", "ALLIANCE"})
CANDIDATES = "candidates"
DATES_KEY = "dates"
DOCREFS_KEY = "docrefs"

#: Learned aliases: ``闵行区学习型社会建设与终身教育促进委员会（简称“学促委”）`` and
#: ``X（以下简称Y）``; the short form may be quoted and the bracket may wrap.
LEARNED_ALIAS = re.compile(r"[（(]\s*(?:以下)?简称\s*[：:]?\s*[“\"「]?([\u4e00-\u9fff]{2,12})[”\"」]?\s*[）)]")

#: Rule priority when two candidates cover the same characters (lower wins).
PRIORITY = {"gazetteer": 0, "learned-alias": 0, "unit-grammar:region": 1, "unit-grammar:relative": 2,
            "unit-grammar:tier": 2,
            "collective-grammar": 2, "unit-grammar:quoted": 3, "unit-grammar:media": 3, "unit-grammar:prefixless": 4,
            "unit-grammar:place": 4, "unit-grammar:firm": 4, "unit-grammar:agent": 4}


def _text(doc: Doc) -> str:
    """The Doc's text, built once (``Doc.text`` joins every token on each access)."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def _span(doc: Doc, start: int, end: int, label: str, rule: str = "", kb_id: str = "") -> Span | None:
    """A span over characters ``start:end``: O(1) on a character-tokenised Doc."""
    if doc.user_data.get("char_tokens"):
        span = Span(doc, start, end, label=label)
    else:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is not None:
        span.id_ = rule
        span.kb_id_ = kb_id
    return span


def _add(doc: Doc, candidates) -> None:
    doc.user_data.setdefault(CANDIDATES, []).extend(candidates)


def learned_aliases(text: str) -> dict[str, str]:
    """Aliases a document defines for itself: ``{short: full}``.

    ``闵行区学习型社会建设与终身教育促进委员会（简称“学促委”）`` → {学促委: 闵行区学习型社会…委员会}.
    The full form is the unit name ending right before the bracket.
    """
    out: dict[str, str] = {}
    if "简称" not in text:
        return out
    for m in LEARNED_ALIAS.finditer(text):
        full = _name_before(text, m.start())
        if full and full != m.group(1):
            out[m.group(1)] = full
    return {**office_aliases(out, text), **out}


#: A committee's short form ends in 委 and its office's in 办 (学促委 / 学促办, 区学习委 /
#: 区学习办): ``闵行区…促进委员会（简称“学促委”）……“学促委”下设“学促办”`` (seed 000).
COMMITTEE_SHORT, COMMITTEE_FULL, OFFICE_SHORT, OFFICE_FULL = "委", "委员会", "办", "办公室"


def office_aliases(learned: dict[str, str], text: str) -> dict[str, str]:
    """The office of each learned committee alias that the text uses: {学促办: …委员会办公室}."""
    out = {}
    for short, full in learned.items():
        if short.endswith(COMMITTEE_SHORT) and full.endswith(COMMITTEE_FULL):
            office = short[:-len(COMMITTEE_SHORT)] + OFFICE_SHORT
            if len(office) >= 3 and office in text:  # not 区办 (of 区委): it is inside 社区办学
                out[office] = full + OFFICE_FULL
    return out


#: ``区城市更新领导小组下设办公室（以下简称区更新办）`` (d05): the office of the unit before 下设.
SUB_OFFICE = re.compile(r"(?:下设|内设)([\u4e00-\u9fff]{0,6}?办公室)$")


def _name_before(text: str, at: int) -> str | None:
    """The longest grammar or gazetteer name ending exactly at ``at`` (or that name's office
    when the text reads ``X下设办公室``)."""
    window_start = max(0, at - 40)
    piece = text[window_start:at]
    office = SUB_OFFICE.search(piece)
    if office:
        parent = _name_before(piece, office.start())
        return parent + office.group(1) if parent else None
    best = None
    for c in _unit_candidates(piece):
        if c.end == len(piece) and (best is None or c.start < best.start):
            best = c
    return piece[best.start:best.end] if best else None


def _unit_candidates(text: str) -> list[Candidate]:
    return [*grammar.prefixed_names(text), *grammar.collective_names(text),
            *grammar.quoted_names(text), *grammar.prefixless_names(text), *gazetteer_names(text)]


@lru_cache(maxsize=1)
def _gazetteer_automaton():
    """The shipped names and aliases (full forms included) as one Aho-Corasick automaton."""
    return grammar.word_automaton({*gazetteer(), *aliases(), *aliases().values()})


#: A bracketed scope after a class of units: ``街道（乡镇）``, ``街镇（园区）`` (d06).
SCOPE = re.compile(r"[（(][^（）()\n]{0,8}(?:乡镇|镇|街道|园区|工业区|开发区|县|市)[）)]")


def gazetteer_names(text: str, extra: dict[str, str] | None = None) -> list[Candidate]:
    """Shipped (and learned) names found in the text; relative ones (区人社局) only where a
    relative prefix may start (not inside 社区人社局…)."""
    out = []
    table = gazetteer()
    for start, n in grammar.longest_at(_gazetteer_automaton(), text).items():
        name, end = text[start:start + n], start + n
        if name[0] in grammar.RELATIVE and not grammar.relative_prefix_ok(text, start):
            continue
        if len(name) <= 3 and grammar.is_word(name[-1] + text[end:end + 1]):
            continue  # 区总 in 区总体规划 is no unit
        label = table[name][0] if name in table else "ORG"
        scope = SCOPE.match(text, end) if label == "COLLECTIVE" else None
        if scope:
            end = scope.end()
        out.append(Candidate(start, end, label, "gazetteer"))
    for short in extra or {}:
        for m in re.finditer(re.escape(short), text):
            out.append(Candidate(m.start(), m.end(), "ORG", "learned-alias"))
    return out


@Language.component("policykg_aliases")
def aliases_component(doc: Doc) -> Doc:
    """Learn the document's own ``（简称Y）`` aliases into ``doc.user_data['aliases']``."""
    doc.user_data["aliases"] = learned_aliases(_text(doc))
    return doc


@Language.component("policykg_gazetteer")
def gazetteer_component(doc: Doc) -> Doc:
    _add(doc, gazetteer_names(_text(doc), doc.user_data.get("aliases")))
    return doc


@Language.component("policykg_unit_grammar")
def unit_grammar_component(doc: Doc) -> Doc:
    text = _text(doc)
    _add(doc, [*grammar.prefixed_names(text), *grammar.quoted_names(text),
               *grammar.prefixless_names(text), *grammar.media_names(text),
               *grammar.place_names(text), *grammar.owned_firms(text),
               *grammar.agent_names(text)])
    return doc


@Language.component("policykg_collectives")
def collectives_component(doc: Doc) -> Doc:
    _add(doc, grammar.collective_names(_text(doc)))
    return doc


@Language.component("policykg_resolve")
def resolve_component(doc: Doc) -> Doc:
    """Keep the longest candidate where candidates overlap; drop persons, roles, slogans.

    A collective that starts with 各 right after a unit is that unit's collective:
    ``区政府各部门``, ``区委各部门``.
    """
    text = _text(doc)
    blocked = [(ref.start_char, ref.end_char) for ref in doc.spans.get(DOCREFS_KEY, []) if "〔" in ref.kb_id_]
    blocked += [title_subject(text, ref.start_char, ref.end_char) for ref in doc.spans.get(DOCREFS_KEY, [])
                if ref.id_ == "book-title"]
    blocked += grammar.slogan_spans(text)
    kept = resolve(text, doc.user_data.get(CANDIDATES, []), blocked)
    doc.spans[SPAN_KEY] = [span for c in kept if (span := _span(doc, c.start, c.end, c.label, c.rule)) is not None]
    return doc


#: The word that ends a title's issuer part: 《中共杭州市委、杭州市人民政府关于推进…的若干意见》.
TITLE_ABOUT = "关于"


def title_subject(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of the 《title》 at ``start:end`` whose names are no unit mentions: the subject
    after 关于 (the issuers before it are units: 《中共杭州市委、杭州市人民政府关于…》, seed 004),
    the whole title when there is no 关于 (《长宁区社区学校教学点规范化建设管理办法》, seed 002);
    nothing for a newspaper's masthead (《文汇报》, :func:`unit_grammar.media_names`)."""
    if any(True for _ in grammar.media_names(text[start:end])):
        return start, start
    about = text.find(TITLE_ABOUT, start, end)
    return (about if about >= 0 else start + 1), end - 1


def resolve(text: str, candidates: list[Candidate], blocked: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Longest candidate first; a candidate overlapping a kept one or a ``blocked`` range
    (a 文号: 市委〔2011〕1号 is a document, not 市委) is dropped, so are persons and slogans."""
    not_units = set(data.read_lines("not_units.txt"))
    candidates = [c for c in candidates if not class_mention(text, c) and not grammar.names_a_site(text, c.end)]
    candidates = drop_fragments(candidates)
    ranked = sorted(set(candidates), key=lambda c: (-(c.end - c.start), PRIORITY.get(c.rule, 9), c.start, c.rule, c.label))
    taken = [False] * (len(text) + 1)
    for s, e in blocked:
        taken[s:e] = [True] * (e - s)
    kept: list[Candidate] = []
    for c in ranked:
        if text[c.start:c.end] in not_units or any(taken[c.start:c.end]):
            continue
        taken[c.start:c.end] = [True] * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    merged: list[Candidate] = []
    for c in kept:
        if (merged and c.label == "COLLECTIVE" and text.startswith(("各", "相关", "有关"), c.start)
                and merged[-1].end == c.start):
            c = Candidate(merged.pop().start, c.end, "COLLECTIVE", c.rule)
        merged.append(c)
    return merged


#: Rules that delimit a name from its prefix or from a list of names: a name walked left
#: from its suffix that starts inside one of theirs is a fragment.
DELIMITED_RULES = frozenset({"gazetteer", "learned-alias", "unit-grammar:region", "unit-grammar:relative",
                             "unit-grammar:tier"})


def drop_fragments(candidates: list[Candidate]) -> list[Candidate]:
    """Drop prefix-less names that start strictly inside a delimited name and run past it:
    ``依托区历保委专家委员会平台`` (d04) walked left to 委专家委员会, which would outrank the
    shorter 区历保委."""
    starts = sorted((c.start, c.end) for c in candidates if c.rule in DELIMITED_RULES)
    out = []
    for c in candidates:
        if c.rule == "unit-grammar:prefixless" and any(s < c.start < e < c.end for s, e in starts):
            continue
        out.append(c)
    return out


#: Rules whose names carry no region of their own: a count before them makes them a class.
UNPREFIXED_RULES = frozenset({"gazetteer", "unit-grammar:prefixless", "unit-grammar:quoted"})  # not place/firm


#: Rules whose names an attribute head after them makes a kind of course or education, the
#: region-prefixed ones included: ``近 500 门课程被确定为上海市终身教育学分银行课程`` (seed 001).
KIND_RULES = UNPREFIXED_RULES | {"unit-grammar:region"}


def class_mention(text: str, c: Candidate) -> bool:
    """A single-body name after a count or rank is a class, not a unit: ``1所老年大学``
    (seed 001), ``三个建筑垃圾处置中心`` (d06); an item of a list of activities is an activity
    (``摄影联盟等大型活动``, seed 001), a name before 教育 a kind of education
    (``办好远程老年大学教育``, seed 002); collectives keep their count (``14 个街镇社区学校``
    are the members of an alliance)."""
    if c.label != "COLLECTIVE" and c.rule in KIND_RULES and grammar.names_a_kind(text, c.end):
        return True
    return c.label != "COLLECTIVE" and c.rule in UNPREFIXED_RULES and (
        grammar.counted_class(text, c.start) and not grammar.in_member_list(text, c.end)
        or grammar.in_kind_list(text, c.end))


@Language.component("policykg_dates")
def dates_component(doc: Doc) -> Doc:
    found = dates.find_dates(_text(doc), doc.user_data.get("year"))
    doc.spans[DATES_KEY] = [span for d in found if (span := _span(doc, d.start, d.stop, d.label, d.rule, d.iso or ""))]
    return doc


@Language.component("policykg_docrefs")
def docrefs_component(doc: Doc) -> Doc:
    """文号 (教职成〔2016〕4号) and 《title》 of other documents as DOCREF spans."""
    spans = []
    for rule, pattern, key in (("doc-number", DOC_NUMBER, canonical_doc_number),
                               ("book-title", BOOK_TITLE, lambda m: m.group(1))):
        for m in pattern.finditer(_text(doc)):
            span = _span(doc, m.start(), m.end(), "DOCREF", rule, key(m))
            if span is not None:
                spans.append(span)
    doc.spans[DOCREFS_KEY] = spans
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The shared spaCy pipeline (built once per process)."""
    import jieba

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in [*gazetteer(), *aliases(), *aliases().values()]:
        jieba.add_word(name)
    grammar.load_lexicon()  # jieba's dictionary and tag table, once per process (worker start-up)
    for component in ("policykg_aliases", "policykg_gazetteer", "policykg_unit_grammar", "policykg_collectives",
                      "policykg_docrefs", "policykg_resolve", "policykg_dates"):
        nlp.add_pipe(component)
    return nlp


def char_doc(nlp: Language, text: str) -> Doc:
    """A Doc with one token per character: every character offset is a token boundary,
    and no segmenter runs (the components work on characters)."""
    return Doc(nlp.vocab, words=list(text), spaces=[False] * len(text))


def annotate(text: str, year: int | None = None) -> Doc:
    """Run the entity pipeline over ``text`` (character tokens)."""
    nlp = build_nlp()
    doc = char_doc(nlp, text)
    doc.user_data.update(year=year, text=text, char_tokens=True)
    return nlp(doc)


def find_entities(doc: Document, structure: Structure) -> list[EntitySpan]:
    """Entity mentions of the document: units (ORG, COLLECTIVE, ALLIANCE) with their canonical
    name in the document's region, DATE/PERIOD with their ISO value, DOCREF with the 文号 or
    title, sorted by position."""
    region = structure.meta.region
    text = doc.text
    sdoc = annotate(text, structure.meta.year)
    learned = sdoc.user_data.get("aliases") or {}
    out = []
    for s in sdoc.spans.get(SPAN_KEY, []):
        written = text[s.start_char:s.end_char]
        out.append(EntitySpan(label=s.label_, start=s.start_char, end=s.end_char, text=written,
                              canonical=canonical_unit(written, region, learned), rule=s.id_))
    short = abbreviations(e.canonical for e in out if e.label in ORG_LABELS)
    out = [replace(e, canonical=short[e.canonical]) if e.label in ORG_LABELS and e.canonical in short else e
           for e in out]
    for key in (DATES_KEY, DOCREFS_KEY):
        for s in sdoc.spans.get(key, []):
            out.append(EntitySpan(label=s.label_, start=s.start_char, end=s.end_char,
                                  text=text[s.start_char:s.end_char], canonical=s.kb_id_ or None, rule=s.id_ or key))
    return sorted(out, key=lambda e: (e.start, e.end, e.label))


def document_aliases(text: str) -> dict[str, str]:
    """The aliases a document defines (``X（以下简称Y）``), for callers of :func:`canonical_unit`."""
    return learned_aliases(text)
