"""Unit names: canonical forms within a document's region.

Chinese documents write units relative to the issuer's region: in a Minhang document
区社区学院 means 闵行区社区学院, in a Changning document 长宁区社区学院.  The canonical
name is the alias-expanded relative form with the region put in front; the written form
is kept beside it by every caller.
"""

from __future__ import annotations

from functools import lru_cache

from . import data

#: Collective actors: 各 + a class of units (各街镇, 各区县教育局, 各成员单位).
COLLECTIVE_PREFIXES = ("各", "全区各", "全市各", "区各", "市各")


@lru_cache(maxsize=None)
def aliases() -> dict[str, str]:
    return {row["alias"]: row["full"] for row in data.read_tsv("aliases.tsv")}


def expand_alias(name: str, extra: dict[str, str] | None = None) -> str:
    """Follow the alias table (and document-local ``以下简称`` aliases) to the full form."""
    table = dict(aliases())
    if extra:
        table.update(extra)
    seen = {name}
    while name in table and table[name] not in seen:
        name = table[name]
        seen.add(name)
    return name


def region_short(region: str | None) -> tuple[str | None, str | None]:
    """(district, city) short names of a full region (上海市闵行区 → 闵行区, 上海市)."""
    if not region:
        return None, None
    district = city = None
    for short, full in data.regions().items():
        if full == region and short.endswith(("区", "县")):
            district = short
        if region.startswith(full) and short.endswith("市") and short == full[-len(short):]:
            city = short
    return district, city


def is_collective(name: str) -> bool:
    return name.startswith(COLLECTIVE_PREFIXES)


def canonical_unit(written: str, region: str | None, extra_aliases: dict[str, str] | None = None) -> str:
    """The canonical name of a unit as written in a document of ``region``.

    >>> canonical_unit("区人社局", "上海市闵行区")
    '闵行区人力资源和社会保障局'
    """
    name = expand_alias(written.strip(), extra_aliases)
    if is_collective(name):
        return name
    district, city = region_short(region)
    if name.startswith("区") and district and not name.startswith(district):
        return district + name[1:]
    if name.startswith("市") and city and not name.startswith(city):
        return city + name[1:]
    return name
