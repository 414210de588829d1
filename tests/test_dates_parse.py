"""Dates and periods normalised to ISO, with the document year for relative ones."""

from __future__ import annotations

import pytest

from extractor.dates import cn_number, find_dates, five_year_plan, parse_date


@pytest.mark.parametrize("written, year, iso", [
    ("本实施意见自2017年4月15日起施行", None, "2017-04-15"),  # seed 004
    ("二〇一三年一月", None, "2013-01"),  # seed 003 cover
    ("第一阶段——启动备案（2013 年 1 月-3 月）", None, "2013-01/2013-03"),  # seed 003 phases
    ("第三阶段——推进实施（2013年4月-2014年9月）", None, "2013-04/2014-09"),
    ("第四阶段——备查总结（2014年9月-12月）", None, "2014-09/2014-12"),
    ("4-6月分别召开街镇和区两级学习型家庭交流会", 2010, "2010-04/2010-06"),  # seed 002
    ("第一季度搞好发动，落实项目", 2010, "2010-Q1"),  # seed 002
    ("年内要确定新一轮实验项目名单", 2010, "2010-12"),  # seed 002
    ("10月完成结题工作", 2010, "2010-10"),  # seed 002
    ("年底前完成", 2019, "2019-12"),
    ("努力做好2009-2010年度各类别市级社区教育实验项目", None, "2009/2010"),  # seed 002
    ("闵行区终身教育改革与发展“十四五”规划", None, "2021/2025"),  # seed 001
    ("一、“十三五”闵行终身教育改革与发展的主要成效", None, "2016/2020"),  # seed 001
    ("到2025年，新增20个", None, "2025"),
    ("2025年底前建成", None, "2025-12"),
])
def test_parse_date(written: str, year: int | None, iso: str):
    found = parse_date(written, year)
    assert found is not None and found.iso == iso
    assert found.written in written


def test_relative_dates_need_the_year():
    assert parse_date("第一季度", None).iso is None
    assert parse_date("第一季度", 2010).begin == "2010-01" and parse_date("第一季度", 2010).end == "2010-03"


def test_find_dates_in_a_sentence_keeps_written_forms_and_offsets():
    text = "3月、4月分别召开实验项目通气会，6月写出自评报告，7月组织专家评审，10月完成结题工作。"  # seed 002
    found = find_dates(text, 2010)
    assert [d.iso for d in found] == ["2010-03", "2010-04", "2010-06", "2010-07", "2010-10"]
    assert all(text[d.start:d.stop] == d.written for d in found)
    assert all(d.label == "DATE" for d in found)


def test_months_are_not_durations_and_years_not_counts():
    assert not find_dates("每3个月召开一次", 2010)
    assert [d.iso for d in find_dates("2013年3月", 2010)] == ["2013-03"]


def test_seed_dates_are_spans(seed_results):
    spans = {(e.text, e.canonical) for e in seed_results["003"].entities if e.label in ("DATE", "PERIOD")}
    assert ("二〇一三年一月", "2013-01") in spans
    assert any(c == "2013-01/2013-03" for _, c in spans)
    periods = {e.canonical for e in seed_results["002"].entities if e.label == "PERIOD"}
    assert {"2010-Q1", "2010-04/2010-06"} <= periods


def test_numbers_and_plans():
    assert cn_number("二〇一四") == 2014 and cn_number("十二") == 12 and cn_number("二十一") == 21
    assert five_year_plan(13) == (2016, 2020) and five_year_plan(14) == (2021, 2025) and five_year_plan(11) == (2006, 2010)
