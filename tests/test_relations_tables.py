"""Task-division tables: columns by header text, merged and wrapped cells (d06 Annex 1)."""

from __future__ import annotations

from relations_helpers import corpus, relations_of, relations_of_file

from extractor.relations.deadlines import cell_deadline, find_deadline


def test_d06_task_table_rows():
    found = [a for a in relations_of_file(corpus("d06")) if a.rule == "task-table"]
    first = [a for a in found if a.task.startswith("召开全区生活垃圾分类工作动员大会")]
    assert {(a.unit_text, a.role.value, a.deadline) for a in first} == {
        ("区政府办公室", "lead", "2019-03"), ("各联席会议成员单位", "cooperate", "2019-03")}
    # row 2 has no 任务名称 (merged with row 1): its content cell is still the task
    second = {(a.unit_text, a.role.value) for a in found if a.task.startswith("将生活垃圾管理作为生态文明建设")}
    assert second == {("区委组织部（区公务员局）", "lead"), ("区绿化市容局", "cooperate")}
    # a lead cell wrapped over two lines (区绿化市容局、 / 区农业农村委) stays one cell of units
    row9 = {(a.unit_text, a.role.value) for a in found if a.task.startswith("深入开展生活垃圾分类达标")}
    assert ("各街镇（园区）", "lead") in row9 and ("区农业农村委", "cooperate") in row9
    assert len({a.task for a in found}) == 39  # one task per row of the 39-row table


def test_table_cells_are_not_read_as_sentences():
    found = relations_of_file(corpus("d06"))
    assert not any(a.unit_text == "区委" for a in found)


def test_columns_found_by_header_text_not_position():
    # the same columns in another order: 时间节点 before the units
    text = ("序号\n\n任务内容\n\n完成时限\n\n配合部门\n\n牵头部门\n\n"
            "1\n\n召开全区生活垃圾分类工作动员大会。\n\n2019年3月\n\n各联席会议成员单位\n\n区政府办公室\n")
    found = relations_of(text)
    assert {(a.unit_text, a.deadline) for a in found} == {("区政府办公室", "2019-03"), ("各联席会议成员单位", "2019-03")}


def test_deadlines_relative_to_document_year():
    assert find_deadline("第一季度搞好发动，落实项目;第二季度跟踪落实情况", 2010) == "2010-06"
    assert find_deadline("第二阶段——落实分工（2013 年 3 月-4 月）", None) == "2013-04"
    assert find_deadline("年内要确定新一轮实验项目名单", 2010) == "2010-12"
    assert find_deadline("力争 2025 年闵行区终身教育学习点数量新增 20 个", 2022) == "2025"
    assert find_deadline("到2025年实现新增5个市级终身学习品牌项目", 2022) == "2025"
    assert find_deadline("以2009年学习型机关创建单位为主体", 2010) is None
    assert cell_deadline("2019年", 2019) == "2019" and cell_deadline("长期", 2019) == "长期"
