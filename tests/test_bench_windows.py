"""Benchmark windows: steady-state throughput from a run report, start-up and writer lag handled."""

from __future__ import annotations

from pathlib import Path

from bench.__main__ import make_corpus, steady


def fake_report(ats: list[float], seconds: float, worker_mb: list[float], parent_mb: list[float]) -> dict:
    files = [{"at": a, "worker_rss_mb": w, "parent_peak_rss_mb": p, "cpu_seconds": 0.5, "parent_cpu_seconds": 0.1 * i}
             for i, (a, w, p) in enumerate(zip(ats, worker_mb, parent_mb))]
    # the report lists files as they finished; the writer's CPU at the end of the run is its total
    return {"files": list(reversed(files)), "seconds": seconds, "writer_cpu_s": 0.1 * len(ats) + 0.2}


def test_steady_excludes_start_up_and_ends_at_the_last_write():
    # 1 worker: 10 s of start-up, then one document a second; the last group is stored 1.5 s after the last document
    ats = [10.0 + i for i in range(8)]
    rep = fake_report(ats, seconds=18.5, worker_mb=[250, 251, 252, 252, 253, 253, 254, 260],
                      parent_mb=[80, 80, 81, 81, 81, 82, 82, 90])
    whole = steady(rep, workers=1)
    assert (whole.docs, whole.seconds) == (7, 8.5)  # to the end of the run: the last writes included
    assert (whole.worker_mb, whole.parent_mb) == (260, 90)
    # CPU: the timed documents' worker CPU plus the writer's CPU over the window
    assert abs(whole.cpu_s - (7 * 0.5 + 1.0)) < 1e-9


def test_steady_with_two_workers_starts_when_both_delivered():
    rep = fake_report([10.0, 10.2, 10.9, 11.4, 11.9], seconds=12.5, worker_mb=[1] * 5, parent_mb=[1] * 5)
    w = steady(rep, workers=2)
    assert w.docs == 3 and abs(w.seconds - 2.3) < 1e-9


def test_make_corpus_links_renamed_copies(tmp_path: Path):
    n = make_corpus(tmp_path / "x2", 2)
    links = sorted((tmp_path / "x2").iterdir())
    assert n == len(links) >= 10 and all(p.is_symlink() for p in links)
    assert links[0].name.startswith("c00-") and links[-1].name.startswith("c01-")
    assert len({p.stem for p in links}) == n  # new names: new document ids
    assert links[0].read_bytes() == links[n // 2].read_bytes()  # the same document twice
    assert make_corpus(tmp_path / "x2", 2) == n  # again: nothing breaks, nothing added
