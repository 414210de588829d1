"""Region from a 文号's issuer code, derived from the regions the document names."""

from __future__ import annotations

import json

import pytest

from extractor import regions
from extractor.regions import region_of_doc_number

from conftest import find_shared


@pytest.fixture
def no_overrides(monkeypatch):
    """The general rule alone: doc_number_prefixes.tsv is only an override file."""
    monkeypatch.setattr(regions, "prefix_overrides", lambda: ())


@pytest.mark.parametrize("number, issuer, region", [
    ("姑府办〔2023〕5号", "苏州市姑苏区人民政府办公室", "江苏省苏州市姑苏区"),
    ("武民发〔2024〕2号", "成都市武侯区民政局", "四川省成都市武侯区"),
    ("闵学委办〔2022〕2号", "闵行区学习型社会建设委员会办公室", "上海市闵行区"),  # seed 001
    ("余府发〔2012〕3号", "新余市人民政府", "江西省新余市"),  # d03: 余 is the second character
    ("沪松府办〔2025〕31号", "上海市松江区人民政府办公室", "上海市松江区"),  # d01: 沪 + 松
    ("沪教委〔2020〕1号", "上海市闵行区人民政府", "上海市"),  # a municipal code
    ("杭政办〔2020〕1号", "苏州市姑苏区人民政府", None),  # the code names none of them
])
def test_code_prefix_matches_a_named_region(no_overrides, number, issuer, region):
    assert region_of_doc_number(number, issuer) == region


def test_dev_corpus_regions_follow_from_the_general_rule(no_overrides):
    """Each dev document's 文号 (manifest) names the region its issuer names, without the
    override file (沪松府办 ↔ 上海市松江区人民政府办公室, 余府发 ↔ 新余市人民政府)."""
    rows = [json.loads(ln) for ln in (find_shared() / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]
    checked = 0
    for row in rows:
        number, issuer = row.get("doc_number"), row.get("issuer")
        region = regions.find_region(issuer or "")
        if number and region:
            assert region_of_doc_number(number, issuer) == region, row
            checked += 1
    assert checked >= 3


def test_override_file_answers_when_nothing_is_named():
    assert region_of_doc_number("沪松府办〔2025〕31号") == "上海市松江区"
    assert region_of_doc_number(None, "苏州市姑苏区人民政府") is None
