"""Merged table cells (HTML rowspan/colspan, Word vMerge/gridSpan) and pipe tables without
outer pipes or with full-width ``｜``: every row gets the cells that cover it.

Task rows are d06's 工作任务清单 (宝山区生活垃圾分类, ../shared/corpus) with one 牵头部门
cell merged over three rows, as task-division tables are often typeset.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.ingest import read_document
from extractor.pipeline import extract_file
from extractor.readers.grid import RawCell, expand_spans, filled_rows, grid_table
from extractor.tables import pipe_tables
from extractor.textlines import lines_of

TASKS = [
    ("1", "召开全区生活垃圾分类工作动员大会。建立区生活垃圾分类减量联席会议制度、建立联络员网络。", "各联席会议成员单位", "2019年3月"),
    ("2", "将生活垃圾管理作为生态文明建设和城市精细化管理的重要内容，纳入专项督查和绩效评价指标体系。", "区绿化市容局", "2019年"),
    ("3", "建立健全“两级政府、三级管理、四级落实”的生活垃圾分类责任体系，落实属地政府、区域管理职责。", "各街镇（园区）", "2019年6月"),
]
HEADER = ("序号", "任务内容", "牵头部门", "配合部门", "时间节点")
LEAD = "区政府办公室"
TITLE = "2019年宝山区生活垃圾分类减量推进工作联席会议成员单位工作任务清单"


def lead_rows(result) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in result.assignments:
        if a.role.value == "lead":
            out.setdefault(a.unit_text, set()).add(a.task[:6])
    return out


def cooperating(result) -> set[tuple[str, str]]:
    return {(a.task[:6], a.unit_text) for a in result.assignments if a.role.value == "cooperate"}


EXPECTED_COOPERATE = {(TASKS[0][1][:6], "各联席会议成员单位"), (TASKS[1][1][:6], "区绿化市容局"),
                      (TASKS[2][1][:6], "各街镇（园区）")}


def test_expand_spans_fills_every_covered_position():
    rows = [[RawCell("a"), RawCell("L", row_span=3), RawCell("b")],
            [RawCell("c"), RawCell("d")],
            [RawCell("e", col_span=1), RawCell("f")],
            [RawCell("wide", col_span=2), RawCell("g")]]
    grid = expand_spans(rows)
    assert [[s.cell.text for s in row] for row in grid] == [
        ["a", "L", "b"], ["c", "L", "d"], ["e", "L", "f"], ["wide", "wide", "g"]]
    text, table = grid_table(grid, 10)
    assert text == "a\tL\tb\nc\t\td\ne\t\tf\nwide\t\tg\n"  # a merged cell's text is written once
    for row in table.rows:
        for cell in row:
            assert text[cell.start - 10:cell.end - 10] == cell.text
    assert table.rows[2][1].row_span == 3 and table.rows[3][1].col_span == 2


def test_span_past_the_last_row_and_empty_rows():
    grid = filled_rows(expand_spans([[RawCell("x", row_span=5), RawCell("y")], [], [RawCell("z")]]))
    assert [[s.cell.text for s in row] for row in grid] == [["x", "y"], ["x"], ["x", "z"]]


def html_table() -> str:
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    body = []
    for i, (no, task, coop, when) in enumerate(TASKS):
        lead = f'<td rowspan="{len(TASKS)}">{LEAD}</td>' if i == 0 else ""
        body.append(f"<tr><td>{no}</td><td>{task}</td>{lead}<td>{coop}</td><td>{when}</td></tr>")
    return (f'<html><head><meta charset="utf-8"></head><body><h1>{TITLE}</h1>'
            f"<table><tr>{head}</tr>{''.join(body)}</table></body></html>")


def test_html_rowspan_lead_unit_applies_to_every_row(tmp_path: Path):
    path = tmp_path / "tasks.html"
    path.write_text(html_table(), encoding="utf-8")
    result = extract_file(path)
    table = result.document.tables[0]
    assert [row[2].text for row in table.body] == [LEAD] * 3
    assert [row[3].text for row in table.body] == [t[2] for t in TASKS]  # columns stay aligned
    assert lead_rows(result) == {LEAD: {t[1][:6] for t in TASKS}}
    assert cooperating(result) == EXPECTED_COOPERATE
    assert result.document.text.count(LEAD) == 1  # not repeated in the text


def test_html_colspan_keeps_columns_aligned(tmp_path: Path):
    markup = ('<html><body><table><tr><th>序号</th><th>任务内容</th><th colspan="2">责任部门</th></tr>'
              f"<tr><td>1</td><td>{TASKS[0][1]}</td><td>{LEAD}</td><td>{TASKS[0][2]}</td></tr></table></body></html>")
    path = tmp_path / "colspan.html"
    path.write_text(markup, encoding="utf-8")
    [table] = read_document(path).tables
    assert [c.text for c in table.rows[0]] == ["序号", "任务内容", "责任部门", "责任部门"]
    assert len(table.rows[1]) == 4


@pytest.fixture
def docx_tasks(tmp_path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading(TITLE, level=1)
    t = d.add_table(rows=len(TASKS) + 1, cols=len(HEADER))
    for j, h in enumerate(HEADER):
        t.cell(0, j).text = h
    for i, (no, task, coop, when) in enumerate(TASKS, start=1):
        for j, value in ((0, no), (1, task), (3, coop), (4, when)):
            t.cell(i, j).text = value
    merged = t.cell(1, 2).merge(t.cell(len(TASKS), 2))
    merged.text = LEAD
    path = tmp_path / "tasks.docx"
    d.save(path)
    return path


def test_docx_vertically_merged_lead_unit_applies_to_every_row(docx_tasks: Path):
    result = extract_file(docx_tasks)
    table = result.document.tables[0]
    assert [row[2].text for row in table.body] == [LEAD] * 3 and table.body[0][2].row_span == 3
    assert [row[3].text for row in table.body] == [t[2] for t in TASKS]
    assert lead_rows(result) == {LEAD: {t[1][:6] for t in TASKS}}
    assert cooperating(result) == EXPECTED_COOPERATE


def test_docx_horizontal_merge_keeps_columns_aligned(tmp_path: Path):
    import docx

    d = docx.Document()
    t = d.add_table(rows=2, cols=4)
    for j, h in enumerate(("序号", "任务内容", "牵头部门", "配合部门")):
        t.cell(0, j).text = h
    t.cell(1, 0).text = "1"
    t.cell(1, 1).merge(t.cell(1, 2)).text = TASKS[0][1]
    t.cell(1, 3).text = TASKS[0][2]
    path = tmp_path / "wide.docx"
    d.save(path)
    [table] = read_document(path).tables
    assert [c.text for c in table.rows[1]] == ["1", TASKS[0][1], TASKS[0][1], TASKS[0][2]]


PIPE_ROWS = [(no, task, LEAD, coop, when) for no, task, coop, when in TASKS]


def pipe_text(sep: str, outer: bool, dash: str = "---") -> str:
    def row(cells) -> str:
        inner = f" {sep} ".join(cells)
        return f"{sep} {inner} {sep}" if outer else inner
    lines = [row(HEADER), row([dash] * len(HEADER))] + [row(r) for r in PIPE_ROWS]
    return f"{TITLE}\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("sep,outer,dash", [("|", False, "---"), ("｜", True, "－－－"), ("｜", False, "---"),
                                            ("|", True, ":---:")])
def test_pipe_tables_without_outer_pipes_or_with_full_width_pipes(tmp_path: Path, sep: str, outer: bool, dash: str):
    text = pipe_text(sep, outer, dash)
    [table] = pipe_tables(text, lines_of(text))
    assert table.header == list(HEADER)
    assert [[c.text for c in row] for row in table.body] == [list(r) for r in PIPE_ROWS]
    for row in table.rows:
        for cell in row:
            assert text[cell.start:cell.end] == cell.text
    path = tmp_path / "tasks.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_file(path)  # the wrap joiner leaves the rows apart; the relations read them
    assert lead_rows(result) == {LEAD: {t[1][:6] for t in TASKS}}
    assert cooperating(result) == EXPECTED_COOPERATE


def test_prose_with_a_pipe_and_no_delimiter_row_is_no_table():
    text = "各街镇要按照 | 牵头单位的要求落实。\n区教育局 | 区民政局\n"
    assert pipe_tables(text, lines_of(text)) == []
    text = "任务 | 单位\n---|\n"  # a delimiter needs one cell per header cell
    assert pipe_tables(text, lines_of(text)) == []


def test_html_table_is_in_structure_once_with_its_merged_cells(tmp_path):
    """The reader's table (rowspan expanded) is kept; the tab-separated copy in the text is not a second table."""
    from extractor.pipeline import extract_file

    page = tmp_path / "division.html"
    page.write_text(
        "<html><body><h1>任务分工</h1><table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr>"
        "<tr><td>1</td><td>建立健全社区教育工作制度</td><td rowspan=\"2\">区教育局</td></tr>"
        "<tr><td>2</td><td>完善终身学习推进机制</td></tr></table></body></html>",
        encoding="utf-8",
    )
    result = extract_file(page)
    assert len(result.structure.tables) == 1
    assert result.structure.tables[0].section_path == ("任务分工",)
    owners = sorted((a.unit, a.role) for a in result.assignments)
    assert owners == [("区教育局", "lead"), ("区教育局", "lead")]
