"""Rules added from hand-checking dev documents the relation rules were not tuned on
(d01–d07, see tests/data/relations_dev_gold.jsonl): a closing marker that sums up a
section of plain paragraphs, standing roles (X作为…的领导机构 / X是…的责任主体)…

Sentences are quoted from the dev corpus (checked verbatim) or written in the same style.
"""

from __future__ import annotations

import pytest
from relations_helpers import corpus, relations_of

from extractor.relations.standing import role_nouns, standing_pattern


def in_corpus(prefix: str, sentence: str) -> str:
    """A passage quoted from a dev document (checked verbatim, whitespace aside)."""
    assert "".join(sentence.split()) in "".join(corpus(prefix).read_text(encoding="utf-8").split()), sentence
    return sentence


def rows(text: str) -> set[tuple[str, str, str]]:
    return {(a.unit_text, a.role.value, a.task[:6]) for a in relations_of(text)}


# -- a marker closing the last of a section's plain paragraphs governs all of them ------

D07_SECTION_4 = "\n\n".join([
    "(四)大力实施百千万“满天星”工程",
    in_corpus("d07", "百个大空间：按照“建筑是可以阅读的，街区是适合漫步的，公园是最宜休憩的，城市始终是有温度的”理念，"
                     "充分发挥“生态、绿色、公园”的奉贤品牌特色，按照“十四五”经济社会发展规划，建设和提升百个大公共空间。"),
    in_corpus("d07", "千个链接点：以公园绿地的可达性和系统性为目标，在主要道路节点改造提升千个公共空间，"
                     "并以绿道串联公园和社区、商业等设施，满足市民就近休憩、健身和文化娱乐及消费需求。"),
    in_corpus("d07", "万个微基建：坚持“项目引领、规划服务”，植入“公园+”理念，围绕人民群众最期盼、最迫切的需求，"
                     "实施万个微基建项目，不断提升资源功能复合共享能力。")
    + "(牵头单位：区发展改革委;配合单位：区规划资源局、各街镇)",  # the marker's list shortened
    "(五)有序开展公园城市相关创建工作",
    "以“奉贤新城”公园城市示范区为重点，全面开展“公园城镇”创建工作。",
]) + "\n"


def test_closing_marker_of_plain_paragraphs_governs_the_section():
    found = rows(D07_SECTION_4)
    assert found == {(u, r, t) for u, r in (("区发展改革委", "lead"), ("区规划资源局", "cooperate"), ("各街镇", "cooperate"))
                     for t in ("百个大空间：", "千个链接点：", "万个微基建：")}


def test_closing_marker_keeps_to_its_item_when_items_are_numbered_or_marked():
    numbered = ("（三）公共空间设施优化行动\n\n" + in_corpus("d01", "8.实施7公里燃气老化管道改造。（牵头单位：区建设管理委）")
                + "\n\n" + in_corpus("d01", "9.实施24公里老旧供水管道改造。（牵头单位：区水务局）") + "\n")
    assert rows(numbered) == {("区建设管理委", "lead", "8.实施7公"), ("区水务局", "lead", "9.实施24")}
    plain_numbered = "（三）公共空间设施优化行动\n\n1.推进海绵城市达标评估。\n\n2.实施38个区管桥梁桥下空间整治。（牵头单位：区交通委）\n"
    assert rows(plain_numbered) == {("区交通委", "lead", "2.实施38")}


# -- standing roles: X作为…的领导机构 / X是…的责任主体 ------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    (in_corpus("d07", "各街镇政府是公园城市建设的责任主体，负责细化工作任务，全力组织实施。"), {("各街镇政府", "responsible")}),
    # seed 000 (its text needs the font-map repair, so quoted from the normalised text)
    ("闵行区学习型社会建设与终身教育促进委员会（简称“学促委”），作为推进学习型社区建设工作的领导机构，对有关工作进行规划、决策、指导。",
     {("闵行区学习型社会建设与终身教育促进委员会", "lead")}),
    ("区城市更新领导小组作为全区城市更新工作的议事协调机构，统筹推进城市更新工作。", {("区城市更新领导小组", "lead")}),
    # not a unit before 是, or the noun is not the unit's role
    ("垃圾分类是城市管理的责任主体之一。", set()),
    ("“两网融合”是本区工作的重点，各街镇要积极推进。", {("各街镇", "obliged")}),
    ("区教育局是本市社区教育的主管部门之一", set()),
])
def test_standing_roles(sentence, expected):
    assert {(a.unit_text, a.role.value) for a in relations_of(sentence)} == expected


