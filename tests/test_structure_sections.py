"""Section trees of the seeds and the dev corpus: paths, levels, parts, header lines excluded."""

from __future__ import annotations

import pytest

from structure_fixtures import corpus_path, seed_path, structured


def labels(prefix: str, corpus: bool = False) -> dict[str, object]:
    _, st = structured(corpus_path(prefix) if corpus else seed_path(prefix))
    return {s.label: s for s in st.sections}


def test_seed_002_paths_and_levels():
    secs = labels("002")
    assert secs["二(一)3"].heading == "深化社区学校内涵拓展"
    assert secs["二(一)3"].level == 3 and secs["二(一)3"].path == ("二", "(一)", "3")
    assert secs["四(三)4"].heading == "完善各环节制度建设"
    # ``（二）`` alone on its line takes the next line as its heading
    assert secs["一(二)"].heading == "明确培训任务"


def test_seed_004_markdown_header_is_not_a_section():
    """``# 杭州市滨江区人民政府文件`` and the ``##`` title are the header, not level-1 sections;
    the numbers decide the levels although the ``#`` counts disagree (### 三、 / #### 四、)."""
    secs = labels("004")
    assert "三(一)" in secs and secs["三(一)"].level == 2
    assert secs["四"].level == 1 and secs["四(五)"].heading == "加大宣传"
    assert not any("文件" in s.path[0] or "关于" in s.path[0] for s in secs.values())
    assert min(s.level for s in secs.values()) == 1


def test_seed_004_last_section_stops_before_signature():
    doc, st = structured(seed_path("004"))
    last = labels("004")["四(五)"]
    body = doc.text[last.start:last.end]
    assert "自2017年4月15日起施行" in body
    assert "抄送" not in body and "印发" not in body


def test_seed_001_plan_is_a_part_of_its_notice():
    doc, st = structured(seed_path("001"))
    assert [p.title for p in st.parts] == ["闵行区终身教育改革与发展“十四五”规划"]
    plan = st.parts[0]
    # the notice comes first; the plan's tree starts fresh at its title
    assert doc.text.index("关于印发") < plan.start
    first = st.sections[0]
    assert first.path == ("一",) and first.start > plan.title_end
    assert all(s.part == plan.title for s in st.sections)
    assert labels("001")["四(一)1"].heading == "完善终身教育五大联盟合作机制"
    # a run-in heading ends at its full stop: ``1. 课程建设凸显区域特色。立足区域特色…``
    assert labels("001")["一(四)1"].heading == "课程建设凸显区域特色"


def test_seed_003_four_levels():
    secs = labels("003")
    assert secs["三(一)2(3)"].heading == "档案建设与统计制度"
    assert secs["三(一)2(3)"].level == 4
    assert secs["三(二)10"].heading == "记录认定成果，创新激励机制"


def test_corpus_parts_restart_the_tree():
    """d07: the notice wraps the 实施意见, which carries 附件1…8; each part has its own tree."""
    _, st = structured(corpus_path("d07"))
    titles = [p.title for p in st.parts]
    assert titles[0] == "关于加快推进本区公园城市建设实施意见"
    assert titles[1:3] == ["郊野公园建设项目表", "公园绿地重点建设计划表"]
    assert [p.number for p in st.parts[1:]] == [str(i) for i in range(1, 9)]
    opinion = [s for s in st.sections if s.part == titles[0]]
    assert opinion[0].label == "一" and any(s.label == "一(一)" for s in opinion)


def test_corpus_articles_and_run_in_unit_headings():
    d03 = labels("d03", corpus=True)
    assert d03["第一章"].heading == "总则"
    assert d03["第一章第四条"].level == 2
    # ㈠㈡㈢ read as （一）（二）（三）
    assert "第五章第二十八条(三)" in d03
    d02 = labels("d02", corpus=True)
    # ``（一）区房管局。负责…`` — the unit is the run-in heading
    assert d02["四(一)"].heading == "区房管局"
    assert d02["四(五)2"].path == ("四", "(五)", "2")


@pytest.mark.parametrize("prefix", ["d01", "d02", "d04", "d05", "d06", "d07"])
def test_front_matter_is_never_a_section_or_paragraph(prefix):
    doc, st = structured(corpus_path(prefix))
    assert not any("标题:" in s.heading or "本文正文由脚本" in s.heading for s in st.sections)
    assert not any("本文正文由脚本" in doc.text[p.start:p.end] for p in st.paragraphs)


def test_bold_only_line_is_an_unnumbered_heading():
    """A converter's ``**工作要求**`` line is a heading; a bold run-in phrase is not."""
    from extractor.models import RawDocument
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    source = ("关于做好社区教育工作的通知\n\n**工作要求**\n\n一、加强领导\n\n各街镇要加强领导。\n\n"
              "1. **课程建设凸显区域特色。**立足区域特色，持续开发核心课程。\n")
    st = parse_structure(normalize(RawDocument(path="x.md", doc_id="x", format="md", text=source)))
    assert [(s.label, s.style) for s in st.sections] == [
        ("工作要求", "bold"), ("工作要求一", "cn-dun"), ("工作要求一1", "arabic-dot")]
    assert st.sections[2].heading == "课程建设凸显区域特色"


def test_region_from_doc_number_prefix_when_nothing_else_names_it():
    from extractor.structure import region_of_doc_number

    assert region_of_doc_number("沪松府办〔2025〕31号") == "上海市松江区"
    assert region_of_doc_number("浙教职成〔2016〕117号") == "浙江省"
    assert region_of_doc_number("长学办〔2010〕03号") is None  # 长 is ambiguous
