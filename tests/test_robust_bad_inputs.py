"""Bad input: a batch over broken, odd and hostile files together with the seeds.

The corpus is generated here (no committed binaries).  Every bad file ends in a
specific one-line message or a correct (possibly empty) result — never an internal
error or a traceback — and the seeds come out byte-identical to a clean run.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest

from extractor.batch import Limits, graph_ntriples, run_batch
from extractor.store import OxigraphStore

from conftest import CORPORA

SEED = next(CORPORA.glob("002_*.txt"))  # has assignments, so decoding mistakes show in the counts


def random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def pdf_like(body: bytes) -> bytes:
    return b"%PDF-1.4\n" + body


def zip_bomb_docx() -> bytes:
    """A .docx (zip) whose document.xml inflates 2,000:1 — must be refused or read within limits."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + "A" * 20_000_000 + "</w:document>")
    return buf.getvalue()


def bad_corpus(seed_text: str) -> dict[str, bytes]:
    """File name → bytes.  Expected outcomes are in EXPECTED."""
    gbk_paragraph = "各街镇要在年底前完成社区学校标准化建设。".encode("gbk")
    return {
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t \n",
        "random-bytes.txt": random_bytes(8192, 1),
        "random-bytes-pdf.pdf": random_bytes(8192, 2),
        "random-bytes-docx.docx": random_bytes(8192, 3),
        "truncated.pdf": pdf_like(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type"),
        "zipbomb.docx": zip_bomb_docx(),
        "nested.html": b"<div>" * 10_000 + "各街镇要完成任务。".encode() + b"</div>" * 10_000,
        "gbk.txt": seed_text.encode("gbk"),
        "utf16-bom.txt": seed_text.encode("utf-16"),  # with BOM
        "utf16le-nobom.txt": seed_text.encode("utf-16-le"),
        "mixed-encodings.txt": seed_text.encode("utf-8") + b"\n" + gbk_paragraph + b"\n",
        "controls.txt": "".join(ch + ("\x07" if i % 97 == 0 else "") for i, ch in enumerate(seed_text)).encode("utf-8"),
        "surrogates.txt": ("前言\ud800后文" + seed_text[:200] + "\udfff").encode("utf-8", "surrogatepass"),
        "long.txt": "".join(f"第{i}页\n" + ("各街镇要完成任务。\n" if i % 50 == 0 else "") for i in range(5000)).encode(),
        "too-big.txt": ("各街镇要完成任务。\n" * 1_872_000).encode("utf-8"),  # 50 MB: refused before it is read
        "plain.txt": "这是一段没有章节、没有单位、也没有数字的文字，只是说明情况。\n".encode("utf-8"),
        "\u202etxt.exe.txt": "名称里有方向控制字符。\n".encode("utf-8"),
    }


#: name → (status, words the message must contain); status "ok" or "error".  "any-specific"
#: allows either a correct result or a specific error (formats another module owns).
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "empty.txt": ("error", ("empty",)),
    "blank.txt": ("error", ("empty",)),
    "random-bytes.txt": ("error", ("binary",)),
    "random-bytes-pdf.pdf": ("error", ()),
    "random-bytes-docx.docx": ("error", ()),
    "truncated.pdf": ("error", ()),
    "zipbomb.docx": ("error", ()),
    "nested.html": ("ok", ()),
    "gbk.txt": ("ok", ()),
    "utf16-bom.txt": ("ok", ()),
    "utf16le-nobom.txt": ("ok", ()),
    "mixed-encodings.txt": ("ok", ()),
    "controls.txt": ("ok", ()),  # C0 controls dropped by normalize
    "surrogates.txt": ("ok", ()),
    "long.txt": ("ok", ()),
    "too-big.txt": ("error", ("MB, over the 32 MB per-document limit",)),
    "plain.txt": ("ok", ()),
    "\u202etxt.exe.txt": ("ok", ()),
}

LIMITS = Limits(time_limit=60)  # the default 32 MB size limit


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    corpus = base / "corpus"
    corpus.mkdir()
    seeds = [Path(shutil.copy(p, corpus / p.name)) for p in sorted(CORPORA.glob("*.txt"))]
    clean = run_batch(seeds, store=base / "clean", workers=0, limits=LIMITS)
    files = bad_corpus(SEED.read_text(encoding="utf-8"))
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    # files are passed one by one, so formats the directory walk would not pick up are tried too
    paths = sorted(corpus.iterdir())
    dirty = run_batch(paths, store=base / "dirty", workers=0, limits=LIMITS)
    return base, seeds, clean, dirty


