"""Every page of the app on the seed corpus (Streamlit AppTest): inputs set, rendered elements asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from appkit import app_on, build_store, goto
from conftest import SEED_002, seed

SEED_002_ID = SEED_002.stem
CHANGNING_COLLEGE = "长宁区社区学院"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seed_results) -> Path:
    return build_store(tmp_path_factory.mktemp("pages") / "store", seed_results.values())


@pytest.fixture(scope="module")
def seed_tasks(seed_results):
    """Seed 002's assignments as extracted (what the store must give back)."""
    return seed_results["002"].assignments


@pytest.fixture(scope="module")
def all_tasks(seed_results):
    """Every seed's assignments (the store holds them all)."""
    return [a for r in seed_results.values() for a in r.assignments]


def test_owners_unit_search_lists_the_units_tasks(seed_store, seed_tasks, monkeypatch):
    at = app_on(seed_store, monkeypatch)
    assert at.title[0].value == "谁负责什么"
    picker = at.multiselect(key="unit_filter")
    # the type-ahead searches the option labels, which carry the aliases as written
    assert f"{CHANGNING_COLLEGE}（区社区学院）" in picker.options
    picker.select(CHANGNING_COLLEGE).run()
    frame = at.dataframe[0].value
    expected = {a.task for a in seed_tasks if a.unit == CHANGNING_COLLEGE}
    assert set(frame["单位"]) == {CHANGNING_COLLEGE}
    assert set(frame["任务"]) == expected
    assert set(frame["文件"]) == {SEED_002_ID}
    assert all(link.startswith(f"?page=viewer&doc={SEED_002_ID}&start=") for link in frame["原文"])


def test_owners_task_words_find_the_owning_units(seed_store, all_tasks, monkeypatch):
    at = app_on(seed_store, monkeypatch)
    at.text_input(key="task_query").input("世博 培训").run()
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert all("世博" in task and "培训" in task for task in frame["任务"])
    owners = at.dataframe[1].value
    expected = {a.unit for a in all_tasks if "世博" in a.task and "培训" in a.task}
    assert set(owners["单位"]) == expected


def test_owners_role_filter_and_evidence_opens_the_viewer(seed_store, all_tasks, monkeypatch):
    at = app_on(seed_store, monkeypatch)
    role = "lead"
    at.multiselect(key="role_filter").select(role).run()
    frame = at.dataframe[0].value
    assert len(frame) == sum(1 for a in all_tasks if a.role.value == role)
    assert all(r.endswith(f"({role})") for r in frame["角色"])
    first = frame.iloc[0]
    evidences = {a.evidence for a in all_tasks if a.task == first["任务"] and a.unit == first["单位"]}
    assert at.info[0].value in evidences  # the first row's evidence is shown by default
    at.button(key="owners_open").click().run()
    assert at.session_state["page"] == "viewer"
    assert at.title[0].value == "原文查看"
    focus = at.session_state["viewer_focus"]
    assert focus is not None
    snippet = next(h.proto.body for h in at.get("html") if "pkg-snippet" in h.proto.body)
    assert 'id="pkg-focus"' in snippet


def test_overview_lists_documents_with_metadata_and_filters(seed_store, seed_results, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "overview")
    frame = at.dataframe[0].value
    assert len(frame) == len(seed_results)
    row = frame[frame["文件"] == SEED_002_ID].iloc[0]
    assert row["文号"] == "长学办〔2010〕03号"
    assert row["地区"] == "上海市长宁区"
    assert row["任务数"] == len({(a.start, a.end) for a in seed_results["002"].assignments})
    at.multiselect(key="ov_region").select("上海市长宁区").run()
    assert list(at.dataframe[0].value["文件"]) == [SEED_002_ID]


def test_unit_profile_shows_tasks_partners_and_alliances(seed_store, all_tasks, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "profile")
    at.selectbox(key="profile_unit").select(CHANGNING_COLLEGE).run()
    own = [a for a in all_tasks if a.unit == CHANGNING_COLLEGE]
    assert at.metric[0].value == str(len({(a.start, a.end) for a in own}))
    spans = {(a.start, a.end) for a in own}
    expected_partners = {a.unit for a in all_tasks if a.doc_id in {o.doc_id for o in own}
                         and (a.start, a.end) in spans and a.unit != CHANGNING_COLLEGE}
    tables = [d.value for d in at.dataframe]
    by_role_year = tables[0]
    assert by_role_year.to_numpy().sum() == len(spans)
    tasks = tables[1]
    assert set(tasks["任务"]) == {a.task for a in own}
    if expected_partners:
        assert set(tables[2]["合作单位"]) == expected_partners
    headers = [h.value for h in at.subheader]
    assert "所属或牵头的联盟" in headers


