"""GB/T 9704-2012 header and footer elements of an official document.

The standard lays a document out as 版头 (发文机关标志 ``XX文件``, 发文字号, 签发人), 主体
(标题, 主送机关, 正文, 附件说明, 发文机关署名, 成文日期, 附注) and 版记 (抄送机关, 印发机关和
印发日期), each element on its own line(s).  This module reads those lines; every element
it finds also marks its lines as a *zone* that the section parser must not read as a
heading (seed 004's ``# 杭州市滨江区人民政府文件`` is a masthead, not a section).

Nothing is guessed: an element that is not written is None/empty.  Values taken from
elsewhere than the official text (the collector's front matter) are recorded in
``sources``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import data
from .dates import DAY, MONTH, YEAR, find_dates
from .docnumber import DOC_NUMBER, DOC_NUMBER_LINE, canonical_doc_number, iter_doc_numbers
from .textlines import Line, squeeze, tidy

# ── lexicons ─────────────────────────────────────────────────────────────────


def doc_types() -> tuple[str, ...]:
    """文种 names, longest first (data/doc_types.txt)."""
    return tuple(sorted(data.read_lines("doc_types.txt"), key=len, reverse=True))


def issuer_suffixes() -> tuple[str, ...]:
    return data.read_lines("issuer_suffixes.txt")


# ── dates (the conversions are extractor.dates'; these patterns find whole date lines) ──

#: A 成文日期 / 印发日期 with year and month, maybe the day: ``2017年4月17日``,
#: ``二〇一三年一月`` (seed 003 cover), ``二○一二年一月九日`` (d03); group 3 is the day.
CN_DATE = re.compile(rf"{YEAR}\s*{MONTH}(?:\s*{DAY})?")

#: A line that is nothing but a date (a signature or cover date line).
DATE_LINE = re.compile(rf"^\s*(?:{CN_DATE.pattern})\s*$")


#: A 发文机关署名 and its 成文日期 on one line, as a wrap repair joins two short lines:
#: ``上海市交通委员会2022年11月1日``, ``上海市交通委员会 上海海事局2023年4月17日``,
#: ``上海市文物局2022年07月19日`` (signature blocks of three Shanghai notices).
GLUED_SIGNATURE = re.compile(rf"^(?P<orgs>[^\d〇○一二]\S.{{0,60}}?)\s*(?P<date>{CN_DATE.pattern})\s*$")


def glued_signature(text: str) -> tuple[list[str], str] | None:
    """(issuers, date) of a signature line joined to its date, or None.

    Every piece before the date must be a body's name (issuer_suffixes.txt), so a
    sentence ending in a date (``采用数据截止日期为2020年12月31日``) is none.
    """
    m = GLUED_SIGNATURE.match(text)
    if not m:
        return None
    orgs = split_orgs(m.group("orgs"))
    return (orgs, m.group("date")) if orgs and all(is_org_name(o) for o in orgs) else None


def parse_date(text: str) -> str | None:
    """The first full date (year and month, maybe day) in ``text`` as ISO, or None.

    ``二〇一三年一月`` → ``2013-01``; a year alone or an impossible month is no 成文日期.
    """
    found = next((d for d in find_dates(text) if d.rule in ("ymd", "ym")), None)
    return found.iso if found else None


# ── line patterns ────────────────────────────────────────────────────────────

#: A rule line a converter made of the red separator: ``---``, ``———``.
SEPARATOR = re.compile(r"^[-—_=*~]{3,}$")

#: Punctuation that never occurs inside an organisation's name on a header line.
NOT_IN_NAME = set("。，；：:,;！？!?《》“”\"")

#: A trailing parenthetical on a title: ``（试行）``, ``(2013-2014)``, ``（征求意见稿）``.
TITLE_TAIL = re.compile(r"[（(][^（）()]{1,12}[）)]$")

#: 附件说明 and attachment labels: ``附件：闵行区终身教育改革与发展“十四五”规划`` (seed 001),
#: ``附件：`` alone (seed 002, the attachment follows), ``附件1：`` / ``附件1`` (d04, d06),
#: ``附件：1.2019年宝山区…`` (d06, a numbered list).
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*(?P<number>\d{0,2})\s*[：:]?\s*(?P<rest>.*)$")

#: One item of a numbered attachment list: ``2.公园绿地重点建设计划表``.
ATTACHMENT_ITEM = re.compile(r"^(?P<number>\d{1,2})\s*[．.、]\s*(?P<title>.+)$")

#: 附注/公开属性: ``公开属性：主动公开`` (seed 001), ``（此件公开发布）``.
DISCLOSURE = re.compile(r"^(?:(?:公开属性|公开方式|公开类别|信息公开选项)\s*[：:]\s*(?P<value>\S.*)|[（(](?P<note>此件[^（）()]{1,12})[）)])$")

#: 抄送机关: ``抄送：区委各部门，区纪委、人大办、政协办、法院、检察院、人武部、各群众团体。`` (seed 004).
CC_LINE = re.compile(r"^抄\s*(?:送|报)\s*[：:]\s*(?P<value>.+)$")

#: 印发机关和印发日期 on one line or with the office on the line above:
#: ``上海市闵行区教育局办公室`` / ``2022年7月15日印发`` (seed 001).
#: Searched for the date and 印发 at the line end; the office is what stands before it (see
#: ``printed_line``): a lazy ``^(.*?)\s*`` prefix made one long line of spaces quadratic.
PRINTED_LINE = re.compile(rf"(?P<date>{CN_DATE.pattern})\s*印\s*发$")


def printed_line(line: str) -> tuple[str, str] | None:
    """(office as written, date) of a 印发 line: ``上海市闵行区教育局办公室 2022年7月15日印发``."""
    m = PRINTED_LINE.search(line)
    return (line[: m.start()].rstrip(), m.group("date")) if m else None

#: 施行日期: ``本实施意见自2017年4月15日起施行`` (seed 004), ``本办法自2012年2月1日至2017年1月31日施行``
#: (d03); the subject 本… keeps a programme's ``自2013年起试行`` from counting.
EFFECTIVE = re.compile(
    rf"本[\u4e00-\u9fff]{{1,8}}?自\s*(?P<from>{CN_DATE.pattern}|印发之日|发布之日)\s*"
    rf"(?:起|至\s*(?P<until>{CN_DATE.pattern})\s*止?)\s*(?:施行|实施|执行|生效|试行)")

#: A title's issuer prefix: ``杭州市滨江区人民政府关于…``, ``虹口区人民政府办公室印发关于…`` (d02).
TITLE_ISSUER = re.compile(r"^(?P<issuer>[^《》“”]{2,60}?)(?:关于|印发|转发)")

#: What a notice issues: ``关于印发《闵行区终身教育改革与发展“十四五”规划》的通知`` or, without
#: book marks, ``关于印发黄浦区历史风貌保护和利用“十四五”规划的通知`` (d04).
ISSUED_DOCUMENT = re.compile(r"(?:印发|转发|发布|颁布)(?:[^《》]{0,20}?制订的)?(?P<doc>.+?)的?(?:通知|决定|通告|公告)$")

#: A news headline's subtitle line: ``———闵行区创建优质终身教育体系探秘`` (seed 000).
SUBTITLE_LINE = re.compile(r"^[—－-]{2,}\s*(?P<subtitle>\S.*)$")

#: Headline and subtitle on one line once the wrap repair joined them:
#: ``三级网络全覆盖智慧传递千万家———闵行区创建优质终身教育体系探秘`` (seed 000).
HEADLINE_LINE = re.compile(r"^(?P<head>[^—－。，；：！？\-]{4,30}?)\s*[—－-]{2,}\s*(?P<subtitle>[^。，；！？]{2,40})$")


def title_with_number(line: str) -> tuple[str, str] | None:
    """(title, 文号) of a title with its 文号 glued on by a wrap repair (the number stands on
    the line under the title): ``新疆维吾尔自治区质监局关于进一步加强新闻宣传工作的通知（新质监办发
    〔2012〕24号）`` (a pkulaw export), ``关于印发《2026年上海市城市更新规划资源行动方案》的通知
    沪规划资源更〔2026〕83号`` (上海市规划和自然资源局).  The title must end in a 文种 right where the
    number starts; only the few cuts inside the number's code are tried."""
    if not line.endswith(("号", "）", ")")):
        return None
    found = None
    for found in iter_doc_numbers(line):
        pass
    if found is None:
        return None
    for cut in range(found.start(), found.start(2)):
        head = line[:cut].rstrip()
        if head.endswith(("（", "(")):
            head, cut = head[:-1].rstrip(), cut - 1
        m = DOC_NUMBER_LINE.match(line[cut:])
        if m and not m.group("signer") and doc_type_of(head):
            return head, line[cut:]
    return None


