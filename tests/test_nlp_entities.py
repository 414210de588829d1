"""Entity spans: the unit-name grammar, gazetteer, collectives, persons/slogans, DOCREFs,
and recall/precision of ORG+COLLECTIVE names against the gold ``orgs``/``collective_actors``."""

from __future__ import annotations

import json

import pytest

from conftest import find_shared
from extractor.nlp import annotate, find_entities, learned_aliases, resolve
from extractor.unit_grammar import collective_names, prefixed_names, prefixless_names


GOLD, DEV_CORPUS = find_shared() / "gold", find_shared() / "corpus"


def units(text: str, year: int | None = None) -> dict[str, str]:
    """Resolved unit names in ``text`` → label."""
    doc = annotate(text, year)
    return {doc.user_data["text"][s.start_char:s.end_char]: s.label_ for s in doc.spans["units"]}


@pytest.mark.parametrize("sentence, expected", [
    # seed 004: inline responsibility; the name ends before 负责 / 要
    ("内部各级社区教育学校资源由区社区学院负责整合，", "区社区学院"),
    ("区财政局要按市政府规定，保证社区教育经费", "区财政局"),
    # seed 002: a long official name with 和/与 inside
    ("（牵头单位：区人力资源与社会保障局）", "区人力资源与社会保障局"),
    # seed 000: the left edge stops at the verb 借助 / the prefix
    ("闵行区学习型社会建设与终身教育促进委员会（简称“学促委”）", "闵行区学习型社会建设与终身教育促进委员会"),
    # seed 001: prefix-less alliance after 组建; a university after 联合
    ("由区文明办牵头组建学习型组织联盟，形成学习型组织创建协调机制", "学习型组织联盟"),
    ("由区教育局联合华东师范大学开展", "华东师范大学"),
    # seed 004: a sub-unit continues the name
    ("建设好区社区学院街道分院（街道成校）", "区社区学院街道分院"),
    # d02: a bureau as a duty-list heading
    ("（一）区房管局。负责对历史风貌区", "区房管局"),
])
def test_unit_names_have_exact_boundaries(sentence: str, expected: str):
    assert expected in units(sentence)


@pytest.mark.parametrize("sentence, wrong", [
    # leading function words, pronouns and words ending in 区 never start a name
    ("内部各级社区教育学校资源由区社区学院负责整合", "由区社区学院"),
    ("建设好区社区学院街道分院", "好区社区学院"),
    ("我区市民学校积极参与", "区市民学校"),
    ("区社区教育经费应用于支持区社区学院", "区教育经费应用于支持区社区学院"),
    # a name never runs into the verb after it
    ("由区社区学院负责整合", "区社区学院负责"),
    # 地处 "is located", 科技 "technology": weak suffixes need a real word boundary
    ("闵行区地处上海西南", "闵行区地处"),
    ("上海科技馆", "上海科"),
    # an adverb inside a long body: 闵行区终身教育服务网络逐步推进职业院校
    ("通过闵行区终身教育服务网络逐步推进职业院校优质专业课程", "闵行区终身教育服务网络逐步推进职业院校"),
])
def test_no_fragments_or_leading_words(sentence: str, wrong: str):
    assert wrong not in units(sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("各区县教育局应对街镇的创建备案材料进行审核", "各区县教育局"),  # seed 003
    ("区更新办牵头区城市更新领导小组各成员单位，对标对表", "区城市更新领导小组各成员单位"),  # d05
    ("各街道办事处、区政府各部门、各直属单位：", "区政府各部门"),  # seed 004 recipients
    ("各级各类学校（教育培训机构）", "各级各类学校（教育培训机构）"),  # seed 001
    ("各街镇（莘庄工业区）学习型社会建设与终身教育促进委员会：", "各街镇（莘庄工业区）学习型社会建设与终身教育促进委员会"),
    ("本着就近原则，各有关部门要积极配合", "各有关部门"),
    ("加强示范街道（乡镇）建设", "街道（乡镇）"),  # seed 003
])
def test_collective_actors(sentence: str, expected: str):
    assert units(sentence).get(expected) == "COLLECTIVE"


@pytest.mark.parametrize("sentence", [
    "建立健全政府主导、教育牵头、部门分工、社会参与的工作机制。",  # seed 004 slogan
    "落实具体工作负责人员，单位负责人签字",  # seed 003: persons
    "由区住房保障房屋管理局主要负责人任召集人",  # d05
])
def test_persons_roles_and_slogans_are_not_units(sentence: str):
    found = units(sentence)
    assert not {"政府主导", "教育牵头", "负责人", "主要负责人", "负责人员"} & set(found)
    assert all(not name.endswith(("负责人", "主导", "牵头")) for name in found)


