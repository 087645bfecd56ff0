from __future__ import annotations

import zipfile
from pathlib import Path

import docx_layouts as layouts
import pytest
from docx import Document
from testkit import SAMPLES

from ehcplan.check.checker import check_plan
from ehcplan.errors import PlanFileError
from ehcplan.readers import read_plan


def finding_keys(plan) -> list[tuple]:
    """The findings, without the note of where the links were read from (a table row in one
    layout, a heading in its Markdown twin)."""
    result = check_plan(plan, "plan")
    return sorted(
        (
            f.rule,
            f.section,
            f.item,
            f.text,
            f.start,
            f.end,
            f.message.split(" (ehcplan read this plan's links")[0],
        )
        for f in result.findings
    )


@pytest.fixture(scope="module")
def markdown_plans(tmp_path_factory) -> dict[bool, object]:
    """The plan as Markdown, without and with a heading per area of need."""
    plans = {}
    for by_area in (False, True):
        path = tmp_path_factory.mktemp("md") / "sam.md"
        path.write_text(layouts.markdown(by_area=by_area), encoding="utf-8")
        plans[by_area] = read_plan(path)
    return plans


@pytest.mark.parametrize("layout", sorted(layouts.LAYOUTS))
def test_every_layout_reads_as_the_markdown_plan(layout: str, tmp_path: Path, markdown_plans) -> None:
    markdown_plan = markdown_plans[layout in layouts.GROUPED_BY_AREA]
    plan = read_plan(layouts.write_layout(layout, tmp_path))
    assert plan.sections.present() == ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]
    for letter in ("B", "E", "F", "H2"):
        assert [item.text for item in plan.sections.item_section(letter).items] == layouts.items(letter)
    assert plan.sections.H1.statement == "Not applicable."
    assert plan.details.child.name == "Sam Jones"
    assert plan.details.next_review.isoformat() == "2027-08-31"
    assert [advice.title for advice in plan.sections.K] == layouts.items("K")
    assert finding_keys(plan) == finding_keys(markdown_plan)


def test_items_remember_paragraphs_and_table_cells(tmp_path: Path) -> None:
    plan = read_plan(layouts.write_layout("dfe", tmp_path))
    needs = plan.sections.B.items
    # The need cell is merged down two rows; its second paragraph is still found in it.
    assert [item.source.describe() for item in needs] == [
        "table 2, row 3, cell 1",
        "table 2, row 3, cell 1",
        "table 3, row 3, cell 1",
    ]
    assert plan.sections.F.items[1].source.describe() == "table 2, row 4, cell 2"
    headings = read_plan(layouts.write_layout("headings", tmp_path))
    assert headings.sections.E.items[0].source.describe().startswith("paragraph ")


def test_a_missing_section_is_not_invented(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Section B: Special educational needs", 1)
    document.add_paragraph("Sam finds it hard to follow spoken instructions.")
    document.add_paragraph("SECTION F – SPECIAL EDUCATIONAL PROVISION")
    document.add_paragraph("A teaching assistant will read with Sam for 20 minutes every day.")
    document.add_paragraph("The health visitor will see the family once a month.")
    path = tmp_path / "two.docx"
    document.save(str(path))
    plan = read_plan(path)
    assert plan.sections.present() == ["B", "F"]
    missing = {f.section for f in check_plan(plan, str(path)).findings if f.rule == "STRUCT001"}
    assert missing == {"A", "C", "D", "E", "G", "H1", "H2", "I", "J", "K"}


def test_field_table_gives_one_item_per_row_with_its_fields(tmp_path: Path) -> None:
    plan = read_plan(SAMPLES / "primary-year5-leo.yaml")
    path = tmp_path / "house.docx"
    layouts.house_layout(plan).save(str(path))
    back = read_plan(path)
    first = back.sections.F.items[0]
    assert first.source.describe() == f"table {first.source.table}, row 2, cell 2"
    assert (first.who.role, first.group_size) == (
        plan.sections.F.items[0].who.role,
        plan.sections.F.items[0].group_size,
    )


def test_house_layout_imports_back_to_the_same_plan(tmp_path: Path) -> None:
    plan = read_plan(SAMPLES / "primary-year5-leo.yaml")
    path = tmp_path / "house.docx"
    layouts.house_layout(plan).save(str(path))
    back = read_plan(path)
    assert back.sections.present() == plan.sections.present()
    for letter in ("B", "C", "D", "E", "F", "G", "H1", "H2"):
        kind = {"E": "outcome", "B": "need", "C": "need", "D": "need"}.get(letter, "provision")
        # The house columns hold the role of who provides it; a qualification needs a column of its own.
        fields = [name for _heading, name in layouts.HOUSE_COLUMNS[kind] if name != "who"]
        original, read = plan.sections.item_section(letter), back.sections.item_section(letter)
        assert read.statement == (original.statement if not original.items else None)
        assert [item.model_dump(include=set(fields)) for item in read.items] == [
            item.model_dump(include=set(fields)) for item in original.items
        ]
        roles = [getattr(item, "who", None) and item.who.role for item in original.items]
        assert [getattr(item, "who", None) and item.who.role for item in read.items] == roles
    a, b = plan.sections.A, back.sections.A
    assert (b.history, b.communication, b.interests, b.strengths) == (
        a.history,
        a.communication,
        a.interests,
        a.strengths,
    )
    assert (b.child_views, b.parent_views) == (a.child_views, a.parent_views)
    assert [x.text for x in b.aspirations] == [x.text for x in a.aspirations]
    for path_ in (
        "child.name",
        "child.preferred_name",
        "child.date_of_birth",
        "child.year_group",
        "status",
        "issue_date",
        "next_review",
    ):
        first, second = plan.details, back.details
        for part in path_.split("."):
            first, second = getattr(first, part), getattr(second, part)
        assert first == second, path_


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.docx", b"this is not a Word file", "is not a Word document"),
        ("plan.doc", b"\xd0\xcf\x11\xe0", "old-style Word file"),
    ],
)
def test_not_a_docx_gives_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as caught:
        read_plan(path)
    assert message in caught.value.lines()[0]
    assert len(caught.value.lines()) == 1


def test_a_zip_that_is_not_a_docx(tmp_path: Path, capsys) -> None:
    from ehcplan.cli import main

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hello")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"{path}: is a zip file but not a Word document (it has no word/document.xml)"


def test_check_docx_names_the_place_in_words(tmp_path: Path, capsys) -> None:
    import json

    from ehcplan.cli import main

    path = layouts.write_layout("bold-labels", tmp_path)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: PROV001 " in out
    assert "[F F2, table 5, row 3, cell 2]" in out
    main(["check", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["sections"] == ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda path: path.stem)
def test_a_rendered_plan_reads_back_with_its_dates_and_timescales(sample: Path, tmp_path: Path) -> None:
    from ehcplan.render import render_plan

    plan = read_plan(sample)
    target = tmp_path / f"{sample.stem}.docx"
    target.write_bytes(render_plan(plan, "docx"))
    back = read_plan(target)
    assert back.details.timeline == plan.details.timeline
    assert back.details.issue_date == plan.details.issue_date
    assert back.details.next_review == plan.details.next_review

    def timescales(p) -> list[tuple[str, str]]:
        return sorted((f.rule, f.message) for f in check_plan(p, "p").findings if f.rule.startswith("TIME"))

    assert timescales(back) == timescales(plan)
