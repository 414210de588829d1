"""ontology/ and queries/ are found in a checkout and after a non-editable ``pip install .``
(the wheel ships them as data files under ``<prefix>/share/policykg/``)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from conftest import ROOT
from extractor import resources
from extractor.queries import QUERIES_DIR, named_queries
from extractor.resources import resource_dir

#: Every file the code reads from the two directories.
NEEDED = {"ontology": {"policykg.ttl", "shapes.ttl", "context.jsonld", "indicators.ttl"},
          "queries": {p.name for p in (ROOT / "queries").glob("*.rq")}}


def test_a_checkout_uses_its_own_directories():
    assert resource_dir("ontology") == ROOT / "ontology"
    assert resource_dir("queries") == ROOT / "queries" == QUERIES_DIR


def test_an_installed_copy_is_found_under_the_prefix(tmp_path, monkeypatch):
    prefix = tmp_path / "venv"
    for name, files in NEEDED.items():
        folder = prefix / "share" / "policykg" / name
        folder.mkdir(parents=True)
        for file in files:
            (folder / file).write_bytes((ROOT / name / file).read_bytes())
    monkeypatch.setattr(resources, "REPO_ROOT", tmp_path / "site-packages")  # no checkout next to the package
    monkeypatch.setattr(sys, "prefix", str(prefix))
    assert resource_dir("queries") == prefix / "share" / "policykg" / "queries"
    assert resource_dir("ontology") == prefix / "share" / "policykg" / "ontology"
    assert set(named_queries(resource_dir("queries"))) == set(named_queries())


def test_without_any_copy_the_checkout_path_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(resources, "prefixes", lambda: [tmp_path / "prefix"])
    assert resource_dir("ontology") == tmp_path / "ontology"


def test_pyproject_ships_every_file_the_code_reads():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = config["tool"]["setuptools"]["data-files"]
    for name, files in NEEDED.items():
        patterns = data_files[f"share/policykg/{name}"]
        shipped = {Path(p).name for pattern in patterns for p in ROOT.glob(pattern)}
        assert files <= shipped, (name, files - shipped)