def test_role_nouns_come_from_data():
    assert role_nouns()["领导机构"].value == "lead" and role_nouns()["责任主体"].value == "responsible"
    assert standing_pattern().match("区房管局作为本区历史建筑保护的主管部门。")


# -- plain directives: a unit list, an action verb (no modal) → obliged ------------------

@pytest.mark.parametrize("sentence, expected", [
    # the enumerator 四是 opens the clause; 等部门 after named units is no unit of its own
    (in_corpus("d06", "四是区财政局、区发展改革委等部门制定低价值可回收物补贴政策"), {("区财政局", "obliged"), ("区发展改革委", "obliged")}),
    (in_corpus("d06", "区商务委对接企业做好数据统计。"), {("区商务委", "obliged")}),
    (in_corpus("d05", "各职能部门建立健全各自的城市更新公众参与机制，创新公众参与的组织方式和渠道"), {("各职能部门", "obliged")}),
    # a past report is still none; 推进 inside a noun phrase is no subject's verb
    ("区绿化市容局完成了全区公园绿地普查。", set()),
    ("城市更新项目推进过程中，注重风貌保护。", set()),
])
def test_plain_directives(sentence, expected):
    assert {(a.unit_text, a.role.value) for a in relations_of(sentence)} == expected


def test_agent_list_with_arrange():
    sentence = in_corpus("d05", "区更新办实行实体化运作机制，由区建设管理委、区住房保障房屋管理局、区规划资源局安排专职人员，"
                                "加强组织管理、明确职责任务，分工负责更新办日常运行管理相关工作。")
    found = {(a.unit_text, a.role.value, a.rule) for a in relations_of(sentence)}
    assert found == {(u, "responsible", "by-agent") for u in ("区建设管理委", "区住房保障房屋管理局", "区规划资源局")}


# -- a duty sentence lists several duties: each ，负责…/，牵头… clause is a task -----------

def test_comma_duty_clauses_are_tasks_of_their_own():
    sentence = in_corpus("d05", "区规划资源局负责本区城市更新规划土地管理工作，包括参与上报更新行动计划，审核更新方案中涉及规划调整优化的内容，"
                                "牵头推进土地出让和供应，负责牵头落实市级城市更新相关的规划土地配套文件，并根据需要研究制定相应的区级配套操作规程，"
                                "负责牵头组建城市更新专家委员会并开展相关工作。")
    assert rows(sentence) == {("区规划资源局", "responsible", "区规划资源局"), ("区规划资源局", "lead", "牵头推进土地"),
                              ("区规划资源局", "lead", "负责牵头落实"), ("区规划资源局", "lead", "负责牵头组建")}
    # 负责人 is a person, not a duty: the sentence stays one task
    assert rows("区教育局负责社区教育工作，负责人要定期报告。") == {("区教育局", "responsible", "区教育局负责")}


# -- X由…组成/协同…，负责… : the topic unit owns the duty clause ---------------------------

def test_topic_with_make_up_clause_owns_the_duty_after_it():
    sentence = in_corpus("d05", "区更新办由区建设管理委、区住房保障房屋管理局、区规划资源局三家副主任单位协同开展工作，负责城市更新工作的统筹实施、"
                                "综合协调、监督管理和重点工作推进，牵头组织各领导小组成员单位围绕城市更新工作依法履责。")
    assert rows(sentence) == {("区更新办", "responsible", "区更新办由区"), ("区更新办", "lead", "牵头组织各领")}
    assert rows("区学习型城市建设领导小组由区长任组长，负责统筹协调全区学习型城市建设工作。") == {
        ("区学习型城市建设领导小组", "responsible", "区学习型城市")}
    # the clause after 由… opens with no duty word: nothing
    assert rows("区更新办由区建设管理委牵头组建，日常工作设在区建设管理委。") == {("区建设管理委", "lead", "区更新办由区")}


