"""Peers: clear counts from documents of the same region, for garbled digits a document leaves open.

Seed 000 (闵行区, subset fonts without a Unicode map) writes ``!"个街镇`` and its own
dates fix ``!``=1 but not ``"``; seed 001 (闵行区, clear text) writes ``全区 14 个街镇``.
Extraction of one document stays pure (``pipeline.extract_raw(raw, hints)``); a
corpus-level run (``policykg eval``, ``policykg extract --store``) does a second pass
only over the documents that still have garbled runs and have peers of the same region
(the structure stage's ``meta.region``), with the peers' clear counts as hints.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .garbled import CountHint, clear_counts
from .models import Document, DocumentResult, RawDocument


def has_garbled(doc: Document) -> bool:
    """Whether the normaliser left garbled digits in ``doc`` (flagged, not decoded)."""
    return any(f.kind == "garbled" for f in doc.flags)


def source_counts(doc: Document) -> list[CountHint]:
    """The clear counts ``doc`` can lend to a peer: none if it has garbled digits itself, so
    that no decoded (or misread) digit is ever passed on as evidence."""
    if has_garbled(doc) or any(r.kind.startswith("garbled") for r in doc.repairs):
        return []
    return clear_counts(doc.text, doc.doc_id)


def hints_for(doc_id: str, region: str | None, peers: Iterable[tuple[str, str | None, Sequence[CountHint]]]
              ) -> tuple[CountHint, ...]:
    """The counts of the other documents of ``region``: ``peers`` are (doc_id, region, counts)."""
    if not region:
        return ()
    return tuple(h for peer, peer_region, counts in peers if peer != doc_id and peer_region == region for h in counts)


def hints_key(hints: Iterable[CountHint]) -> str:
    """A stable digest of the hints (order-free), so that a re-run with the same peers is skipped."""
    lines = sorted(f"{h.doc_id}\t{h.measure}\t{h.noun}\t{h.value}\t{h.sentence}" for h in hints)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16] if lines else ""


def with_peer_hints(results: list[DocumentResult], reread: Callable[[DocumentResult], RawDocument],
                    extract: Callable[[RawDocument, tuple[CountHint, ...]], DocumentResult]) -> list[DocumentResult]:
    """``results`` with each document that still has garbled digits and has same-region peers
    extracted again with the peers' counts (only when that decodes more: else kept as is)."""
    peers = [(r.document.doc_id, r.structure.meta.region, source_counts(r.document)) for r in results]
    out = []
    for r in results:
        hints = hints_for(r.document.doc_id, r.structure.meta.region, peers) if has_garbled(r.document) else ()
        if hints:
            again = extract(reread(r), hints)
            if decoded_count(again.document) > decoded_count(r.document):
                r = again
        out.append(r)
    return out


def decoded_count(doc: Document) -> int:
    return sum(r.kind == "garbled-digits" for r in doc.repairs)


def extract_with_peers(results: list[DocumentResult]) -> list[DocumentResult]:
    """:func:`with_peer_hints` reading each document again from its path (``policykg eval``)."""
    from .pipeline import extract_raw

    return with_peer_hints(results, lambda r: _read(r.document.path, r.document.doc_id), extract_raw)


# ── the store's second pass (``policykg extract --store``) ─────────────────────

#: Per-document peer profile cache in the store directory, so a re-run reads no document
#: whose bytes and extractor are unchanged, and re-extracts none whose hints are unchanged.
PEERS_NAME = "policykg-peers.json"


@dataclass(slots=True)
class Profile:
    """What the second pass needs of a document: whether it has garbled digits, its region
    and clear counts (``complete`` once normalised: only documents with garbled codes in
    their raw text, and the peers in their regions, are), and the hints its stored graph
    was made with (``hinted``)."""

    doc_id: str
    path: str
    sha256: str
    version: str
    garbled: bool
    complete: bool = False
    region: str | None = None
    decoded: int = 0
    counts: list[CountHint] = field(default_factory=list)
    hinted: str | None = None  # hints_key of the stored graph; None = not known

    def as_json(self) -> dict:
        return asdict(self) | {"counts": [[h.measure, h.noun, h.value, h.sentence] for h in self.counts]}

    @classmethod
    def from_json(cls, row: dict) -> "Profile":
        counts = [CountHint(m, n, int(v), row["doc_id"], s) for m, n, v, s in row.get("counts", [])]
        return cls(**(row | {"counts": counts}))


def complete_profile(p: Profile, raw: RawDocument | None = None) -> Profile:
    """Normalise and read the metadata of the document (no NLP): region, clear counts, garbled left."""
    from .normalize import normalize
    from .structure import parse_structure

    doc = normalize(raw or _read(p.path, p.doc_id))
    p.region, p.garbled, p.decoded = parse_structure(doc).meta.region, has_garbled(doc), decoded_count(doc)
    p.counts, p.complete = source_counts(doc), True
    return p


