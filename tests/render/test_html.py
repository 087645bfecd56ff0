"""The HTML page: one self-contained, accessible file with every plan's text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from html_checks import assert_accessible_structure, assert_self_contained, parse, text_of
from testkit import HOSTILE_NAME, HOSTILE_TEXT, hostile_plan, sample_paths, tiny_png

from ehcplan.check.checker import check_plan
from ehcplan.config import Branding
from ehcplan.errors import EhcplanError
from ehcplan.model import ALL_SECTIONS, Plan
from ehcplan.readers import read_plan
from ehcplan.render import render_plan

SAMPLES = sample_paths()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every sample rendered once."""
    return {path.stem: render_plan(read_plan(path), "html").decode("utf-8") for path in SAMPLES}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_has_an_accessible_structure(pages: dict[str, str], path: Path) -> None:
    page = pages[path.stem]
    assert_accessible_structure(page)
    doc = parse(page)
    plan = read_plan(path)
    assert plan.details.child.name in text_of(doc.xpath("//h1")[0])
    headings = [text_of(h) for h in doc.xpath("//section/h2")]
    assert "Section F: Special educational provision" in headings
    assert sum(heading.startswith("Section ") for heading in headings) == len(ALL_SECTIONS)
    contents = [text_of(a) for a in doc.xpath("//nav//a")]
    assert contents[1:] == [h for h in headings if h.startswith("Section ")]
    assert doc.xpath("//section[@id='details']//dl[contains(@class, 'ehc-summary-list')]")
    outcomes = doc.xpath("//section[@id='section-e']//table")[0]
    assert [text_of(th) for th in outcomes.xpath(".//th[@scope='row']")] == [
        item.id for item in plan.sections.E.items
    ]
    provision = doc.xpath("//section[@id='section-f']//table")[0]
    assert "Who provides it" in [text_of(th) for th in provision.xpath(".//thead//th")]


def test_print_stylesheet_is_a4_with_a_page_per_section(pages: dict[str, str]) -> None:
    css = parse(pages["primary-year5-leo"]).xpath("//style")[0].text
    print_rules = css[css.index("@media print {") :]
    assert "size: A4" in print_rules
    assert ".ehc-section--statutory { break-before: page; }" in print_rules
    assert re.search(r'a\[href\^="http"\]::after[^{]*\{ content: " \(" attr\(href\) "\)"', print_rules)
    assert "counter(pages)" in print_rules, "page numbers in the printed footer"


def test_a_draft_says_so_on_screen_and_on_every_printed_page(pages: dict[str, str]) -> None:
    draft = [read_plan(path).details.status.value for path in SAMPLES].index("draft")
    doc = parse(pages[SAMPLES[draft].stem])
    assert "DRAFT" in text_of(doc.xpath("//header")[0])
    assert "This is a draft plan" in text_of(doc.xpath("//main")[0])
    assert '@top-center { content: "DRAFT"' in doc.xpath("//style")[0].text
    final = parse(pages["primary-year5-leo"])
    assert (
        "DRAFT" not in text_of(final.xpath("//body")[0])
        and "@top-center" not in final.xpath("//style")[0].text
    )


def test_plan_text_is_shown_as_typed_never_run() -> None:
    page = render_plan(Plan.model_validate(hostile_plan()), "html").decode("utf-8")
    assert "<script>alert" not in page and "<b>three</b>" not in page
    assert "&lt;script&gt;" in page
    doc = parse(page)
    assert HOSTILE_NAME in text_of(doc.xpath("//h1")[0])
    assert HOSTILE_NAME in doc.xpath("//title")[0].text_content()
    outcome = text_of(doc.xpath("//tr[@id='item-e1']")[0])
    assert HOSTILE_TEXT in outcome and "49" not in outcome
    assert_accessible_structure(page)