def test_graph_explorer_filters_and_expands(seed_store, seed_tasks, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "explorer")
    at.multiselect(key="gx_docs").set_value([SEED_002_ID]).run()
    at.multiselect(key="gx_types").set_value(["unit", "task", "document"]).run()
    units = {a.unit for a in seed_tasks}
    tasks = {(a.start, a.end) for a in seed_tasks}
    caption = at.caption[0].value
    assert caption.startswith(f"{len(units) + len(tasks) + 1} 个节点")
    edges = at.dataframe[0].value
    assert set(edges["源"]) >= units
    # tasks hidden: units link straight to the document
    at.multiselect(key="gx_types").set_value(["unit", "document"]).run()
    edges = at.dataframe[0].value
    assert set(edges["目标"]) == {SEED_002_ID}
    assert set(edges["源"]) == units
    at.selectbox(key="gx_expand").select(f"unit:{CHANGNING_COLLEGE}").run()
    assert at.session_state["gx_expanded"] == [f"unit:{CHANGNING_COLLEGE}"]
    assert "已展开 1 个" in at.caption[0].value


#: Seed 001's indicator table (“十四五”闵行终身教育主要发展指标: 序号 | 指标 | 单位 | 增长值（到 2025 年）).
SEED_001_INDICATOR_TABLE = [
    ("终身教育在线学习资源", 100), ("家庭教育指导师", 50), ("终身学习人文行走站点", 10), ("终身学习体验站点", 10),
    ("终身学习社会学习点", 20), ("培育和打造终身学习新品牌", 5), ("市民文化传承及科学创新社区学习坊", 7),
    ("15分钟社区学习圈", 30), ("新增群众性学习团队", 70), ("新建区级老年大学", 1),
]


def test_targets_view_lists_seed_001_indicator_table(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "targets")
    frame = at.dataframe[0].value
    rows_001 = frame[frame["文件"] == seed("001").stem]
    shown = set(zip(rows_001["原文指标"], rows_001["数值"]))
    assert set(SEED_001_INDICATOR_TABLE) <= shown
    table_rows = rows_001[rows_001["原文指标"].isin([name for name, _ in SEED_001_INDICATOR_TABLE])]
    assert set(table_rows["时限"]) == {"2025"} and set(table_rows["比较"]) == {"+"}
    assert at.download_button(key="tg_download")


def test_targets_view_compares_one_indicator_across_documents(seed_store, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "targets")
    picker = at.selectbox(key="tg_indicator")
    first = picker.options[1]  # after “all”: the indicator stated by the most documents
    picker.select_index(1).run()
    frame = at.dataframe[0].value
    assert len(frame) > 0 and set(frame["指标"]) == {first}
    assert at.get("vega_lite_chart")  # the values charted by document


def test_document_viewer_highlights_facts_and_jumps_to_one(seed_store, seed_tasks, monkeypatch):
    at = goto(app_on(seed_store, monkeypatch), "viewer")
    at.selectbox(key="viewer_doc").select(SEED_002_ID).run()
    full = next(h.proto.body for h in at.get("html") if "pkg-text" in h.proto.body)
    assert "background:#fff3b0" in full  # tasks highlighted
    fact = seed_tasks[0]
    at.selectbox(key="viewer_fact").select(f"{fact.evidence_start}:{fact.evidence_end}").run()
    assert at.session_state["viewer_focus"] == (fact.evidence_start, fact.evidence_end)
    snippet = next(h.proto.body for h in at.get("html") if "pkg-snippet" in h.proto.body)
    focused = snippet.split('id="pkg-focus"', 1)[1].split(">", 1)[1].split("</span>", 1)[0]
    assert focused.replace("<br>", "\n") in fact.evidence


def test_deep_link_opens_the_viewer_at_the_evidence(seed_store, seed_tasks, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from conftest import ROOT

    fact = seed_tasks[0]
    monkeypatch.setattr("sys.argv", ["app.py", "--store", str(seed_store)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(page="viewer", doc=SEED_002_ID, start=str(fact.evidence_start), end=str(fact.evidence_end))
    at.run()
    assert not at.exception
    assert at.title[0].value == "原文查看"
    assert at.session_state["viewer_focus"] == (fact.evidence_start, fact.evidence_end)


def test_english_toggle_switches_labels(seed_store, monkeypatch):
    at = app_on(seed_store, monkeypatch)
    at.sidebar.toggle(key="lang_en").set_value(True).run()
    assert at.title[0].value == "Who owns what"
    assert "Unit" in at.dataframe[0].value.columns


def test_query_namespaces_are_the_vocabularys():
    from extractor.vocab import ELI, OA, PKG
    from extractor.webapp.data import NAMESPACES

    assert NAMESPACES == {"pkg": str(PKG._NS), "eli": str(ELI._NS), "oa": str(OA._NS)}
