"""Citations: 《title》 and 文号 joined, issuers before titles, non-documents left out."""

from __future__ import annotations

from extractor.citations import find_citations
from structure_fixtures import seed_path, structured


def test_seed_004_title_number_and_issuer_joined():
    _, st = structured(seed_path("004"))
    cited = {(c.doc_number, c.title, c.issuer) for c in st.meta.cited}
    assert ("教职成〔2016〕4号", "关于进一步推进社区教育发展的意见", "教育部等九部门") in cited
    assert ("浙教职成〔2016〕117号", "关于推进学习型城市建设的实施意见", "浙江省教育厅等七部门") in cited
    assert not any(c.doc_number == "滨政〔2017〕12号" for c in st.meta.cited)  # its own number


def test_seed_003_square_bracket_number_canonicalised():
    _, st = structured(seed_path("003"))
    assert [(c.doc_number, c.title, c.issuer) for c in st.meta.cited] == [
        ("教职成〔2004〕16号", "关于推进社区教育工作的若干意见", "教育部")]


def test_media_and_collections_are_not_documents():
    text = "在《文汇报》上刊登；继续办好《学在长宁》简讯；组织好《长宁区学习型城区建设理论与实践研究（2009）》文集的发行。"
    assert find_citations(text) == []  # seed 002 / seed 001 sentences


def test_abbreviation_is_not_a_second_citation():
    text = "为全面贯彻落实《上海市生活垃圾管理条例》（以下简称《条例》），贯彻《条例》推进全程分类。"  # d06
    assert [c.title for c in find_citations(text)] == ["上海市生活垃圾管理条例"]


def test_bare_number_is_a_citation():
    text = "按照沪府办〔2019〕5号文件要求"
    cites = find_citations(text)
    assert [(c.doc_number, c.evidence) for c in cites] == [("沪府办〔2019〕5号", "沪府办〔2019〕5号")]
    assert text[cites[0].start:cites[0].end] == cites[0].evidence


def test_issuer_before_issuing_verb():
    """Seed 001: ``上海市委、市政府发布《…》``, ``国务院办公厅印发《…》``, ``全国人大常委会迅速通过了《…》``."""
    _, st = structured(seed_path("001"))
    issuers = {c.title: c.issuer for c in st.meta.cited}
    assert issuers["关于全面推进上海城市数字化转型的意见"] == "上海市委、市政府"
    assert issuers["关于切实解决老年人运用智能技术困难的实施方案"] == "国务院办公厅"
    assert issuers["上海市终身教育促进条例"] is None  # 落实《…》: no issuer written
