"""Short forms of a longer name in the same document collapse to one canonical unit."""

from __future__ import annotations

from extractor.units import abbreviations


def test_short_form_keeps_region_suffix_and_body_characters_in_order():
    # seed 002: 与市终身学习网的对接 … 与搞好市学习网的共享 (canonical in a Changning document)
    assert abbreviations(["上海市终身学习网", "上海市学习网"]) == {"上海市学习网": "上海市终身学习网"}
    # d06: 区政府办公室 next to 区人民政府办公室
    assert abbreviations(["宝山区人民政府办公室", "宝山区政府办公室"]) == {"宝山区政府办公室": "宝山区人民政府办公室"}


def test_no_collapse_when_ambiguous_or_body_too_short():
    # seed 001: 志愿者联盟 fits both teachers' alliances
    assert abbreviations(["志愿者联盟", "青年教师志愿者联盟", "退休教师志愿者联盟"]) == {}
    # a bare suffix form is no short form: 上海市委 is not 上海市教委
    assert abbreviations(["上海市委", "上海市教委"]) == {}
    # another region is another unit
    assert abbreviations(["长宁区学习网", "上海市终身学习网"]) == {}
    # another suffix is another unit: the bureau is not its office
    assert abbreviations(["闵行区教育局", "闵行区教育局办公室"]) == {}


def test_canonical_entities_use_the_long_form(seed_results):
    """In seed 002 both spellings of the city's learning site are one node."""
    result = next(r for r in seed_results.values() if r.doc_id.startswith("002"))
    names = {e.canonical for e in result.entities if e.text in ("市学习网", "市终身学习网")}
    assert names == {"上海市终身学习网"}
