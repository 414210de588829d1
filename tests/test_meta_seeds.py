"""Official metadata against the gold (seeds) and the manifest (dev corpus)."""

from __future__ import annotations

import json

import pytest

from extractor.evaluate import Gold, meta_fields
from structure_fixtures import _dev_corpus, corpus_path, seed_path, shared, structured

SEEDS = ["000", "001", "002", "003", "004"]


def meta_of(path: str) -> dict:
    """The ``policykg meta`` row of a file (rows.meta_row over the structure stage only)."""
    from extractor.models import DocumentResult
    from extractor.rows import meta_row

    doc, st = structured(path)
    return meta_row(DocumentResult(document=doc, structure=st))


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_meta_matches_gold_field_by_field(prefix):
    path = seed_path(prefix)
    stem = path.rsplit("/", 1)[-1][:-4]
    fields = meta_fields(meta_of(path), Gold.load(shared("gold"), stem).meta)
    assert fields == {k: True for k in fields}


def test_seed_001_header_and_footer_elements():
    m = meta_of(seed_path("001"))
    assert m["issue_date"] == "2022-07-12" and m["print_date"] == "2022-07-15"
    assert m["printed_by"] == "上海市闵行区教育局办公室"
    assert m["disclosure"] == "主动公开"
    assert m["cc"] == ["闵行区社区学院"]
    assert m["attachments"] == ["闵行区终身教育改革与发展“十四五”规划"]
    # the plan the notice issues is no citation of it
    assert not any(c["title"] and "闵行区终身教育改革与发展" in c["title"] for c in m["cited"])


def test_seed_004_dates_cc_and_recipients():
    m = meta_of(seed_path("004"))
    assert (m["issue_date"], m["effective_date"]) == ("2017-04-17", "2017-04-15")
    assert m["cc"] == ["区委各部门", "区纪委", "人大办", "政协办", "法院", "检察院", "人武部", "各群众团体"]
    assert m["recipients"] == ["各街道办事处", "区政府各部门", "各直属单位"]
    assert m["region"] == "浙江省杭州市滨江区" and m["doc_type"] == "实施意见"


def test_seed_003_cover_date_in_chinese_numerals():
    m = meta_of(seed_path("003"))
    assert m["issue_date"] == "2013-01" and m["sources"]["issue_date"] == "cover"
    assert m["doc_number"] is None  # 教职成[2004]16号 is cited, not its own
    assert m["doc_type"] == "指南"


def test_documents_without_header_get_nulls_not_guesses():
    m = meta_of(seed_path("000"))
    assert m["doc_number"] is None and m["issue_date"] is None
    assert m["issuers"] == [] and m["recipients"] == [] and m["cc"] == []
    assert m["title"] == "三级网络全覆盖智慧传递千万家" and m["sources"]["title"] == "headline"


def manifest() -> list[dict]:
    return [json.loads(line) for line in (_dev_corpus() / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("entry", manifest(), ids=lambda e: e["file"][:3])
def test_corpus_title_number_issuer_match_manifest(entry):
    m = meta_of(corpus_path(entry["file"][:3]))
    assert m["title"] == entry["title"]
    assert m["doc_number"] == entry["doc_number"]
    assert any(entry["issuer"].endswith(i) or i.endswith(entry["issuer"]) for i in m["issuers"])
    from extractor import data

    assert any(short in entry["issuer"] for short, full in data.regions().items() if full == m["region"])


def test_front_matter_number_is_recorded_as_such():
    m = meta_of(corpus_path("d01"))
    assert m["doc_number"] == "沪松府办〔2025〕31号" and m["sources"]["doc_number"] == "front-matter"
    # the body's own 文号 line wins over the front matter
    assert meta_of(corpus_path("d03"))["sources"]["doc_number"] == "header"


def test_corpus_signature_dates_and_validity():
    assert meta_of(corpus_path("d07"))["issue_date"] == "2021-12-03"  # the body, not the front matter's 12-06
    assert meta_of(corpus_path("d02"))["issue_date"] is None  # no signing date in the body
    d03 = meta_of(corpus_path("d03"))
    assert (d03["effective_date"], d03["expiry_date"]) == ("2012-02-01", "2017-01-31")


def test_attachment_lists():
    d06 = meta_of(corpus_path("d06"))
    # ``附件：1.2019年宝山区…联席会`` / ``议成员单位工作任务清单``: a wrapped item is one title
    assert d06["attachments"][0] == "2019年宝山区生活垃圾分类减量推进工作联席会议成员单位工作任务清单"
    d07 = meta_of(corpus_path("d07"))
    # ``8.…资金测算表附件1``: the glued label is cut off
    assert "“十四五”期间公园城市绿化建设项目资金测算表" in d07["attachments"]
    assert all("序号" not in a for a in d07["attachments"])


def test_signature_date_glued_to_next_title_is_read():
    """d03: ``二○一二年一月九日`` and the measures' title come joined on one line; the
    notice body's ``《新余市绿色建筑管理办法》…现予印发`` names the part it issues."""
    _, st = structured(corpus_path("d03"))
    assert st.meta.issue_date == "2012-01-09"
    assert [p.title for p in st.parts] == ["新余市绿色建筑管理办法"]
    assert st.sections[0].part == "新余市绿色建筑管理办法"
