"""Header elements one by one: 文号 variants, dates, lists, issuers, validity sentences."""

from __future__ import annotations

import pytest

from extractor.docnumber import normalize_doc_number
from extractor.header import merge_orgs, parse_date, parse_header, split_list
from extractor.textlines import lines_of


@pytest.mark.parametrize("written", [
    "闵学委办〔2022〕2号",  # 〔〕 the standard's brackets (seed 001)
    "闵学委办[2022]2号",  # ASCII [] (seed 003 writes 教职成[2004]16号)
    "闵学委办［2022］2号",  # full-width ［］
    "闵学委办（2022）2号",  # full-width （）
    "闵学委办(2022)2号",  # half-width ()
    "闵学委办【2022】2号",  # 【】
    "闵学委办〔２０２２〕２号",  # full-width digits
    "闵学委办 〔2022〕 2 号",  # spaces from a converter
])
def test_doc_number_bracket_and_width_variants(written):
    assert normalize_doc_number(written) == "闵学委办〔2022〕2号"


def test_doc_number_keeps_leading_zero():
    assert normalize_doc_number("长学办〔2010〕03号") == "长学办〔2010〕03号"


@pytest.mark.parametrize("written, iso", [
    ("2022年7月12日", "2022-07-12"),
    ("2022 年 7 月 12 日", "2022-07-12"),
    ("二〇一三年一月", "2013-01"),  # seed 003 cover
    ("二○一二年一月九日", "2012-01-09"),  # d03 signature, ○ U+25CB
    ("二〇一三年十二月二十一日", "2013-12-21"),
    ("2017年4月15日起施行", "2017-04-15"),
])
def test_dates_read_to_iso(written, iso):
    assert parse_date(written) == iso


def test_unreadable_dates_stay_unread():
    assert parse_date("2022年13月1日") is None
    assert parse_date("%$!!年 !%月") is None  # seed 000's garbled digits


def test_recipient_lists_keep_grouped_categories():
    assert split_list("各镇人民政府，区政府各委、办、局、街道办事处，嘉定工业区、菊园新区管委会：") == [
        "各镇人民政府", "区政府各委、办、局", "街道办事处", "嘉定工业区", "菊园新区管委会"]  # d05
    assert split_list("各街镇（莘庄工业区）学习型社会建设与终身教育促进委员会：") == [
        "各街镇（莘庄工业区）学习型社会建设与终身教育促进委员会"]  # seed 001: no split inside （）


def test_issuer_written_twice_is_one_issuer():
    # seed 001's masthead and signature
    assert merge_orgs(["上海市闵行区学习型社会建设与终身教育促进委员会办公室",
                       "闵行区学习型社会建设与终身教育促进委员会办公室"]) == [
        "上海市闵行区学习型社会建设与终身教育促进委员会办公室"]
    assert merge_orgs(["上海市教育委员会", "上海市财政局"]) == ["上海市教育委员会", "上海市财政局"]


def header_of(text: str):
    return parse_header(text, lines_of(text))


def test_gbt9704_header_with_joint_masthead_and_signer():
    text = ("上海市教育委员会\n上海市财政局\n文件\n\n沪教委终〔2020〕5号    签发人：张三\n\n"
            "关于开展社区学校标准化建设的通知\n\n各区教育局、财政局：\n\n现将有关事项通知如下。\n\n"
            "上海市教育委员会    上海市财政局\n\n2020年3月2日\n\n（此件公开发布）\n\n"
            "抄送：教育部职成司。\n\n上海市教育委员会办公室 2020年3月3日印发\n")
    h = header_of(text)
    assert h.masthead == ["上海市教育委员会", "上海市财政局"]
    assert (h.doc_number, h.signer) == ("沪教委终〔2020〕5号", "张三")
    assert h.title == "关于开展社区学校标准化建设的通知"
    assert h.recipients == ["各区教育局", "财政局"]
    assert h.signatures[0].orgs == ["上海市教育委员会", "上海市财政局"]
    assert h.signatures[0].date == "2020-03-02"
    assert h.disclosure == "此件公开发布"
    assert h.cc == ["教育部职成司"]
    assert (h.printed_by, h.print_date) == ("上海市教育委员会办公室", "2020-03-03")


def test_programme_start_is_not_the_documents_effective_date():
    # seed 003: 备案制度…自 2013 年起试行 is a milestone, not the guide's 施行日期
    assert header_of("关于X的指南\n\n备案制度自2013年1月起试行。\n").effective_date is None
    assert header_of("关于X的意见\n\n本意见自2017年4月15日起施行。\n").effective_date == "2017-04-15"


def test_table_date_cell_is_not_a_signature():
    """d06: a flattened task table ends rows with a 时间节点 cell such as ``2019年6月``."""
    text = "关于X的方案\n\n序号\n任务\n牵头部门\n时间节点\n1\n召开动员大会\n区政府办公室\n2019年3月\n2\n建立机制\n区民政局\n2019年6月\n"
    from extractor.tables import find_tables

    lines = lines_of(text)
    tables = find_tables(text, lines)
    h = parse_header(text, lines, [(t.start, t.end) for t in tables])
    assert h.signatures == []


def test_page_numbers_do_not_break_the_signature_block():
    text = "关于X的通知\n\n各街镇：\n\n请遵照执行。\n\n— 1 —\n\n上海市闵行区教育局\n\n2022年7月12日\n\n— 2 —\n"
    h = header_of(text)
    assert [(s.orgs, s.date) for s in h.signatures] == [(["上海市闵行区教育局"], "2022-07-12")]


@pytest.mark.parametrize("text", [
    "正文第一段。\n三级网络全覆盖智慧传递千万家\n———闵行区创建优质终身教育体系探秘\n",
    "正文第一段。\n 三级网络全覆盖智慧传递千万家———闵行区创建优质终身教育体系探秘\n",  # wrap repair joined them
])
def test_news_headline_over_its_subtitle(text):
    h = header_of(text)
    assert (h.title, h.subtitle) == ("三级网络全覆盖智慧传递千万家", "闵行区创建优质终身教育体系探秘")
    assert h.sources["title"] == "headline"
