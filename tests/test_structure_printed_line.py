"""印发机关和印发日期 lines read in linear time (the old ``^(.*?)\\s*…`` prefix was quadratic)."""

from __future__ import annotations

import time

from extractor.header import printed_line

from conftest import seed


def test_printed_line_alone_and_with_its_office():
    """Seed 001 ends ``上海市闵行区教育局办公室`` / ``2022年7月15日印发``; on one line the office leads."""
    assert "2022年7月15日印发" in seed("001").read_text("utf-8")
    assert printed_line("2022年7月15日印发") == ("", "2022年7月15日")
    assert printed_line("上海市闵行区教育局办公室  2022年7月15日印发") == ("上海市闵行区教育局办公室", "2022年7月15日")
    assert printed_line("闵行区人民政府办公室 2017年4月17日印 发") == ("闵行区人民政府办公室", "2017年4月17日")
    assert printed_line("2022年7月15日印发的通知要求各街镇落实") is None


def test_printed_line_is_linear_on_a_long_line():
    for hostile in ("x" + " " * 20_000 + "y", "1" * 20_000, "2022年" * 4_000):
        t0 = time.perf_counter()
        assert printed_line(hostile) is None
        assert time.perf_counter() - t0 < 0.5
