"""Rules added from hand-checking documents nobody tuned on (second round): real Shanghai
documents from the public repository zhiyao87/Shanghai-Gov-Docs-Index, none of d01–d07.

The sentences are quoted verbatim (the documents themselves stay out of the repository):

* U1 ``docs/城市更新与历史保护/上海市崇明区人民政府办公室关于印发2021年本区城市体检工作方案的通知.md``
* U2 ``docs/城市更新与历史保护/上海市静安区人民政府办公室关于转发区建设管理委《静安区“卓越城区”城市更新行动方案（2023-202.md``
* U3 ``docs/工程建设管理/七宝镇限额以下小型建设工程管理的实施意见.md``
* U5 ``docs/工程建设管理/上海市交通委员会、上海海事局 关于印发《上海港提高靠港船舶岸电使用率实施方案（2023年）》的通知.md``
"""

from __future__ import annotations

import pytest
from relations_helpers import corpus, normalized, relations_of

from extractor.models import EntitySpan
from extractor.relations import find_assignments
from extractor.structure import parse_structure

from extractor.relations.markers import marker_roles


def in_corpus(prefix: str, sentence: str) -> str:
    """A passage quoted from a dev document (checked verbatim, whitespace aside)."""
    assert "".join(sentence.split()) in "".join(corpus(prefix).read_text(encoding="utf-8").split()), sentence
    return sentence


def found(text: str) -> set[tuple[str, str]]:
    return {(a.unit_text, a.role.value) for a in relations_of(text)}


# -- a long 会同 list goes on item by item, past a name the grammar alone does not end ------

U1_PARTNERS = ("区政府是推进本区城市体检工作的责任主体，由分管副区长牵头统筹协调城市体检工作中的重大事项，"
               "区建设管理委会同区发展改革委、区经委、区教育局、区公安分局、区民政局、区财政局、区规划资源局、区生态环境局、"
               "区农业农村委、区科委、区住房保障局、区交通委、区水务局、区文化旅游局、区卫生健康委、区应急局、区市场监管局、"
               "区体育局、区统计局、区绿化市容局、区民防办、区政务服务办、区消防救援支队、区大数据中心、区城运中心等部门"
               "共同推进城市体检工作。")  # U1 四、组织保障


def test_partner_list_reads_every_item():
    rows = found(U1_PARTNERS)
    partners = {u for u, r in rows if r == "cooperate"}
    assert len(partners) == 25
    assert {"区公安分局", "区消防救援支队", "区城运中心", "区民防办"} <= partners
    assert ("区建设管理委", "lead") in rows and ("区政府", "responsible") in rows
    assert not any("等部门" in u or "副区长" in u for u, _ in rows)


def test_partner_list_stops_at_a_non_unit_item():
    # the list ends where an item is no unit: the task after it is not read as partners
    rows = found("区建设管理委会同区发展改革委、区经委、城市体检数据等共同推进城市体检工作。")
    assert {u for u, r in rows if r == "cooperate"} == {"区发展改革委", "区经委"}


# -- a task with no date of its own takes the one in its section heading --------------------

def test_deadline_from_the_section_heading():
    text = ("三、工作步骤\n\n"
            "（二）数据资料收集（2021年9月）。各相关部门按要求提供指标数据资料，以公开发布的统计数据为基础，"
            "结合现场采集数据和互联网大数据，建立城市体检基础数据库。\n\n"  # U1
            "（三）指标评估分析。区统计局要对各项具体指标进行评估。\n")
    by_unit = {a.unit_text: a.deadline for a in relations_of(text)}
    assert by_unit == {"各相关部门": "2021-09", "区统计局": None}


# -- 实施部门 in a closing marker: the implementing units are responsible --------------------

def test_implementing_units_of_a_marker():
    assert marker_roles()["实施部门"].value == "responsible"
    text = ("二、主要任务\n"
            "（二）推进船舶受电设施改造。推进本市籍船舶、新入籍船舶开展船舶受电设施改造，实现本市内河集装箱船、滚装船、"
            "600总吨以上干散货船和多用途船，以及海进江船舶的受电设施全覆盖（液货船除外），逐步推进客运船舶和公务船舶开展"
            "受电设施改造。船舶受电设施投入使用前应由船舶检验机构检验合格。（牵头部门：市交通委港务监管处；实施部门：市港航中心、"
            "中国船级社上海分社）\n")  # U5
    assert {("市交通委港务监管处", "lead"), ("市港航中心", "responsible"), ("中国船级社上海分社", "responsible")} <= found(text)


def test_task_list_with_a_push_units_column():
    # U2 names its owners in a 推进单位 column; the rows are quoted, the pipes are ours
    table = ("| 序号 | 工作任务 | 推进单位 |\n|---|---|---|\n"
             "| 10 | 建设国际一流高品质公共服务设施。重点推进：静安区全民健身中心新建工程 | 区体育局、区规划资源局、区建设管理委 |\n"
             "| 12 | 完成公共空间优化项目，推进静安公园改造和不夜城绿地改造 | 区绿化市容局 |\n")
    assert found(table) == {("区体育局", "responsible"), ("区规划资源局", "responsible"), ("区建设管理委", "responsible"),
                            ("区绿化市容局", "responsible")}


# -- 由X + an action phrase (对…/向…/另行…/提出…) with no listed responsibility word --------

