"""The national region table (cpca's GB/T 2260 list) behind region resolution: documents
from places the seeds never mention get a region, and relative units (区民政局) follow it."""

from __future__ import annotations

import pytest

from extractor import data, regions
from extractor.models import RawDocument
from extractor.normalize import normalize
from extractor.structure import parse_structure
from extractor.units import canonical_unit, region_short

#: A GB/T 9704 header from a district that is in no data file of the project.
GUSU = """苏州市姑苏区人民政府办公室文件

姑府办〔2023〕5号

苏州市姑苏区人民政府办公室关于印发姑苏区养老服务体系建设实施方案的通知

各街道办事处，区各委办局：

现将《姑苏区养老服务体系建设实施方案》印发给你们，请认真贯彻执行。

一、工作任务

（一）区民政局负责统筹推进养老服务设施建设。

苏州市姑苏区人民政府办公室
2023年3月1日
"""


def meta_of(text: str):
    return parse_structure(normalize(RawDocument(path="x.txt", doc_id="x", format="txt", text=text))).meta


def test_national_table_reads_full_names_in_the_gazetteer_format():
    assert regions.by_full()["江苏省苏州市姑苏区"].level == "district"
    assert regions.by_full()["江苏省苏州市"].level == "city"
    assert regions.by_full()["江苏省"].level == "province"
    assert data.regions()["姑苏区"] == "江苏省苏州市姑苏区"
    assert data.regions()["武侯区"] == "四川省成都市武侯区"
    assert data.regions()["闵行区"] == "上海市闵行区"  # a municipality is not repeated
    assert regions.by_full()["重庆市忠县"].level == "district"  # a municipality's county
    assert regions.by_full()["湖北省仙桃市"].level == "district"  # a county-level city under the province
    assert len(regions.national()) > 3000


def test_seed_regions_keep_their_regions_tsv_spelling():
    """regions.tsv applies on top: every row still reads as it did."""
    for row in data.read_tsv("regions.tsv"):
        assert data.regions()[row["short"]] == row["full"]


def test_unknown_district_document_gets_its_region_and_relative_units():
    meta = meta_of(GUSU)
    assert meta.doc_number == "姑府办〔2023〕5号"
    assert meta.region == "江苏省苏州市姑苏区"
    assert region_short(meta.region) == ("姑苏区", "苏州市")
    assert canonical_unit("区民政局", meta.region) == "姑苏区民政局"
    assert canonical_unit("市民政局", meta.region) == "苏州市民政局"
    assert canonical_unit("苏州市姑苏区民政局", meta.region) == "姑苏区民政局"


def test_same_relative_unit_of_two_districts_stays_two_units():
    assert canonical_unit("区民政局", "江苏省苏州市姑苏区") != canonical_unit("区民政局", "四川省成都市武侯区")
    assert canonical_unit("区民政局", "四川省成都市武侯区") == "武侯区民政局"


@pytest.mark.parametrize("text, region", [
    ("南京市鼓楼区人民政府", "江苏省南京市鼓楼区"),
    ("福州市鼓楼区教育局", "福建省福州市鼓楼区"),
    ("鼓楼区人民政府", None),  # four cities have a 鼓楼区: no guess
    ("舟山市普陀区人民政府", "浙江省舟山市普陀区"),  # the city beats the regions.tsv default
    ("普陀区人民政府", "上海市普陀区"),  # regions.tsv's default reading
    ("成都市武侯区民政局", "四川省成都市武侯区"),
])
def test_ambiguous_names_resolve_by_their_city_only(text, region):
    assert regions.find_region(text) == region


def test_ambiguous_district_document_without_a_city_has_no_region():
    text = GUSU.replace("苏州市姑苏区", "鼓楼区").replace("姑苏区", "鼓楼区").replace("姑府办", "鼓府办")
    assert meta_of(text).region is None
    assert canonical_unit("区民政局", None) == "区民政局"


@pytest.mark.parametrize("text", ["加快推进老城区改造", "沿海城市群", "推进主城区更新", "湖南县域经济"])
def test_words_that_are_also_place_names_are_not_regions(text):
    """老城区 (洛阳), 海城市 (鞍山), 城区, 南县 are places only after their city."""
    assert regions.find_region(text) is None
    assert regions.find_region("洛阳市老城区人民政府") == "河南省洛阳市老城区"
