"""The app in a real browser: ``streamlit run`` on 127.0.0.1, driven by Debian's headless Chromium.

AppTest runs the script without a front end; this test checks what a researcher sees:
the who-owns-what table rendered by the browser, then filtered through the unit
type-ahead.  The screenshot lands in ``tests/artifacts/``.  Chromium is the system one
(``make test`` installs the Debian package); playwright never downloads a browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from appkit import build_store
from conftest import ROOT, SEED_002

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture(scope="module")
def served_app(tmp_path_factory, seed_results):
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make test` (it installs Debian's chromium) or apt-get install chromium")
    store = build_store(tmp_path_factory.mktemp("browser") / "store", seed_results.values())
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
           "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--client.toolbarMode", "minimal", "--", "--store", str(store)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_who_owns_what_renders_and_filters_in_chromium(served_app, seed_results):
    from playwright.sync_api import sync_playwright

    tasks = [a for r in seed_results.values() for a in r.assignments]
    college = [a for a in tasks if a.unit == "长宁区社区学院"]
    first = min(tasks, key=lambda a: (a.doc_id, a.evidence_start, a.unit))  # the table's first row
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(served_app)
            table = page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
            page.wait_for_selector('[data-testid="stDataFrame"] table td', state="attached", timeout=30_000)
            # the grid draws on a canvas; its accessible table holds the cell texts
            text = table.text_content()
            assert "单位" in text and "任务" in text and first.unit in text and first.task[:20] in text
            assert page.get_by_text(f"{len(tasks)} 条责任关系").is_visible()
            # type an alias into the unit type-ahead: the canonical unit is found through it
            page.get_by_role("combobox", name="责任单位（单位筛选，可输入简称）").click()
            page.keyboard.type("区社区学院")
            page.get_by_role("option", name="长宁区社区学院（区社区学院）").click()
            page.keyboard.press("Escape")
            page.get_by_text(f"显示 {len(college)} 条").wait_for(timeout=30_000)
            # the grid redraws after the rerun: wait until every visible row is the chosen unit's
            page.wait_for_function("""() => {
                const rows = [...document.querySelectorAll('[data-testid="stDataFrame"] table tbody tr')];
                return rows.length > 0 && rows.every(r => r.textContent.startsWith('长宁区社区学院'));
            }""", timeout=30_000)
            rows = page.query_selector_all('[data-testid="stDataFrame"] table tbody tr')
            assert 0 < len(rows) <= len(college)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "who_owns_what.png"), full_page=True)
        finally:
            browser.close()
    assert (ARTIFACTS / "who_owns_what.png").stat().st_size > 10_000