def restates_title(title: str, line: str) -> bool:
    """``line`` is the document's own title under a collector's title line: the same words
    from 关于 on, the issuers perhaps abbreviated (``市交通委、上海海事局关于印发《上海港提高靠港
    船舶岸电使用率实施方案（2023年）》的通知`` under ``上海市交通委员会、上海海事局 关于印发…``)."""
    a, b = squeeze(title), squeeze(line)
    i, j = a.find("关于"), b.find("关于")
    return i > 0 and j > 0 and a[i:] == b[j:] and is_title_like(b)


def is_org_name(text: str) -> bool:
    """A line that is nothing but a body's name (masthead, signature, printer)."""
    s = squeeze(text)
    return (2 <= len(s) <= 40 and not (set(s) & NOT_IN_NAME) and not DATE_LINE.match(s)
            and s.endswith(issuer_suffixes()) and not s.startswith(("附件", "抄送", "抄报")))


def split_joint(name: str) -> list[str]:
    """Joint issuers written without a separator, as PDF text and titles join them:
    ``上海市教育委员会上海市财政局`` → both.  A cut is made only where the rest starts with
    a region's name (each joint issuer names its own level), so ``…促进委员会办公室`` stays whole.
    """
    from .regions import leading_name

    for cut in range(2, len(name) - 1):
        head, rest = name[:cut], name[cut:]
        if is_org_name(head) and (rest.startswith("中共") or leading_name(rest)) and is_org_name(rest):
            return [head] + split_joint(rest)
    return [name]