@pytest.mark.parametrize("sentence, expected", [
    ("预选承包商管理办法和限额以下工程承发包规则由镇采购办另行制定。", {"镇采购办"}),  # U3 三.3
    ("施工过程中，由镇规建办、安监所对在建限额以下小型建设工程履行安全、质量、文明施工监督程序。", {"镇规建办", "安监所"}),  # U3 三.5
    ("建设项目通过竣工验收、收齐所有竣工资料后，由建设单位向镇规建办提交竣工备案资料", {"建设单位"}),  # U3 三.5
    ("凡使用财政资金的限额以下项目由镇财政所会签", {"镇财政所"}),  # U3 四(一)3
    # 上报 is the agent's word: the name ends before it (it was read as 镇规建办上报区相关部门)
    ("仍不按整改意见执行的建设单位，由镇规建办上报区相关部门进行立案处理。", {"镇规建办"}),  # U3 六.2
    # no agent: a reason, a composition, a relative clause
    ("由于区教育局对此高度重视。", set()),
    ("领导小组由区政府有关部门组成。", set()),
    ("由区教育局对其作出的决定负责。", set()),
])
def test_agent_before_an_action_phrase(sentence, expected):
    rows = relations_of(sentence)
    assert {a.unit_text for a in rows} == expected
    assert all(a.role.value == "responsible" and a.rule == "by-agent" for a in rows)


# -- X为…的主管部门，负责… : a standing role written with 为 ----------------------------------

def test_standing_role_with_wei():
    sentence = ("1.镇规建办为限额以下工程项目管理的主管部门，负责推进、协调工程各环节的相关工作，做好镇辖区范围内相关工程的巡查、"
                "备案、报建、施工监管、竣工验收及档案归档等工作。")  # U3 五.1
    assert found(sentence) == {("镇规建办", "responsible")}
    assert found("区教育局为推进工作的主管部门提供支持。") == set()  # 为 = for: the noun does not close the clause


# -- a subject list, a 在…内 scope, a comma, then the action (the known d05 miss) -------------

def test_subject_before_a_scope_and_comma():
    sentence = in_corpus("d05", "区发展改革、财政、税务、国资等有关部门在各自职责范围内，制定落实相关政策措施")
    assert found(sentence + "。") == {(u, "obliged") for u in ("区发展改革部门", "区财政部门", "区税务部门", "区国资部门")}
    assert found("各街镇在项目实施中，推进居民意见征询。") == {("各街镇", "obliged")}
    assert found("项目在实施中，推进居民意见征询。") == set()  # no unit before the scope


# -- a manner adverb between a collective subject and its verb ------------------------------

def test_manner_adverb_after_a_collective():
    sentence = "到2025年，在公共服务设施提升改造方面，各街镇全面推进“15分钟社区生活圈”行动，率先建成3个“15分钟社区生活圈”示范性街镇。"  # U2 二(三)
    assert found(sentence) == {("各街镇", "obliged")}
    # a name that is only a suffix match is not enough before an adverb (seed 000: 会同委办局深入开展…)
    assert found("会同委办局深入开展学习型组织创建活动。") == set()
    assert found("全区全面推进垃圾分类。") == set()


# -- department stems with no tier, closed by 等部门, before a modal --------------------------
# U4 docs/城市更新与历史保护/上海市静安区人民政府关于批转区文化局《关于进一步加强静安区文物保护工作的实施意见》的通知.md

@pytest.mark.parametrize("sentence, expected", [
    ("在有关行政许可和行政审批项目中，发改、财政、房管、建管、规土、文物等部门要加强协调配合。",
     {"发改部门", "财政部门", "房管部门", "建管部门", "规土部门", "文物部门"}),  # U4 三(三)
    ("文物、新闻宣传等部门要主动做好文物保护法的宣传普及工作。", {"文物部门", "新闻宣传部门"}),  # U4 六(四)
    ("公安、市场监管、文物等部门和单位要保持对盗窃、盗掘、盗捞、倒卖、走私、诈骗等文物违法犯罪活动的高压态势。",
     {"公安部门", "市场监管部门", "文物部门"}),  # U4 三(三)
    # verbs are no stems; a plain verb (no modal) after fields is no duty
    ("加强、完善等部门要做好。", set()),
    ("教育、卫生等部门推进合作。", set()),
])
def test_tierless_stem_list_before_a_modal(sentence, expected):
    rows = relations_of(sentence)
    assert {a.unit_text for a in rows} == expected
    assert all(a.role.value == "obliged" for a in rows)


def test_fulfil_as_a_plain_directive_after_a_manner_adverb():
    # U4 三(一): 履行 is a directive's verb; 切实 may stand between a subject the entity stage
    # found and it (the entity span is given here as the NLP stage gives it)
    sentence = "区文物管理委员会各成员单位切实履行文物保护相关责任，区文化局作为全区文物主管部门履行文物保护主体责任。"
    unit = "区文物管理委员会各成员单位"
    doc = normalized(sentence)
    spans = [EntitySpan("COLLECTIVE", doc.text.index(unit), doc.text.index(unit) + len(unit), unit)]
    rows = {(a.unit_text, a.role.value) for a in find_assignments(doc, parse_structure(doc), spans)}
    assert (unit, "obliged") in rows
    assert found(sentence) == set()  # without the entity stage, a suffix-only name before an adverb is not enough
