"""The drafting layout in a real browser: the section list in view, one section at a time, the place
kept across saves, growing text boxes, word counts, rule codes on request, and printing the plan."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations, browser_page, describe, serving
from testkit import SAMPLES

LEO = "primary-year5-leo.yaml"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
WAIT_MS = 20_000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in (LEO, "weak-plan-example.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def _open(page: Any, address: str, name: str = LEO) -> None:
    page.goto(address.split("?")[0] + f"plans/{name}?token=" + address.split("token=")[1])


def _visible_sections(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#plan-form section[id]", "all => all.filter(s => !s.hidden).map(s => s.id)"
    )


def test_text_boxes_grow_to_show_all_their_text(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        box = page.locator("#f-sections-F-0-text")
        box.fill("One more sentence about the help Leo gets. " * 20)
        sizes = box.evaluate("b => [b.clientHeight, b.scrollHeight]")
        assert sizes[0] + 4 >= sizes[1], f"the box shows all its text: {sizes}"


def test_one_section_at_a_time_and_the_place_kept_across_a_save(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        page.set_viewport_size(DESKTOP)
        _open(page, address)
        assert len(_visible_sections(page)) == 13, "the details and every section are shown to begin with"
        page.get_by_label("Show one section at a time").check()
        page.get_by_role("link", name="Section G: Health provision").click()
        assert _visible_sections(page) == ["section-g"]
        page.get_by_role("link", name=re.compile("^Section F:")).click()
        assert _visible_sections(page) == ["section-f"]
        page.locator("#f-sections-F-0-text").fill("Leo will have help from a named teaching assistant.")
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
        assert _visible_sections(page) == ["section-f"], "the section being written is shown after the save"
        page.get_by_label("Show one section at a time").uncheck()
        assert len(_visible_sections(page)) == 13


def test_the_place_is_kept_when_all_sections_are_shown(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        page.set_viewport_size(DESKTOP)
        _open(page, address)
        page.locator("#f-sections-G-0-text").fill("A clinical psychologist will see Leo every fortnight.")
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
        top = page.evaluate("document.getElementById('section-g').getBoundingClientRect().top")
        assert -50 < top < 300, f"section G is in view after the save (top {top})"


def test_the_section_list_stays_in_view_on_a_phone(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        page.set_viewport_size(PHONE)
        _open(page, address)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        assert page.evaluate("document.querySelector('.ehc-jump').getBoundingClientRect().top") == 0
        page.get_by_role("link", name="Quality check").click()
        assert (
            page.evaluate("document.getElementById('quality-panel').getBoundingClientRect().top")
            < PHONE["height"]
        )


def test_word_counts_and_rule_codes_only_when_asked(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address, "weak-plan-example.yaml")
        words_a = page.locator('[data-words="A"]').inner_text()
        assert re.fullmatch(r"\d+ words", words_a)
        assert re.fullmatch(r"\d+", page.locator('[data-panel="plan_words"]').inner_text())
        rule = page.locator(".ehc-finding__rule").first
        assert rule.is_hidden(), "findings are shown without rule codes"
        page.get_by_label("Show rule codes with the findings").check()
        assert rule.is_visible()
        page.reload()
        assert page.locator(".ehc-finding__rule").first.is_visible(), "the choice is remembered"
        before = int(page.locator('[data-words="B"]').inner_text().split()[0])
        page.locator("#f-sections-B-0-text").press("End")
        page.locator("#f-sections-B-0-text").type(" Four more words here.")
        page.wait_for_function(
            f"() => parseInt(document.querySelector('[data-words=\"B\"]').textContent) === {before + 4}",
            timeout=WAIT_MS,
        )


def test_printing_prints_the_plan_not_the_form(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "['.ehc-editor__panel', '.ehc-jump', '.ehc-editor-item__actions']"
            ".map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none", "none", "none"]
        border = page.evaluate(
            "getComputedStyle(document.querySelector('#f-sections-F-0-text')).borderTopWidth"
        )
        assert border == "0px"
        pages = page.pdf(format="A4").count(b"/Type /Page\n") or page.pdf(format="A4").count(b"/Type /Page")
        assert pages < 42, f"the plan prints on {pages} pages"


def test_axe_finds_nothing_in_the_new_layout_states(folder: Path) -> None:
    failures = []
    with serving(folder) as address, browser_page(bypass_csp=True) as page:
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            _open(page, address, "weak-plan-example.yaml")
            page.get_by_label("Show one section at a time").check()
            page.get_by_role("link", name=re.compile("^Section E:")).click()
            page.get_by_label("Show rule codes with the findings").check()
            found = axe_violations(page)
            if found:
                failures.append(f"one section, codes shown, {viewport['width']}px:\n{describe(found)}")
            if page.evaluate("document.documentElement.scrollWidth") > viewport["width"]:
                failures.append(f"{viewport['width']}px scrolls sideways")
            page.get_by_label("Show one section at a time").uncheck()
    assert not failures, "\n".join(failures)


def test_the_new_controls_work_with_the_keyboard(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        page.locator("#one-section").focus()
        page.keyboard.press("Space")
        assert page.locator("#one-section").is_checked()
        page.locator('.ehc-jump__link[href="#section-k"]').focus()
        page.keyboard.press("Enter")
        assert _visible_sections(page) == ["section-k"]
        page.locator("#show-codes").focus()
        page.keyboard.press("Space")
        assert page.locator("#show-codes").is_checked()


def test_links_are_ticked_from_the_plans_own_needs_and_saved(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        group = page.get_by_role("group", name="Needs it meets").first
        boxes = group.get_by_role("checkbox")
        assert boxes.count() == 5, "one box for each need in section B"
        assert "Leo" in group.inner_text(), "each box shows the need's own words"
        assert group.get_by_role("checkbox", name=re.compile("^B1")).is_checked()
        b3 = group.get_by_role("checkbox", name=re.compile("^B3"))
        b3.focus()
        page.keyboard.press("Space")
        assert b3.is_checked()
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
        saved = (folder / LEO).read_text(encoding="utf-8")
        assert "B3" in saved[saved.index("- id: E1") : saved.index("- id: E2")]
        group = page.get_by_role("group", name="Needs it meets").first
        group.get_by_role("checkbox", name=re.compile("^B1")).uncheck()
        group.get_by_role("checkbox", name=re.compile("^B3")).uncheck()
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
    saved = (folder / LEO).read_text(encoding="utf-8")
    first_outcome = saved[saved.index("- id: E1") : saved.index("- id: E2")]
    assert "needs" not in first_outcome or "needs: []" in first_outcome, first_outcome


def test_dates_are_picked_with_a_date_input_and_kept(folder: Path) -> None:
    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        birth = page.get_by_label("Date of birth")
        assert birth.get_attribute("type") == "date"
        before = birth.input_value()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", before)
        page.get_by_label("Next annual review by").fill("2027-03-15")
        page.get_by_role("button", name="Save the plan").first.click()
        page.wait_for_url("**?saved=1")
        assert page.get_by_label("Date of birth").input_value() == before
    assert "2027-03-15" in (folder / LEO).read_text(encoding="utf-8")


def test_each_section_shows_its_guidance_and_a_good_example(folder: Path) -> None:
    from ehcplan.words import house_layout

    with serving(folder) as address, browser_page() as page:
        _open(page, address)
        section = page.locator("#section-f")
        section.get_by_text("Guidance for this section").click()
        shown = section.locator(".ehc-guidance").inner_text()
        layout = house_layout()["sections"]["F"]
        assert layout["prompt"] in shown and layout["example"] in shown
