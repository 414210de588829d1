"""Classes of bodies, activities and places are no units; streets and towns named after a
place are.  Each rule on real sentences from the seeds (corpora/) and the dev corpus
(../shared/corpus)."""

from __future__ import annotations

import pytest

from extractor.nlp import annotate


def units(text: str) -> dict[str, str]:
    """Resolved unit names in ``text`` → label."""
    doc = annotate(text)
    return {text[s.start_char:s.end_char]: s.label_ for s in doc.spans["units"]}


@pytest.mark.parametrize("sentence, wrong", [
    # one common noun before a generic suffix: a kind of body, not a body
    ("设立邻里中心，有效对接街镇社区学校", "邻里中心"),  # seed 001
    ("服务“邻里中心”建设，持续推动", "邻里中心"),  # seed 001, quoted
    ("组织专家委员会专家评审，形成区域更新方案", "专家委员会"),  # d05
    ("加强与行业协会、院校、科研机构的合作", "行业协会"),  # d04
    ("统筹社区居委会、业委会、物业公司等各方力量", "物业公司"),  # d04
    # a body opening with an adjective describes one to be set up
    ("探索建立高层次咨询委员会与具体执行委员会双层架构", "具体执行委员会"),  # d04
    ("探索建立高层次咨询委员会与具体执行委员会双层架构", "高层次咨询委员会"),  # d04
    # a count, a rank or a determiner before a name makes it a class
    ("（即1所社区学院，1所老年大学，14 个街镇社区学校", "老年大学"),  # seed 001
    ("建高质量高水平一流的区级老年大学作为新办老年大学的办学定位", "老年大学"),  # seed 001
    ("北京建工、庆龙公司、宝武集团三个建筑垃圾处置中心进一步增加产能", "建筑垃圾处置中心"),  # d06
    ("各街道（镇）也要尽快建立相应的学习型城区工作领导机构，全面推进", "学习型城区工作领导机构"),  # seed 002
    # an item of a list of activities or themes
    ("通过筹办艺术节、幸福嘉年华、摄影联盟等大型活动弘扬上海老年学员的精神", "摄影联盟"),  # seed 001
    ("继续开展“农民工基本素质教育”、“女职工周末学校”、“迎世博双语培训”三大主题", "女职工周末学校"),  # seed 002
    # no place name before 街道/镇
    ("科学会堂整体开放，推进雁荡路整体街道更新建设和复", "整体街道"),  # d04
    ("乡村方面，突出城镇绿化空间以及乡村", "城镇"),  # d07
    ("推进本市社区教育示范街镇创建工作进一步", "示范街镇"),  # seed 003
])
def test_classes_are_no_units(sentence: str, wrong: str):
    assert wrong not in units(sentence)


@pytest.mark.parametrize("sentence, name", [
    ("要推广仙霞街道相关的数字化学习方法和学习经验", "仙霞街道"),  # seed 002
    ("1.提篮桥街道办事处负责提篮桥地区的排查", "提篮桥街道办事处"),  # d02
    ("（牵头单位：区绿化市容局，支撑单位：永丰街道、九里亭街道）", "九里亭街道"),  # d01
    ("（牵头单位：区规划资源局，支撑单位：岳阳街道、泗泾镇）", "泗泾镇"),  # d01
    # places sharing one body are written as one name (seed 002)
    ("以华阳、天山、新泾镇社区学校为试点", "华阳、天山、新泾镇社区学校"),
    # a list of activities keeps the units that organise it
    ("区教育局、区文化局牵头开展读书节、艺术节等活动", "区教育局"),
    # a region-prefixed name is one body even after a count
    ("闵行区 2所成人教育培训中心、闵行区老年大学和 14 个街镇社区学校", "闵行区老年大学"),  # seed 000
])
def test_places_and_bodies_are_units(sentence: str, name: str):
    assert units(sentence).get(name) == "ORG"


def test_a_unit_in_a_list_of_places_stands_alone():
    """区经委 is a unit of its own, not a place before 岳阳街道 (d01)."""
    found = units("（牵头单位：区经委、岳阳街道）")
    assert "岳阳街道" in found and not any(n.startswith("经委") for n in found)


