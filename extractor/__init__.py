"""policykg: who is responsible for what in Chinese government policy documents.

The package layout is the pipeline: ``ingest`` → ``normalize`` → ``structure`` →
``nlp`` → ``relations`` → ``graph`` → ``store``; ``pipeline.extract`` runs them all.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .models import DocumentResult


def extract(path: str) -> "DocumentResult":
    """Run the whole pipeline on one file (the notebook entry point)."""
    from .pipeline import extract_file

    return extract_file(path)


__all__ = ["extract", "__version__"]
