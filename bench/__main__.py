"""Run the benchmark suite: ``python -m bench`` (``make bench``).

Each benchmark times policykg against a baseline on the same input in the same run and
reports the ratio, so the numbers mean the same on any machine.
"""

from __future__ import annotations

import logging
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def text_pipeline_vs_jieba() -> dict[str, float]:
    """Whole text pipeline (normalise → relations) vs ``jieba.lcut`` on the same texts."""
    import jieba

    from extractor.ingest import read_document
    from extractor.pipeline import extract_raw

    jieba.setLogLevel(logging.WARNING)
    raws = [read_document(p) for p in sorted((ROOT / "corpora").glob("*.txt"))]
    jieba.lcut("预热")
    extract_raw(raws[0])  # load spaCy/jieba once, outside the timing
    base = best_of(lambda: [jieba.lcut(r.text) for r in raws])
    ours = best_of(lambda: [extract_raw(r) for r in raws])
    return {"jieba_s": base, "pipeline_s": ours, "ratio": ours / base}


def entities_vs_jieba() -> dict[str, float]:
    """The entity stage alone (nlp.find_entities) vs ``jieba.lcut`` on the same texts."""
    import jieba

    from extractor.ingest import read_document
    from extractor.nlp import find_entities
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    jieba.setLogLevel(logging.WARNING)
    docs = [normalize(read_document(p)) for p in sorted((ROOT / "corpora").glob("*.txt"))]
    structures = [parse_structure(d) for d in docs]
    jieba.lcut("预热")
    find_entities(docs[0], structures[0])
    base = best_of(lambda: [jieba.lcut(d.text) for d in docs])
    ours = best_of(lambda: [find_entities(d, s) for d, s in zip(docs, structures)])
    return {"jieba_s": base, "entities_s": ours, "ratio": ours / base}


def main() -> None:
    ents = entities_vs_jieba()
    print(f"entity stage vs jieba.lcut: {ents['entities_s']*1000:.1f} ms vs {ents['jieba_s']*1000:.1f} ms "
          f"= {ents['ratio']:.2f}x")
    result = text_pipeline_vs_jieba()
    print(f"text pipeline vs jieba.lcut: {result['pipeline_s']*1000:.1f} ms vs {result['jieba_s']*1000:.1f} ms "
          f"= {result['ratio']:.2f}x (goal <= 2.0x)")


if __name__ == "__main__":
    main()
