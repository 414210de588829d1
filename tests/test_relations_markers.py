"""Section markers (start, end, several roles, ASCII punctuation) and scope sentences."""

from __future__ import annotations

from conftest import seed
from relations_helpers import corpus, pairs, relations_of, relations_of_file

from extractor.relations.markers import clause_pattern, marker_pattern, marker_units


def test_marker_with_two_roles_and_comma_separator_d01():
    # d01: （牵头单位：区绿化市容局，支撑单位：相关街镇）
    m = marker_pattern().search("7.推进5个“美丽街区”建设。（牵头单位：区绿化市容局，支撑单位：相关街镇）")
    clauses = {c.group(1): [n for n, _ in marker_units(c.group(2))] for c in clause_pattern().finditer(m.group(1))}
    assert clauses == {"牵头单位": ["区绿化市容局"], "支撑单位": ["相关街镇"]}


def test_ascii_marker_with_semicolon_d07():
    text = "(牵头单位：区绿化市容局;配合单位：区规划资源局、区水务局、各街镇、开发区)"
    m = marker_pattern().search(text)
    clauses = {c.group(1): [n for n, _ in marker_units(c.group(2))] for c in clause_pattern().finditer(m.group(1))}
    assert clauses == {"牵头单位": ["区绿化市容局"], "配合单位": ["区规划资源局", "区水务局", "各街镇", "开发区"]}


def test_inline_marker_closes_its_item_d01():
    found = relations_of_file(corpus("d01"))
    item7 = [a for a in found if a.task.startswith("7.推进5个“美丽街区”建设")]
    assert pairs(item7) == {("区绿化市容局", "lead"), ("相关街镇", "cooperate")}
    assert all(a.rule == "section-marker" and "（" not in a.task for a in item7)


def test_section_final_marker_covers_items_not_siblings_seed_002():
    found = relations_of_file(seed("002"))
    lead_one = {a.task.split("\n")[0] for a in found if a.unit_text == "区学习办" and a.section.startswith("一")}
    assert lead_one == {"（一）加强培训管理", "（二）", "（三）讲究培训方法", "（四）注重培训实效"}
    # 三(五)'s marker （牵头单位：区团委） closes 三(五) only: its siblings have their own markers
    tuanwei = {a.section for a in found if a.unit_text == "区团委" and a.rule == "section-marker"}
    assert tuanwei == {"三(五)"}
    # the section preamble of 二(三) is an item of its marker too
    assert any(a.task.startswith("完善调整培训政策") and a.unit_text == "区人力资源与社会保障局" for a in found)


def test_section_initial_marker_opens_its_section():
    # seed 002's lines with the marker written after the heading (a layout other plans use)
    text = ("（二）老年教育要有新拓展\n\n（牵头单位：区老龄委、区老年大学）\n\n"
            "1．进一步理顺体制，要充分发挥区老年教育办公室、区老年大学的引领作用。\n\n"
            "2．以课程为抓手，突出本区老年教育特色，培育老年教育教师队伍。\n\n"
            "（三）职业教育要有新进展\n\n完善调整培训政策，以提高劳动者就业、创业能力为目标。\n")
    found = relations_of(text)
    assert {(a.unit_text, a.task[:2]) for a in found} == {(u, n) for u in ("区老龄委", "区老年大学") for n in ("1．", "2．")}


def test_scope_sentence_makes_collective_obliged_seed_003():
    found = relations_of_file(seed("003"))
    scoped = [a for a in found if a.rule == "scope-sentence"]
    assert {a.unit_text for a in scoped} == {"各创建街镇"}
    assert len(scoped) == 14  # every item of （一）基础性建设工作, none of （二）
    assert all(a.section.startswith("三(一)") for a in scoped)
