"""Where the ontology and the named queries are, in a checkout and in an installed wheel.

``ontology/`` and ``queries/`` sit at the repository root, next to the ``extractor``
package, which is where a checkout or an editable install (``pip install -e .``) finds
them.  A wheel cannot place files outside its packages except as data files, so
``pyproject.toml`` ships them as ``share/policykg/ontology`` and ``share/policykg/queries``
under the install prefix (the virtualenv, ``/usr/local`` or ``~/.local`` for ``--user``).
"""

from __future__ import annotations

import site
import sys
import sysconfig
from pathlib import Path

#: The repository root when running from a checkout or an editable install.
REPO_ROOT = Path(__file__).resolve().parent.parent

#: Where ``[tool.setuptools.data-files]`` installs the shared files, under an install prefix.
SHARE = Path("share") / "policykg"

#: What must be in each directory for it to count (a stray empty folder does not).
MARKERS = {"ontology": "policykg.ttl", "queries": "owners_table.rq"}


def prefixes() -> list[Path]:
    """Install prefixes a wheel may have put its data files under, most specific first."""
    found = [Path(sys.prefix), Path(sysconfig.get_path("data"))]
    user_base = getattr(site, "USER_BASE", None)
    if user_base:
        found.append(Path(user_base))
    found.append(Path(sys.base_prefix))
    unique: list[Path] = []
    for p in found:
        if p not in unique:
            unique.append(p)
    return unique


def resource_dir(name: str) -> Path:
    """The ``ontology`` or ``queries`` directory: the checkout's, else an installed copy.

    Falls back to the checkout path when none is found, so a missing file is reported
    with the path a developer expects.
    """
    marker = MARKERS[name]
    candidates = [REPO_ROOT / name] + [prefix / SHARE / name for prefix in prefixes()]
    for candidate in candidates:
        if (candidate / marker).is_file():
            return candidate
    return candidates[0]
