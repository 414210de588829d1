"""Named queries answer researchers' questions on the seed store."""

from __future__ import annotations

import pytest

from extractor.queries import run_named




def test_who_owns_what_matches_the_extracted_assignments(store, seed_results):
    rows = run_named(store, "owners_table").rows
    expected = {(a.doc_id, a.unit, a.role.value, a.start) for r in seed_results.values() for a in r.assignments}
    assert {(r["doc"], r["unit"], r["role"], int(r["start"])) for r in rows} == expected
    assert all(r["evidence"] for r in rows)


def test_what_does_unit_own_by_written_form(store, seed_results):
    rows = run_named(store, "what_does_unit_own", {"unit": "区社区学院"}).rows
    expected = [a for r in seed_results.values() for a in r.assignments if "区社区学院" in a.unit_text or "区社区学院" in a.unit]
    assert len(rows) == len(expected) > 0


def test_who_owns_task(store, seed_results):
    words = "学习型家庭"
    rows = run_named(store, "who_owns_task", {"task": words}).rows
    expected = {a.unit for r in seed_results.values() for a in r.assignments if words in a.task}
    assert {r["unit"] for r in rows} == expected and expected


def test_documents_citing_by_document_number_in_any_bracket_style(store):
    for written in ("教职成〔2016〕4号", "教职成[2016]4号", "教职成（2016）4号"):
        rows = run_named(store, "documents_citing", {"cited": written}).rows
        assert [r["doc"] for r in rows] == ["004_7a9966ac9018b55a"], written


def test_documents_citing_by_title_ignores_spaces(store):
    rows = run_named(store, "documents_citing", {"cited": "上海教育现代化2035"}).rows
    assert {r["doc"] for r in rows} == {"001_f865c6bf42695e12"}


def test_targets_by_indicator_and_region(store, seed_results):
    all_rows = run_named(store, "targets_by_indicator").rows
    distinct = {(t.doc_id, t.start, t.end, t.indicator, t.value, t.unit_text)  # one node per distinct fact
                for r in seed_results.values() for t in r.targets}
    assert len(all_rows) == len(distinct)
    changning = run_named(store, "targets_by_indicator", {"region": "长宁"}).rows
    assert changning and all("长宁" in r["place"] for r in changning)
    assert len(changning) < len(all_rows)


def test_undated_and_unowned_tasks(store, seed_results):
    from extractor.relations.unowned import unowned_items

    undated = run_named(store, "undated_tasks").rows
    dated_tasks = {(a.doc_id, a.start) for r in seed_results.values() for a in r.assignments if a.deadline}
    no_assignment = {(r.doc_id, start) for r in seed_results.values()
                     for _section, start, _end in unowned_items(r.document, r.structure, r.assignments)}
    assert no_assignment  # the seeds have task items nobody is assigned to
    all_tasks = {(a.doc_id, a.start) for r in seed_results.values() for a in r.assignments} | no_assignment
    assert len(undated) == len(all_tasks - dated_tasks)
    unowned = run_named(store, "unowned_tasks").rows
    owned = {(a.doc_id, a.start) for r in seed_results.values() for a in r.assignments
             if a.role.value in ("lead", "responsible") and not a.unit.startswith("各")}
    assert len(unowned) == len(all_tasks - owned)


def test_unowned_tasks_lists_task_items_with_no_assignment_at_all(store, seed_results):
    from extractor.relations.unowned import unowned_items

    rows = run_named(store, "unowned_tasks").rows
    found = {(r["doc"], r["task"]) for r in rows}
    for result in seed_results.values():
        text = result.document.text
        for section, start, end in unowned_items(result.document, result.structure, result.assignments):
            assert (result.doc_id, text[start:end]) in found, (result.doc_id, section.label)