def test_batch_finishes_and_reports_each_bad_file(runs):
    _, seeds, clean, dirty = runs
    by_name = {Path(o.path).name: o for o in dirty.files}
    assert set(by_name) == set(EXPECTED) | {p.name for p in seeds}
    lines = []
    for name, (status, words) in EXPECTED.items():
        out = by_name[name]
        lines.append(f"{name!r}: {out.status} {out.error or f'{out.assignments} assignments'}")
        assert "internal error" not in out.error and "Traceback" not in out.error, out.error
        assert "\n" not in out.error
        if status == "any-specific":
            assert out.status in {"ok", "error"}
        else:
            assert out.status == status, (name, out.error)
        if out.status == "error":
            assert name in out.error, f"the message must name the file: {out.error}"
            assert len(out.error) > len(str(out.path)) + 10  # says what is wrong
            for word in words:
                assert word in out.error, (name, out.error)
    print("\n".join(lines))  # the closing note lists the outcome of each input (pytest -s)


def test_seeds_extract_identically_to_a_clean_run(runs):
    base, seeds, clean, dirty = runs
    assert clean.counts["ok"] == len(seeds)
    ok = {Path(o.path).name for o in dirty.files if o.status == "ok"}
    assert {p.name for p in seeds} <= ok
    a, b = OxigraphStore(base / "clean"), OxigraphStore(base / "dirty")
    for p in seeds:
        assert graph_ntriples(a, p.stem) == graph_ntriples(b, p.stem), p.name


def test_other_encodings_read_like_the_utf8_original(runs):
    _, _, clean, dirty = runs
    by_name = {Path(o.path).name: o for o in dirty.files}
    original = next(o for o in clean.files if o.doc_id == SEED.stem)
    assert original.assignments > 0
    for name in ("gbk.txt", "utf16-bom.txt", "controls.txt"):
        assert by_name[name].assignments == original.assignments, name


def test_utf16_without_bom_reads_like_the_utf8_original(runs):
    """Chinese UTF-16 holds few NUL bytes: it was refused as binary before."""
    _, _, clean, dirty = runs
    original = next(o for o in clean.files if o.doc_id == SEED.stem)
    out = next(o for o in dirty.files if Path(o.path).name == "utf16le-nobom.txt")
    assert out.status == "ok" and out.assignments == original.assignments


def test_mixed_encodings_keep_every_paragraph(runs, tmp_path):
    """A GBK paragraph appended to a UTF-8 file: the UTF-8 text reads as before, the GBK
    paragraph is decoded too (its ``各街镇要…`` is one more duty), and the mix is reported."""
    from extractor.ingest import read_document
    from extractor.normalize import normalize

    _, _, clean, dirty = runs
    original = next(o for o in clean.files if o.doc_id == SEED.stem)
    out = next(o for o in dirty.files if Path(o.path).name == "mixed-encodings.txt")
    assert out.status == "ok" and out.assignments == original.assignments + 1
    path = tmp_path / "mixed-encodings.txt"
    path.write_bytes(bad_corpus(SEED.read_text(encoding="utf-8"))["mixed-encodings.txt"])
    doc = normalize(read_document(path))
    assert doc.text.rstrip().endswith("\n各街镇要在年底前完成社区学校标准化建设。")
    assert doc.encoding == "utf-8" and any("GB18030" in w for w in doc.warnings)


def test_lone_surrogates_become_flagged_replacement_characters(runs, tmp_path):
    from extractor.ingest import read_document
    from extractor.normalize import normalize

    _, _, _, dirty = runs
    assert next(o for o in dirty.files if Path(o.path).name == "surrogates.txt").status == "ok"
    path = tmp_path / "surrogates.txt"
    path.write_bytes(bad_corpus(SEED.read_text(encoding="utf-8"))["surrogates.txt"])
    doc = normalize(read_document(path))
    assert doc.text.startswith("前言\ufffd")
    assert any(f.kind == "undecodable" and doc.text[f.start:f.end].startswith("\ufffd") for f in doc.flags)
    assert doc.warnings and "U+FFFD" in doc.warnings[0]
    doc.text.encode("utf-8")  # nothing downstream meets an unencodable character


def test_deeply_nested_html_keeps_its_text(runs):
    """libxml2 stops past a few thousand levels; the page is read again as a flat tag stream."""
    from extractor.ingest import read_bytes

    _, _, _, dirty = runs
    out = next(o for o in dirty.files if Path(o.path).name == "nested.html")
    assert out.status == "ok"
    raw = read_bytes(bad_corpus("")["nested.html"], "nested.html", ".html")
    assert raw.text.strip() == "各街镇要完成任务。"