def test_review_copy_marks_each_flagged_passage_and_lists_every_finding() -> None:
    path = next(path for path in SAMPLES if "weak" in path.stem)
    plan = read_plan(path)
    findings = check_plan(plan, str(path)).findings
    page = render_plan(plan, "html", findings=findings).decode("utf-8")
    assert_accessible_structure(page)
    doc = parse(page)
    listed = doc.xpath("//li[contains(@class, 'ehc-finding ')]")
    assert [item.get("id") for item in listed] != []
    assert sorted(int(item.get("id").split("-")[1]) for item in listed) == list(range(1, len(findings) + 1))
    marks = doc.xpath("//mark")
    assert marks, "flagged words are marked"
    for mark in marks:
        following = mark.getnext()
        while following is not None and following.tag == "mark":
            following = following.getnext()
        assert following is not None and following.get("class") == "ehc-mark__ref"
    ref = doc.xpath("//a[@class='ehc-mark__ref']")[0]
    assert re.fullmatch(r"\(finding \d+\)", text_of(ref)), "the marking is in words, not colour alone"
    f1 = doc.xpath("//tr[@id='item-f1']")[0]
    assert "Findings on F1" in text_of(f1)
    assert "Access to" in [text_of(mark) for mark in f1.xpath(".//mark")]
    plan_level = text_of(doc.xpath("//section[@id='review']")[0])
    assert "Findings on the whole plan" in plan_level and "TIME001" in plan_level


def test_branding_shows_the_authority_logo_and_colour(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(tiny_png())
    branding = Branding(name="Riverton City Council", logo=logo, accent_colour="#00703c")
    page = render_plan(Plan.model_validate(hostile_plan()), "html", branding=branding).decode("utf-8")
    doc = parse(page)
    [image] = doc.xpath("//header//img")
    assert image.get("alt") == "Riverton City Council logo"
    assert image.get("src").startswith("data:image/png;base64,")
    assert "--ehc-accent: #00703c;" in doc.xpath("//style")[0].text
    assert "Riverton City Council" in text_of(doc.xpath("//header")[0])
    assert_accessible_structure(page)


def test_a_logo_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text("<svg/>")
    with pytest.raises(EhcplanError, match="the logo should be a PNG or JPEG file"):
        render_plan(Plan.model_validate(hostile_plan()), "html", branding=Branding(logo=logo))


def test_a_local_authority_template_replaces_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "style.css.j2").write_text("body { color: #000; }", encoding="utf-8")
    (tmp_path / "words.yaml").write_text("details:\n  heading: About me\n", encoding="utf-8")
    page = render_plan(Plan.model_validate(hostile_plan()), "html", branding=Branding(templates=tmp_path))
    doc = parse(page.decode("utf-8"))
    assert doc.xpath("//style")[0].text == "body { color: #000; }"
    assert text_of(doc.get_element_by_id("details-title")) == "About me"
    assert_self_contained(doc)


def test_a_fault_in_a_local_authority_template_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "style.css.j2").write_text("body { color: {{ style.colour }; }", encoding="utf-8")
    with pytest.raises(EhcplanError) as caught:
        render_plan(Plan.model_validate(hostile_plan()), "html", branding=Branding(templates=tmp_path))
    message = str(caught.value)
    assert "style.css.j2:1:" in message and "\n" not in message


def test_text_in_the_stylesheet_cannot_end_the_string_or_the_style_element() -> None:
    from ehcplan.render.html import css_page_numbers, css_string

    quoted = str(css_string('Zoë "Z" </style><script>'))
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not set(quoted[1:-1]) & set("\"'<>/"), "only escapes, letters, digits and spaces"
    assert "\\3c " in quoted and "\\eb " in quoted
    assert str(css_page_numbers("Page {page} of {pages}")) == '"Page " counter(page) " of " counter(pages)'


def test_the_hostile_name_is_escaped_in_the_printed_footer() -> None:
    page = render_plan(Plan.model_validate(hostile_plan()), "html").decode("utf-8")
    css = parse(page).xpath("//style")[0].text
    assert "<" not in css and "script" in css
