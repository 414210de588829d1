"""DOCX, HTML, encodings and bad input: every file is read by content, or refused by name."""

from __future__ import annotations

import io
import os

import pytest

from conftest import seed
from extractor.errors import InputError
from extractor.ingest import iter_document_paths, read_document
from extractor.normalize import normalize
from extractor.readers import sniff_format

SENTENCE = "区社区学院负责指导各街道社区学校开展市民学习活动。"
SEED_002 = seed("002").read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    return "".join(text.split())


# ── DOCX ────────────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def docx_file(tmp_path_factory):
    from docx import Document

    d = Document()
    d.add_heading("杭州市滨江区人民政府文件", level=1)
    d.add_paragraph("滨政〔2017〕12号")
    d.add_heading("（一）整合共享各类教育资源", level=2)
    d.add_paragraph("区内各级社区教育学校要充分整合利用辖区资源，" + SENTENCE)
    table = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["序号", "工作任务", "牵头单位"], ["1", "建设学习圈", "区社区学院"],
                             ["2", "培育学习型社团", "各街道"]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    d.add_paragraph("区财政局要按每年不少于4元/人的标准保证社区教育经费。")
    path = tmp_path_factory.mktemp("docx") / "opinion.docx"
    d.save(path)
    return path


def test_docx_headings_paragraphs_tables(docx_file):
    doc = normalize(read_document(docx_file))
    assert doc.format == "docx"
    assert doc.text.startswith("# 杭州市滨江区人民政府文件\n")
    assert "\n## （一）整合共享各类教育资源\n" in doc.text
    assert SENTENCE in doc.text
    assert "1\t建设学习圈\t区社区学院" in doc.text
    # table order kept: between the paragraphs around it
    assert doc.text.index("序号\t工作任务") < doc.text.index("区财政局要按")
    table = doc.tables[0]
    assert [c.text for c in table.rows[2]] == ["2", "培育学习型社团", "各街道"]
    cell = table.rows[1][2]
    assert doc.text[cell.start:cell.end] == "区社区学院"


def test_docx_detected_by_content(docx_file, tmp_path):
    renamed = tmp_path / "opinion.bin"
    renamed.write_bytes(docx_file.read_bytes())
    assert read_document(renamed).format == "docx"


# ── HTML ────────────────────────────────────────────────────────────────────────

PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>标题栏</title>
<style>.x{color:red}</style><script>var 变量 = "不要读我";</script></head>
<body><nav><ul><li>首页</li></ul></nav>
<h1>2013-2014年度上海市社区教育示范街镇创建工作指南</h1>
<p>根据教育部《关于推进社区教育工作的若干意见》（教职成[2004]16号）精神，&ldquo;社区教育&rdquo;示范街镇创建工作如下：</p>
<h2>一、指导思想</h2>
<ol><li>各区县教育局应加强指导。</li><li>各街镇要落实经费。</li></ol>
<table><tr><th>街道（乡镇）名称</th><th>参加情况</th></tr>
<tr><td>江川路街道</td><td><input type="checkbox"/>参加第一轮 <input type="checkbox"/>从未参与</td></tr></table>
<p>上海市学习型社会建设服务指导中心办公室<br/>二〇一三年一月</p>
</body></html>"""


@pytest.fixture(scope="module")
def html_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "guide.html"
    path.write_bytes(PAGE.encode("gb18030"))
    return normalize(read_document(path))


def test_html_structure(html_doc):
    text = html_doc.text
    assert html_doc.format == "html" and html_doc.encoding == "gb18030"
    assert "# 2013-2014年度上海市社区教育示范街镇创建工作指南" in text
    assert "## 一、指导思想" in text
    assert "各区县教育局应加强指导。\n" in text
    assert "“社区教育”示范街镇" in text
    assert "江川路街道\t参加第一轮 从未参与" in text
    assert html_doc.tables and html_doc.tables[0].header == ["街道（乡镇）名称", "参加情况"]
    assert "上海市学习型社会建设服务指导中心办公室\n二〇一三年一月" in text


def test_html_scripts_and_styles_dropped(html_doc):
    assert "不要读我" not in html_doc.text and "color:red" not in html_doc.text and "标题栏" not in html_doc.text


def test_deeply_nested_html_is_read_as_a_tag_stream(tmp_path):
    """libxml2 stops silently past a few thousand levels; the page is read again, flat."""
    depth = 6000
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * depth + SENTENCE * 3 + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    assert normalize(read_document(path)).text.strip() == SENTENCE * 3


def test_deeply_nested_tables_keep_their_cells(tmp_path):
    path = tmp_path / "tables.html"
    path.write_text("<html><body>" + "<table><tr><td>" * 3000 + "牵头单位<td>" + SENTENCE + "</body></html>",
                    encoding="utf-8")
    assert SENTENCE in normalize(read_document(path)).text


def test_moderately_nested_html_reads(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 500 + SENTENCE + "</div>" * 500 + "</body></html>", encoding="utf-8")
    assert SENTENCE in normalize(read_document(path)).text


# ── encodings ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("encoding, reported", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
    ("gb18030", "gb18030"), ("gbk", "gb18030"), ("gb2312", "gb18030"), ("big5", "big5"),
])
def test_encodings_detected_and_reported(tmp_path, encoding, reported):
    text = SEED_002[:3000]
    if encoding == "big5":
        text = "長寧區推進學習型城區建設工作要點。區社區學院負責指導各街道社區學校開展市民學習活動，" * 20
    if encoding == "gb2312":
        text = text.replace("〔", "[").replace("〕", "]")
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="strict"))
    raw = read_document(path)
    assert raw.encoding == reported
    assert squeeze(raw.text) == squeeze(text.replace("\ufeff", ""))


def test_full_width_digits_and_letters_fold_punctuation_kept(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text("到２０２５年新增ＡＢＣ学习点２０个，（牵头单位：区学习办）。", encoding="utf-8")
    assert normalize(read_document(path)).text == "到2025年新增ABC学习点20个，（牵头单位：区学习办）。"


# ── bad input ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"\n\n  \n", "empty"),
    ("noise.txt", bytes(range(256)) * 64, "binary"),
    ("archive.docx", b"PK\x03\x04" + os.urandom(200), "zip archive|Word"),
    ("mystery.txt", bytes([0x80 + (i * 37) % 0x7F for i in range(4000)]), "encoding|binary"),
])
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem) as err:
        read_document(path)
    assert str(err.value).startswith(str(path))


def test_random_bytes_never_crash(tmp_path):
    rng = __import__("random").Random(4)
    for i in range(20):
        path = tmp_path / f"r{i}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))))
        try:
            normalize(read_document(path))
        except InputError as exc:
            assert str(path) in str(exc)


def test_fifty_megabyte_text_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"\n")
    with pytest.raises(InputError, match="over the .* limit") as err:
        read_document(path)
    assert "huge.txt" in str(err.value)


def test_directory_walk_finds_every_format(tmp_path, docx_file):
    for name in ("a.txt", "b.md", "c.html", "README.md", "notes.jsonl"):
        (tmp_path / name).write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "d.docx").write_bytes(docx_file.read_bytes())
    assert [p.name for p in iter_document_paths([tmp_path])] == ["a.txt", "b.md", "c.html", "d.docx"]


def test_sniff_by_content():
    assert sniff_format(b"%PDF-1.7\n...", ".txt") == "pdf"
    assert sniff_format(b"<!DOCTYPE html><html>", ".txt") == "html"
    assert sniff_format("# 标题".encode(), ".md") == "md"
    assert sniff_format(io.BytesIO(b"plain").getvalue(), ".txt") == "txt"


def test_batch_reports_bad_files_and_goes_on(tmp_path):
    from typer.testing import CliRunner

    from extractor.cli import app

    good = tmp_path / "a_good.txt"
    good.write_text(SEED_002, encoding="utf-8")
    (tmp_path / "b_broken.pdf").write_bytes(b"%PDF-1.4\n" + b"garbage" * 50)
    (tmp_path / "c_empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["tasks", str(tmp_path)])
    assert result.exit_code == 1
    assert "a_good" in result.stdout  # the good file's rows were written
    err = result.stderr
    assert "b_broken.pdf: not a readable PDF" in err and "c_empty.txt: file is empty" in err
    assert "Traceback" not in err