def split_orgs(text: str) -> list[str]:
    """Joint issuers on one line: separated by 、, by spacing (``区教育局    区财政局``, or one
    space when every piece is a name) or not at all (``上海市教育委员会上海市财政局``)."""
    parts = [p for p in re.split(r"[、]|\s{2,}|\t", text.strip()) if squeeze(p)]
    spaced = text.split()
    if len(parts) == 1 and len(spaced) > 1 and all(is_org_name(p) for p in spaced):
        parts = spaced
    return [name for p in parts for name in split_joint(squeeze(p))]


def doc_type_of(title: str | None) -> str | None:
    """文种 from the end of a title, past a trailing parenthetical: ``…意见（试行）`` → 意见."""
    if not title:
        return None
    t = TITLE_TAIL.sub("", squeeze(title))
    return next((d for d in doc_types() if t.endswith(d)), None)


def is_title_like(text: str) -> bool:
    """A line that can be a document title: no sentence punctuation, a 文种 or 关于."""
    s = squeeze(text)
    return (4 <= len(s) <= 100 and "。" not in s and not s.endswith(("：", ":", "；", "，"))
            and (doc_type_of(s) is not None or "关于" in s) and not s.startswith(("附件", "根据", "为")))


def undouble(text: str) -> str:
    """A title a converter wrote twice on one line (d03) is the title once."""
    half = len(text) // 2
    return text[:half] if len(text) % 2 == 0 and half >= 4 and text[:half] == text[half:] else text


#: A bare administrative level before 、 that shares the name after it: ``各乡、镇人民政府``
#: (崇明区), ``各地、州、市及米东新区质量技术监督局`` (新疆) are one recipient each.
BARE_LEVEL = re.compile(r"^各?[地州盟市县区旗乡镇]$")


