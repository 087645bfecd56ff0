"""The audit report in headless Chromium: axe-core finds nothing, on a desktop and a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_failures, browser_page
from testkit import mixed_plan_folder

from ehcplan.cli import main


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = mixed_plan_folder(tmp_path_factory.mktemp("audit") / "plans")["yaml"].parent
    out = tmp_path_factory.mktemp("reports")
    paths = {"plain": out / "audit.html", "redacted": out / "redacted.html"}
    main(["audit", str(folder), "-j", "1", "--html", str(paths["plain"])])
    main(["audit", str(folder), "-j", "1", "--redact", "--html", str(paths["redacted"])])
    return paths


def test_axe_finds_no_violations_in_the_audit_report(reports: dict[str, Path]) -> None:
    failures = axe_failures(reports, open_details=True)
    assert not failures, "\n".join(failures)


def test_the_report_runs_no_script_and_fits_a_small_phone(reports: dict[str, Path]) -> None:
    with browser_page() as page:
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(reports["plain"].as_uri())
        assert page.evaluate("document.scripts.length") == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        bars = page.evaluate("[...document.querySelectorAll('.ehc-chart__bar')].map(b => b.getBBox().width)")
        assert bars and max(bars) > 0
    assert not [message for message in messages if "Content Security Policy" in message]
