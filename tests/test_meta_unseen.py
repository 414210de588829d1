"""Metadata rules found on documents nobody had tuned on (zhiyao87/Shanghai-Gov-Docs-Index,
BU-Spark/ds-ciss-policy-docs).  Each test quotes the header or footer lines that showed the
error, not the whole document; the expected values were read off those lines.
"""

from __future__ import annotations

from extractor.docnumber import normalize_doc_number
from extractor.header import glued_signature, restates_title, split_list, title_with_number
from extractor.models import RawDocument
from extractor.normalize import normalize
from extractor.parts import plausible_part_title
from extractor.structure import parse_structure


def meta_of(text: str):
    """The metadata of ``text`` read as a plain-text document (normaliser and all)."""
    doc = normalize(RawDocument(path="t.txt", doc_id="t", format="txt", text=text))
    return parse_structure(doc).meta


# ── 署名 and 成文日期 joined on one line by the wrap repair ────────────────────────

#: 上海市交通委员会 关于印发《上海市车路协同创新应用工作实施方案（2023-2025年）》的通知 (沪交科〔2022〕758号)
CHELU = ("上海市交通委员会 关于印发《上海市车路协同创新应用工作实施方案（2023-2025年）》的通知\n\n"
         "各有关单位：\n"
         "为加快推进车路协同技术在本市交通领域的创新应用，上海市交通委员会制定了《上海市车路协同创新应用工作实施方案"
         "（2023-2025年）》。现予以印发，请遵照执行。\n\n"
         "上海市交通委员会\n"
         "2022年11月1日\n")


def test_signature_and_date_on_consecutive_lines_give_issue_date():
    m = meta_of(CHELU)
    assert m.issue_date == "2022-11-01"
    assert m.issuers == ["上海市交通委员会"]


def test_glued_signature_line_forms():
    assert glued_signature("上海市交通委员会2022年11月1日") == (["上海市交通委员会"], "2022年11月1日")
    # two joint issuers separated by one space (沪交科〔2023〕233号)
    assert glued_signature("上海市交通委员会 上海海事局2023年4月17日") == (["上海市交通委员会", "上海海事局"], "2023年4月17日")
    # a month with a leading zero (沪文物发[2022]5号)
    assert glued_signature("上海市文物局2022年07月19日") == (["上海市文物局"], "2022年07月19日")


def test_sentence_ending_in_a_date_is_no_signature():
    # 崇明区城市体检工作方案: a data cut-off date, not a 成文日期
    assert glued_signature("采用数据截止日期为2020年12月31日") is None
    assert glued_signature("2021年9月9日") is None


def test_glued_signature_with_leading_zero_month_read_from_notice():
    text = ("关于印发《上海市“十四五”文物保护利用规划》的通知\n\n沪文物发[2022]5号\n\n各区文物局、各局属文博单位：\n"
            "《上海市“十四五”文物保护利用规划》目前已按照相关要求，完成了组织编制工作。现印发给你们，请结合实际，认真组织实施。\n"
            "特此通知。\n\n附件：上海市“十四五”文物保护利用规划\n\n上海市文物局\n2022年07月19日\n")
    m = meta_of(text)
    assert (m.doc_number, m.issue_date, m.issuers) == ("沪文物发〔2022〕5号", "2022-07-19", ["上海市文物局"])
    assert m.recipients == ["各区文物局", "各局属文博单位"]


# ── the document's own title under a collector's title ──────────────────────────

#: 上海市交通委员会、上海海事局 关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知
ANSHORE_HEAD = ("上海市交通委员会、上海海事局 关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知\n\n"
                "市交通委、上海海事局\n关于印发《上海港提高靠港船舶岸电\n使用率实施方案（2023年）》的通知\n\n"
                "市交通委执法总队、各区交通主管部门、市港航中心、中国船级社上海分社、各相关港航企业、各相关岸电设备供应商：\n"
                "为提高上海港靠港船舶岸电使用率，推进本市港航领域绿色低碳发展，上海市交通委员会、上海海事局研究制定"
                "《上海港提高靠港船舶岸电使用率实施方案（2023年）》，现印发给你们，请贯彻执行。\n\n"
                "上海市交通委员会 上海海事局\n2023年4月17日\n")


def test_restated_title_is_skipped_and_recipients_read():
    m = meta_of(ANSHORE_HEAD)
    assert m.recipients == ["市交通委执法总队", "各区交通主管部门", "市港航中心", "中国船级社上海分社",
                            "各相关港航企业", "各相关岸电设备供应商"]
    assert m.issuers == ["上海市交通委员会", "上海海事局"]
    assert m.issue_date == "2023-04-17"


def test_restates_title_needs_the_same_words_from_guanyu():
    title = "上海市交通委员会、上海海事局 关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知"
    assert restates_title(title, "市交通委、上海海事局关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知")
    assert not restates_title(title, "市交通委、上海海事局关于印发《上海港岸电设施建设方案》的通知")


