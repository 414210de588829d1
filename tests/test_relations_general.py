"""General rules that replaced seed-keyed ones: marker keys, aspect 了, partners, bare role
clauses, plan periods, adverbials, stem lists, ；-continuations, scope sentences, aliases.

Sentences are quoted from the dev corpus (d03–d06) where it has them, else written in
the same style.
"""

from __future__ import annotations

import pytest
from conftest import seed
from relations_helpers import corpus, pairs, relations_of, relations_of_file

from extractor import dates
from extractor.data import read_tsv
from extractor.relations.deadlines import PERIOD_RULES, find_deadline


def rows(text: str) -> set[tuple[str, str, str]]:
    return {(a.unit_text, a.role.value, a.task) for a in relations_of(text)}


def in_corpus(prefix: str, sentence: str) -> str:
    """A sentence quoted from a dev document (checked verbatim, whitespace aside)."""
    assert "".join(sentence.split()) in "".join(corpus(prefix).read_text(encoding="utf-8").split()), sentence
    return sentence


# -- deadlines: a named plan period is no limit unless its end is meant -----------------

def test_plan_period_is_no_deadline_but_its_end_is():
    assert PERIOD_RULES <= {name for name, *_ in dates.RULES}  # the names the date rules use
    assert find_deadline("将其作为推进循环经济的工作实践，作为“十三五”城市管理的重点", 2019) is None  # d06
    assert find_deadline("至十四五末，全区公园数量达到230座以上", 2021) == "2025-12"
    found = relations_of(in_corpus("d06", "各部门、街镇（园区）要高度重视生活垃圾分类减量工作，将其作为推进循环经济、"
                                          "建设生态文明、落实节能减排的工作实践，作为“十三五”城市管理的重点之一，要真正形成共识"))
    assert {(a.unit_text, a.deadline) for a in found} == {("各部门", None), ("街镇（园区）", None)}


# -- markers: a list ends at the next key; bracketless and 【】 markers -------------------

def test_marker_list_ends_at_any_key_and_reads_its_time_limit():
    text = "一、加强组织领导\n\n1.建立联席会议制度，定期研究解决重大问题。（责任部门：区教育局；完成时限：2024年底前）\n"
    found = relations_of(text)
    assert {(a.unit_text, a.role.value, a.deadline) for a in found} == {("区教育局", "responsible", "2024-12")}


def test_bracketless_marker_line_governs_its_section():
    text = ("（一）完善学习型城市建设机制\n\n责任单位：区学习办、区社区学院\n\n"
            "1.建立学习型城市建设联席会议制度。\n\n2.开展学习型城市监测评估。\n")
    found = relations_of(text)
    assert {(a.unit_text, a.task[:2]) for a in found} == {(u, n) for u in ("区学习办", "区社区学院") for n in ("1.", "2.")}
    assert all(a.role.value == "responsible" and a.rule == "section-marker" for a in found)


def test_lenticular_bracket_marker_with_two_roles():
    text = "（二）推进社区教育\n\n【牵头单位】区教育局【配合单位】各街镇\n\n1.建设标准化社区学校。\n"
    assert pairs(relations_of(text)) == {("区教育局", "lead"), ("各街镇", "cooperate")}


def test_bracketless_marker_closing_a_paragraph():
    text = "3.组织开展全民终身学习活动周。牵头单位：区社区学院；配合单位：各街镇\n\n4.做好宣传。\n"
    found = relations_of(text)
    assert {(a.unit_text, a.role.value, a.task) for a in found} == {
        ("区社区学院", "lead", "3.组织开展全民终身学习活动周。"), ("各街镇", "cooperate", "3.组织开展全民终身学习活动周。")}


# -- REPORTED: only an aspect 了 or a past adverb in the adverbial slot -------------------

@pytest.mark.parametrize("sentence, expected", [
    # 了解 and 已建 are no past report
    ("区社区学院负责组织新市民了解闵行区情，融入社区生活。", {("区社区学院", "responsible")}),
    ("区市场监管局负责落实新建和已建农贸市场、标准化菜场的湿垃圾就地处理设施配套工作。", {("区市场监管局", "responsible")}),
    # d04: an aspect 了 reports what was done
    (in_corpus("d04", "计划纲领方面，区房管局牵头编制了《黄浦衡复历史文化风貌区保护与整治三年行动计划（2018-2020年）》"), set()),
    ("各街镇先后开展了实践探索。", set()),
    ("区社区学院已完成街镇社区学校标准化建设。", set()),
])
def test_reported_only_on_aspect_or_past_adverb(sentence, expected):
    assert pairs(relations_of(sentence)) == expected


# -- partners end where the name ends; bare role clauses share the task after them ---------

def test_partner_name_ends_at_the_unit_grammar():
    assert pairs(relations_of("区教育局会同区财政局制定社区教育经费保障办法。")) == {
        ("区教育局", "lead"), ("区财政局", "cooperate")}


def test_bare_role_clauses_share_the_task_after_them():
    found = rows("区绿化市容局牵头，区财政局配合，做好公园建设资金保障工作。")
    assert {(u, r) for u, r, _ in found} == {("区绿化市容局", "lead"), ("区财政局", "cooperate")}
    assert {t for *_, t in found} == {"区绿化市容局牵头，区财政局配合，做好公园建设资金保障工作。"}
    found = rows(in_corpus("d06", "其余单位生活垃圾分类推进由街镇（园区）牵头，区绿化市容局配合落实。"))
    assert {(u, r) for u, r, _ in found} == {("街镇（园区）", "lead"), ("区绿化市容局", "cooperate")}
    assert len({t for *_, t in found}) == 1


