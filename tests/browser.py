"""Accessibility checks in a real browser: axe-core injected into headless Chromium; the editor served.

Chromium is Debian's (apt-get install chromium), driven by the playwright package with
``executable_path``; Playwright never downloads a browser. axe-core comes from npm
(``npm ci`` at the repository top). Both are installed by the README's test command, so a missing
one fails the checks with what to install (see ``system_tools``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from system_tools import require

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A desktop screen and a phone, the sizes every page is checked at.
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> str:
    """The Chromium path; fails, naming what to install, when Chromium, playwright or axe-core is missing."""
    problems = []
    path = chromium_path()
    if path is None:
        problems.append("Chromium is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("the playwright package is not installed (pip install '.[test]')")
    if not AXE.exists():
        problems.append("axe-core is not installed (npm ci)")
    require(problems)
    return path  # type: ignore[return-value]


@contextmanager
def browser_page(*, bypass_csp: bool = False) -> Iterator[Any]:
    """A fresh headless Chromium page, with every request outside the machine blocked.

    ``bypass_csp`` lets axe-core be injected into a page whose Content Security Policy forbids
    scripts (as ehcplan's own pages do).
    """
    from playwright.sync_api import sync_playwright

    executable = require_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_context(bypass_csp=bypass_csp).new_page()
            page.route("**/*", _local_only)
            yield page
        finally:
            browser.close()


def _local_only(route: Any) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "about:", "http://127.0.0.1", "http://localhost")):
        route.continue_()
    else:
        route.abort()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as loaded; the violations for WCAG 2.2 A/AA and best practice."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # resultTypes: only violations are reported in full, which halves the time on a long page.
    result = page.evaluate(
        "async (tags) => await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines for an assertion message."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def axe_failures(pages: dict[str, Path], *, open_details: bool = False) -> list[str]:
    """axe-core's violations on each page, on a desktop and a phone, as readable paragraphs.

    ``open_details`` opens every ``<details>`` first, so what is folded away is checked too.
    """
    failures = []
    with browser_page(bypass_csp=True) as page:
        for name, path in pages.items():
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                page.goto(path.as_uri())
                if open_details:
                    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                violations = axe_violations(page)
                if violations:
                    failures.append(f"{name} at {viewport['width']}px:\n{describe(violations)}")
    return failures


# --- the browser editor (ehcplan serve) in a subprocess, on a free loopback port ---------------

ADDRESS = re.compile(r"(http://127\.0\.0\.1:\d+/\?token=[\w-]+)")
START_SECONDS = 60


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Start `ehcplan serve FOLDER --port 0`; yield the address it prints; stop it at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ehcplan", "serve", str(folder), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,  # `-m ehcplan` is the package under test, whatever folder the tests run from
    )
    try:
        address = _address(process)
        yield address
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


def _address(process: subprocess.Popen[str]) -> str:
    """The address from the editor's first lines, read for at most START_SECONDS."""
    deadline = time.monotonic() + START_SECONDS
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            errors = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"ehcplan serve stopped before it printed its address: {errors}")
        found = ADDRESS.search(line)
        if found:
            return found.group(1)
    raise AssertionError("ehcplan serve printed no address in time")
