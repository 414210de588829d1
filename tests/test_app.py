"""The Streamlit app renders who-owns-what from a real store (Streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, SEED_002


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    from extractor.pipeline import extract_file
    from extractor.store import OxigraphStore

    path = tmp_path_factory.mktemp("store") / "store"
    store = OxigraphStore(path)
    store.put_document(extract_file(SEED_002))
    store.flush()
    del store
    return path


def test_app_shows_seed_002_rows_and_filters_by_unit(seed_store: Path):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state  # noqa: B018 - touch to initialise
    import sys

    argv = sys.argv
    sys.argv = ["app.py", "--store", str(seed_store)]
    try:
        at.run()
        assert not at.exception
        frame = at.dataframe[0].value
        assert len(frame) > 0
        assert (frame["文件"] == SEED_002.stem).all()
        assert "长宁区社区学院" in set(frame["单位"])
        at.multiselect(key="unit_filter").select("长宁区社区学院").run()
        filtered = at.dataframe[0].value
        assert 0 < len(filtered) < len(frame)
        assert set(filtered["单位"]) == {"长宁区社区学院"}
    finally:
        sys.argv = argv