def split_list(text: str) -> list[str]:
    """主送/抄送 lists: ``各街道办事处，区政府各部门、各直属单位：`` → three recipients.

    Split on ，、；; a piece of one character (``区政府各委、办、局``) continues the one
    before, so ``各委、办、局`` stays one recipient; a bare level (``各乡、镇人民政府``) joins the
    piece after it.  Parenthesised text is never split.
    """
    text = text.strip().rstrip("：:。.；;，,")
    pieces: list[str] = []
    depth, buf = 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "，,、；;":
            pieces.append((buf, ch))
            buf = ""
        else:
            buf += ch
    pieces.append((buf, ""))
    out: list[str] = []
    prev_sep = ""
    open_level = False  # the last piece is a bare level waiting for the name it shares
    for piece, sep in pieces:
        name = squeeze(piece)
        if name and out and prev_sep == "、" and ((open_level and not name.startswith("各")) or len(name) == 1):
            out[-1] += "、" + name
        elif name:
            out.append(name)
        open_level = bool(name) and sep == "、" and bool(BARE_LEVEL.match(name)) and (open_level or name.startswith("各"))
        prev_sep = sep
    return out


def same_body(a: str, b: str) -> bool:
    """Two written names of one issuer: one is the other with a region prefix
    (``上海市闵行区…办公室`` and ``闵行区…办公室`` in seed 001's masthead and signature)."""
    a, b = squeeze(a), squeeze(b)
    return a.endswith(b) or b.endswith(a)


def merge_orgs(names: list[str]) -> list[str]:
    """Distinct bodies in order of first mention, each under its fullest written name."""
    out: list[str] = []
    for name in names:
        for i, have in enumerate(out):
            if same_body(have, name):
                if len(name) > len(have):
                    out[i] = name
                break
        else:
            out.append(name)
    return out


# ── the header model ─────────────────────────────────────────────────────────


@dataclass(slots=True)
class Signature:
    """发文机关署名 + 成文日期 (or a cover's issuer and date)."""

    orgs: list[str]
    date: str | None
    start: int
    end: int
    cover: bool = False


@dataclass(slots=True)
class AttachmentNote:
    """One title listed in 附件说明, or an attachment label (``附件1``) before its text."""

    title: str | None  # None for a bare label whose title is on the next line
    number: str | None
    start: int
    end: int
    label_only: bool = False