def quick_profile(path: str, doc_id: str, sha256: str, version: str) -> Profile:
    """A document's profile from its raw text: complete only if it has code runs in number
    positions (``garbled.find_runs``); most documents have none and are not normalised."""
    from .garbled import find_runs

    raw = _read(path, doc_id)
    p = Profile(doc_id, path, sha256, version, garbled=bool(find_runs(raw.text)))
    return complete_profile(p, raw) if p.garbled else p


def _read(path: str, doc_id: str) -> RawDocument:
    from .ingest import read_document

    raw = read_document(path)
    return raw if raw.doc_id == doc_id else replace(raw, doc_id=doc_id)


def _load_profiles(path: Path | None) -> dict[str, Profile]:
    if path is None or not path.exists():
        return {}
    try:
        return {k: Profile.from_json(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (ValueError, TypeError, KeyError):
        return {}  # unreadable: profiles are made again, nothing is lost


def store_second_pass(done: Iterable[tuple[str, str, str, str]], put: Callable[[str, str], None], version: str,
                      cache: Path | None = None,
                      regions: Callable[[], dict[str, str]] | None = None) -> list[str]:
    """Re-extract, with their same-region peers' counts, the stored documents that still
    have garbled digits; ``done`` is (path, doc_id, sha256, status ok|skipped) per document
    of the run, ``put(doc_id, ntriples)`` replaces a named graph, ``regions()`` gives the
    stored documents' regions (so that only the peers in a garbled document's region are
    normalised; without it every document is).  Returns the ids replaced.

    Cheap when nothing is garbled: each document's raw text is scanned once per content
    and extractor version (the profiles are cached).  Stable on a re-run: a skipped
    document whose hints have the key its stored graph was made with is left alone.
    """
    from .graph import document_ntriples
    from .pipeline import extract_raw

    old = _load_profiles(cache)
    profiles: dict[str, Profile] = {}
    for path, doc_id, sha, status in done:
        p = old.get(doc_id)
        if p is None or (p.path, p.sha256, p.version) != (path, sha, version):
            try:
                p = quick_profile(path, doc_id, sha, version)
            except Exception:  # the main pass already reported an unreadable file
                continue
        if status == "ok":
            p.hinted = ""  # just extracted without hints
        profiles[doc_id] = p
    replaced = []
    wanted = {p.region for p in profiles.values() if p.garbled and p.region}
    if wanted:
        stored = regions() if regions is not None else None
        for p in profiles.values():
            if not p.complete and (stored is None or stored.get(p.doc_id) in wanted):
                try:
                    complete_profile(p)
                except Exception:
                    continue
        peers = [(p.doc_id, p.region, p.counts) for p in profiles.values() if p.complete]
        for p in profiles.values():
            if not p.garbled:
                continue
            hints = hints_for(p.doc_id, p.region, peers)
            key = hints_key(hints)
            if p.hinted == key:
                continue
            raw = _read(p.path, p.doc_id)
            result = extract_raw(raw, hints) if hints else None
            if result is None or decoded_count(result.document) <= p.decoded:  # the hints decode nothing more
                result = extract_raw(raw, ()) if p.hinted != "" else None  # back to the plain graph if needed
            if result is not None:
                put(p.doc_id, document_ntriples(result))
                replaced.append(p.doc_id)
            p.hinted = key
    if cache is not None:
        from .store import atomic_write_bytes

        atomic_write_bytes(cache, json.dumps({k: p.as_json() for k, p in profiles.items()},
                                             ensure_ascii=False).encode("utf-8"))
    return replaced


def hints_from_files(doc: Document, paths: Iterable[str]) -> tuple[CountHint, ...]:
    """Clear counts for ``doc`` from the documents at ``paths`` (files or folders) of its region
    (``policykg text FILE --context DIR``); unreadable ones are passed over."""
    from .ingest import iter_document_paths
    from .structure import parse_structure

    if not has_garbled(doc):
        return ()
    region = parse_structure(doc).meta.region
    rows = []
    for path in iter_document_paths(list(paths)):
        if Path(path).resolve() == Path(doc.path).resolve():
            continue
        try:
            p = complete_profile(Profile(Path(path).stem, str(path), "", "", garbled=False))
        except Exception:
            continue
        rows.append((p.doc_id, p.region, p.counts))
    return hints_for(doc.doc_id, region, rows)


def stored_hints(store_dir: str | Path, doc_id: str) -> tuple[CountHint, ...]:
    """The hints the stored graph of ``doc_id`` was made with (from the store's profile
    cache), so that the app's document viewer shows the text its offsets refer to."""
    profiles = _load_profiles(Path(store_dir) / PEERS_NAME)
    p = profiles.get(doc_id)
    if p is None or not p.hinted:
        return ()
    hints = hints_for(doc_id, p.region, [(q.doc_id, q.region, q.counts) for q in profiles.values() if q.complete])
    return hints if hints_key(hints) == p.hinted else ()