def test_a_name_walked_left_does_not_start_inside_another():
    """``依托区历保委专家委员会平台`` (d04): 区历保委 stands, 委专家委员会 is a fragment."""
    found = units("力量支撑作用。依托区历保委专家委员会平台，探索建立")
    assert "区历保委" in found and "委专家委员会" not in found


def test_a_protection_body_keeps_its_verb():
    """保护 occurs inside names: ``区历史风貌保护项目推进领导小组`` (d04) is one body."""
    found = units("及办公室、区历史风貌保护项目推进领导小组及办公室，形成了")
    assert "区历史风貌保护项目推进领导小组" in found


@pytest.mark.parametrize("name", ["浙江省老年电大杭州高新区(滨江)分校", "杭州退休干部（职工）大学滨江教学点"])
def test_a_short_bracket_inside_a_name(name: str):
    """seed 004: a qualifier in brackets inside the body, and a teaching site of a school."""
    found = units("推动老年人群教育服务。浙江老年开放大学滨江学院、浙江省老年电大杭州高新区(滨江)分校、"
                  "杭州退休干部（职工）大学滨江教学点和其他教")
    assert found.get(name) == "ORG"


def test_a_bracket_after_a_name_stays_outside():
    """``区委宣传部（区文明办）、区妇联`` (d06): the bracket holds a second unit."""
    found = units("区委宣传部（区文明办）、区妇联")
    assert "区文明办" in found and "区妇联" in found


def test_a_region_before_a_class_is_a_class():
    """``“上海市街镇社区（老年）学校优质校”`` (seed 001): every street school of the city."""
    assert "上海市街镇社区（老年）学校" not in units("6 个街镇社区学校被评为“上海市街镇社区（老年）学校优质校”。")


def test_a_name_with_its_ownership_is_a_company():
    """``先后与奥特斯（外资）、大金空调上海有限公司（外资）`` (seed 001): no company suffix, but
    the bracketed ownership says 奥特斯 is a company."""
    found = units("“厂内大专班”创新校企合作办学路径，先后与奥特斯（外资）、大金空调上海有限公司（外资）、"
                  "上海爱登堡电梯有限公司（民营）等多家企业")
    assert found.get("奥特斯") == "ORG" and found.get("大金空调上海有限公司") == "ORG"


def test_a_counted_member_of_an_alliance_is_a_unit():
    """``闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇社区学校等成员单位`` (seed 000):
    the count says how many centres are members; a count elsewhere makes a class."""
    assert "成人教育培训中心" in units("由闵行区成人教育协会牵头，闵行区 2所成人教育培训中心、闵行区老年大学和 14个街镇社区学校等成员单位，挖掘")
    assert "成人教育培训中心" not in units("全区共有 2所成人教育培训中心，覆盖各街镇")


def test_a_bare_body_word_as_the_agent_of_you():
    """``作为实事项目由政府主导实施`` (seed 000): 政府 acts; in the slogan ``政府主导、社会协同``
    (seed 000) it does not."""
    assert units("作为实事项目由政府主导实施，").get("政府") == "ORG"
    assert "政府" not in units("基本形成了政府主导、社会协同、民众共同参与的格局")


def test_a_name_before_jiaoyu_is_a_kind_of_education():
    """``办好远程老年大学教育，推动收视点的规范管理工作`` (seed 002)."""
    assert not any(n.endswith("老年大学") for n in units("办好远程老年大学教育，推动收视点的规范管理工作"))


def test_a_direction_word_describes_a_class():
    """``通过搭建东、西部地区社区学院合作平台`` (seed 001): the colleges of a region, no name."""
    assert "西部地区社区学院" not in units("通过搭建东、西部地区社区学院合作平台，继续加强闵行区与辽宁")


def test_a_walk_that_reaches_a_cut_word_finds_no_fragment():
    """``扩大历史风貌保护专家委员会执行委员会和咨询委员会`` (d04): the window before 执行委员会
    starts inside 历史; no name starting at 史 is made."""
    found = units("修缮工艺工匠团队，扩大历史风貌保护专家委员会执行委员会和咨询委员会。")
    assert not any(n.startswith("史") for n in found) and "历史风貌保护专家委员会" in found
