"""PDF ingestion on generated PDFs: seed text, two columns, header/footer, table, garbled fonts."""

from __future__ import annotations

import pytest

from bench.pdfmake import WQY_FONT, garbled_pdf, seed_pdf
from conftest import seed
from extractor.errors import InputError
from extractor.ingest import read_document
from extractor.normalize import normalize

TABLE = [["序号", "指标", "单位", "增长值"], ["1", "新增学习点", "个", "20"], ["2", "家庭教育指导师", "名", "50"]]


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    d = tmp_path_factory.mktemp("pdf")
    text = seed("002").read_text(encoding="utf-8")
    files = {
        "one": seed_pdf(text),
        "two": seed_pdf(text, columns=2),
        "table": seed_pdf(text, table=TABLE),
    }
    out = {}
    for name, data in files.items():
        (d / f"{name}.pdf").write_bytes(data)
        out[name] = d / f"{name}.pdf"
    return out


@pytest.fixture(scope="module")
def seed_text():
    return squeeze(normalize(read_document(seed("002"))).text)


@pytest.mark.parametrize("kind", ["one", "two"])
def test_pdf_of_a_seed_reads_as_the_seed(pdfs, seed_text, kind):
    """Same normalised text as the seed modulo layout (whitespace), furniture gone."""
    doc = normalize(read_document(pdfs[kind]))
    assert doc.format == "pdf"
    assert squeeze(doc.text) == seed_text
    assert "闵行区终身教育工作简报" not in doc.text  # running header on every page
    assert not any(r.before.strip() in ("- 1 -", "-1-") for r in doc.repairs if r.kind != "furniture")
    assert sum(1 for r in doc.repairs if r.kind == "furniture") >= 2 * len(doc.offsets.page_starts) - 1


def test_two_columns_read_left_before_right(pdfs):
    doc = normalize(read_document(pdfs["two"]))
    text = doc.text
    # a paragraph that the layout splits across the column break reads whole
    assert "（牵头单位：区学习办、区社区学院）" in text
    assert text.index("一、以服务世博为重点") < text.index("二、发挥数字化学习特色")


def test_page_numbers_in_offset_map(pdfs):
    doc = normalize(read_document(pdfs["one"]))
    assert len(doc.offsets.page_starts) >= 5
    first = doc.offsets.position(0)
    assert first.page == 1
    last = doc.offsets.position(len(doc.text) - 1)
    assert last.page == len(doc.offsets.page_starts)
    i = doc.text.index("（牵头单位：区学习办、区社区学院）")
    assert 1 <= doc.offsets.position(i).page <= 2


def test_ruled_table_becomes_a_table_and_tsv(pdfs):
    doc = normalize(read_document(pdfs["table"]))
    assert "序号\t指标\t单位\t增长值" in doc.text
    assert "2\t家庭教育指导师\t名\t50" in doc.text
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ["序号", "指标", "单位", "增长值"]
    cell = table.rows[2][1]
    assert doc.text[cell.start:cell.end] == "家庭教育指导师"


@pytest.mark.skipif(not WQY_FONT.exists(), reason="needs Debian's fonts-wqy-microhei (apt-get install fonts-wqy-microhei)"
                    " to embed a subset font; only this test is skipped")
def test_garbled_subset_fonts_decode_per_font(tmp_path):
    """Seed 000's artefact made for real: each box's font has its own code map, no /ToUnicode."""
    path = tmp_path / "garbled.pdf"
    path.write_bytes(garbled_pdf([["2011年12月，闵行区成立了委员会。", "全区14个街镇，2012年投入经费。"],
                                  ["截止到2013年3月，全区共有40个街镇。"]]))
    raw = read_document(path)
    assert "2011年" not in raw.text  # the text layer really is garbled
    assert len({font for _, _, font in raw.font_spans if "WenQuanYi" in font}) == 2
    doc = normalize(raw)
    assert "2011年12月，闵行区成立了委员会" in doc.text
    assert "2012年投入经费" in doc.text
    assert "2013" not in doc.text  # the second box's map is not certain: flagged, not guessed
    flagged = [f for f in doc.flags if f.kind == "garbled"]
    assert flagged and all(doc.text[f.start:f.end] == f.text for f in flagged)
    assert any("个街镇" in doc.text[f.end:f.end + 3] for f in flagged)


def test_pdf_detected_by_content_not_extension(pdfs, tmp_path):
    renamed = tmp_path / "notice.txt"
    renamed.write_bytes(pdfs["one"].read_bytes())
    assert read_document(renamed).format == "pdf"


def test_image_only_pdf_says_ocr_is_not_included(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(img)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(str(img)), 50, 600, 200, 100)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer.*OCR is not included") as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_encrypted_pdf(pdfs, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(pdfs["one"]).pages[:1]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="encrypted") as err:
        read_document(path)
    assert str(path) in str(err.value)


def test_corrupt_pdf(pdfs, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(pdfs["one"].read_bytes()[:400])
    with pytest.raises(InputError, match="broken.pdf: .*PDF"):
        read_document(path)
