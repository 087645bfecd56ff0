"""Never losing work in the editor, in a real browser: drafts kept in the browser and offered back,
the page that knows it holds unsaved changes through every action, and Remove undone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations, browser_page, describe, serving
from testkit import SAMPLES

LEO = "primary-year5-leo.yaml"
TYPED = "A speech and language therapist will see Leo for 30 minutes every week, written by me."
WAIT_MS = 20_000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLES / LEO, tmp_path / LEO)
    return tmp_path


def _open(page: Any, address: str) -> None:
    page.goto(address.split("?")[0] + f"plans/{LEO}?token=" + address.split("token=")[1])


def _dialogs(page: Any) -> list[str]:
    """Accept every dialog (the "leave this page?" question), noting its kind."""
    seen: list[str] = []

    def answer(dialog: Any) -> None:
        seen.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    return seen


def _first_provision(page: Any) -> Any:
    return page.locator("#f-sections-F-0-text")


def _wait_for_draft(page: Any) -> None:
    page.wait_for_function(
        f"() => (localStorage.getItem('ehcplan:draft:{LEO}') || '').includes('written by me')",
        timeout=WAIT_MS,
    )


def test_typed_text_survives_a_reload_and_comes_back_when_asked(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        dialogs = _dialogs(page)
        _open(page, address)
        assert page.locator("#draft-notice").is_hidden()
        original = _first_provision(page).input_value()
        _first_provision(page).fill(TYPED)
        _wait_for_draft(page)
        page.reload()
        assert "beforeunload" in dialogs, "leaving with unsaved changes asks first"
        notice = page.locator("#draft-notice")
        notice.wait_for(state="visible")
        assert "not saved" in notice.inner_text()
        assert _first_provision(page).input_value() == original, "the page shows the file until asked"
        with page.expect_navigation():
            page.get_by_role("button", name="Restore my changes").click()
        assert _first_provision(page).input_value() == TYPED
        assert page.locator("#plan-form").get_attribute("data-unsaved") == "true"
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
        assert page.evaluate(f"localStorage.getItem('ehcplan:draft:{LEO}')") is None, (
            "a save clears the draft"
        )
        page.reload()
        assert page.locator("#draft-notice").is_hidden()
    assert TYPED in (folder / LEO).read_text(encoding="utf-8")


def test_a_draft_can_be_discarded(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _dialogs(page)
        _open(page, address)
        _first_provision(page).fill(TYPED)
        _wait_for_draft(page)
        page.reload()
        page.get_by_role("button", name="Discard them").click()
        assert "discarded" in page.locator("#draft-notice").inner_text()
        assert page.evaluate(f"localStorage.getItem('ehcplan:draft:{LEO}')") is None
        page.reload()
        assert page.locator("#draft-notice").is_hidden()


def test_after_add_the_page_knows_it_holds_unsaved_changes(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        dialogs = _dialogs(page)
        _open(page, address)
        _first_provision(page).fill(TYPED)
        with page.expect_navigation():
            page.get_by_role("button", name="Add an outcome").click()
        assert _first_provision(page).input_value() == TYPED
        assert page.locator("#plan-form").get_attribute("data-unsaved") == "true"
        page.goto(address.split("?")[0])
        assert "beforeunload" in dialogs, "the page after Add still warns before it is left"
        _open(page, address)
        page.locator("#draft-notice").wait_for(state="visible")


def test_remove_can_be_undone(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _dialogs(page)
        _open(page, address)
        rows = page.locator('.ehc-editor-rows[data-list="sections.F"] > .ehc-editor-item')
        before = [rows.nth(index).get_attribute("data-item") for index in range(rows.count())]
        second_text = page.locator("#f-sections-F-1-text").input_value()
        with page.expect_navigation():
            page.locator("#f-remove-sections-F-1").click()
        undo = page.locator("#undo-notice")
        undo.wait_for(state="visible")
        assert f"{before[1]} provision removed" in undo.inner_text()
        assert before[1] not in [rows.nth(index).get_attribute("data-item") for index in range(rows.count())]
        with page.expect_navigation():
            page.get_by_role("button", name="Undo").click()
        assert [rows.nth(index).get_attribute("data-item") for index in range(rows.count())] == before
        assert page.locator("#f-sections-F-1-text").input_value() == second_text
        assert page.locator("#undo-notice").is_hidden()


def test_a_draft_from_before_the_file_changed_is_offered_with_a_warning_and_never_saved_over_it(
    folder: Path,
) -> None:
    with serving(folder) as address, browser_page() as page:
        _dialogs(page)
        _open(page, address)
        _first_provision(page).fill(TYPED)
        _wait_for_draft(page)
        changed = (folder / LEO).read_text(encoding="utf-8") + "\n# A note added in another program\n"
        (folder / LEO).write_text(changed, encoding="utf-8")
        page.reload()
        notice = page.locator("#draft-notice")
        notice.wait_for(state="visible")
        assert "has changed since" in notice.inner_text()
        with page.expect_navigation():
            page.get_by_role("button", name="Restore my changes").click()
        page.get_by_role("button", name="Save the plan").first.click()
        page.locator(".ehc-error-summary").wait_for()
        assert (folder / LEO).read_text(encoding="utf-8") == changed, "the other program's change stands"
        assert TYPED in page.evaluate(f"localStorage.getItem('ehcplan:draft:{LEO}')"), (
            "the draft is still kept"
        )


def test_axe_finds_nothing_with_the_draft_and_undo_notices_shown(folder: Path) -> None:
    with serving(folder) as address, browser_page(bypass_csp=True) as page:
        _dialogs(page)
        _open(page, address)
        _first_provision(page).fill(TYPED)
        _wait_for_draft(page)
        page.reload()
        page.locator("#draft-notice").wait_for(state="visible")
        failures = [f"draft notice:\n{describe(found)}" for found in [axe_violations(page)] if found]
        page.get_by_role("button", name="Discard them").click()
        page.locator("#f-remove-sections-F-1").click()
        page.locator("#undo-notice").wait_for(state="visible")
        failures += [f"undo notice:\n{describe(found)}" for found in [axe_violations(page)] if found]
        assert not failures, "\n".join(failures)
