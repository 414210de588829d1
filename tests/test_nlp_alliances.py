"""Alliances (lead and member units) and sub-organisations, from real seed sentences."""

from __future__ import annotations

from extractor.alliances import find_memberships, find_sub_organisations
from extractor.models import RawDocument
from extractor.nlp import find_entities
from extractor.normalize import normalize
from extractor.structure import parse_structure


def analyse(text: str, region_line: str = "上海市闵行区。"):
    doc = normalize(RawDocument(path="t.txt", doc_id="t", format="txt", text=region_line + "\n" + text))
    structure = parse_structure(doc)
    return doc, structure, find_entities(doc, structure)


def test_lead_before_and_after_alliance():
    # seed 001
    doc, st, ents = analyse("由区成人教育协会牵头成立成人教育联盟，持续优化成人继续教育资源；"
                            "由区文明办牵头组建学习型组织联盟，形成学习型组织创建协调机制。")
    got = {(m.alliance, m.unit_text, m.role) for m in find_memberships(doc, st, ents)}
    assert ("成人教育联盟", "区成人教育协会", "lead") in got
    assert ("学习型组织联盟", "区文明办", "lead") in got
    unit = {m.unit for m in find_memberships(doc, st, ents) if m.unit_text == "区成人教育协会"}
    assert unit == {"闵行区成人教育协会"}


def test_member_list_with_lead():
    # seed 000 (digits decoded)
    doc, st, ents = analyse("成人教育联盟由闵行区成人教育协会牵头，闵行区2所成人教育培训中心、闵行区老年大学和14个街镇社区学校"
                            "等成员单位，挖掘、整合和优化资源。")
    ms = find_memberships(doc, st, ents)
    assert {(m.unit_text, m.role) for m in ms} >= {("闵行区成人教育协会", "lead"), ("成人教育培训中心", "member"),
                                                    ("闵行区老年大学", "member"), ("街镇社区学校", "member")}
    assert all(m.alliance == "成人教育联盟" for m in ms)
    assert all(doc.text[m.start:m.end] == m.unit_text for m in ms)


def test_member_categories_after_han():
    # seed 001: members given as categories
    doc, st, ents = analyse("组建职业教育联盟，含职业院校、高校、科研机构、世界五百强企业在内的100多家成员单位，拓宽职业教育路径。")
    members = {m.unit_text for m in find_memberships(doc, st, ents) if m.role == "member"}
    assert members == {"职业院校", "高校", "科研机构", "世界五百强企业"}


def test_no_alliance_no_membership():
    doc, st, ents = analyse("区社区学院负责指导各街镇社区学校，由区教育局牵头。")
    assert find_memberships(doc, st, ents) == []


def test_sub_organisation_from_xiashe():
    # seed 000: the committee's short name is defined in the text (no shipped bare alias);
    # its office's short name 学促办 is learned from it
    doc, st, ents = analyse("闵行区学习型社会建设与终身教育促进委员会（简称“学促委”），作为推进学习型社区建设工作的领导机构。"
                            "“学促委”下设“学促办”具体负责学习型社区建设的整体推进工作。")
    subs = find_sub_organisations(doc, st, ents)
    assert [(s.unit_text, s.parent_text) for s in subs] == [("学促办", "学促委")]
    assert subs[0].parent == "闵行区学习型社会建设与终身教育促进委员会"
    assert subs[0].unit == "闵行区学习型社会建设与终身教育促进委员会办公室"


def test_seed_memberships_in_pipeline(seed_results):
    leads = {(m.alliance, m.unit) for m in seed_results["001"].memberships if m.role == "lead"}
    assert {("社会组织联盟", "闵行区民政局"), ("成人教育联盟", "闵行区成人教育协会")} <= leads


def test_alliance_table():
    """A table of seed 000's alliances as a docx reader would give it."""
    from extractor.alliances import table_memberships
    from extractor.models import Cell, Table

    rows = [["联盟名称", "牵头单位", "成员单位"],
            ["成人教育联盟", "闵行区成人教育协会", "成人教育培训中心、闵行区老年大学和街镇社区学校"],
            ["志愿者联盟", "区社区学院", "志愿者工作站"],
            ["合计", "", ""]]
    table = Table(rows=[[Cell(text=t) for t in r] for r in rows])
    doc, st, _ = analyse("成人教育联盟由闵行区成人教育协会牵头，成人教育培训中心、闵行区老年大学和街镇社区学校等成员单位；"
                         "志愿者联盟由区社区学院牵头，志愿者工作站加入。")
    st.tables.append(table)
    got = {(m.alliance, m.unit, m.role) for m in table_memberships(doc, st)}
    assert got == {("成人教育联盟", "闵行区成人教育协会", "lead"), ("成人教育联盟", "成人教育培训中心", "member"),
                   ("成人教育联盟", "闵行区老年大学", "member"), ("成人教育联盟", "街镇社区学校", "member"),
                   ("志愿者联盟", "闵行区社区学院", "lead"), ("志愿者联盟", "志愿者工作站", "member")}
    assert all(doc.text[m.start:m.end] == m.unit_text for m in table_memberships(doc, st))
