"""Normalised text of the development corpus: no lines glued that the source kept apart,
no collector's attribution left in the text (real lines of ../shared/corpus)."""

from __future__ import annotations

import pytest

from extractor.ingest import read_document
from extractor.models import RawDocument
from extractor.normalize import normalize
from extractor.structure import parse_structure

from ingest_paths import DEV_CORPUS

D03 = DEV_CORPUS / "d03_xinyu-green-building-measures-2012.txt"


@pytest.fixture(scope="module")
def d03():
    return normalize(read_document(D03))


def test_signature_date_is_not_glued_to_the_title_below(d03):
    """``二○一二年一月九日`` signs the notice; ``新余市绿色建筑管理办法`` titles what it issues."""
    assert "　　二○一二年一月九日\n新余市绿色建筑管理办法\n" in d03.text


def test_a_repeated_title_line_is_not_joined_to_itself(d03):
    title = "新余市人民政府办公室关于印发《新余市新余市绿色建筑管理办法》的通知"
    assert d03.text.startswith(f"{title}\n{title}\n")
    meta = parse_structure(d03).meta
    assert meta.title == title and meta.doc_number == "余府发〔2012〕3号"
    assert meta.recipients == ["各县（区）人民政府", "管委会", "市政府各部门", "市直各单位"]


def test_legal_database_attribution_is_furniture_kept_in_repairs(d03):
    assert "法宝引证码" not in d03.text and "pkulaw.com" not in d03.text
    removed = [r.before.strip() for r in d03.repairs if r.kind == "furniture"]
    assert "【法宝引证码】 CLI.12.748997" in removed
    assert any(r.startswith("原文链接：https://www.pkulaw.com/") for r in removed)


def test_wraps_inside_a_sentence_are_still_joined():
    """Seed 001's ``学\\n习型社会`` kind of wrap: the date rule only stops a line that is a date alone."""
    raw = RawDocument(path="t.txt", doc_id="t", format="txt",
                      text="根据区委要求，各街镇要在2012年1月9日\n前完成社区学校标准化建设，并报区学习办备案。")
    assert normalize(raw).text == "根据区委要求，各街镇要在2012年1月9日前完成社区学校标准化建设，并报区学习办备案。"
