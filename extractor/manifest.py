"""Manifest: what a store already holds, so a re-run skips unchanged documents.

One entry per document id: the source path, the SHA-256 of its bytes and the extractor
fingerprint that produced its named graph.  A document is skipped when all three are
unchanged.

Crash safety without rewriting a big file per document: finished documents are
appended to a journal (one JSON line per document, written after the store update, a group
of them in a single ``write``), and the journal is folded into the manifest — written atomically,
temp file + rename — when a run starts and when it ends.  A kill at any point loses at
most the documents whose store update was not yet journalled; those are simply
extracted again (re-writing a named graph is idempotent).  A torn last journal line
is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__

MANIFEST_NAME = "policykg-manifest.json"
JOURNAL_NAME = "policykg-journal.jsonl"  # not *.log: the store directory belongs to RocksDB too


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The package version plus a hash of its code and shipped data.

    A rule or lexicon change without a version bump still re-extracts every document.
    """
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in {".pyc", ".pyo"})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True, slots=True)
class Entry:
    doc_id: str
    path: str
    sha256: str
    version: str
    triples: int = 0


class Manifest:
    """The documents a store holds, keyed by document id (see the module docstring)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / MANIFEST_NAME
        self.journal_path = self.directory / JOURNAL_NAME
        self.entries: dict[str, Entry] = {}
        self._journal = None

    @classmethod
    def open(cls, directory: str | Path) -> "Manifest":
        """Load manifest + journal, fold them into a fresh manifest and start an empty journal."""
        self = cls(directory)
        if self.path.exists():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = {k: Entry(**v) for k, v in raw.get("documents", {}).items()}
            except (ValueError, TypeError):
                self.entries = {}  # unreadable: everything is extracted again, nothing is lost
        for entry in self._read_journal():
            self.entries[entry.doc_id] = entry
        self.compact()
        return self

    def _read_journal(self) -> list[Entry]:
        if not self.journal_path.exists():
            return []
        out = []
        for line in self.journal_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                out.append(Entry(**json.loads(line)))
            except (ValueError, TypeError):
                continue  # a torn last line from a kill
        return out

    def is_current(self, doc_id: str, path: str, sha256: str, version: str) -> bool:
        entry = self.entries.get(doc_id)
        return entry is not None and (entry.path, entry.sha256, entry.version) == (path, sha256, version)

    def record(self, entry: Entry) -> None:
        """Remember a document whose named graph is now in the store (one journal line)."""
        self.record_all([entry])

    def record_all(self, entries: list[Entry]) -> None:
        """Remember documents whose named graphs are now in the store (one journal line each, one write)."""
        if not entries:
            return
        for entry in entries:
            self.entries[entry.doc_id] = entry
        if self._journal is None:
            self._journal = open(self.journal_path, "a", encoding="utf-8")
        self._journal.write("".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries))
        self._journal.flush()

    def compact(self) -> None:
        """Write the manifest atomically and empty the journal it now contains."""
        from .store import atomic_write_bytes

        if self._journal is not None:
            self._journal.close()
            self._journal = None
        payload = {"format": 1, "documents": {k: asdict(v) for k, v in sorted(self.entries.items())}}
        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, json.dumps(payload, ensure_ascii=False, indent=0).encode("utf-8"))
        if self.journal_path.exists():
            os.truncate(self.journal_path, 0)

    def close(self) -> None:
        self.compact()
