"""Garbled counts decoded from clear counts of the same thing in same-region documents.

Seed 000 (闵行区, subset fonts) writes ``!"个街镇社区学校``; its own dates fix ``!``=1,
``$``=0, ``%``=2 but not ``"``.  Seed 001 (闵行区, clear text) counts 街镇 as 14, 10, 12,
9 and 6: of the two-digit ones only 14 fits the map (10 needs ``"``=0, 12 ``"``=2).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor import peers
from extractor.garbled import CountHint, clear_counts, counted_noun
from extractor.ingest import read_document
from extractor.normalize import normalize
from extractor.structure import parse_structure

from conftest import seed

DOC_000 = seed("000")
DOC_001 = seed("001")


@pytest.fixture(scope="module")
def counts_001() -> tuple[CountHint, ...]:
    doc = normalize(read_document(DOC_001))
    return tuple(peers.source_counts(doc))


@pytest.fixture(scope="module")
def raw_000():
    return read_document(DOC_000)


def garbled_texts(doc) -> list[str]:
    return [doc.text[f.start:f.end + 6] for f in doc.flags if f.kind == "garbled"]


def test_counted_noun_reads_garbled_and_clear_counts_alike():
    garbled_text = '志愿者联盟由闵行区社区学院牵头，!" 个街镇%-个志愿者工作站吸纳各方面人士加入'
    assert counted_noun(garbled_text, garbled_text.index('!"') + 2) == ("个", "街镇")
    clear = "全区 14 个街镇社区（老年）学校均顺利通过标准化评估"
    assert [(h.measure, h.noun, h.value) for h in clear_counts(clear, "001")] == [("个", "街镇", 14)]
    # a year or a decimal is not a count
    assert clear_counts("2025年实现新增5个市级终身学习品牌项目", "x")[0].value == 5
    assert clear_counts("人均已达11.44元", "x") == []


def test_clear_counts_of_001_quote_their_sentence(counts_001):
    streets = sorted({h.value for h in counts_001 if (h.measure, h.noun) == ("个", "街镇")})
    assert streets == [6, 9, 10, 12, 14]
    quote = next(h for h in counts_001 if h.value == 10 and h.noun == "街镇")
    assert quote.doc_id == DOC_001.stem and "10 个街镇被评为" in quote.sentence


def test_unique_decoding_from_peer_counts(raw_000, counts_001):
    doc = normalize(raw_000, counts_001)
    assert "闵行区老年大学和 14个街镇社区学校等成员单位" in doc.text
    assert "社区学院牵头，14 个街镇%-个志愿者工作站" in doc.text
    assert "1所老年大学、14个街镇社区学校" in doc.text
    # traceable: which document and sentence supplied the digit
    assert any('`"`=4' in w and DOC_001.stem in w and "14 个街镇" in w for w in doc.warnings), doc.warnings
    # the dates the document decodes itself are unchanged
    assert "2011年 12月" in doc.text and "%$!!" not in doc.text


def test_other_boxes_are_not_decoded_with_the_borrowed_digit(raw_000, counts_001):
    doc = normalize(raw_000, counts_001)
    flagged = garbled_texts(doc)
    # district profile (another font): same codes, no tie to the main map in plain text
    assert '全区共有 !"个街道、镇、工业园区' in doc.text
    assert any(t.startswith('!"个街道') for t in flagged)
    # sidebar counts of 街镇 stay flagged: no peer count of their length fits
    assert "#!'个街镇" in doc.text and "$!!个街镇" in doc.text
    assert any(t.startswith("#!'个街镇") for t in flagged) and any(t.startswith("$!!个街镇") for t in flagged)
    # codes the peers say nothing about stay flagged
    assert "%-个志愿者工作站" in doc.text


def test_no_decoding_without_peers(raw_000):
    doc = normalize(raw_000)
    assert '!"个街镇社区学校' in doc.text and "14个街镇" not in doc.text
    assert not any("decoded `" in w for w in doc.warnings)


def test_no_decoding_when_two_peer_counts_fit(raw_000, counts_001):
    """13 (``"``=3) fits the map as well as 14: the code is left as written."""
    variant = "全区 13 个街镇社区（老年）学校均顺利通过标准化评估"  # 001's sentence with another count
    doc = normalize(raw_000, counts_001 + tuple(clear_counts(variant, "other")))
    assert "14个街镇" not in doc.text and '!"个街镇社区学校' in doc.text


def test_peers_of_another_region_and_garbled_peers_lend_nothing(raw_000, counts_001):
    rows = [("000", "上海市闵行区", []), ("001", "上海市长宁区", list(counts_001))]
    assert peers.hints_for("000", "上海市闵行区", rows) == ()
    assert peers.hints_for("000", None, rows) == ()
    assert peers.hints_for("001", "上海市长宁区", rows) == ()  # not its own counts
    assert peers.source_counts(normalize(raw_000)) == []  # a garbled document is no evidence


def test_region_comes_from_the_structure_stage(raw_000):
    a = parse_structure(normalize(raw_000)).meta.region
    b = parse_structure(normalize(read_document(DOC_001))).meta.region
    assert a == b and a


def test_eval_path_decodes_with_corpus_peers(seed_results):
    results = peers.extract_with_peers([seed_results["000"], seed_results["001"], seed_results["002"]])
    assert "14个街镇社区学校" in results[0].document.text
    assert results[1] is seed_results["001"] and results[2] is seed_results["002"]
    # the gold row (000 targets.jsonl, anchor 老年大学和!"个街镇社区学校, value 14) is found
    # decoded: the same figure, unit and decoded anchor
    from extractor.evaluate import read_jsonl, same_value, squeeze
    from extractor.rows import target_row

    from conftest import find_shared

    gold = next(g for g in read_jsonl(next((find_shared() / "gold").glob("000_*.targets.jsonl")))
                if g["anchor"] == '老年大学和!"个街镇社区学校')
    rows = [target_row(t) for t in results[0].targets]
    assert any(same_value(r["value"], gold["value"]) and r["unit"] == gold["unit"]
               and squeeze(gold["anchor_decoded"]) in squeeze(r["evidence"]) for r in rows), rows
    assert not any(squeeze(gold["anchor_decoded"]) in squeeze(target_row(t)["evidence"])
                   for t in seed_results["000"].targets)


@pytest.mark.slow
def test_batch_store_holds_the_decoded_count_and_reruns_stably(tmp_path: Path):
    from extractor.batch import graph_ntriples, run_batch
    from extractor.store import OxigraphStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in (DOC_000, DOC_001):
        shutil.copy(p, corpus / p.name)
    store = tmp_path / "store"
    first = run_batch([corpus], store=store, workers=0)
    assert first.counts["ok"] == 2
    nt = graph_ntriples(OxigraphStore(store), DOC_000.stem)
    assert "14个街镇社区学校" in nt and '!\\"个街镇社区学校' not in nt
    cache = json.loads((store / peers.PEERS_NAME).read_text(encoding="utf-8"))
    assert cache[DOC_000.stem]["hinted"]
    # a re-run skips both documents and replaces no graph
    done = [(str(corpus / p.name), p.stem, cache[p.stem]["sha256"], "skipped") for p in (DOC_000, DOC_001)]
    puts: list[str] = []
    version = cache[DOC_000.stem]["version"]
    assert peers.store_second_pass(done, lambda d, nt: puts.append(d), version, store / peers.PEERS_NAME) == []
    second = run_batch([corpus], store=store, workers=0)
    assert second.counts["skipped"] == 2
    assert graph_ntriples(OxigraphStore(store), DOC_000.stem) == nt
    # the app's document viewer shows the text the stored offsets refer to
    from extractor.webapp.data import normalised_text

    source = corpus / DOC_000.name
    shown = normalised_text(str(source), source.stat().st_mtime, str(store), DOC_000.stem)
    assert "闵行区老年大学和 14个街镇社区学校" in shown
    assert peers.stored_hints(store, DOC_001.stem) == ()


def test_text_command_keeps_codes_unless_given_context():
    from typer.testing import CliRunner

    from extractor.cli import app

    alone = CliRunner().invoke(app, ["text", str(DOC_000)])
    assert alone.exit_code == 0 and '!"个街镇社区学校' in alone.stdout and "14个街镇" not in alone.stdout
    peered = CliRunner().invoke(app, ["text", str(DOC_000), "--context", str(DOC_000.parent)])
    assert peered.exit_code == 0 and "闵行区老年大学和 14个街镇社区学校" in peered.stdout
