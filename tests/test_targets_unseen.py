"""Target rules found on documents nobody had tuned on (zhiyao87/Shanghai-Gov-Docs-Index,
BU-Spark/ds-ciss-policy-docs).  Each test quotes the sentence that showed the error; the
judgement (target, stat or no figure at all) was made by reading it.
"""

from __future__ import annotations

import test_targets_precision as precision
from extractor.models import TargetKind
from extractor.numbers import find_quantities
from extractor.targets import is_time_limit, is_word_not_measure


def targets_of(text: str, year: int = 2023, title: str | None = None):
    """Targets of ``text`` read as the body of an official document of ``year`` (2023 here)."""
    return precision.targets_of(text, year, title)


def quantity(text: str, value: float):
    return next(q for q in find_quantities(text) if q.value == value)


# ── the year after 同比 is the base, not the time of the figure ──────────────────

def test_year_compared_with_is_no_deadline():
    # 上海港提高靠港船舶岸电使用率实施方案（2023年）, 一、发展目标
    found = targets_of("2023年，国际集装箱靠港船舶岸电使用量同比2022年增长30%；邮轮码头、港作拖轮使用岸电实现常态化。")
    t = next(t for t in found if t.value == 30)
    assert t.kind is TargetKind.TARGET
    assert t.deadline == "2023"
    assert t.comparator == "+"


# ── counts naming the list before them ───────────────────────────────────────────

def test_count_summing_up_a_list_is_no_target():
    # 2021年崇明区城市体检工作方案
    found = targets_of("围绕生态宜居、健康舒适、安全韧性、交通便捷、风貌特色、整洁有序、多元包容、创新活力等8个方面开展评估。",
                       year=2021)
    assert not [t for t in found if t.value == 8]


def test_count_of_two_listed_items_in_digits_stays():
    # a list of two is too short to tell a summary from a figure: kept
    found = targets_of("到2025年，建成社区食堂、助餐点2个。")
    assert [t.value for t in found] == [2]


# ── perfective 了 reports a done deed ────────────────────────────────────────────

def test_perfective_le_makes_a_stat():
    # 2021年崇明区城市体检工作方案: 新增了34个指标 describes the city's indicator system
    found = targets_of("其中，65是住房城乡建设部确定的基础性指标；N是市级层面结合上海市实际，新增了34个指标；X是区级层面新增指标。",
                       year=2021)
    assert [t.kind for t in found if t.value == 34] == [TargetKind.STAT]


def test_perfective_after_the_figure_in_an_announcement():
    # 海口市水务局关于2020年2月1日—2020年2月29日生产建设项目水土保持方案审批决定的公告
    found = targets_of("经技术审查，2020年2月1日－2020年2月29日我市对2个水土保持方案审批申请作出了审批决定。", year=2020)
    assert [t.kind for t in found if t.value == 2] == [TargetKind.STAT]


def test_weile_is_no_perfective():
    found = targets_of("为了改善居住条件，完成既有多层住宅加装电梯700台。")
    assert [(t.value, t.kind) for t in found] == [(700, TargetKind.TARGET)]


# ── a share bounding a noun ──────────────────────────────────────────────────────

def test_share_bounding_the_noun_after_it_is_part_of_a_name():
    # 崇明区: the indicator 占全球种群数量1%以上的水鸟物种数
    found = targets_of("在区级指标中增加森林覆盖率、占全球种群数量1%以上的水鸟物种数。", year=2021)
    assert not [t for t in found if t.unit == "%"]


def test_share_as_target_level_stays():
    # 静安区“卓越城区”城市更新行动方案: 40%以上面积 is the figure to reach
    found = targets_of("到2025年，本区建成区40%以上面积达到海绵城市建设要求。")
    assert [(t.value, t.comparator) for t in found] == [(40, ">=")]


# ── time limits on an action ─────────────────────────────────────────────────────

def test_time_limit_on_an_action_is_no_target():
    # 新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知
    assert not targets_of("突发事件、重大事故、重要工作动态等紧急信息，要在事件发生后2小时内报送。", year=2012)
    # 海口市水务局公告: 六个月 is a duration, not six things
    assert not targets_of("也可以自公告期限届满之日起六个月内向海口市中级人民法院提起行政诉讼。", year=2020)


def test_time_limit_ending_its_clause_is_the_figure():
    text = "办结时限压缩在5个工作日内。"
    q = next(iter(find_quantities(text)), None)
    assert q is None or not is_time_limit(text, q)
    text = "要在事件发生后2小时内报送。"
    assert is_time_limit(text, quantity(text, 2))


# ── 项目 is a noun, not 项 + 目 ────────────────────────────────────────────────────

def test_address_number_before_xiangmu_is_no_count():
    # 静安区: 加快推进安远路899项目 (the project at No. 899)
    text = "稳步推进巨富国潮文化馆建设，加快推进安远路899项目。"
    assert is_word_not_measure(text, quantity(text, 899))
    assert not [t for t in targets_of("到2025年，" + text) if t.value == 899]


def test_xiang_before_mubiao_stays_a_measure_word():
    text = "全面完成3项目标任务。"
    assert not is_word_not_measure(text, quantity(text, 3))


def test_counts_kept_in_use_are_stats():
    # 崇明区: the district keeps the ministry's and the city's indicators — reported, not promised
    found = targets_of("区级体检指标传导沿用住房城乡建设部65个基础性指标和市级新增34个指标的同时，增加体现本区特色的指标。",
                       year=2021)
    assert {t.value: t.kind for t in found} == {65: TargetKind.STAT, 34: TargetKind.STAT}
