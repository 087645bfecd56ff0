"""The editor in a real browser: `ehcplan serve` in a subprocess, driven through Debian's Chromium.

A writer creates a plan, types a vague outcome, sees the SMART findings appear next to it (and
hears them through the live region), fixes it, sees them go, saves, reopens and finds the text.
axe-core checks every page; the editor is used with the keyboard alone; the policy holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browser import axe_violations, browser_page, describe, serving
from testkit import SAMPLES

VAGUE = "Maya will get better at reading."
FIXED = "By July 2027, Maya will read 50 common words aloud without help."
WAIT_MS = 20_000
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two sample plans in it."""
    for name in ("primary-year5-leo.yaml", "weak-plan-example.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def test_create_type_see_the_finding_fix_it_save_and_reopen(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(address)
        page.get_by_role("link", name="Start a new plan").click()
        page.get_by_label("File name").fill("maya-patel")
        page.get_by_label("Child's full name").fill("Maya Patel")
        page.get_by_role("button", name="Create the plan").click()
        page.wait_for_url("**/plans/maya-patel.yaml")

        page.get_by_role("button", name="Add an outcome").click()
        outcome = page.get_by_role("textbox", name="E1 outcome", exact=True)
        assert outcome.evaluate("element => element === document.activeElement")
        outcome.fill(VAGUE)
        box = page.locator('.ehc-editor-findings[data-section="E"][data-item="E1"]')
        # Rule codes are shown only when asked for: the finding is found by what it says.
        box.locator(".ehc-finding", has_text="does not say by when").wait_for(timeout=WAIT_MS)
        finding = box.locator(".ehc-finding", has_text="does not say by when")
        assert finding.locator(".ehc-finding__rule").is_hidden()
        assert "does not say by when" in finding.inner_text()
        assert "Suggestion:" in finding.inner_text()
        assert finding.locator(".ehc-tag").inner_text() in ("Error", "Warning", "For information")
        status = page.locator("#live-status")
        assert status.get_attribute("aria-live") == "polite"
        page.wait_for_function(
            "() => document.querySelector('#live-status').textContent.startsWith('E1 outcome:')",
            timeout=WAIT_MS,
        )
        assert "finding" in status.inner_text()

        outcome.fill(FIXED)
        page.wait_for_function(
            '() => !document.querySelector(\'[data-section="E"][data-item="E1"] .ehc-finding\')'
            " && document.querySelector('#live-status').textContent === 'E1 outcome: no findings.'",
            timeout=WAIT_MS,
        )

        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**/plans/maya-patel.yaml?saved=1")
        assert "Saved" in page.locator(".ehc-notice--saved").inner_text()

        page.goto(address.split("?")[0])
        page.get_by_role("link", name="maya-patel.yaml").click()
        assert page.get_by_role("textbox", name="E1 outcome", exact=True).input_value() == FIXED
        assert not errors, errors
    saved = (folder / "maya-patel.yaml").read_text(encoding="utf-8")
    assert FIXED in saved
    assert "# Section A: what matters to the child and family" in saved, "the starter's notes are kept"


def test_axe_finds_nothing_on_any_page_on_a_desktop_or_a_phone(folder: Path) -> None:
    failures = []
    with serving(folder) as address, browser_page(bypass_csp=True) as page:
        page.goto(address)
        root = address.split("?")[0]
        pages = {
            "list": root,
            "new": root + "new",
            "editor": root + "plans/primary-year5-leo.yaml",
            "weak plan with findings": root + "plans/weak-plan-example.yaml",
        }
        for name, url in pages.items():
            for viewport in (DESKTOP, PHONE):
                page.set_viewport_size(viewport)
                page.goto(url)
                violations = axe_violations(page)
                if violations:
                    failures.append(f"{name} at {viewport['width']}px:\n{describe(violations)}")
                if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
                    failures.append(f"{name} at {viewport['width']}px scrolls sideways")
        # A failed save, with its error summary and the errors next to the fields.
        page.set_viewport_size(DESKTOP)
        page.goto(pages["editor"])
        page.locator("#f-details-child-date_of_birth").evaluate("box => { box.type = 'text'; }")
        page.get_by_label("Date of birth").fill("not a date")
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_selector(".ehc-error-summary")
        violations = axe_violations(page)
        if violations:
            failures.append(f"failed save:\n{describe(violations)}")
    assert not failures, "\n".join(failures)


def test_a_failed_save_says_why_and_keeps_what_was_typed(folder: Path) -> None:
    before = (folder / "primary-year5-leo.yaml").read_bytes()
    with serving(folder) as address, browser_page() as page:
        page.goto(address.split("?")[0] + "plans/primary-year5-leo.yaml?token=" + address.split("token=")[1])
        # A browser without date pickers sends what was typed; the server says why it is not a date.
        page.locator("#f-details-child-date_of_birth").evaluate("box => { box.type = 'text'; }")
        page.get_by_label("Date of birth").fill("31 February")
        outcome = page.get_by_role("textbox", name="E1 outcome", exact=True)
        outcome.fill("Something I typed and must not lose.")
        page.get_by_role("button", name="Save the plan").first.click()
        summary = page.locator(".ehc-error-summary")
        summary.wait_for()
        assert "Date of birth" in summary.inner_text() and "not a real date" in summary.inner_text()
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert page.get_by_role("textbox", name="E1 outcome", exact=True).input_value() == (
            "Something I typed and must not lose."
        )
        summary.get_by_role("link").first.click()
        assert page.evaluate("document.activeElement.id") == "f-details-child-date_of_birth"
    assert (folder / "primary-year5-leo.yaml").read_bytes() == before, "nothing was written"


def test_the_editor_works_with_the_keyboard_alone(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        page.goto(address.split("?")[0] + "plans/weak-plan-example.yaml?token=" + address.split("token=")[1])
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "ehc-skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"
        # Tab forward to the first outcome's text box, as a keyboard user would.
        assert _tab_to(page, "f-sections-E-0-text"), "the E1 outcome can be reached with Tab"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus is visible"
        page.keyboard.press("Control+A")
        page.keyboard.type(FIXED)
        # On to the outcome's "Move down" button, and press it: E1 moves below E2, focus follows it.
        assert _tab_to(page, "f-down-sections-E-0")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "f-down-sections-E-1"
        rows = page.locator('.ehc-editor-rows[data-list="sections.E"] > .ehc-editor-item')
        assert rows.nth(1).get_attribute("data-item") == "E1"
        assert _tab_to(page, "f-add-sections-E")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        new_id = page.evaluate("document.activeElement.id")
        assert new_id.startswith("f-sections-E-") and new_id.endswith("-text")
        page.keyboard.type("By July 2027, Ryan will write three sentences on his own.")
        # Enter in a one-line field submits the form with its first button, which saves.
        assert _tab_to(page, "f-details-child-name", backwards=True)
        page.keyboard.press("Enter")
        page.wait_for_url("**?saved=1")
    saved = (folder / "weak-plan-example.yaml").read_text(encoding="utf-8")
    assert FIXED in saved and "Ryan will write three sentences on his own" in saved
    assert saved.index("id: E2") < saved.index(FIXED), "E1 was moved below E2"


def test_the_policy_lets_the_editor_run_its_own_script_and_nothing_else(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        responses: list[str] = []
        page.on("response", lambda response: responses.append(response.url))
        opened = page.goto(
            address.split("?")[0] + "plans/weak-plan-example.yaml?token=" + address.split("token=")[1]
        )
        assert opened is not None
        assert "script-src 'self'" in opened.headers["content-security-policy"]
        assert page.evaluate("typeof document.querySelector('script[src]').src") == "string"
        injected = page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.appendChild(s); return window.injected === 1; }"
        )
        assert injected is False, "inline script is blocked"
        assert responses and all(url.startswith(address.split("/?")[0]) for url in responses)
    assert any("Content Security Policy" in message for message in messages)


def _tab_to(page: object, element_id: str, *, backwards: bool = False, limit: int = 400) -> bool:
    """Press Tab (or Shift+Tab) until the element has focus, at most ``limit`` times."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("document.activeElement.id") == element_id:  # type: ignore[attr-defined]
            return True
        page.keyboard.press(key)  # type: ignore[attr-defined]
    return False