# -- names opening with a quoted word; agents of procedures and enforcement ----------------

def test_quoted_word_opening_a_unit_name():
    sentence = in_corpus("d05", "“两旧一村”改造工作专班负责统筹、协调、推进“两旧一村”改造工作")
    assert {(a.unit_text, a.role.value) for a in relations_of(sentence + "。")} == {("“两旧一村”改造工作专班", "responsible")}


@pytest.mark.parametrize("sentence, unit", [
    (in_corpus("d03", "申报一星级、二星级绿色建筑设计评价证书的项目，由市建设行政主管部门报省建设行政主管部门评审；"), "市建设行政主管部门"),
    (in_corpus("d06", "一旦发现有单位未规范实施垃圾分类，由城管执法部门责令立即或限期改正；"), "城管执法部门"),
    (in_corpus("d06", "逾期不改正或拒不改正的，由城管执法部门予以行政处罚。"), "城管执法部门"),
])
def test_agents_of_procedures(sentence, unit):
    assert {(a.unit_text, a.role.value, a.rule) for a in relations_of(sentence)} == {(unit, "responsible", "by-agent")}


# -- owner notes closing a task: （X牵头，Y配合）, （X负责）, （X、Y按职责分工负责） ------------
# No dev document writes them, but State Council and provincial plans do, e.g.
# ``…技术应用。（工业和信息化部、公安部、应急管理部按职责分工负责）``; the sentences below are
# written in that style.

@pytest.mark.parametrize("text, expected", [
    ("1.加强社区教育队伍建设。建立专兼职教师库。（区教育局牵头，各街镇配合）\n",
     {("区教育局", "lead"), ("各街镇", "cooperate")}),
    ("2.完善经费保障机制。（区财政局负责）\n", {("区财政局", "responsible")}),
    ("3.推进应急通信技术突破应用。（工业和信息化部、公安部、应急管理部按职责分工负责）\n",
     {("工业和信息化部", "responsible"), ("公安部", "responsible"), ("应急管理部", "responsible")}),
    ("4.深化产教融合。（教育部牵头，人力资源社会保障部等按职责分工负责）\n",
     {("教育部", "lead"), ("人力资源社会保障部", "responsible")}),
    # not owner notes: an alias, an aside, a clause that is no unit list
    ("5.加强宣传工作（以下简称宣传办）。\n", set()),
    ("6.发展老年教育（含老年大学）。\n", set()),
    ("7.建设学习型社区（社区居民广泛参与）。\n", set()),
])
def test_owner_notes(text, expected):
    found = relations_of(text)
    assert {(a.unit_text, a.role.value) for a in found} == expected
    assert all(a.rule == "owner-note" and "（" not in a.task for a in found)


def test_owner_note_clauses_are_not_read_again_as_sentences():
    found = relations_of("1.完善经费保障机制。区财政局要加大投入。（区财政局牵头，各街镇配合）\n")
    assert {(a.unit_text, a.role.value, a.rule) for a in found} == {("区财政局", "lead", "owner-note"),
                                                                      ("各街镇", "cooperate", "owner-note")}


# -- 是X<verb>…的<noun>: a unit's own function (responsible), not a directive --------------

def test_relative_clause_after_copula_states_a_function():
    found = {(a.unit_text, a.role.value) for a in relations_of("创建工作备案材料是市教委组织示范街镇创建评估的重要依据材料。")}  # seed 003
    assert found == {("市教委", "responsible")}
    # a directive after 是 runs past its comma: obliged (seed 003's scope style)
    found = {(a.unit_text, a.role.value) for a in relations_of("重点创建工作是各创建街镇结合自身工作特点或发展需求，确定一至二项创建的重点工作内容。")}
    assert found == {("各创建街镇", "obliged")}


# -- a unit under a 的-modifier before a modal ----------------------------------------

def test_unit_under_a_de_modifier_before_a_modal():
    sentence = in_corpus("d03", "绿色建筑的物业管理企业应当制定并实施节能、节水、节材与绿化管理制度；")
    assert {(a.unit_text, a.role.value) for a in relations_of(sentence)} == {("物业管理企业", "obliged")}
    assert relations_of("列入计划的项目应当按期完成。") == []
