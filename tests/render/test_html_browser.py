"""The HTML page in headless Chromium: axe-core finds nothing, the policy holds, phones fit.

axe-core is injected with the page's Content Security Policy bypassed (the policy forbids all
scripts, which is the point); a separate test loads the page with the policy in force.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import DESKTOP, axe_failures, browser_page
from testkit import hostile_plan, sample_paths

from ehcplan.check.checker import check_plan
from ehcplan.model import Plan
from ehcplan.readers import read_plan
from ehcplan.render import render_plan

SAMPLES = sample_paths()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample, a review copy of the weak plan and a plan with hostile text, as files."""
    folder = tmp_path_factory.mktemp("html")
    plans = {path.stem: (read_plan(path), None) for path in SAMPLES}
    weak = next(path for path in SAMPLES if "weak" in path.stem)
    plans["weak-review"] = (read_plan(weak), check_plan(read_plan(weak), str(weak)).findings)
    plans["hostile"] = (Plan.model_validate(hostile_plan()), None)
    files = {}
    for name, (plan, findings) in plans.items():
        files[name] = folder / f"{name}.html"
        files[name].write_bytes(render_plan(plan, "html", findings=findings))
    return files


def test_axe_finds_no_violations_on_any_page_on_a_desktop_or_a_phone(pages: dict[str, Path]) -> None:
    failures = axe_failures(pages)
    assert not failures, "\n".join(failures)


def test_the_policy_allows_the_stylesheet_and_nothing_else(pages: dict[str, Path]) -> None:
    with browser_page() as page:
        messages: list[str] = []
        dialogs: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(pages["hostile"].as_uri())
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.ehc-skip-link')).position") == "absolute"
        )
        assert page.evaluate("document.scripts.length") == 0
        assert "<script>" in page.inner_text("h1")
    assert not dialogs
    assert not [message for message in messages if "Content Security Policy" in message]


def test_on_a_phone_nothing_scrolls_sideways_and_tables_become_cards(pages: dict[str, Path]) -> None:
    with browser_page() as page:
        # 320 CSS pixels: a small phone, or a desktop zoomed to 400% (WCAG 1.4.10 Reflow).
        page.set_viewport_size({"width": 320, "height": 640})
        for name in ("college-19-tom", "weak-review", "hostile"):
            page.goto(pages[name].as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.ehc-table__label')).display")
                == "block"
            )
        page.set_viewport_size(DESKTOP)
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.ehc-table__label')).display") == "none"
        )


def test_the_skip_link_appears_on_focus_and_moves_to_the_plan(pages: dict[str, Path]) -> None:
    with browser_page() as page:
        page.goto(pages["primary-year5-leo"].as_uri())
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "ehc-skip-link"
        assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 50
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"


def test_printed_each_section_starts_a_new_a4_page(pages: dict[str, Path]) -> None:
    with browser_page() as page:
        page.goto(pages["primary-year5-leo"].as_uri())
        page.emulate_media(media="print")
        breaks = page.evaluate(
            "[...document.querySelectorAll('.ehc-section--statutory')].map(s => getComputedStyle(s).breakBefore)"
        )
        assert breaks and set(breaks) == {"page"}
        pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    sizes = {
        tuple(round(float(n)) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)
    }
    assert sizes == {(595, 842)}, "A4 in points"