@dataclass(slots=True)
class Header:
    """The GB/T 9704 elements found, with the spans they occupy."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    masthead: list[str] = field(default_factory=list)
    title_issuers: list[str] = field(default_factory=list)
    doc_number: str | None = None
    signer: str | None = None
    recipients: list[str] = field(default_factory=list)
    head_end: int = 0  # end of the 版头 + title + 主送 block
    signatures: list[Signature] = field(default_factory=list)
    attachments: list[AttachmentNote] = field(default_factory=list)
    disclosure: str | None = None
    cc: list[str] = field(default_factory=list)
    printed_by: str | None = None
    print_date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    subtitle: str | None = None
    zones: list[tuple[int, int]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)


# ── the head: masthead, 文号, title, cover, 主送 ────────────────────────────────


def _masthead_end(lines: list[Line]) -> int:
    """Index of the first line after the masthead (org lines ending in 文件 or before the 文号)."""
    window = lines[:8]
    stop = next((k for k, ln in enumerate(window)
                 if DOC_NUMBER_LINE.match(ln.plain) or ln.plain.endswith("文件") or SEPARATOR.match(ln.plain)), None)
    if stop is None:
        return 0
    if window[stop].plain.endswith("文件"):
        stop += 1
    head = window[:stop]
    ok = all(is_org_name(ln.plain) or ln.plain == "文件" or
             (ln.plain.endswith("文件") and is_org_name(ln.plain[:-2])) for ln in head)
    return stop if ok else 0


def read_head(lines: list[Line], header: Header) -> int:
    """Fill the head elements; returns the index of the first body line."""
    i = _masthead_end(lines)
    for ln in lines[:i]:
        name = ln.plain[:-2] if ln.plain.endswith("文件") else ln.plain
        header.masthead += split_orgs(name)
        header.zones.append((ln.start, ln.end))
    n = len(lines)

    def take_doc_number(k: int, written: str | None = None) -> bool:
        m = DOC_NUMBER_LINE.match(written or lines[k].plain) if k < n else None
        if not m or header.doc_number:
            return False
        header.doc_number = canonical_doc_number(DOC_NUMBER.search(m.group("number")))
        header.signer = squeeze(m.group("signer")) if m.group("signer") else None
        header.sources["doc_number"] = "header"
        header.zones.append((lines[k].start, lines[k].end))
        return True

    while i < n and (SEPARATOR.match(lines[i].plain) or take_doc_number(i)):
        header.zones.append((lines[i].start, lines[i].end))
        i += 1
    if i >= n or not is_title_like(lines[i].plain):
        return i
    first = i
    title = undouble(squeeze(lines[i].plain))
    i += 1
    if i < n and squeeze(lines[i].plain) == title:
        i += 1  # the title twice, a collector's line above the document's own (d03)
    elif i < n and (glued := title_with_number(squeeze(lines[i].plain))) and glued[0] == title:
        take_doc_number(i, glued[1])
        i += 1
    elif (glued := title_with_number(title)) and take_doc_number(first, glued[1]):
        title = glued[0]  # the number glued to the only title line
    elif i < n and restates_title(title, lines[i].plain):
        i += 1
    # a title wrapped over two lines: the first lacks the 文种 the second ends with
    if i < n and doc_type_of(title) is None and is_title_like(title + lines[i].plain) \
            and not (set(lines[i].plain) & NOT_IN_NAME - {"“", "”", "《", "》"}) and len(lines[i].plain) <= 40:
        title += squeeze(lines[i].plain)
        i += 1
    header.title, header.title_span = tidy(title), (lines[first].start, lines[i - 1].end)
    header.sources["title"] = "header"
    while i < n and (SEPARATOR.match(lines[i].plain) or take_doc_number(i)):
        i += 1
    # a cover: (parenthetical subtitle), issuer line(s), date line, then the title again in full
    k = i + 1 if i < n and TITLE_TAIL.fullmatch(squeeze(lines[i].plain)) else i
    orgs_end = k
    while orgs_end < n and orgs_end - k < 4 and is_org_name(lines[orgs_end].plain):
        orgs_end += 1
    if orgs_end > k and orgs_end < n and DATE_LINE.match(lines[orgs_end].plain):
        date_line = lines[orgs_end]
        header.signatures.append(Signature(
            orgs=[o for ln in lines[k:orgs_end] for o in split_orgs(ln.plain)],
            date=parse_date(date_line.plain), start=lines[k].start, end=date_line.end, cover=True))
        i = orgs_end + 1
        core = TITLE_TAIL.sub("", squeeze(title))
        if i < n and is_title_like(lines[i].plain) and core in squeeze(lines[i].plain):
            header.title = tidy(lines[i].plain)
            header.title_span = (lines[i].start, lines[i].end)
            i += 1
    if i < n and lines[i].plain.endswith(("：", ":")) and "。" not in lines[i].plain and len(lines[i].plain) <= 150 \
            and not ATTACHMENT_NOTE.match(lines[i].plain):
        header.recipients = split_list(lines[i].plain)
        i += 1
    header.zones.append((lines[first].start, lines[i - 1].end))
    return i


# ── the foot: 附件说明, 署名, 成文日期, 附注, 抄送, 印发 ─────────────────────────────────


def _ends_block(text: str) -> bool:
    """A line after which a signature can follow: a sentence or a header element ends there."""
    return text.endswith(("。", "！", "；", "：", ":")) or bool(SEPARATOR.match(text))


def _starts_boundary(line: Line | None) -> bool:
    """A line that can follow a 成文日期: the end, a 版记/附件 element, a rule, or a new title."""
    if line is None:
        return True
    p = line.plain
    return bool(SEPARATOR.match(p) or ATTACHMENT_NOTE.match(p) or DISCLOSURE.match(p) or CC_LINE.match(p)
                or printed_line(p) or is_org_name(p) or (is_title_like(p) and len(p) <= 60))


def read_signatures(lines: list[Line], start: int, skip: list[tuple[int, int]]) -> list[Signature]:
    """发文机关署名 + 成文日期 blocks after line ``start``.

    A date line (``2017年4月17日``) is a 成文日期 when it follows the issuer's name line(s)
    or the end of a sentence, and is followed by the end, a 版记 element or a new title;
    a date cell of a flattened table (d06 ``2019年6月``) has neither.
    """
    out: list[Signature] = []
    for k in range(start, len(lines)):
        ln = lines[k]
        if any(s <= ln.start < e for s, e in skip):
            continue
        if not DATE_LINE.match(ln.plain):
            p = ln.plain
            glued = glued_signature(p) if len(p) <= 90 and p.endswith(("日", "月")) else None
            before = lines[k - 1].plain if k > 0 else ""
            after = lines[k + 1] if k + 1 < len(lines) else None
            # the names and the date on one line are evidence enough: what follows may be the
            # issued plan's title glued to its first paragraph (沪规划资源更〔2026〕83号)
            if glued and (_ends_block(before) or ATTACHMENT_NOTE.match(before)):
                out.append(Signature(orgs=glued[0], date=parse_date(glued[1]), start=ln.start, end=ln.end))
            continue
        j = k
        while j > start and k - j < 4 and is_org_name(lines[j - 1].plain):
            j -= 1
        before = lines[j - 1].plain if j > 0 else ""
        after = lines[k + 1] if k + 1 < len(lines) else None
        if not (_ends_block(before) or j == 0 or ATTACHMENT_NOTE.match(before)) or not _starts_boundary(after):
            continue
        orgs = [o for x in lines[j:k] for o in split_orgs(x.plain)]
        out.append(Signature(orgs=orgs, date=parse_date(ln.plain), start=lines[j].start, end=ln.end))
    return out


def read_attachment_notes(lines: list[Line], start: int) -> list[AttachmentNote]:
    """附件说明 items and 附件 labels after line ``start``.

    ``附件：1.2019年宝山区…联席会`` / ``议成员单位工作任务清单`` / ``2.…`` (d06): an unnumbered line
    continues the item before it; the list ends at the first line that is no item.
    """
    notes: list[AttachmentNote] = []
    k = start
    while k < len(lines):
        m = ATTACHMENT_NOTE.match(lines[k].plain)
        rest = m.group("rest").strip() if m else ""
        if not m or len(rest) > 80 or "。" in rest:
            k += 1
            continue
        number = m.group("number") or None
        if TITLE_TAIL.fullmatch(rest):
            k += 1  # ``## 附件（官方直链）``: a collector's heading over links, no attachment
            continue
        if not rest and k + 1 < len(lines) and ATTACHMENT_ITEM.match(lines[k + 1].plain) and not number:
            # ``附件：`` over a numbered list (d04): the list is the 附件说明
            list_start = lines[k].start
            k += 1
            rest = lines[k].plain
        else:
            list_start = lines[k].start
        if not rest:
            notes.append(AttachmentNote(None, number, lines[k].start, lines[k].end, label_only=True))
            k += 1
            continue
        item = ATTACHMENT_ITEM.match(rest)
        if not item:
            notes.append(AttachmentNote(squeeze(rest), number, lines[k].start, lines[k].end))
            k += 1
            continue
        notes.append(AttachmentNote(squeeze(item.group("title")), item.group("number"), list_start, lines[k].end))
        k += 1
        continued = False
        while k < len(lines) and not _unglue(notes[-1]):
            p = lines[k].plain
            nxt = ATTACHMENT_ITEM.match(p)
            if nxt and len(p) <= 80 and "。" not in p:
                notes.append(AttachmentNote(squeeze(nxt.group("title")), nxt.group("number"), lines[k].start, lines[k].end))
                continued = False
            elif (not nxt and not continued and len(p) <= 40 and "。" not in p and not ATTACHMENT_NOTE.match(p)
                  and not doc_type_of(notes[-1].title) and not DATE_LINE.match(p) and not is_org_name(p)):
                notes[-1].title = (notes[-1].title or "") + squeeze(p)
                notes[-1].end = lines[k].end
                continued = True
            else:
                break
            k += 1
    return notes


def _unglue(note: AttachmentNote) -> bool:
    """Cut a list item that runs into the next attachment's label: ``…资金测算表附件1`` (d07).

    True when the label was there: the list ends with this item."""
    glued = re.search(r"附件\d{1,2}$", note.title or "")
    if glued and glued.start() > 0:
        note.title = (note.title or "")[: glued.start()]
        return True
    return False


def read_foot(text: str, lines: list[Line], start: int, header: Header, skip: list[tuple[int, int]]) -> None:
    """Fill the 附件说明, 署名/成文日期, 附注, 抄送 and 印发 elements found after line ``start``."""
    header.signatures += read_signatures(lines, start, skip)
    header.attachments = read_attachment_notes(lines, start)
    for note in header.attachments:
        header.zones.append((note.start, note.end))
    for sig in header.signatures:
        header.zones.append((sig.start, sig.end))
    for k in range(start, len(lines)):
        ln, p = lines[k], lines[k].plain
        if m := DISCLOSURE.match(p):
            header.disclosure = header.disclosure or squeeze(m.group("value") or m.group("note"))
            header.zones.append((ln.start, ln.end))
        elif m := CC_LINE.match(p):
            header.cc += split_list(m.group("value"))
            header.zones.append((ln.start, ln.end))
        elif (printed := printed_line(p)) and header.print_date is None:
            org = squeeze(printed[0])
            zone_start = ln.start
            if not org and k > 0 and is_org_name(lines[k - 1].plain):
                org = squeeze(lines[k - 1].plain)
                zone_start = lines[k - 1].start
            header.printed_by = org or None
            header.print_date = parse_date(printed[1])
            header.zones.append((zone_start, ln.end))
    m = EFFECTIVE.search(text)
    if m:
        when = m.group("from")
        header.effective_date = parse_date(when) if CN_DATE.match(when) else None
        header.sources["effective_date"] = "text" if header.effective_date else "text:" + when
        if m.group("until"):
            header.expiry_date = parse_date(m.group("until"))


def read_headline(lines: list[Line], header: Header) -> None:
    """A news feature's headline: a short line over a ``——`` subtitle line (seed 000).

    Used only when the document has no official title; the headline may stand anywhere
    (PDF text boxes come out of order).
    """
    for k, line in enumerate(lines):
        one = HEADLINE_LINE.match(line.plain)
        if one and not (set(one.group("head")) & NOT_IN_NAME):
            header.title, header.title_span = tidy(one.group("head")), (line.start, line.start + len(one.group("head")))
            header.subtitle = tidy(one.group("subtitle"))
        elif k and (m := SUBTITLE_LINE.match(line.plain)) and 4 <= len(squeeze(lines[k - 1].plain)) <= 30 \
                and not (set(lines[k - 1].plain) & NOT_IN_NAME):
            header.title, header.title_span = tidy(lines[k - 1].plain), (lines[k - 1].start, lines[k - 1].end)
            header.subtitle = tidy(m.group("subtitle"))
        else:
            continue
        header.sources["title"] = "headline"
        header.zones.append((header.title_span[0], line.end))
        return


def parse_header(text: str, lines: list[Line], skip: list[tuple[int, int]] | None = None) -> Header:
    """All header and footer elements of the body ``lines`` (pure)."""
    header = Header()
    body = read_head(lines, header)
    header.head_end = lines[body - 1].end if body else (lines[0].start if lines else 0)
    if header.title:
        m = TITLE_ISSUER.match(squeeze(header.title))
        if m:
            names = [name for n in re.split(r"[、和]", m.group("issuer")) if n for name in split_joint(n)]
            if names and all(is_org_name(n) for n in names):
                header.title_issuers = names
    else:
        read_headline(lines, header)
    read_foot(text, lines, body, header, skip or [])
    return header


def issued_document(title: str | None) -> str | None:
    """The document a notice issues, from its title (seed 001: 闵行区终身教育改革与发展“十四五”规划)."""
    if not title:
        return None
    s = squeeze(title)
    books = re.findall(r"《([^《》]+)》", s)
    m = ISSUED_DOCUMENT.search(s)
    if not m:
        return None
    if len(books) == 1 and books[0] in m.group("doc") and m.group("doc").strip("《》") == books[0]:
        return books[0]
    return m.group("doc").replace("《", "").replace("》", "")

