"""Unit-name rules checked on documents nobody tuned on: short sentences quoted from Shanghai
documents of zhiyao87/Shanghai-Gov-Docs-Index that are none of the seeds or d01–d07
(沪府办〔2022〕10号 waste-sorting joint meeting, 沪崇府办发〔2021〕20号 Chongming city check-up,
杨府发〔2024〕6号 Yangpu heritage plan), and the seed sentences that keep each rule honest."""

from __future__ import annotations

import pytest

from extractor import nlp
from extractor import unit_grammar as grammar
from extractor.units import canonical_unit, gazetteer


def units(text: str) -> list[tuple[str, str]]:
    """(text, label) of the unit spans the entity stage keeps in ``text``."""
    doc = nlp.annotate(text)
    return [(s.text, s.label_) for s in doc.spans[nlp.SPAN_KEY]]


def orgs(text: str) -> list[str]:
    return [t for t, label in units(text) if label in nlp.ORG_LABELS]


@pytest.mark.parametrize("text, expected", [
    ("张　全　市科委主任", ["市科委"]),  # 科委 is a word, and a committee
    ("张国坤　市农业农村委主任", ["市农业农村委"]),  # 村委 is a word, and a committee
    ("区应急局、区市场监管局、区体育局、区统计局、区绿化市容局、区民防办、区政务服务办",  # 防办 is a rare word
     ["区应急局", "区市场监管局", "区体育局", "区统计局", "区绿化市容局", "区民防办", "区政务服务办"]),
])
def test_a_rare_or_committee_word_leaves_the_suffix_to_the_name(text: str, expected: list[str]):
    assert orgs(text) == expected


def test_common_words_and_classes_still_take_the_suffix():
    assert grammar.swallows_suffix("大局") and grammar.swallows_suffix("格局")
    assert grammar.swallows_suffix("街镇")  # 上海市社区教育示范街镇 (seed 003) is a rank of 街镇
    assert not grammar.swallows_suffix("防办") and not grammar.swallows_suffix("科委")
    assert orgs("12 个街镇被确定为“上海市社区教育示范街镇”") == []  # seed 001


def test_an_organisation_word_outweighs_a_blocking_prefix_word():
    """市民 blocks 市 in 市民学校 (seed 004), not in 市民政局."""
    assert orgs("蒋　蕊　市民政局局长") == ["市民政局"]
    assert canonical_unit("市民政局", "上海市") == "上海市民政局"
    assert orgs("在我区市民学校标准化建设") == []


@pytest.mark.parametrize("text, expected", [
    ("上海市人民政府办公厅", ["上海市人民政府办公厅"]),
    ("区建设管理委会同区发展改革委、区经委、区教育局、区公安分局、区民政局",
     ["区建设管理委", "区发展改革委", "区经委", "区教育局", "区公安分局", "区民政局"]),
    ("区消防救援支队、区大数据中心、区城运中心等部门共同推进城市体检工作", ["区消防救援支队", "区大数据中心", "区城运中心"]),
])
def test_office_branch_and_detachment_suffixes(text: str, expected: list[str]):
    assert orgs(text) == expected


def test_a_word_opening_with_the_prefix_is_no_region():
    """区域 is a word, not 区 + 域: the alliance keeps its own name; 区属 is the region's."""
    assert orgs("为区域博物馆联盟建设注入“强心剂”") == ["区域博物馆联盟"]
    assert canonical_unit("区域博物馆联盟", "上海市杨浦区") == "区域博物馆联盟"
    assert canonical_unit("区属事业单位", "上海市闵行区") == "闵行区属事业单位"
    assert canonical_unit("区民政局", "上海市闵行区") == "闵行区民政局"


@pytest.mark.parametrize("text", [
    "修缮上海水产公司渔船修理所旧址、大中华造船机器厂旧址",
    "推动中国工程师学会工业材料试验所旧址、民京路200号住宅修缮利用",
    "完成财大附中青年楼（斯高学院旧址）修缮",
    "在上海化工厂老厂房旧址上建设杨浦图书馆滨江馆",
    "推动了外滩”中央、老市府大楼、国际医疗中心",  # d04
])
def test_a_heritage_site_or_building_is_no_unit(text: str):
    assert not any(name.endswith(("公司", "学会", "学院", "市府", "政府")) or "旧址" in name for name in orgs(text))


def test_a_clause_between_a_unit_and_a_site_keeps_the_unit():
    assert grammar.names_a_site("修缮上海水产公司渔船修理所旧址", len("修缮上海水产公司"))
    assert not grammar.names_a_site("由区文化局对旧址进行修缮", len("由区文化局"))
    assert orgs("由区文化局对旧址进行修缮") == ["区文化局"]


def test_a_leading_task_verb_is_not_part_of_the_name():
    assert orgs("（14）深化博物馆联盟建设。加强博物馆能力建设") == ["博物馆联盟"]
    assert orgs("落实中央全面深化改革委员会关于建立城市体检评估机制的改革任务要求") == ["中央全面深化改革委员会"]


def test_banks_by_the_suffix_grammar_not_by_a_row():
    """上海终身教育学分银行 (seed 003) is found by the 银行 suffix; 学分银行 alone is a scheme
    (seed 004) and a bank's 课程 are courses (seed 001)."""
    assert "上海终身教育学分银行" not in gazetteer()
    assert orgs("积极参与上海终身教育学分银行的相关建设工作") == ["上海终身教育学分银行"]
    assert orgs("在此基础上建立学分银行，实行学分认定积累和转换") == []
    assert orgs("近 500 门课程被确定为上海市终身教育学分银行课程") == []


@pytest.mark.parametrize("text, expected", [
    ("做好“百年大学”书香文化中具有代表性的复旦大学、同济大学等高校建筑群", ["复旦大学", "同济大学"]),
    ("形成“一馆一苑一论坛一广场一中心”等标志性、引领性项目", []),
])
def test_a_counted_or_aged_body_is_a_slogan(text: str, expected: list[str]):
    assert orgs(text) == expected
    assert grammar.counted_body("百年") and grammar.counted_body("一馆一苑一论坛一广场一")
    assert not grammar.counted_body("终身教育学分")


def test_the_local_streets_are_a_class():
    """属地 quantifies like 基层: the streets where each site lies, not one body."""
    assert units("深化部门联合督查、属地街道定期检查、网格化小分队每日巡查") == [("属地街道", "COLLECTIVE")]


def test_other_provinces_head_office_and_level_lists():
    """新质监办发〔2012〕24号 (Xinjiang, BU-Spark/ds-ciss-policy-docs): 国家质检总局 is one body;
    各地州市局 lists levels of bureaus, it does not name the city's 市局."""
    assert orgs("要及时反映各单位在落实国家质检总局和各级党委、政府重大决策取得的成效") == ["国家质检总局"]
    assert orgs("鉴于各地州市局“三定”方案尚未实施") == []


@pytest.mark.parametrize("text", [
    "持续推进静安博物馆城区建设",  # 静府发〔2018〕1号
    "2016年本市建筑垃圾落实属地处理以来，各中心城区装修垃圾处理难的共性问题不断凸显",  # 徐府办发〔2017〕16号
    "建设世界级滨水区的未来中心，人民城市建设的先进典范",  # 杨府发〔2024〕6号
])
def test_areas_and_visions_are_no_units(text: str):
    assert units(text) == []
