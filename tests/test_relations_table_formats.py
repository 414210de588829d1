"""Task-division tables from every format: read from ``Structure.tables``, columns by header text.

The rows are in the style of d06 Annex 1 (序号/任务内容/牵头部门/配合部门/时间节点); the
files are generated so that each reader (DOCX, HTML, TSV text) and the header variants
(主要任务, 协办单位, 完成时限, 责任单位) are covered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from relations_helpers import normalized, relations_of

from extractor.ingest import read_document
from extractor.normalize import normalize
from extractor.relations import find_assignments
from extractor.relations.tables import column_kind, task_tables
from extractor.structure import parse_structure

ROWS = [["1", "召开全区生活垃圾分类工作动员大会", "区政府办公室", "各联席会议成员单位", "2019年3月"],
        ["2", "建设街镇社区学校标准化学习点", "各街镇", "区教育局", "2019年12月"],
        ["3", "开展垃圾分类宣传进社区活动", "区绿化市容局", "区委宣传部、区民政局", "2019年"]]

EXPECTED = {("召开全区生活垃圾分类工作动员大会", "区政府办公室", "lead", "2019-03"),
            ("召开全区生活垃圾分类工作动员大会", "各联席会议成员单位", "cooperate", "2019-03"),
            ("建设街镇社区学校标准化学习点", "各街镇", "lead", "2019-12"),
            ("建设街镇社区学校标准化学习点", "区教育局", "cooperate", "2019-12"),
            ("开展垃圾分类宣传进社区活动", "区绿化市容局", "lead", "2019"),
            ("开展垃圾分类宣传进社区活动", "区委宣传部", "cooperate", "2019"),
            ("开展垃圾分类宣传进社区活动", "区民政局", "cooperate", "2019")}


def rows_of(path: Path) -> set[tuple[str, str, str, str | None]]:
    doc = normalize(read_document(path))
    return {(a.task, a.unit_text, a.role.value, a.deadline)
            for a in find_assignments(doc, parse_structure(doc), []) if a.rule == "task-table"}


def test_docx_table_with_a_merged_lead_cell(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("宝山区生活垃圾分类任务分工")
    table = d.add_table(rows=len(ROWS) + 1, cols=5)
    for i, row in enumerate([["序号", "主要任务", "牵头单位", "协办单位", "完成时限"]] + ROWS):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    path = tmp_path / "tasks.docx"
    d.save(path)
    assert rows_of(path) == EXPECTED
    # a lead cell merged over rows 2 and 3 leads both tasks
    merged = table.cell(2, 2).merge(table.cell(3, 2))
    merged.text = "区绿化市容局"
    d.save(path)
    found = rows_of(path)
    assert ("建设街镇社区学校标准化学习点", "区绿化市容局", "lead", "2019-12") in found
    assert ("开展垃圾分类宣传进社区活动", "区绿化市容局", "lead", "2019") in found


def test_html_table_columns_by_header_text(tmp_path):
    # 时间节点 before the unit columns, 责任单位 instead of 牵头单位
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in (r[0], r[4], r[1], r[2], r[3])) + "</tr>" for r in ROWS)
    path = tmp_path / "tasks.html"
    path.write_text("<html><body><h1>任务分工</h1><table><tr><th>序号</th><th>时间节点</th><th>工作任务</th>"
                    f"<th>责任单位</th><th>配合单位</th></tr>{cells}</table></body></html>", encoding="utf-8")
    expected = {(t, u, "responsible" if r == "lead" else r, d) for t, u, r, d in EXPECTED}
    assert rows_of(path) == expected


def test_tsv_text_table():
    text = "关于垃圾分类的任务分工\n\n" + "\n".join("\t".join(r) for r in [["序号", "任务内容", "牵头部门", "配合部门", "完成时限"]] + ROWS)
    found = {(a.task, a.unit_text, a.role.value, a.deadline) for a in relations_of(text) if a.rule == "task-table"}
    assert found == EXPECTED


def test_markdown_table_from_structure_tables():
    head = "| 序号 | 工作任务 | 牵头单位（部门） | 责任单位 | 完成时限（年月） |\n| --- | --- | --- | --- | --- |\n"
    text = "# 任务分工\n\n" + head + "".join("| " + " | ".join(r) + " |\n" for r in ROWS)
    doc = normalized(text, "tasks.md")
    structure = parse_structure(doc)
    assert len(structure.tables) == 1  # tables.pipe_tables reads the markdown table
    found = {(a.task, a.unit_text, a.role.value, a.deadline)
             for a in find_assignments(doc, structure, []) if a.rule == "task-table"}
    assert found == {(t, u, "responsible" if r == "cooperate" else r, d) for t, u, r, d in EXPECTED}


def test_header_cells_with_qualifiers_and_markup():
    assert column_kind("牵头单位（部门）") == "lead"
    assert column_kind("**完成时限**") == "deadline"
    assert column_kind("完成 时限") == "deadline"
    assert column_kind("协办单位") == "cooperate"
    assert column_kind("各街镇要按照牵头单位的要求认真落实本方案的各项任务") is None


def test_a_table_without_a_role_column_is_no_task_table():
    # d04 Annex 2: 序号/主要领域/重点任务或项目 has no unit column
    doc = normalized("序号\t主要领域\t重点任务\n1\t保护传承\t推进外滩“第二立面”置换改造\n")
    assert task_tables(parse_structure(doc)) == []
