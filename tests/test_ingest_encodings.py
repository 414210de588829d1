"""Encodings a researcher's files come in: UTF-16 without a BOM, mixed UTF-8/GBK, broken bytes."""

from __future__ import annotations

import pytest

from extractor.ingest import read_bytes
from extractor.normalize import document_report, normalize
from extractor.readers.text import decode_mixed_lines, decode_text, utf16_without_bom

from conftest import seed

#: Seed 002's first lines (长宁区 2010 工作要点).
SEED_TEXT = seed("002").read_text("utf-8")
GBK_PARAGRAPH = "各街镇要在年底前完成社区学校标准化建设。"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(codec):
    data = SEED_TEXT.encode(codec)
    assert utf16_without_bom(data) == codec
    raw = read_bytes(data, "plan.txt", ".txt")
    assert raw.text == SEED_TEXT and raw.encoding == codec


def test_latin1_and_gbk_are_not_taken_for_utf16():
    """ASCII pairs read as UTF-16 are CJK code points (``ab`` is U+6261): a NUL high byte is required."""
    assert utf16_without_bom("café au lait, naïve résumé\n".encode("latin-1") * 20) is None
    assert utf16_without_bom(SEED_TEXT.encode("gbk")) is None
    assert utf16_without_bom(SEED_TEXT.encode("utf-8")) is None


def test_gbk_paragraph_in_a_utf8_file_is_decoded_and_reported():
    warnings: list[str] = []
    text, encoding = decode_text(SEED_TEXT.encode("utf-8") + b"\n" + GBK_PARAGRAPH.encode("gbk"), "mixed.txt",
                                 warnings=warnings)
    assert text == SEED_TEXT + "\n" + GBK_PARAGRAPH and encoding == "utf-8"
    line = SEED_TEXT.count("\n") + 2
    assert warnings == [f"mixed encodings: line {line} read as GB18030, the rest as UTF-8"]


def test_a_corrupt_byte_in_a_utf8_line_is_replaced_not_read_as_gbk():
    """One bad byte in a UTF-8 line: the line stays UTF-8 with one U+FFFD (not GB18030 mojibake)."""
    line = "区社区学院负责指导各街道社区学校开展市民学习活动。".encode("utf-8")
    broken = line[:9] + b"\xff" + line[9:]
    text, notes = decode_mixed_lines(SEED_TEXT.encode("utf-8") + b"\n" + broken)
    assert text.endswith("区社区\ufffd学院负责指导各街道社区学校开展市民学习活动。")
    assert notes and "replaced by U+FFFD" in notes[0]


def test_a_legacy_file_throughout_is_left_to_charset_detection():
    assert decode_mixed_lines(SEED_TEXT.encode("gbk")) is None
    text, encoding = decode_text(SEED_TEXT.encode("gbk"), "gbk.txt")
    assert text == SEED_TEXT and encoding == "gb18030"


def test_reader_warnings_reach_the_document_and_its_report():
    raw = read_bytes(SEED_TEXT.encode("utf-8") + b"\n" + GBK_PARAGRAPH.encode("gbk") + b"\n", "mixed.txt", ".txt")
    doc = normalize(raw)
    assert doc.warnings == raw.warnings and "GB18030" in raw.warnings[0]
    assert document_report(doc)["warnings"] == raw.warnings
    assert normalize(read_bytes(SEED_TEXT.encode("utf-8"), "clean.txt", ".txt")).warnings == []


def test_control_characters_dropped_and_recorded():
    doc = normalize(read_bytes("区社区学院\x07负责\x1b整合资源。".encode("utf-8"), "c.txt", ".txt"))
    assert doc.text == "区社区学院负责整合资源。"
    assert [r.before for r in doc.repairs if r.kind == "control"] == ["\x07", "\x1b"]