# ── 文号 glued to a doubled title (pkulaw export) ───────────────────────────────

XINJIANG_HEAD = ("新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知\n"
                 "新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知\n\n"
                 "（新质监办发〔2012〕24号）\n\n"
                 "各地、州、市及米东新区质量技术监督局，区局机关各部、处、室、局，各直属单位：\n\n"
                 "　　为进一步规范和提高信息宣传工作的质量和水平，现就加强新形势下的信息宣传工作通知如下：\n"
                 "　　请各单位填写《自治区质量技术监督局信息宣传联络员登记表》（见附件1），并于4月28前上报区局办公室。\n")


def test_bracketed_doc_number_under_doubled_title_is_the_documents_own():
    m = meta_of(XINJIANG_HEAD)
    assert m.doc_number == "新质监办发〔2012〕24号"
    assert all(c.doc_number != "新质监办发〔2012〕24号" for c in m.cited)
    assert m.recipients == ["各地、州、市及米东新区质量技术监督局", "区局机关各部、处、室、局", "各直属单位"]


def test_form_pointed_at_as_own_attachment_is_not_cited():
    m = meta_of(XINJIANG_HEAD)
    assert not any(c.title == "自治区质量技术监督局信息宣传联络员登记表" for c in m.cited)


# ── 主送 lists ───────────────────────────────────────────────────────────────────

def test_bare_level_shares_the_name_after_it():
    # 沪崇府办发〔2021〕20号
    assert split_list("各乡、镇人民政府，区政府各委、办、局，区各直属单位，在崇市属有关部门：") == [
        "各乡、镇人民政府", "区政府各委、办、局", "区各直属单位", "在崇市属有关部门"]


def test_two_levels_each_with_ge_stay_two_recipients():
    assert split_list("各区、各街镇：") == ["各区", "各街镇"]
    assert split_list("区政府各委、局、办，各街道办事处：") == ["区政府各委、局、办", "各街道办事处"]  # 黄府办发〔2021〕28号


# ── parts ────────────────────────────────────────────────────────────────────────

def test_form_heading_glued_to_its_cells_is_no_part_title():
    assert not plausible_part_title("自治区质量技术监督局信息宣传联络员登记表填报单位分管领导情况姓名职务办公电话手机号码"
                                    "联络员情况姓名性别部门职务办公电话手机号码政治面貌QQ号码单位意见单位盖章年月日")
    assert plausible_part_title("自治区质量技术监督局信息宣传联络员登记表")


# ── 文号 glued to the title without brackets; signature glued before a glued plan title ──

#: 关于印发《2026年上海市城市更新规划资源行动方案》的通知 (上海市规划和自然资源局; front matter 文号 empty)
GHZY_HEAD = ("关于印发《2026年上海市城市更新规划资源行动方案》的通知\n\n"
             "关于印发《2026年上海市城市更新规划资源行动方案》的通知\n"
             "沪规划资源更〔2026〕83号\n"
             "各区规划资源局、各管委会规划资源部门、各有关单位:\n"
             "现将《2026年上海市城市更新规划资源行动方案》印发给你们，请按照执行。\n"
             "上海市规划和自然资源局\n"
             "2026年3月12日\n"
             "2026年上海市城市更新规划资源行动方案\n"
             "贯彻落实中央城市工作会议精神，以推进城市更新为建设现代化人民城市的重要抓手，持续推进城市更新行动，制定本方案。\n")


def test_unbracketed_number_glued_to_title_and_signature_before_glued_plan_title():
    m = meta_of(GHZY_HEAD)
    assert m.doc_number == "沪规划资源更〔2026〕83号"
    assert m.recipients == ["各区规划资源局", "各管委会规划资源部门", "各有关单位"]
    assert (m.issuers, m.issue_date) == (["上海市规划和自然资源局"], "2026-03-12")
    assert all(c.doc_number is None for c in m.cited)


def test_title_with_number_forms():
    assert title_with_number("关于印发《2026年上海市城市更新规划资源行动方案》的通知沪规划资源更〔2026〕83号") == (
        "关于印发《2026年上海市城市更新规划资源行动方案》的通知", "沪规划资源更〔2026〕83号")
    assert title_with_number("新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知（新质监办发〔2012〕24号）") == (
        "新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知", "（新质监办发〔2012〕24号）")
    # a sentence ending in a cited number is no title
    assert title_with_number("按照《关于印发<2021年上海市城市体检工作方案>的函》（沪建综规〔2021〕445号）") is None


def test_title_end_is_no_part_of_a_cited_code():
    assert normalize_doc_number("的通知沪规划资源更〔2026〕83号") == "沪规划资源更〔2026〕83号"
