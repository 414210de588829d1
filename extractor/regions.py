"""The national region gazetteer (GB/T 2260) and region lookup in text.

The administrative-division table ships with the ``cpca`` package
(``cpca/resources/adcodes.csv``: adcode, name); it is read through ``importlib.resources``
so no matcher (and none of its dependencies) is imported.  ``data/regions.tsv`` is applied
on top as an override/addition file: it adds written forms (上海 → 上海市) and picks the
default reading of a name several places share (普陀区 → 上海市普陀区 unless the text names
舟山市).

A full name is the chain province + city + district, except that a municipality is not
repeated (上海市闵行区, 浙江省杭州市滨江区, 江西省新余市, 江苏省苏州市姑苏区) — the format of
``regions.tsv``, the gold files and the tests.

Lookup never scans the table: :func:`mentions` visits only the characters a region name can
end with (省市区县旗州盟) and looks the few candidate substrings up in a dict.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import util
from pathlib import Path

from . import data


@dataclass(frozen=True)
class Region:
    short: str  # the name as written: 姑苏区
    full: str  # the chain: 江苏省苏州市姑苏区
    level: str  # province | city | district


#: Municipalities: their districts are written 上海市闵行区 and they rank as cities.
MUNICIPALITIES = ("11", "12", "31", "50")

#: Table rows that are groupings, not places: 市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划.
NOT_A_PLACE = re.compile(r"^(?:市辖区|县|.*直辖.*)$|[域岛划]$")

#: A name written the same as a common phrase of policy prose is only taken when its city
#: is named right before it: ``加快老城区改造`` is not 洛阳市老城区, ``沿海城市`` not 海城市.
WORD_LIKE_NAMES_FILE = "region_wordlike.txt"

#: Shortest name looked for in free text: two-character names (城区, 郊区, 矿区, 南县) are
#: parts of ordinary words (主城区, 湖南县域) far more often than places.
MIN_FREE_LEN = 3


def _adcode_rows() -> list[tuple[str, str]]:
    """(adcode, name) rows of cpca's table.  The file is located with ``find_spec``, which
    finds the installed package without executing ``cpca/__init__.py``: that imports pandas
    and the matcher (~1 s), which ``importlib.resources.files("cpca")`` would trigger."""
    spec = util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the region table needs the cpca package: pip install 'cpca>=0.5.5,<0.6'")
    table = Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"
    text = table.read_text(encoding="utf-8")
    return [(r["adcode"], r["name"]) for r in csv.DictReader(io.StringIO(text))]


@lru_cache(maxsize=1)
def national() -> tuple[Region, ...]:
    """Every place of the adcode table with its full name and level."""
    names = {code: name for code, name in _adcode_rows()}

    def place(code: str) -> str | None:
        name = names.get(code)
        return name if name and not NOT_A_PLACE.search(name) else None

    out = []
    for code, name in names.items():
        if NOT_A_PLACE.search(name):
            continue
        province = place(code[:2] + "0" * 10)
        municipality = code[:2] in MUNICIPALITIES
        if code[2:] == "0" * 10:
            out.append(Region(name, name, "city" if municipality else "province"))
            continue
        city = None if municipality else place(code[:4] + "0" * 8)
        if code[4:] == "0" * 8:
            out.append(Region(name, (province or "") + name, "city"))
        else:
            out.append(Region(name, (province or "") + (city or "") + name, "district"))
    return tuple(out)


@lru_cache(maxsize=1)
def overrides() -> tuple[Region, ...]:
    """Rows of data/regions.tsv (written form, full name, level)."""
    return tuple(Region(r["short"], r["full"], r.get("level") or level_of(r["full"])) for r in data.read_tsv("regions.tsv"))


@lru_cache(maxsize=1)
def wordlike() -> frozenset[str]:
    return frozenset(data.read_lines(WORD_LIKE_NAMES_FILE))


@lru_cache(maxsize=1)
def by_short() -> dict[str, tuple[str, ...]]:
    """Written name → the full names it can stand for (鼓楼区 → 4 cities' 鼓楼区)."""
    table: dict[str, list[str]] = {}
    for r in national() + overrides():
        fulls = table.setdefault(r.short, [])
        if r.full not in fulls:
            fulls.append(r.full)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def by_full() -> dict[str, Region]:
    table = {r.full: r for r in national()}
    table.update({r.full: r for r in overrides() if r.full == r.short or r.full not in table})
    return table


@lru_cache(maxsize=1)
def default_of() -> dict[str, str]:
    """The reading regions.tsv gives a written name (普陀区 → 上海市普陀区)."""
    return {r.short: r.full for r in overrides()}


def level_of(full: str) -> str:
    """province / city / district of a full name (by its last component)."""
    region = by_full().get(full)
    if region:
        return region.level
    return "province" if full.endswith(("省", "自治区")) else "city" if full.endswith(("市", "州", "盟")) else "district"


@lru_cache(maxsize=1)
def unambiguous() -> dict[str, str]:
    """Written name → full name for names with one reading (or a regions.tsv default)."""
    out = {short: fulls[0] for short, fulls in by_short().items()
           if len(fulls) == 1 and len(short) >= MIN_FREE_LEN and short not in wordlike()}
    out.update(default_of())
    return out


@lru_cache(maxsize=1)
def _ends() -> tuple[frozenset[str], int]:
    names = list(by_short())
    return frozenset(s[-1] for s in names), max(map(len, names))


def mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, written name) of the region names in ``text``, longest first at each
    end, nested mentions dropped: ``苏州市姑苏区人民政府办公室`` → 苏州市, 姑苏区."""
    ends, longest = _ends()
    table, defaults = by_short(), default_of()
    found: list[tuple[int, int, str]] = []
    for i, ch in enumerate(text):
        if ch not in ends:
            continue
        for n in range(min(longest, i + 1), 1, -1):
            name = text[i + 1 - n: i + 1]
            if name in table:
                found.append((i + 1 - n, i + 1, name))
                break
    found = [m for m in found if not any(o[0] <= m[0] and m[1] <= o[1] and o != m for o in found)]
    return [m for m in found if m[2] in defaults or (len(m[2]) >= MIN_FREE_LEN and m[2] not in wordlike())
            or _city_before(text, m, found)]


def _city_before(text: str, mention: tuple[int, int, str], found: list[tuple[int, int, str]]) -> bool:
    """Whether a city (or province) containing ``mention`` is written right before it."""
    table = by_short()
    return any(o[1] == mention[0] and any(f.startswith(outer) for f in table[mention[2]] for outer in table[o[2]])
               for o in found)


def resolve(short: str, context: tuple[str, ...] = ()) -> str | None:
    """The full name ``short`` stands for, given the other names written near it.

    鼓楼区 with 南京市 nearby → 江苏省南京市鼓楼区; 鼓楼区 alone → None (four cities have one);
    普陀区 alone → 上海市普陀区 (the regions.tsv default).
    """
    fulls = by_short().get(short, ())
    if len(fulls) == 1:
        return fulls[0]
    outer = {f for c in context if c != short for f in by_short().get(c, ())}
    supported = [f for f in fulls if any(f.startswith(o) and f != o for o in outer)]
    if len(supported) == 1:
        return supported[0]
    return default_of().get(short)


def regions_in(text: str) -> list[tuple[int, str]]:
    """(position, full name) of the resolvable regions named in ``text``."""
    found = mentions(text)
    context = tuple(m[2] for m in found)
    out = []
    for start, _end, short in found:
        full = resolve(short, context)
        if full:
            out.append((start, full))
    return out


def find_region(text: str) -> str | None:
    """The most specific region ``text`` names (a district over the city containing it,
    then the earliest): ``苏州市姑苏区人民政府办公室`` → 江苏省苏州市姑苏区."""
    found = regions_in(text)
    if not found:
        return None
    return min(found, key=lambda pf: (-len(pf[1]), pf[0]))[1]


def components(full: str | None) -> tuple[str, ...]:
    """The written names a full region is made of, outermost first:
    江苏省苏州市姑苏区 → (江苏省, 苏州市, 姑苏区); 上海市闵行区 → (上海市, 闵行区)."""
    if not full:
        return ()
    parts: list[str] = []
    rest = full
    while rest:
        for n in range(len(rest), 0, -1):
            head = rest[:n]
            if head in by_short():
                parts.append(head)
                rest = rest[n:]
                break
        else:
            parts.append(rest)
            break
    return tuple(parts)


def district_and_city(full: str | None) -> tuple[str | None, str | None]:
    """(district, city) written names of a region: 上海市闵行区 → (闵行区, 上海市),
    江苏省苏州市常熟市 → (None, 常熟市), 浙江省 → (None, None)."""
    parts = components(full)
    district = next((p for p in reversed(parts) if p.endswith(("区", "县", "旗"))), None)
    city = next((p for p in reversed(parts) if p.endswith("市")), None)
    return district, city


def abbreviation_matches(code: str, full: str) -> bool:
    """Whether a 文号's issuer code starts with the one-character abbreviation of the
    innermost place of ``full`` (a character of its name without 省/市/区/县):
    ``闵学委办`` ↔ 上海市闵行区, ``姑府办`` ↔ 江苏省苏州市姑苏区, ``余府发`` ↔ 江西省新余市.
    The province's abbreviation may come first (``沪松府办``: 沪 is 上海市, then 松江区;
    data/province_abbreviations.tsv)."""
    parts = components(full)
    if not parts or not code:
        return False
    stem = re.sub(r"(?:省|市|区|县|旗|自治区|自治州|自治县|盟|新区)$", "", parts[-1]) or parts[-1]
    if code[0] in stem:
        return True
    outer = province_abbreviations().get(code[0])
    if outer == full:
        return True  # 沪教委 ↔ 上海市
    return bool(outer and full.startswith(outer) and len(code) > 1 and code[1] in stem)


@lru_cache(maxsize=1)
def province_abbreviations() -> dict[str, str]:
    return {r["abbr"]: r["province"] for r in data.read_tsv("province_abbreviations.tsv")}


@lru_cache(maxsize=1)
def prefix_overrides() -> tuple[tuple[str, str], ...]:
    """(prefix, region) rows of data/doc_number_prefixes.tsv, longest prefix first."""
    rows = data.read_tsv("doc_number_prefixes.tsv")
    return tuple(sorted(((r["prefix"], r["region"]) for r in rows), key=lambda pr: -len(pr[0])))


def region_of_doc_number(doc_number: str | None, *names: str | None) -> str | None:
    """Region from a 文号's issuer code: the most specific region named in ``names`` (issuer
    line, title, document head) whose abbreviation the code starts with (姑府办〔2023〕5号 +
    苏州市姑苏区人民政府办公室 → 江苏省苏州市姑苏区), else the override file's longest
    matching prefix (沪松府办… → 上海市松江区)."""
    if not doc_number:
        return None
    named = {full for name in names if name for _pos, full in regions_in(name)}
    matching = [full for full in named if abbreviation_matches(doc_number, full)]
    if matching:
        return max(matching, key=lambda f: (len(f), f))
    return next((region for prefix, region in prefix_overrides() if doc_number.startswith(prefix)), None)


def outer_names(region: str | None) -> tuple[str, ...]:
    """Every spelling of ``region`` and of the places containing it, longest first:
    上海市闵行区 → 上海市闵行区, 上海市, 闵行区, 上海 (the prefixes a unit name may carry)."""
    parts = components(region)
    fulls = {"".join(parts[:i]) for i in range(1, len(parts) + 1)}
    names = fulls | set(parts) | {r.short for r in overrides() if r.full in fulls}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _leading() -> tuple[frozenset[str], int]:
    names = set(unambiguous()) | set(unambiguous().values())
    return frozenset(names), max(map(len, names))


def leading_name(text: str) -> str | None:
    """The longest unambiguous region name (written or full) ``text`` starts with:
    上海市长宁区社区学院 → 上海市长宁区; 区社区学院 → None."""
    names, longest = _leading()
    return next((text[:n] for n in range(min(longest, len(text)), 1, -1) if text[:n] in names), None)


def alternation(names: tuple[str, ...]) -> str:
    """A regex alternation of literal ``names`` as a trie (shared prefixes factored out), so
    a search over thousands of region names costs a few branch tests per position."""
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node and branches else body


@lru_cache(maxsize=1)
def written_names() -> frozenset[str]:
    """Names that read as a place wherever they are written: every name of three or more
    characters that is not also a common word, and every regions.tsv name."""
    return frozenset({n for n in by_short() if len(n) >= MIN_FREE_LEN and n not in wordlike()} | set(default_of()))
