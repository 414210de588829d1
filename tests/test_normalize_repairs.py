"""Normalisation repairs on the seeds and the dev corpus: joins, furniture, entities, garbled digits."""

from __future__ import annotations

import pytest

from extractor.ingest import read_document
from extractor.models import RawDocument
from extractor.normalize import is_headline, normalize

from conftest import seed
from ingest_paths import DEV_CORPUS


@pytest.fixture(scope="module")
def docs():
    return {p: normalize(read_document(seed(p))) for p in ("000", "001", "002", "003", "004")}


def raw(text: str, page_starts: list[int] | None = None) -> RawDocument:
    return RawDocument(path="t.txt", doc_id="t", format="txt", text=text, page_starts=page_starts or [])


# words broken across lines in the source, whole after normalisation
@pytest.mark.parametrize("prefix, whole", [
    ("000", "重视学习型社会的建设"),          # 学\n习型社会
    ("000", "统筹与自建结合"),                # 闵行区坚持\n\n统筹 (text-box break)
    ("000", "目前采集文字类及视频类学习课件"),  # 目\n\n前采集
    ("000", "闵行区学习型社会建设与终身教育促进委员会在推进"),  # 终身教\n\n育促进
    ("000", "闵行区学习型社会建设与终身教育促进委员会（简称“学促委”）"),
    ("001", "以学促邻里，以学促凝聚，以学促和谐"),  # 以学\n\n促凝聚 (page break)
    ("001", "市、区两级优秀学习团队"),
    ("001", "理论研究”四大服务职能"),
    ("003", "学习活动蓬勃开展"),
    ("003", "共同参与的社区教育新项目"),
    ("004", "对社区教育的投入力度"),
])
def test_words_broken_across_lines_are_joined(docs, prefix, whole):
    assert whole in docs[prefix].text


@pytest.mark.parametrize("prefix, kept", [
    ("000", "推进学习型城区建设\n近年来"),       # a headline is not glued to the text below it
    ("000", "创学习型社会大联盟\n闵行区"),
    ("000", "智慧传递千万家\n\n———闵行区创建优质"),  # a dash subtitle never continues the line above
    ("001", "（一）面临的形势\n\n"),           # headings keep their own line
    ("003", "1. 利用社会力量，整合社会资源\n\n整合社会各方资源"),
    ("002", "（牵头单位：区学习办、区社区学院）"),
])
def test_real_breaks_are_kept(docs, prefix, kept):
    assert kept in docs[prefix].text


def test_flattened_table_cells_are_not_joined():
    """Corpus d06 keeps one cell per paragraph: unit lists and cells are not sentences."""
    doc = normalize(read_document(DEV_CORPUS / "d06_baoshan-waste-sorting-plan-2019.md"))
    assert "区绿化市容局\n\n各街镇（园区）" in doc.text or "区绿化市容局\n各街镇（园区）" in doc.text
    assert "区绿化市容局各街镇（园区）" not in doc.text


def test_headline_rule_quotes_seed_000():
    assert is_headline("", "推进学习型城区建设", "近年来，闵行区深入贯彻科学发展")
    assert not is_headline("", "前采集文字类及视频类学习课件达", "\"&$$学时，建设课程资源达 \"'$$")
    assert not is_headline("", "S3沪奉", "高速公路")  # an in-cell line break (d07)


def test_seed_000_furniture_removed_and_kept_in_repairs(docs):
    doc = docs["000"]
    assert "专版" not in doc.text and "教育周刊" not in doc.text
    assert any(r.kind == "furniture" and "专版 /教育周刊" in r.before for r in doc.repairs)
    assert "! ! ! !" not in doc.text
    assert any(r.kind == "garbled-indent" for r in doc.repairs)


def test_page_numbers_and_running_headers_removed():
    pages = ["闵行区教育局文件\n一、总体要求\n各街镇要加强学习型社会建设，\n- 1 -\n",
             "闵行区教育局文件\n推进终身教育。\n二、主要任务\n— 2 —\n",
             "闵行区教育局文件\n加强队伍建设。\n第 3 页\n"]
    text, starts = "", []
    for p in pages:
        starts.append(len(text))
        text += p + "\n"
    doc = normalize(raw(text, starts))
    assert "闵行区教育局文件" not in doc.text
    assert "- 1 -" not in doc.text and "— 2 —" not in doc.text and "第 3 页" not in doc.text
    assert "各街镇要加强学习型社会建设，推进终身教育。" in doc.text  # joined across the page break
    removed = [r.before.strip() for r in doc.repairs if r.kind == "furniture"]
    assert removed.count("闵行区教育局文件") == 3 and "— 2 —" in removed
    assert doc.offsets.position(doc.text.index("二、主要任务")).page == 2


def test_html_entities_decoded_in_d02():
    src = (DEV_CORPUS / "d02_hongkou-heritage-risk-check-opinion-2014.md").read_text(encoding="utf-8")
    assert "&ldquo;" in src
    doc = normalize(read_document(DEV_CORPUS / "d02_hongkou-heritage-risk-check-opinion-2014.md"))
    assert "&ldquo;" not in doc.text and "&rdquo;" not in doc.text
    assert "“" in doc.text
    i = doc.text.index("“")
    assert doc.offsets.source_text[doc.offsets.to_source(i):].startswith("&ldquo;")


def test_converter_leftovers_seed_003(docs):
    assert "<input" not in docs["003"].text
    assert "**" not in docs["001"].text
    assert "\n## 一、总体目标" in "\n" + docs["004"].text  # markdown headings stay: structure reads them


def test_tabs_kept_for_tsv_tables(docs):
    assert "序号\t指标\t单位" in docs["001"].text


def test_offsets_stay_monotonic_and_in_range(docs):
    for doc in docs.values():
        offs = doc.offsets.source_offsets
        assert len(offs) == len(doc.text)
        assert all(a <= b for a, b in zip(offs, offs[1:]))
        assert offs[-1] < len(doc.offsets.source_text)


def test_every_kept_character_comes_from_its_source(docs):
    """Characters not touched by a repair equal the source character they map to."""
    for doc in docs.values():
        src = doc.offsets.source_text
        same = sum(1 for i, c in enumerate(doc.text) if src[doc.offsets.source_offsets[i]] == c)
        assert same / len(doc.text) > 0.99
