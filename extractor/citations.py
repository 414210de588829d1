"""Citations: other documents named by 《title》 and/or 文号, with the pair joined.

``根据教育部等九部门《关于进一步推进社区教育发展的意见》（教职成〔2016〕4号）`` (seed 004) is
one citation with title, 文号 and the issuer named before the title.  A bare 文号 is a
citation of its own; a 《…》 that names a newspaper, a map or a collection is not a
document (``《文汇报》``, ``《学在长宁》简讯``), nor is the document's own title or one of its
parts, nor an abbreviation (``（以下简称《条例》）``).
"""

from __future__ import annotations

import re

from . import data
from .docnumber import DOC_NUMBER, canonical_doc_number, code_of, iter_doc_numbers
from .header import doc_type_of, is_org_name
from .models import Citation
from .parts import title_key
from .textlines import tidy

#: 《title》 of a cited document; nested 〈〉 stay inside (``《关于贯彻〈上海市生活垃圾管理条例〉…》``).
BOOK_TITLE = re.compile(r"《([^《》\n]{2,120})》")

#: A 文号 in brackets right after the title: ``》（教职成〔2016〕4号）``, ``》(浙教职成〔2016〕117号)``.
NUMBER_AFTER_TITLE = re.compile(rf"^\s*[（(]\s*({DOC_NUMBER.pattern})\s*[）)]")

#: An abbreviation, not a citation: ``（以下简称《条例》）`` (d06).
ABBREVIATION_BEFORE = re.compile(r"(?:以下简称|下称|简称)\s*$")

#: The issuer written just before a title: ``教育部等九部门《``, ``国务院办公厅《``, ``住建部办公厅《`` (d02).
ISSUER_BEFORE = re.compile(r"([\u4e00-\u9fff、]{2,30}?(?:等[一二三四五六七八九十\d]+(?:个)?部门)?)$")

#: Words that start a clause before an issuer: ``根据教育部…``, ``按照市政府…``.
LEAD_IN = re.compile(r"^.*(?:根据|按照|依据|依照|落实|贯彻|参照|执行|对照|结合|和|及|与|，|,)")

#: The verb between an issuer and the title it issued: ``上海市委、市政府发布《…》``, ``国务院办公厅
#: 印发《…》``, ``全国人大常委会迅速通过了《…》`` (seed 001).
ISSUING_VERB = re.compile(r"(?:迅速|先后|联合|正式|已|相继)?(?:发布|印发|出台|制定|颁布|通过|下发|公布)了?$")


#: The document's own attachment pointed at after its title: ``请各单位填写《自治区质量技术监督局
#: 信息宣传联络员登记表》（见附件1）`` (a Xinjiang notice) names a form it carries, not a citation.
OWN_ATTACHMENT_AFTER = re.compile(r"^\s*[（(]\s*(?:详见|见)\s*附\s*件")


def non_document_endings() -> tuple[str, ...]:
    return data.read_lines("non_document_titles.txt")


def is_document_title(title: str, after: str) -> bool:
    """Whether a 《…》 names a document rather than a publication, map or collection.

    ``《长宁时报》`` and ``《学在长宁》简讯`` are media; ``《…通报》`` is a document although 报
    ends it, because 通报 is a 文种.
    """
    endings = non_document_endings()
    if doc_type_of(title) is None and title.endswith(endings):
        return False
    return not after.lstrip().startswith(endings)


def issuer_before(text: str, start: int) -> str | None:
    """The body named right before a 《: ``教育部等九部门《…》`` → 教育部等九部门."""
    window = text[max(0, start - 30): start]
    window = re.split(r"[\n。；：:]", window)[-1]
    window = ISSUING_VERB.sub("", LEAD_IN.sub("", window))
    m = ISSUER_BEFORE.search(window)
    if not m:
        return None
    name = m.group(1).strip("、")
    core = re.sub(r"等[一二三四五六七八九十\d]+(?:个)?部门$", "", name)
    return name if core and all(is_org_name(n) for n in core.split("、")) else None


def find_citations(text: str, exclude_titles: tuple[str, ...] = (), exclude_numbers: tuple[str, ...] = ()) -> list[Citation]:
    """Cited documents in order of appearance, deduplicated on (文号, title)."""
    cites: list[Citation] = []
    used_numbers: set[int] = set()
    skip_titles = {title_key(t) for t in exclude_titles if t}
    for m in BOOK_TITLE.finditer(text):
        title = tidy(m.group(1))
        if ABBREVIATION_BEFORE.search(text[max(0, m.start() - 6): m.start()]):
            skip_titles.add(title_key(title))  # later mentions of the short name are the same document
            continue
        if not is_document_title(title, text[m.end(): m.end() + 4]) or title_key(title) in skip_titles \
                or OWN_ATTACHMENT_AFTER.match(text[m.end(): m.end() + 8]):
            continue
        doc_number, end = None, m.end()
        nm = NUMBER_AFTER_TITLE.match(text[m.end(): m.end() + 40])
        if nm:
            inner = DOC_NUMBER.search(nm.group(1))
            doc_number = canonical_doc_number(inner)
            used_numbers.add(m.end() + nm.start(1))
            end = m.end() + nm.end()
        cites.append(Citation(doc_number=doc_number, title=title, start=m.start(), end=end,
                              evidence=text[m.start():end], issuer=issuer_before(text, m.start())))
    for n in iter_doc_numbers(text):
        if n.start() in used_numbers or any(c.start <= n.start() < c.end for c in cites):
            continue
        number = canonical_doc_number(n)
        if number in exclude_numbers:
            continue
        start = n.start() + len(n.group(1)) - len(code_of(n))
        cites.append(Citation(doc_number=number, title=None, start=start, end=n.end(), evidence=text[start:n.end()]))
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for c in sorted(cites, key=lambda c: c.start):
        key = (c.doc_number, title_key(c.title) if c.title else None)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
