"""Accepting a finding on purpose in a real browser: with the keyboard alone, a reason that survives the
live check, axe on every state, and the acceptance written to the plan's `accept:` by Save."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations, browser_page, describe, serving
from ruamel.yaml import YAML
from testkit import SAMPLES

WEAK = "weak-plan-example.yaml"
WAIT_MS = 20_000
REASON = "Agreed with the family at the meeting: the school's timetable sets out the hours."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLES / WEAK, tmp_path / WEAK)
    return tmp_path


def _open(page: Any, address: str) -> None:
    page.goto(address.split("?")[0] + f"plans/{WEAK}?token=" + address.split("token=")[1])


def _first_provision_control(page: Any) -> Any:
    return page.locator('[data-section="F"] .ehc-accept').first


def test_a_finding_is_accepted_with_the_keyboard_alone_and_saved(folder: Path) -> None:
    failures: list[str] = []
    with serving(folder) as address, browser_page(bypass_csp=True) as page:
        _open(page, address)
        control = _first_provision_control(page)
        target = control.locator("textarea").get_attribute("name").removeprefix("reason:")
        row, index, rule, _number = target.split(":")
        control.locator("summary").focus()
        page.keyboard.press("Enter")
        assert control.evaluate("details => details.open"), "Enter opens the control"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        page.keyboard.type(REASON)
        if found := axe_violations(page):
            failures.append(f"the control open:\n{describe(found)}")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.value") == f"accept:{target}"
        page.keyboard.press("Enter")
        page.wait_for_selector(".ehc-notice--accept_done", timeout=WAIT_MS)
        if found := axe_violations(page):
            failures.append(f"after accepting:\n{describe(found)}")
        assert REASON in page.locator(".ehc-accepted").first.inner_text()
        offered = page.eval_on_selector_all(
            ".ehc-accept textarea", "all => all.map(t => t.name.replace(/:\\d+$/, ''))"
        )
        assert f"reason:{row}:{index}:{rule}" not in offered
        page.locator('#plan-form button[value="save"]').first.click()
        page.wait_for_selector(".ehc-notice--saved", timeout=WAIT_MS)
    assert not failures, "\n".join(failures)
    plan = YAML(typ="safe").load((folder / WEAK).read_text(encoding="utf-8"))
    item = plan["sections"][row.removeprefix("sections.")][int(index)]
    assert {"rule": rule, "reason": REASON} in item["accept"]


def test_a_reason_being_written_survives_the_live_check(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        control = _first_provision_control(page)
        control.locator("summary").click()
        control.locator("textarea").fill("Half a reason")
        status = page.locator("#live-status")
        before = status.inner_text()
        page.locator('[data-section="E"] textarea').first.press_sequentially(" by July 2027")
        page.wait_for_function(
            "before => { const s = document.getElementById('live-status').textContent;"
            " return s !== before && !/Checking/.test(s); }",
            arg=before,
            timeout=WAIT_MS,
        )
        kept = page.eval_on_selector_all(".ehc-accept textarea", "all => all.map(t => t.value)")
        assert "Half a reason" in kept
        assert page.locator(".ehc-accept[open]").count() >= 1
