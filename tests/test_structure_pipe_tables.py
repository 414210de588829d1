"""Markdown pipe tables (issue #4): read by the structure stage into ``Structure.tables``.

The task rows are in the style of a 工作任务分解表 (序号/工作任务/牵头单位/配合单位/完成时限);
the indicator rows are seed 001's indicator table
(``序号	指标	单位	增长值（到 2025 年）`` / ``1	终身教育在线学习资源	个	100``) written as markdown.
"""

from __future__ import annotations

from extractor.models import Table
from extractor.pipeline import extract_file
from extractor.tables import find_tables, pipe_tables
from extractor.textlines import lines_of

TASKS = """# 2025年工作任务分解表

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 完善社区学校建设标准，推进标准化建设 | 区教育局 | 各街镇 | 2025年6月 |
| 2 | 开展老年教育课程资源建设 | 区社区学院 | 区民政局、区文旅局 | 2025年底 |
"""

INDICATORS = """# 主要发展指标

| 序号 | 指标 | 单位 | 2025年目标值 |
|:---:|---|:---:|---:|
| 1 | 终身教育在线学习资源 | 个 | 100 |
| 2 | 家庭教育指导师 | 名 | 50 |
| 3 | 终身学习人文行走站点 | 个 | 10 |
"""


def tables_of(text: str) -> list[Table]:
    return pipe_tables(text, lines_of(text))


def test_header_and_rows_with_cell_spans():
    [table] = tables_of(TASKS)
    assert table.header == ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    assert [[c.text for c in row] for row in table.body] == [
        ["1", "完善社区学校建设标准，推进标准化建设", "区教育局", "各街镇", "2025年6月"],
        ["2", "开展老年教育课程资源建设", "区社区学院", "区民政局、区文旅局", "2025年底"]]
    for row in table.rows:
        for cell in row:
            assert TASKS[cell.start:cell.end] == cell.text
    assert TASKS[table.start:table.end].startswith("| 序号")
    assert TASKS[table.start:table.end].endswith("| 2025年底 |")


def test_delimiter_row_is_required():
    no_delimiter = "| 序号 | 工作任务 | 牵头单位 |\n| 1 | 开展老年教育课程资源建设 | 区社区学院 |\n"
    assert tables_of(no_delimiter) == []
    # a delimiter row with fewer cells than the header is no delimiter for it
    assert tables_of("| 序号 | 工作任务 | 牵头单位 |\n|---|---|\n| 1 | 开展 | 区社区学院 |\n") == []


def test_a_single_pipe_line_is_not_a_table():
    assert tables_of("| 区教育局 |\n") == []
    assert tables_of("|\n") == []
    assert tables_of("各街镇要按照 | 牵头单位的要求落实。\n") == []


def test_blank_line_ends_the_table_and_alignment_colons_are_delimiters():
    text = INDICATORS + "\n| 不是 | 表格行 |\n"
    [table] = tables_of(text)
    assert len(table.body) == 3
    assert text[table.end:].strip() == "| 不是 | 表格行 |"


def test_escaped_pipe_stays_in_its_cell():
    text = "| 序号 | 牵头单位 |\n| --- | --- |\n| 1 | 区教育局\\|区民政局 |\n"
    [table] = tables_of(text)
    cell = table.body[0][1]
    assert cell.text == "区教育局\\|区民政局"
    assert text[cell.start:cell.end] == cell.text


def test_no_second_table_for_a_pipe_table_with_tabs():
    text = "| 序号\t| 指标 | 单位 |\n|---|---|---|\n| 1\t| 家庭教育指导师 | 名 |\n"
    lines = lines_of(text)
    tables = find_tables(text, lines)
    assert len(tables) == 1
    assert tables[0].header == ["序号", "指标", "单位"]


def test_markdown_task_table_gives_assignments(tmp_path):
    path = tmp_path / "tasks.md"
    path.write_text(TASKS, encoding="utf-8")
    result = extract_file(path)
    assert len(result.structure.tables) == 1
    assert [s.heading for s in result.structure.sections] == ["2025年工作任务分解表"]
    found = {(a.task, a.unit_text, a.role.value, a.deadline) for a in result.assignments}
    assert found == {
        ("完善社区学校建设标准，推进标准化建设", "区教育局", "lead", "2025-06"),
        ("完善社区学校建设标准，推进标准化建设", "各街镇", "cooperate", "2025-06"),
        ("开展老年教育课程资源建设", "区社区学院", "lead", "2025-12"),
        ("开展老年教育课程资源建设", "区民政局", "cooperate", "2025-12"),
        ("开展老年教育课程资源建设", "区文旅局", "cooperate", "2025-12")}


def test_markdown_indicator_table_gives_targets(tmp_path):
    path = tmp_path / "indicators.md"
    path.write_text(INDICATORS, encoding="utf-8")
    result = extract_file(path)
    found = {(t.indicator, t.value, t.unit_text, t.deadline) for t in result.targets}
    assert found == {("终身教育在线学习资源", 100.0, "个", "2025"),
                     ("家庭教育指导师", 50.0, "名", "2025"),
                     ("终身学习人文行走站点", 10.0, "个", "2025")}
