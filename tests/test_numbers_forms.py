"""Number forms read by extractor.numbers, each with a sentence quoted from a seed or corpus.

Forms no seed or corpus document uses (百分之八十, 三分之一, 千分之) are tested on short
constructed phrases, named as such.
"""

from __future__ import annotations

import pytest

from extractor.numbers import find_quantities, parse_cell, to_number


def only(sentence: str):
    found = list(find_quantities(sentence))
    assert len(found) == 1, found
    return found[0]


def test_arabic_with_classifier():
    # seed 001: 力争 2025 年闵行区终身教育学习点数量新增 20 个。
    q = only("力争 2025 年闵行区终身教育学习点数量新增 20 个。")
    assert (q.value, q.unit, q.form) == (20, "个", "arabic")


def test_wan_multiplied_out_and_unit_text_kept():
    # corpus d04: 完成老大楼商业化改造利用面积11.4万平方米
    q = only("完成老大楼商业化改造利用面积11.4万平方米")
    assert (q.value, q.unit, q.unit_text) == (114000, "平方米", "万平方米")


def test_wan_without_unit_keeps_exact_decimal():
    # seed 001: “十三五”末闵行区常住人口有 265.35 万
    q = only("“十三五”末闵行区常住人口有 265.35 万，")
    assert q.value == 2653500 and q.unit == "" and q.unit_text == "万"


def test_wan_person_unit_converted():
    # seed 001: 老年户籍人口将达 46.25 万人
    q = only("60 岁及以上老年户籍人口将达 46.25 万人")
    assert (q.value, q.unit, q.unit_text) == (462500, "人", "万人")


def test_wan_wan_yuan():
    # corpus d07 (资金测算表): 镇财政承担1440万元
    q = next(find_quantities("镇财政承担1440万元"))
    assert (q.value, q.unit) == (14_400_000, "元")


def test_chinese_numeral_range():
    # seed 003: 确定一至二项创建的重点工作内容
    q = only("确定一至二项创建的重点工作内容")
    assert (q.value, q.value_max, q.unit, q.form) == (1, 2, "项", "chinese")


def test_arabic_range():
    # seed 002: 每街镇选取3-5个基础较好、有一定特色的教学点为试点
    q = only("每街镇选取3-5个基础较好、有一定特色的教学点为试点")
    assert (q.value, q.value_max, q.unit) == (3, 5, "个")


def test_per_ten_thousand_in_words():
    # seed 004: 要按照不少于万分之零点五的比例配备专职社区教育工作者
    q = only("要按照不少于万分之零点五的比例配备专职社区教育工作者")
    assert (q.value, q.unit, q.form) == (0.5, "‱", "share")


def test_percent_sign_full_and_half_width():
    # corpus d07: 森林覆盖率达到17%以上; corpus d04 table unit ％
    assert only("森林覆盖率达到17%以上").value == 17
    assert only("覆盖率达到100％").unit == "%"


def test_percent_in_words_constructed():
    # constructed: no seed or corpus sentence writes 百分之八十
    q = only("参与率达到百分之八十")
    assert (q.value, q.unit) == (80, "%")
    assert only("千分之三").unit == "‰"


def test_fraction_constructed():
    # constructed: no seed or corpus sentence writes a fraction
    q = only("三分之一的街镇")
    assert (q.value, q.unit, q.form) == (33.33, "%", "fraction")


def test_doubling():
    # corpus d04: 计划启动30万平方米居住类历史建筑修缮，较“十三五”翻一番。
    found = list(find_quantities("计划启动30万平方米居住类历史建筑修缮，较“十三五”翻一番。"))
    assert [(q.value, q.unit) for q in found] == [(2, "倍"), (300000, "平方米")]


def test_more_than_written_inside_number():
    # seed 001: 学习型家庭20多万户; 学习型团队总数已达3600余个
    q = only("学习型家庭20多万户")
    assert (q.value, q.unit, q.approx) == (200000, "户", ">=")
    assert only("学习型团队总数已达3600余个").approx == ">="


def test_round_figure_with_leading_one_left_out():
    # seed 001: 培养人才近千名
    q = only("培养人才近千名")
    assert (q.value, q.unit) == (1000, "人")


def test_rate_unit():
    # seed 004: 区级和街道均按常住人口数不少于4元/人的标准
    q = only("区级和街道均按常住人口数不少于4元/人的标准")
    assert (q.value, q.unit) == (4, "元/人")
    # corpus d06 附件: “两网融合”分类量29.53吨/日
    assert only("“两网融合”分类量29.53吨/日").unit == "吨/日"


@pytest.mark.parametrize("text", [
    "“三个代表”重要思想",  # seed 003: a quoted name
    "第一个百年奋斗目标",  # seed 001: an ordinal
    "加强三位一体”学习平台建设",  # seed 002: an idiom
    "且收集和处理过程中无二次污染",  # corpus d03: 二次 = secondary
    "开展黄浦江涵养林、G1503南侧林带抚育",  # corpus d07: a road code
    "“1+1+14+100+582+N”",  # seed 001: a formula naming a network
    "闵行区终身学习网已注册超过%&万人",  # seed 000: garbled digits next to 万
    "建设一个统一的平台",  # 一个 as an article
    "2013-2014 年度上海市社区教育示范街镇创建工作指南",  # seed 003: years
    "两三个",  # an approximate amount, not 23
    "数十个项目",  # an indefinite amount
])
def test_not_quantities(text):
    assert list(find_quantities(text)) == []


def test_to_number_mixed_forms():
    assert to_number("三千") == 3000
    assert to_number("1.5万") == 15000
    assert to_number("零点五") == 0.5
    assert to_number("13,600") == 13600
    assert to_number("不是数") is None


def test_table_cells():
    # corpus d04 附件1 cells: >2, >50, 基本消除, 100
    assert parse_cell(">2") == (">", 2, "")
    assert parse_cell("基本消除") == (None, None, "基本消除")
    assert parse_cell("100") == (None, 100, "")
    assert parse_cell("80%以上") == (">=", 80, "%")


def test_arabic_after_a_verb_ending_like_a_word():
    # corpus d01: 6.推进144个“15分钟”社区生活圈建设项目 (进 before a Chinese 一 would be 进一步)
    q = only("6.推进144个“15分钟”社区生活圈建设项目")
    assert (q.value, q.unit) == (144, "个")


@pytest.mark.parametrize("text", ["1" * 20_000, "一" * 20_000, "1分之" * 6_000, "80%以上，" * 3_000])
def test_long_hostile_input_is_scanned_in_linear_time(text):
    # a fraction pattern with an unbounded denominator took 90 s on 20,000 digits
    import time

    start = time.perf_counter()
    list(find_quantities(text))
    assert time.perf_counter() - start < 5
