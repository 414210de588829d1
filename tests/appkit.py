"""Helpers shared by the app tests: a store of extracted seeds and an AppTest on it."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT


def build_store(path: Path, results) -> Path:
    """An on-disk Oxigraph store holding ``results`` (one named graph each), closed again."""
    from extractor.store import OxigraphStore

    store = OxigraphStore(path)
    for result in results:
        store.put_document(result)
    store.flush()
    del store
    return path


def app_on(store: Path, monkeypatch):
    """The app run once on ``store`` (its argv as ``streamlit run app.py -- --store`` gives it)."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(sys, "argv", ["app.py", "--store", str(store)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def goto(at, page: str):
    at.sidebar.radio(key="page").set_value(page).run()
    assert not at.exception, at.exception
    return at
