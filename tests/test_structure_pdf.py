"""A GB/T 9704-style PDF (red joint masthead, 文号, page numbers, 版记) read end to end."""

from __future__ import annotations

import pytest

from gbt9704_pdf import DOC_NUMBER, gbt9704_pdf

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def pdf_structure(tmp_path_factory):
    from extractor.ingest import read_document
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    path = tmp_path_factory.mktemp("gbt9704") / "notice.pdf"
    path.write_bytes(gbt9704_pdf())
    doc = normalize(read_document(path))
    return doc, parse_structure(doc)


def test_pdf_header_elements(pdf_structure):
    _, st = pdf_structure
    m = st.meta
    assert m.issuers == ["上海市教育委员会", "上海市财政局"]  # stacked masthead, title and signature agree
    assert m.doc_number == DOC_NUMBER and m.sources["doc_number"] == "header"
    assert m.title == "上海市教育委员会上海市财政局关于开展社区学校标准化建设工作的通知"  # two title lines
    assert m.doc_type == "通知" and m.region == "上海市"
    assert m.recipients == ["各区教育局", "财政局"]


def test_pdf_footer_elements(pdf_structure):
    _, st = pdf_structure
    m = st.meta
    assert m.issue_date == "2020-03-02"
    assert m.disclosure == "此件公开发布"
    assert m.cc == ["教育部职业教育与成人教育司"]
    assert (m.printed_by, m.print_date) == ("上海市教育委员会办公室", "2020-03-03")


def test_pdf_sections_across_pages_with_page_provenance(pdf_structure):
    doc, st = pdf_structure
    assert [s.label for s in st.sections] == ["一", "二", "二(一)", "二(二)", "三"]
    last = st.sections[-1]
    assert "抄送" not in doc.text[last.start:last.end]  # the 版记 is no part of 三、
    assert doc.offsets.position(last.start).page == 2