def test_an_action_word_closing_its_clause_keeps_its_own_task():
    found = rows(in_corpus("d06", "党政机关等公共机构生活垃圾分类推进由区机管局与区绿化市容局落实，"
                                  "其余单位生活垃圾分类推进由街镇（园区）牵头，区绿化市容局配合落实。"))
    first = {u for u, _, t in found if t.endswith("由区机管局与区绿化市容局落实")}
    assert first == {"区机管局", "区绿化市容局"}


# -- subject + adverbial + modal; X地 adverbs ---------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    (in_corpus("d03", "施工单位在工程开工前，应当在施工组织设计中制定包括施工管理、环保、节能、节地、节水、节材等方面的绿色施工方案"),
     {("施工单位", "obliged")}),
    (in_corpus("d03", "房地产开发企业销售绿色建筑商品房时，应当在商品房买卖合同和住宅质量保证书、住宅使用说明书中载明所销售房屋的能源消耗指标"),
     {("房地产开发企业", "obliged")}),
    (in_corpus("d03", "建设单位申报绿色建筑建设项目的设计方案文本，应当依据绿色建筑的相应标准和规范编制绿色建筑专项内容。"),
     {("建设单位", "obliged")}),
    ("各街镇在每年年底前要完成社区学校标准化建设。", {("各街镇", "obliged")}),
    ("区社区学院有计划地开展社区教育师资培训。", {("区社区学院", "obliged")}),
    ("各街镇切实有效地落实老年教育学习点建设任务。", {("各街镇", "obliged")}),
    # a noun in 地 is no adverb; a clause with no unit before its comma has no subject
    ("对于设计文件规定采用的新技术，应当由具备资质的检测机构出具检测报告。", set()),
])
def test_adverbial_between_subject_and_word(sentence, expected):
    assert pairs(relations_of(sentence)) == expected


def test_x_di_adverb_is_a_rule_not_a_lexicon_row():
    assert "有计划地" not in {row["word"] for row in read_tsv("responsibility_verbs.tsv")}


# -- stem lists: one department per stem ----------------------------------------------------

def test_stem_list_gives_each_department():
    d05 = in_corpus("d05", "区交通、生态环境、绿化市容、水务、文化旅游、应急管理、国防、科技、民政、农业农村等市政交通设施、"
                           "公共服务设施相关部门负责梳理相应类型低效闲置用地与空间")
    units = {u for u, r in pairs(relations_of(d05 + "。")) if r == "responsible"}
    assert units == {f"区{s}部门" for s in ("交通", "生态环境", "绿化市容", "水务", "文化旅游", "应急管理", "国防", "科技", "民政", "农业农村")}
    d03 = in_corpus("d03", "市发展改革、财政、国土资源、规划、房管、水务、环保、统计等相关部门（单位）应当按照各自职责负责绿色建筑的有关管理工作。")
    assert {u for u, _ in pairs(relations_of(d03))} == {f"市{s}部门" for s in ("发展改革", "财政", "国土资源", "规划", "房管", "水务", "环保", "统计")}
    # a verb before the list: no stem list
    assert pairs(relations_of("加强交通、生态环境等相关部门负责的执法检查。")) == set()


# -- ；-continuations keep the subject until a new one ---------------------------------------

def test_semicolon_continuations_keep_the_subject_d05():
    found = [a for a in relations_of_file(corpus("d05")) if a.unit_text == "区建设管理委" and a.rule != "by-agent"]
    assert sorted(a.role.value for a in found) == ["lead", "lead", "responsible"]
    assert any(a.task.startswith("牵头落实市级制定的与城市更新活动相适应的消防") for a in found)
    jingwei = [a for a in relations_of_file(corpus("d05")) if a.unit_text == "区经委"]
    assert len(jingwei) == 3 and {a.role.value for a in jingwei} == {"responsible"}


def test_a_clause_with_its_own_subject_ends_the_continuation_seed_003():
    found = relations_of_file(seed("003"))
    assert not any(a.task.startswith("部分已具有较好的创建工作成果的街镇") for a in found)


# -- scope sentences: two general forms in a section preamble ---------------------------

def test_deictic_scope_sentence_governs_its_section():
    text = ("二、重点任务\n\n各成员单位必须认真落实以下各项任务。\n\n（一）建设社区学校\n\n完善社区学校标准化建设。\n\n"
            "（二）培育学习团队\n\n每个街镇培育10支学习团队。\n\n三、保障措施\n\n加强经费保障。\n")
    found = [a for a in relations_of(text) if a.rule == "scope-sentence"]
    assert {(a.unit_text, a.role.value, a.task) for a in found} == {
        ("各成员单位", "obliged", "（一）建设社区学校\n\n完善社区学校标准化建设。"),
        ("各成员单位", "obliged", "（二）培育学习团队\n\n每个街镇培育10支学习团队。")}


def test_scope_sentence_in_running_text_governs_nothing():
    text = "二、重点任务\n\n（一）建设社区学校\n\n完善社区学校建设，各成员单位必须认真落实以下各项任务。\n"
    assert not [a for a in relations_of(text) if a.rule == "scope-sentence"]


# -- aliases the document defines reach the canonical unit ------------------------------------

def test_learned_alias_canonicalises_the_unit_d05():
    found = [a for a in relations_of_file(corpus("d05")) if a.unit_text == "区更新办"]
    assert found and {a.unit for a in found} == {"嘉定区城市更新领导小组办公室"}