def test_document_number_is_not_a_unit():
    """市委〔2011〕1号 (seed 004) is a cited document: a DOCREF, not the unit 市委."""
    doc = annotate("《中共杭州市委、杭州市人民政府关于推进学习型城市建设的若干意见》（市委〔2011〕1号）")
    text = doc.user_data["text"]
    assert "市委〔2011〕1号" in {text[s.start_char:s.end_char] for s in doc.spans["docrefs"]}
    assert all(not text[s.start_char:s.end_char].startswith("市委〔") for s in doc.spans["units"])
    assert {s.kb_id_ for s in doc.spans["docrefs"]} >= {"市委〔2011〕1号"}


def test_learned_aliases_from_jianchen():
    text = "闵行区学习型社会建设与终身教育促进委员会（简称\n“学促委”），统筹协调全区学习型社会建设"
    assert learned_aliases(text) == {"学促委": "闵行区学习型社会建设与终身教育促进委员会"}


def test_learned_alias_of_an_office():
    text = "区城市更新领导小组下设办公室（以下简称区更新办），设在区建设管理委。"  # d05
    assert learned_aliases(text) == {"区更新办": "区城市更新领导小组办公室"}


def test_resolve_prefers_longest_and_merges_owner_of_collective():
    from extractor.unit_grammar import Candidate

    text = "区政府各部门"
    kept = resolve(text, [Candidate(0, 3, "ORG", "unit-grammar:relative"), Candidate(3, 6, "COLLECTIVE", "collective-grammar"),
                          Candidate(1, 3, "ORG", "gazetteer")])
    assert [(c.start, c.end, c.label) for c in kept] == [(0, 6, "COLLECTIVE")]


def test_grammar_pieces_are_pure_generators():
    text = "由区成人教育协会牵头成立成人教育联盟，持续优化成人继续教育资源"  # seed 001
    assert ("区成人教育协会", "ORG") in {(text[c.start:c.end], c.label) for c in prefixed_names(text)}
    assert ("成人教育联盟", "ALLIANCE") in {(text[c.start:c.end], c.label) for c in prefixless_names(text)}
    assert not list(collective_names(text))


def test_dev_corpus_units(tmp_path):
    """d05 (Jiading): bureaus with abbreviations and a leading-group office are found."""
    from extractor.ingest import read_document
    from extractor.normalize import normalize
    from extractor.structure import parse_structure

    path = next(DEV_CORPUS.glob("d05_*.md"))
    doc = normalize(read_document(path))
    found = {e.text for e in find_entities(doc, parse_structure(doc)) if e.label in ("ORG", "COLLECTIVE")}
    assert {"区规划资源局", "区建设管理委", "区城市更新领导小组"} <= found
    assert not any(n.startswith(("由区", "和区", "在区")) for n in found)


def squeeze(text: str) -> str:
    return "".join(text.split())


def gold_names(stem: str) -> tuple[set[str], set[str]]:
    """(gold orgs ∪ collective actors, everything acceptable: those ∪ alliance names/aliases)."""
    meta = json.loads((GOLD / f"{stem}.meta.json").read_text(encoding="utf-8"))
    names = {squeeze(n) for n in meta.get("orgs", []) + meta.get("collective_actors", [])}
    ok = set(names)
    for a in meta.get("alliances", []) + meta.get("alliances_other", []):
        ok.add(squeeze(a["name"]))
        ok.update(squeeze(x) for x in a.get("aliases", []) + a.get("lead", []) + a.get("members", []))
    return names, ok


@pytest.mark.slow
def test_gold_org_recall_and_precision(seed_results, capsys):
    """Recall: each gold org/collective is the written text of some span.  Precision: the
    share of distinct predicted names (written or canonical) that gold lists.

    Measured 2026-11-25 on the five seeds: recall 0.905, precision 0.79 (goal 0.95 both);
    the floors below guard against regressions.  Most remaining precision misses are real
    units the gold lists leave out (老年大学, 社区学校, 街道 mentioned in passing)."""
    hit = total = good = predicted = 0
    for prefix, result in sorted(seed_results.items()):
        stem = result.doc_id
        names, ok = gold_names(stem)
        spans = [e for e in result.entities if e.label in ("ORG", "COLLECTIVE", "ALLIANCE")]
        written = {squeeze(e.text) for e in spans}
        hit += len(names & written)
        total += len(names)
        distinct = {(squeeze(e.text), squeeze(e.canonical or "")) for e in spans}
        good += sum(1 for w, c in distinct if w in ok or c in ok)
        predicted += len(distinct)
    recall, precision = hit / total, good / predicted
    with capsys.disabled():
        print(f"\n[entities] gold orgs+collectives: recall {recall:.3f}, precision {precision:.3f}")
    assert recall >= 0.88
    assert precision >= 0.75
