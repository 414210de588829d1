"""Inline sentences: 由X负责…, X要…, X负责…；负责…, 联合/会同, duty lists, traps."""

from __future__ import annotations

import pytest

from relations_helpers import corpus, normalized, pairs, relations_of, relations_of_file


@pytest.mark.parametrize("sentence, expected", [
    # seed 004
    ("区内各级社区教育学校资源由区社区学院负责整合，教育系统内中小学、幼儿园资源由区教育局负责整合。",
     {("区社区学院", "responsible"), ("区教育局", "responsible")}),
    ("区财政局要按市政府规定保证各部门各类培训经费。", {("区财政局", "obliged")}),
    ("本实施意见自2017年4月15日起施行，由区教育局负责牵头组织实施。", {("区教育局", "lead")}),
    ("各街道、各部门要认真落实本实施意见精神，明确工作任务。", {("各街道", "obliged"), ("各部门", "obliged")}),
    ("区级和街道均按常住人口数不少于4元/人的标准，安排社区教育专项经费。", {("街道", "obliged")}),
    ("成立区老年教学讲师团，由各教学点、各社区根据需要，实施点单式服务。",
     {("各教学点", "responsible"), ("各社区", "responsible")}),
    # seed 002
    ("为扩大区终身教育节的影响力，各委办局都要积极参与，实体化操作。", {("各委办局", "cooperate")}),
    ("各行业、各部门、各街道（镇）也要尽快建立相应的学习型城区工作领导机构。",
     {("各行业", "obliged"), ("各部门", "obliged"), ("各街道（镇）", "obliged")}),
    ("建立由市教科院牵头、市社区教育专家指导的“工作室”。", {("市教科院", "lead")}),
    # seed 001: 由X联合Y → X lead, Y cooperates
    ("该品牌建设始于 2017 年，由区教育局联合华东师范大学等 14 所高校，依托闵行 100 家邻里中心。",
     {("区教育局", "lead"), ("华东师范大学", "cooperate")}),
    ("由区成人教育协会牵头成立成人教育联盟，持续优化成人继续教育资源。", {("区成人教育协会", "lead")}),
    # seed 003
    ("社区教育工作领导机构要明确职责和分工，加强对社区教育的统筹规划和协调指导，职能部门负责工作的实施与推进。",
     {("社区教育工作领导机构", "obliged"), ("职能部门", "responsible")}),
    ("要求创建街镇聚焦重点创建工作，认真做好创建工作规划和计划。", {("创建街镇", "obliged")}),
    ("各区县教育局应对街镇的创建备案工作加强指导。", {("各区县教育局", "obliged")}),
    # d03 (legal duty sentences): verb + bare suffix is a unit
    ("第九条\u3000建设单位应当按照绿色建筑的相应标准组织工程建设。", {("建设单位", "obliged")}),
    # seed 000: a sub-organisation in quotes after 下设
    ("“学促委”下设“学促办”具体负责学习型社区建设的整体推进工作。", {("学促办", "responsible")}),
    # d04: X会同Y → Y cooperates
    ("区旧改办会同历保办、风貌办针对待征收地块开展历史建筑甄别。",
     {("区旧改办", "lead"), ("历保办", "cooperate"), ("风貌办", "cooperate")}),
])
def test_inline_sentence(sentence, expected):
    assert pairs(relations_of(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "建立健全政府主导、教育牵头、部门分工、社会参与的工作机制。",  # slogan (seed 004)
    "区房管局牵头编制了《黄浦衡复历史文化风貌区保护规划》。",  # reported, not a duty (d04)
    "各街镇先后开展了实践探索。",  # reported (seed 001)
    "鼓励各社区积极创造条件，开办社区四点半学校。",  # soft verb: no owner (seed 004)
    "区社区教育经费应用于支持区社区学院开展教育培训活动。",  # funds are no unit (seed 004)
    "区学习办要组织负责人培训。".replace("区学习办要", "负责人要"),  # a person
    "“各区、县（市）要按照不少于万分之零点五的比例配备专职社区教育工作者”的要求。",  # quoted rule
    "努力帮助企业稳定岗位，解决企业需求。",  # 需求 is a noun, not 需 (seed 002)
])
def test_no_owner(sentence):
    assert relations_of(sentence) == []


def test_subject_ellipsis_seed_004():
    text = "区社区学院负责指导街道分院开展工作；负责全区学习圈建设的指导协调工作；负责开展学习圈建设研究及骨干师资培训等工作。"
    found = relations_of(text)
    assert [(a.unit_text, a.role.value, a.task[:6]) for a in found] == [
        ("区社区学院", "responsible", "区社区学院负"), ("区社区学院", "responsible", "负责全区学习"),
        ("区社区学院", "responsible", "负责开展学习")]
    assert [a.rule for a in found] == ["subject-duty", "subject-ellipsis", "subject-ellipsis"]


def test_task_spans_slice_the_text():
    text = "各社区要落实市民学习圈建设的各项具体任务。社区市民学\n\n校要做好辖区内各学习型社团学习活动的协调、统筹工作。"
    found = relations_of(text)
    assert pairs(found) == {("各社区", "obliged"), ("社区市民学校", "obliged")}
    for a in found:
        assert normalized(text).text[a.start:a.end] == a.task


def test_duty_list_d02():
    found = relations_of_file(corpus("d02"))
    house = [a for a in found if a.unit_text == "区房管局" and a.rule == "duty-list"]
    assert len(house) == 2 and all(a.task.startswith("负责") for a in house)
    assert not any(a.task == "具体分工为：" for a in found)
    assert ("提篮桥街道办事处", "responsible") in pairs(found)


def test_duty_list_d07():
    found = relations_of_file(corpus("d07"))
    duties = {(a.unit_text, a.task[:8]) for a in found if a.rule == "duty-list"}
    assert ("区发展改革委", "负责公园绿地等建") in duties
    assert ("区财政局", "按照年度绿林发展") in duties
