"""Target rules: comparator, kind, deadline, indicator, tables, flags — on real sentences.

Sentences are quoted from the seeds (corpora/) and the dev corpus (../shared/corpus/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models import Flag, RawDocument, TargetKind
from extractor.normalize import normalize
from extractor.pipeline import extract_file, extract_raw
from extractor.structure import parse_structure
from extractor.targets import find_targets

ROOT = Path(__file__).resolve().parent.parent
#: ../shared from the main checkout, ../../shared from a worktree under wt/
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.exists()), ROOT.parent / "shared")
CORPUS = SHARED / "corpus"


def corpus(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*"))


def targets_of(text: str, doc_id: str = "t", year: int = 2022):
    """Targets of ``text`` read as the body of an official document (a 文号) of ``year``.

    The year and 文号 are set on the structure directly so that these tests exercise the
    target rules, not the header parser.
    """
    doc = normalize(RawDocument(path=f"{doc_id}.txt", doc_id=doc_id, format="txt", text=text))
    structure = parse_structure(doc)
    structure.meta.year = year
    structure.meta.doc_number = f"闵学委办〔{year}〕2号"
    return list(find_targets(doc, structure))


def one(text: str, year: int = 2022):
    found = [t for t in targets_of(text, year=year)]
    assert len(found) == 1, [(t.value, t.unit) for t in found]
    return found[0]


@pytest.fixture(scope="module")
def corpus_results():
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not available")
    return {p: extract_file(corpus(p)) for p in ("d01", "d04", "d05", "d07")}


# ── comparators ──────────────────────────────────────────────────────────────

@pytest.mark.parametrize("sentence, value, unit, comparator", [
    # seed 004
    ("区社区学院街道分院（成人学校）教学用房应达到 800 平方米以上，设施设备较为齐全。", 800, "平方米", ">="),
    ("各街道要明确社区教育工作分管领导，并安排不少于 1 名专职人员从事社区教育工作。", 1, "人", ">="),
    ("区级和街道均按常住人口数不少于4元/人的标准，安排社区教育专项经费。", 4, "元/人", ">="),
    # seed 001: 新增…以上 is an increase
    ("到2025年培育、新增50名以上社区家庭教育指导师。", 50, "人", "+"),
    ("至 2025 年新增 100 集在线终身学习课程。", 100, "集", "+"),
    # seed 002: a range is approximate
    ("通过调研，梳理，每街镇选取3-5个基础较好、有一定特色的教学点为试点，给予分类指导。", 3, "个", "~"),
    # corpus d04: 超过
    ("启动30万平方米居住类历史建筑全项目修缮，受益居民超过2万户。", 20000, "户", ">="),
    # corpus d07: 左右
    ("区域绿道总长度达200公里左右。", 200, "公里", "~"),
    # corpus d06: 不高于 / 高于
    ("全区干垃圾日均控制量不高于1610吨。", 1610, "吨", "<="),
    ("湿垃圾分类量日均高于407吨。", 407, "吨", ">"),
    # seed 002: a plain figure
    ("2010年职业技能初、中、高及技师培训总体目标15000人。", 15000, "人", "="),
    # corpus d07: 新增 qualifying a noun before 达到 is no increase
    ("新增公共服务设施附属绿地开放度达到80%以上。", 80, "%", ">="),
])
def test_comparators(sentence, value, unit, comparator):
    t = [t for t in targets_of(sentence) if t.value == value]
    assert t and t[0].unit == unit and t[0].comparator == comparator, t


def test_approximate_before_figure():
    # seed 001: 在全区户籍人口中占比约 38.7%
    t = one("在全区户籍人口中占比约 38.7%。")
    assert t.comparator == "~"


# ── deadlines ────────────────────────────────────────────────────────────────

def test_deadline_from_dao_year():
    # seed 004: 到2020年，3个街道力争全部建成市级示范性“街道30分钟市民学习圈”。
    t = one("到2020年，3个街道力争全部建成市级示范性“街道30分钟市民学习圈”。", year=2017)
    assert (t.value, t.deadline, t.kind) == (3, "2020", TargetKind.TARGET)
    # the same words in a 2022 document report a past year: a stat with its reference year
    t = one("到2020年，3个街道力争全部建成市级示范性“街道30分钟市民学习圈”。", year=2022)
    assert t.kind is TargetKind.STAT


def test_deadline_from_plan_period_end():
    # seed 001: 预计“十四五”末…老年户籍人口将达 46.25 万人 (a projection)
    found = targets_of("“十三五”末，闵行户籍人口中老年人口有 37.9 万，预计“十四五”末全区户籍人口中 60 岁及以上"
                       "老年户籍人口将达 46.25 万人，在全区户籍人口中占比约 38.7%。")
    by_value = {t.value: t for t in found}
    assert by_value[379000].kind is TargetKind.STAT and by_value[379000].deadline == "2020"
    assert by_value[462500].kind is TargetKind.PROJECTION and by_value[462500].deadline == "2025"
    assert by_value[38.7].kind is TargetKind.PROJECTION and by_value[38.7].deadline == "2025"
    assert 60 not in by_value  # 60 岁 is a threshold, not a figure


def test_deadline_carried_across_sentences_of_a_paragraph(corpus_results):
    # corpus d07: 至2025年，建成230座以上的公园，…；至2035年末，…森林覆盖率达到20%左右
    rows = [t for t in corpus_results["d07"].targets if t.indicator_id and t.indicator_id.endswith("forest-coverage")]
    assert {(t.value, t.deadline) for t in rows} >= {(17, "2025"), (20, "2035")}


def test_no_deadline_without_a_year():
    # seed 001: no year in the sentence (gold deadline null)
    t = [t for t in targets_of("新增 10 个市级人文行走站点、10 个市民体验站点、5 个市民学习坊。")]
    assert [(x.value, x.comparator, x.deadline) for x in t] == [(10, "+", None), (10, "+", None), (5, "+", None)]
    assert [x.indicator for x in t] == ["市级人文行走站点", "市民体验站点", "市民学习坊"]


# ── kinds ────────────────────────────────────────────────────────────────────

def test_review_section_figures_are_stats(corpus_results):
    # corpus d04: 一、“十三五”发展回顾 … 目前全区有1-5批优秀历史建筑289处，不可移动文物539处
    result = corpus_results["d04"]
    by_value = {t.value: t for t in result.targets if t.unit in {"处", "条"}}
    assert by_value[289].kind is TargetKind.STAT
    assert by_value[539].kind is TargetKind.STAT
    assert by_value[37].kind is TargetKind.STAT
    goals = {t.value for t in result.targets if t.kind is TargetKind.TARGET and t.unit == "平方米"}
    assert {114000, 300000, 1000000} <= goals


def test_total_is_a_stat():
    # corpus d01: 分类梳理包括区域更新、民生改善…等方面共22项任务
    t = one("分类梳理包括区域更新、民生改善、设施优化、风貌保护、产业转型、商业再造等方面共22项任务。")
    assert t.kind is TargetKind.STAT


def test_negative_document_has_no_targets(corpus_results):
    # corpus d05 states procedures only (三家副主任单位 counts the units listed before it)
    assert [t for t in corpus_results["d05"].targets if t.kind is not TargetKind.STAT] == []


def test_feature_article_reports_stats():
    # seed 000 (a newspaper feature, no 文号): figures are reported, not promised
    raw = RawDocument(path="f.txt", doc_id="f", format="txt", text="社区教育网络\n在14个街镇分别成立了志愿者工作站。")
    kinds = {t.kind for t in extract_raw(raw).targets}
    assert kinds == {TargetKind.STAT}


# ── scope, per-year, indicator ───────────────────────────────────────────────

def test_scope_and_per_year():
    # corpus d02: 原则上每年不少于2次; seed 002: 每街镇选取3-5个
    t = one("单位按以下职能分工牵头定期组织开展防灾及风险排查工作，原则上每年不少于2次：")
    assert (t.value, t.comparator, t.per) == (2, ">=", "年")
    t = one("每街镇选取3-5个基础较好、有一定特色的教学点为试点。")
    assert t.scope == "街镇" and t.indicator == "教学点"


def test_indicator_before_a_measure():
    t = one("区社区学院街道分院（成人学校）教学用房应达到 800 平方米以上。")
    assert t.indicator == "区社区学院街道分院（成人学校）教学用房"


def test_qualifier_measure_is_not_a_target():
    # corpus d07: 建成1000亩以上开放休闲林地5个
    found = targets_of("建成1000亩以上开放休闲林地5个。")
    assert [(t.value, t.unit) for t in found] == [(5, "个")]


def test_baseline_from_to_constructed():
    # constructed: no seed or corpus sentence writes 从X提高到Y
    found = targets_of("到2025年，市民终身学习参与率从60%提高到80%。")
    target = next(t for t in found if t.value == 80)
    assert target.baseline == 60 and target.deadline == "2025" and target.comparator == "="


# ── tables ───────────────────────────────────────────────────────────────────

def test_tsv_indicator_table_seed_001(seed_results):
    # seed 001: 序号	指标	单位	增长值（到 2025 年）
    rows = [t for t in seed_results["001"].targets if t.rule == "indicator-table"]
    assert len(rows) == 10
    first = rows[0]
    assert (first.indicator, first.value, first.unit, first.comparator, first.deadline) == (
        "终身教育在线学习资源", 100, "个", "+", "2025")
    assert rows[-1].indicator == "新建区级老年大学" and rows[-1].unit == "所"
    assert {t.scope for t in rows} == {None}  # 单位 is the unit of measure, not a row's unit


def test_flattened_indicator_table_d04(corpus_results):
    # corpus d04 附件1: one cell per paragraph, 类型 missing on later rows of a group
    rows = {t.indicator: t for t in corpus_results["d04"].targets if t.rule == "indicator-table"}
    assert len(rows) == 11
    assert (rows["老大楼商业化改造利用面积"].value, rows["老大楼商业化改造利用面积"].unit) == (114000, "平方米")
    assert (rows["“建筑可阅读”线下走读线路数"].value, rows["“建筑可阅读”线下走读线路数"].unit) == (5, "条")
    benefit = rows["老旧住宅综合修缮改造受益户数"]
    assert (benefit.value, benefit.unit, benefit.unit_text, benefit.comparator) == (20000, "户", "万户", ">")
    assert rows["优秀历史建筑保护应用场景覆盖率"].unit == "%"
    toilets = rows["消除老旧小区手拎马桶"]
    assert toilets.value is None and toilets.unit_text == "基本消除"  # qualitative: no value invented
    assert {t.deadline for t in rows.values()} == {"2025"}


# ── flags ────────────────────────────────────────────────────────────────────

def test_flagged_span_never_yields_a_value():
    raw = RawDocument(path="g.txt", doc_id="g", format="txt", text="到2025年，新增20个学习点，新增10个体验站点。")
    doc = normalize(raw)
    at = doc.text.index("20个")
    doc.flags.append(Flag(kind="garbled", start=at, end=at + 3, text=doc.text[at:at + 3]))
    structure = parse_structure(doc)
    structure.meta.doc_number = "闵学委办〔2022〕2号"
    found = list(find_targets(doc, structure))
    assert [t.value for t in found] == [10]
