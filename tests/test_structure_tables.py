"""Tables in the text rebuilt into the Table model with cell offsets."""

from __future__ import annotations

from structure_fixtures import corpus_path, seed_path, structured


def test_seed_001_tsv_indicator_table():
    doc, st = structured(seed_path("001"))
    table = next(t for t in st.tables if t.header and t.header[0] == "序号")
    assert table.header == ["序号", "指标", "单位", "增长值（到 2025 年）"]
    assert len(table.body) == 10  # rows 1–10, a page break's blank line between 3 and 4
    row = table.body[1]
    assert [c.text for c in row] == ["2", "家庭教育指导师", "名", "50"]
    for cell in row:  # every cell points at its words in the normalised text
        assert doc.text[cell.start:cell.end] == cell.text
    assert table.section_path == ("三", "(三)", "2")  # 具体指标


def test_flattened_table_carries_merged_cells():
    """d04 annex 1: the 类型 cell appears only on the first row of its group."""
    doc, st = structured(corpus_path("d04"))
    table = next(t for t in st.tables if "指标名称" in t.header)
    assert table.header == ["序号", "类型", "指标名称", "指标单位", "2025年目标值", "属性"]
    assert all(len(r) == 6 for r in table.body)
    row4 = [c.text for c in table.body[3]]
    assert row4 == ["4", "红色文化", "“建筑可阅读”线下走读线路数", "条", "5", "预期性"]
    assert table.body[2][1].row_span == 2  # 红色文化 spans rows 3 and 4
    # a value equal to the next serial number (row 3's ``4``) does not start a row
    assert [c.text for c in table.body[2]][4] == "4"
    assert [c.text for c in table.body[-1]] == ["11", "多元参与", "新增文物保护员", "人", ">50", "预期性"]


def test_flattened_task_table_joins_split_unit_cells():
    """d06 annex 1: ``区绿化市容局、`` / ``区农业农村委`` is one 配合部门 cell."""
    doc, st = structured(corpus_path("d06"))
    table = next(t for t in st.tables if "牵头部门" in t.header)
    assert table.header == ["序号", "任务名称", "任务内容", "牵头部门", "配合部门", "时间节点"]
    row9 = table.body[8]
    assert row9[4].text == "区绿化市容局、区农业农村委"
    assert doc.text[row9[4].start:row9[4].end].replace("\n", "") == "区绿化市容局、区农业农村委"
    assert row9[1].text == "推进全面覆盖"


def test_total_row_ends_table_at_next_attachment():
    _, st = structured(corpus_path("d07"))
    first = next(t for t in st.tables if t.header[:2] == ["序号", "项目名称"])
    assert [c.text for c in first.body[-1]] == ["合计", "928"]


def test_seed_003_form_table_rows_and_spans():
    """The converter's HTML form: trailing tabs dropped by the normaliser, a leading tab
    for a cell spanning down from the row above."""
    _, st = structured(seed_path("003"))
    form = next(t for t in st.tables if t.rows[0][0].text.startswith("街道（乡镇）"))
    assert form.header_rows == 0  # a form, not a table with column labels
    assert [c.text for c in form.rows[0]][0] == "街道（乡镇） 名称"
    assert [c.text for c in form.rows[2]][:2] == ["街道（乡镇） 负责人", "联系电话"]
    assert form.rows[1][0].row_span == 2
    assert form.rows[-1][0].text == "上海市教育委员会意见"
