"""Unit names: canonical forms within a document's region.

Chinese documents write units relative to the issuer's region: in a Minhang document
区社区学院 means 闵行区社区学院, in a Changning document 长宁区社区学院.  The canonical
name is the alias-expanded relative form with the region put in front; the written form
is kept beside it by every caller.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from . import data

#: Quotation marks inside a written name: 区“学促委” is 区学促委 (seed 001).
QUOTES = re.compile(r"[“”\"「」]")

#: Collective actors: 各 + a class of units (各街镇, 各区县教育局, 各成员单位).
COLLECTIVE_PREFIXES = ("各", "全区各", "全市各", "区各", "市各")


@lru_cache(maxsize=None)
def aliases() -> dict[str, str]:
    """Short or variant form → full relative form (区人社局 → 区人力资源和社会保障局), with the
    gazetteer's own variants (全国人大常委会 → 全国人民代表大会常务委员会)."""
    table = {row["alias"]: row["full"] for row in data.read_tsv("aliases.tsv")}
    for name, (_, full) in gazetteer().items():
        if full and full != name:
            table.setdefault(name, full)
    return table


@lru_cache(maxsize=None)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Shipped names: name → (label, full name or "")."""
    return {row["name"]: (row["label"], row.get("full") or "") for row in data.read_tsv("gazetteer.tsv")}


def expand_alias(name: str, extra: dict[str, str] | None = None) -> str:
    """Follow the alias table (and document-local ``以下简称`` aliases) to the full form."""
    table = {**aliases(), **extra} if extra else aliases()
    seen = {name}
    while name in table and table[name] not in seen:
        name = table[name]
        seen.add(name)
    return name


@lru_cache(maxsize=None)
def region_short(region: str | None) -> tuple[str | None, str | None]:
    """(district, city) short names of a full region (上海市闵行区 → 闵行区, 上海市)."""
    from .regions import district_and_city

    return district_and_city(region)


def is_collective(name: str) -> bool:
    """各街镇, 全区各…, 基层社区学校, 区属事业单位, 属地街道 (the streets where a site lies): a
    class of units, not one body."""
    return name.startswith(COLLECTIVE_PREFIXES) or name.startswith(("基层", "属地", "区属", "市属"))


def canonical_unit(written: str, region: str | None, extra_aliases: dict[str, str] | None = None) -> str:
    """The canonical name of a unit as written in a document of ``region``.

    >>> canonical_unit("区人社局", "上海市闵行区")
    '闵行区人力资源和社会保障局'
    """
    name = expand_alias(QUOTES.sub("", "".join(written.split())), extra_aliases)
    district, city = region_short(region)
    name = drop_outer_region(name, district, city)
    if name.startswith("区") and district and not name.startswith(district) and relative_start(name):
        return district + name[1:]
    if name.startswith("市") and city and not name.startswith(city) and relative_start(name):
        return city + name[1:]
    if is_collective(name) and (district or city):
        # a collective is the class of units *of this region*: 闵行区各街镇 ≠ 长宁区各街镇;
        # 全区各街道 in a Changning document is 长宁区各街道
        return (district or city) + name.removeprefix("全区" if district else "全市")
    return name


#: The region's own bodies: 区属事业单位 in a Minhang document → 闵行区属事业单位.
OWNED = ("区属", "市属")


def relative_start(name: str) -> bool:
    """Does the 区/市 that opens ``name`` stand for the document's region?  Not in a word
    of its own: ``为区域博物馆联盟建设注入“强心剂”`` (Yangpu heritage plan) names a regional
    museum alliance, not 杨浦区的域博物馆联盟."""
    from .unit_grammar import relative_prefix_ok

    return name.startswith(OWNED) or relative_prefix_ok(name, 0)


def drop_outer_region(name: str, district: str | None, city: str | None) -> str:
    """上海市闵行区社区学院 → 闵行区社区学院: the canonical form starts at the district, so
    full and relative spellings meet (区社区学院 in a Minhang document → 闵行区社区学院)."""
    from .regions import by_short

    for full in by_short().get(district or "", ()):
        if name.startswith(full) and full != district:
            return district + name[len(full):]
    if district and city and name.startswith(city + district):
        return name[len(city):]
    return name


def member_class(name: str) -> str | None:
    """The class of units a collective actor stands for: 各区县教育局 → 区县教育局,
    各街镇（莘庄工业区） → 街镇, 区政府各部门 → 部门, 各有关部门 → 部门 (longest class that
    follows the quantifier); None for a single body."""
    if not is_collective(name) and "各" not in name:
        return None
    tail = name[name.find("各") + 1:] if "各" in name else name
    tail = tail.split("（")[0].split("(")[0]
    classes = sorted(data.read_lines("collective_classes.txt"), key=len, reverse=True)
    for i in range(len(tail)):
        for cls in classes:
            if tail.startswith(cls, i):
                return cls
    return None


def labels_by_unit(mentions: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Alternative labels (skos:altLabel) of each canonical unit: the written forms seen for
    it, sorted, without the canonical form itself.  ``mentions`` are (canonical, written)."""
    out: dict[str, set[str]] = {}
    for canonical, written in mentions:
        written = "".join(written.split())
        if written != canonical:
            out.setdefault(canonical, set()).add(written)
    return {canonical: tuple(sorted(names)) for canonical, names in sorted(out.items())}


#: A short form keeps at least this much body before its suffix (市学习网: 学习); bare
#: suffix forms (上海市委) are no abbreviation of a longer body (上海市教委).
MIN_SHORT_BODY = 2


def _split(name: str) -> tuple[str, str, str]:
    """(region, body, suffix) of a canonical unit name: 上海市终身学习网 → 上海市, 终身学习, 网."""
    from .regions import leading_name
    from .unit_grammar import suffixes

    region = leading_name(name) or ""
    rest = name[len(region):]
    suffix = next((s.text for s in suffixes() if rest.endswith(s.text)), "")
    return region, rest[:len(rest) - len(suffix)], suffix


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def abbreviations(names: Iterable[str]) -> dict[str, str]:
    """Short forms of longer names of the same document: {short: long}.

    A Chinese short form keeps the region and the suffix of the full name and some of its
    body's characters in order: ``与搞好市学习网的共享`` next to ``与市终身学习网的对接``
    (seed 002) name one site; ``区城管局`` is 区城市管理行政执法局.  Only when exactly one longer
    name fits (志愿者联盟 next to 青年教师志愿者联盟 and 退休教师志愿者联盟 stays apart)."""
    parts = {n: _split(n) for n in set(names)}
    out: dict[str, str] = {}
    for short, (region, body, suffix) in parts.items():
        if not suffix or len(body) < MIN_SHORT_BODY:
            continue
        fits = [long for long, (r, b, s) in parts.items()
                if long != short and s == suffix and r == region and len(b) > len(body) and _subsequence(body, b)]
        if len(fits) == 1:
            out[short] = fits[0]
    return out
