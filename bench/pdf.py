"""PDF benchmark: policykg's PDF path vs pdfplumber ``extract_text`` vs pypdfium2 alone.

One 20+ page PDF is generated from the seeds (reportlab, STSong-Light; one page with a
ruled table so the pdfplumber detail path is exercised too) and read three ways in the
same run:

* ``ours``       — ``read_document`` + ``normalize`` (fast path, detail where needed, repairs);
* ``pdfplumber`` — ``page.extract_text()`` for every page;
* ``pypdfium2``  — ``textpage.get_text_range()`` for every page.

The ratios are what matter (goal: ours ≤ 1.0× pdfplumber).  Run: ``python -m bench.pdf``.
"""

from __future__ import annotations

from bench.timing import best_of

import io
import tempfile
import time
from pathlib import Path

from .pdfmake import seed_pdf

ROOT = Path(__file__).resolve().parent.parent

TABLE = [["序号", "指标", "单位", "增长值（到2025年）"], ["1", "终身教育学习点", "个", "20"],
         ["2", "家庭教育指导师", "名", "50"], ["3", "终身学习人文行走站点", "个", "10"]]

MIN_PAGES = 20


def make_pdf() -> bytes:
    """The seeds, one after another, as one PDF of at least ``MIN_PAGES`` pages."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt")))
    return seed_pdf(text, table=TABLE, min_pages=MIN_PAGES)


def pdf_vs_baselines(repeat: int = 3) -> dict[str, float]:
    import pdfplumber
    import pypdfium2 as pdfium

    from extractor.ingest import read_document
    from extractor.normalize import normalize

    data = make_pdf()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seeds.pdf"
        path.write_bytes(data)

        def ours() -> None:
            normalize(read_document(path))

        def plumber() -> None:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()

        def pdfium_alone() -> None:
            pdf = pdfium.PdfDocument(data)
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()

        pages = len(pdfium.PdfDocument(data))
        doc = normalize(read_document(path))
        t_ours = best_of(ours, repeat)
        t_plumber = best_of(plumber, repeat)
        t_pdfium = best_of(pdfium_alone, repeat)
    return {"pages": pages, "chars": len(doc.text), "ours_s": t_ours, "pdfplumber_s": t_plumber,
            "pypdfium2_s": t_pdfium, "vs_pdfplumber": t_ours / t_plumber, "vs_pypdfium2": t_ours / t_pdfium}


def report(result: dict[str, float]) -> str:
    return (f"PDF path ({result['pages']} pages): {result['ours_s'] * 1000:.0f} ms; "
            f"pdfplumber extract_text {result['pdfplumber_s'] * 1000:.0f} ms; "
            f"pypdfium2 {result['pypdfium2_s'] * 1000:.0f} ms → "
            f"{result['vs_pdfplumber']:.2f}x pdfplumber (goal <= 1.0x), {result['vs_pypdfium2']:.1f}x pypdfium2")


def main() -> None:
    print(report(pdf_vs_baselines()))


if __name__ == "__main__":
    main()
