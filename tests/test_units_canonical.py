"""Region-relative canonical names: one node per unit and region."""

from __future__ import annotations

from extractor.units import canonical_unit, expand_alias, is_collective


def test_same_unit_same_region_is_one_node(seed_results):
    """区社区学院 in seed 001 and 闵行区社区学院 in seed 000 (both Minhang) are one node;
    区社区学院 in seed 002 (Changning) is another."""
    def canon(prefix: str, written: str) -> set[str]:
        return {e.canonical for e in seed_results[prefix].entities if e.text == written}

    assert canon("001", "区社区学院") == {"闵行区社区学院"}
    assert canon("000", "闵行区社区学院") == {"闵行区社区学院"}
    assert canon("002", "区社区学院") == {"长宁区社区学院"}


def test_aliases_collapse_within_a_region():
    minhang = "上海市闵行区"
    assert canonical_unit("区人社局", minhang) == canonical_unit("区人力资源和社会保障局", minhang) \
        == canonical_unit("区人力资源与社会保障局", minhang) == "闵行区人力资源和社会保障局"
    assert canonical_unit("上海市闵行区教育局办公室", minhang) == canonical_unit("区教育局办公室", minhang)
    assert canonical_unit("区政府", "浙江省杭州市滨江区") == canonical_unit("杭州市滨江区人民政府", "浙江省杭州市滨江区") \
        == "滨江区人民政府"


def test_learned_alias_is_used():
    learned = {"区更新办": "区城市更新领导小组办公室"}  # d05: …下设办公室（以下简称区更新办）
    assert canonical_unit("区更新办", "上海市嘉定区", learned) == "嘉定区城市更新领导小组办公室"
    assert expand_alias("区学促办") == "区学习型社会建设与终身教育促进委员会办公室"  # bare 学促办 is learned per document


def test_collectives_are_qualified_by_region_not_merged():
    assert is_collective("各街镇") and is_collective("基层社区学校")
    assert canonical_unit("各街镇", "上海市闵行区") == "闵行区各街镇"
    assert canonical_unit("各街镇", "上海市长宁区") != canonical_unit("各街镇", "上海市闵行区")
    assert canonical_unit("区政府各部门", "浙江省杭州市滨江区") == "滨江区政府各部门"


def test_member_class_of_collectives():
    from extractor.units import member_class

    assert member_class("各区县教育局") == "区县教育局"  # seed 003
    assert member_class("各街镇（莘庄工业区）") == "街镇"  # seed 001
    assert member_class("区政府各部门") == "部门"  # seed 004
    assert member_class("各有关部门") == "部门"
    assert member_class("区社区学院") is None


def test_alt_labels_collect_written_forms(seed_results):
    from extractor.units import labels_by_unit

    labels = labels_by_unit((e.canonical, e.text) for e in seed_results["001"].entities
                            if e.label == "ORG" and e.canonical)
    assert "区社区学院" in labels["闵行区社区学院"]
    assert "闵行区社区学院" not in labels["闵行区社区学院"]
