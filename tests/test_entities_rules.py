"""Unit-name rules that replaced seed-only gazetteer rows, each on real sentences from the
seeds (corpora/) and the dev corpus (../shared/corpus)."""

from __future__ import annotations

import pytest

from extractor.nlp import annotate, learned_aliases
from extractor.unit_grammar import is_slogan, is_unit_name, slogan_spans
from extractor.units import canonical_unit

from conftest import CORPORA


def units(text: str) -> dict[str, str]:
    """Resolved unit names in ``text`` → label."""
    doc = annotate(text)
    return {text[s.start_char:s.end_char]: s.label_ for s in doc.spans["units"]}


def seed_text(prefix: str) -> str:
    return "".join(next(CORPORA.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("sentence, name, label", [
    # seed 001: a company with its region inside the name (no seed row: the firm suffix rule)
    ("先后与奥特斯（外资）、大金空调上海有限公司（外资）、上海爱登堡电梯有限公司签约", "大金空调上海有限公司", "ORG"),
    # seed 001: a broadcaster by its suffix, a newspaper by its masthead in 《》
    ("《文汇报》、中国中央电视台、上海教育电视台等媒体", "上海教育电视台", "ORG"),
    ("《文汇报》、中国中央电视台、上海教育电视台等媒体", "文汇报", "ORG"),
    ("依托机关青年网和《长宁时报》、《长宁教育》", "长宁时报", "ORG"),  # seed 002
    # seed 001: a relative prefix before a quoted short name keeps prefix and quotes
    ("在区“学促委”的领导下,闵行全面开展学习型组织创建活动", "区“学促委”", "ORG"),
    # seed 000: quoted short names of a committee and its office
    ("“学促委”下设“学促办”具体负责学习型社区建设的整体推进工作。", "学促办", "ORG"),
    # seed 004: one body of two tiers
    ("内部各级社区教育学校资源由区、街道两级学习圈建设领导机构负责整合。", "区、街道两级学习圈建设领导机构", "ORG"),
    # collectives without gazetteer rows: the region's related bodies, two classes joined by 和,
    # the units of a campaign, the ones with the means
    ("对接市相关部门，落实全区领导机构", "市相关部门", "COLLECTIVE"),  # seed 002
    ("工作小组要指导、督促相关单位和学校积极参与街道示范学习", "相关单位和学校", "COLLECTIVE"),  # seed 004
    ("要求创建街镇聚焦重点创建工作，认真做好创建工作规划和计划。", "创建街镇", "COLLECTIVE"),  # seed 003
    ("提高资源的利用率，鼓励有条件的街道建设文教综合体", "有条件的街道", "COLLECTIVE"),  # seed 004
    ("区属事业单位要积极参与", "区属事业单位", "COLLECTIVE"),  # seed 002
    # bare types of which a district has many are classes of units
    ("为全区14所镇（街道）、工业区的社区学校及居民区办学点提供服务", "社区学校", "COLLECTIVE"),  # seed 000
])
def test_general_rules_find_units(sentence: str, name: str, label: str):
    assert units(sentence).get(name) == label


@pytest.mark.parametrize("sentence, wrong", [
    ("先后与奥特斯（外资）、大金空调上海有限公司（外资）", "上海有限公司"),  # a fragment of a company
    ("整合各类资源，新建区级老年大学1所", "新建区级老年大学"),  # 新建 "newly built", not 南昌市新建区
    ("按省示范社区学校的要求，高标准建设好街道社区学校", "省示范社区学校"),  # a rank (seed 004)
    ("提升综合素养提高的终身学习支持服务中心。", "服务中心"),  # a body naming only an activity (seed 001)
    ("创建工作计划，创建工作领导小组协调机构或联席会议", "工作领导小组"),  # seed 003
    ("适时出台《长宁区社区学校教学点规范化建设管理办法》", "长宁区社区学校"),  # inside a title (seed 002)
    ("推进“一网通办”改革", "一网通办"),  # a quoted slogan, not a short name
    ("闵行作为重要的制造业基地、上海科创中心南部核心区", "上海科创中心"),  # a city's role (seed 001)
    ("提高资源的利用率，鼓励有条件的街道建设文教综合体", "有条件的街道建设"),
])
def test_no_fragments_ranks_or_titles(sentence: str, wrong: str):
    assert wrong not in units(sentence)


def test_issuers_inside_a_title_are_units():
    """The issuers before 关于 in a cited title are units (seed 004); its subject is not."""
    found = units("根据《中共杭州市委、杭州市人民政府关于推进学习型城市建设的若干意见》精神")
    assert "中共杭州市委" in found and "杭州市人民政府" in found


@pytest.mark.parametrize("sentence, slogan", [
    ("建立健全政府主导、教育牵头、部门分工、社会参与的工作机制。", "政府主导、教育牵头、部门分工、社会参与"),  # seed 004
    ("基本形成了政府主导、社会协同、民众共同参与推动学习型社会建设的大格局。", "政府主导、社会协同"),  # seed 000
])
def test_slogans_are_a_rule_not_a_list(sentence: str, slogan: str):
    assert [sentence[a:b] for a, b in slogan_spans(sentence)] == [slogan]
    assert not any(name.startswith("政府") for name in units(sentence))
    assert is_slogan("政府主导") and not is_unit_name("政府主导")


def test_a_list_of_units_is_no_slogan():
    assert slogan_spans("由区教委牵头、区财政局配合，做好经费保障") == []
    assert slogan_spans("（牵头单位：区学习办、区社区学院）") == []


def test_office_short_name_is_learned_from_the_committee_one():
    text = seed_text("000")
    learned = learned_aliases(text)
    assert learned["学促委"] == "闵行区学习型社会建设与终身教育促进委员会"
    assert learned["学促办"] == "闵行区学习型社会建设与终身教育促进委员会办公室"
    assert canonical_unit("学促办", "上海市闵行区", learned) == "闵行区学习型社会建设与终身教育促进委员会办公室"


def test_quoted_relative_short_name_canonical():
    assert canonical_unit("区“学促委”", "上海市闵行区") == canonical_unit("区学促委", "上海市闵行区") \
        == "闵行区学习型社会建设与终身教育促进委员会"


def test_whole_district_collective_is_the_district_one():
    assert canonical_unit("全区各街道", "上海市长宁区") == canonical_unit("各街道", "上海市长宁区") == "长宁区各街道"


@pytest.mark.parametrize("name, ok", [
    ("社区教育工作领导机构", True), ("区内各级社区教育学校资源由区社区学院", False),
    ("各区县教育局", True), ("主要负责人", False), ("教育牵头", False), ("区人社局", True),
])
def test_single_unit_name_predicate(name: str, ok: bool):
    assert is_unit_name(name) is ok


def test_two_character_office_is_not_learned():
    """区委 → 区办 would match inside 社区办学: an office short form needs three characters."""
    text = "中共上海市闵行区委员会（简称区委）要求各社区办学点做好工作。"
    assert "区办" not in learned_aliases(text)
