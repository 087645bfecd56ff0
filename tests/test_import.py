from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx_layouts as layouts
import pytest
from testkit import SAMPLES, sample_paths

from ehcplan.check.checker import check_plan
from ehcplan.cli import main
from ehcplan.model import Plan
from ehcplan.readers import read_plan
from ehcplan.render import render_plan


def test_import_writes_valid_yaml_with_notes(tmp_path: Path, capsys) -> None:
    source = layouts.write_layout("dfe", tmp_path)
    target = tmp_path / "sam.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    text = target.read_text()
    assert text.startswith("# Imported by ehcplan from dfe.docx")
    assert "# from table 2, row 3, cell 1" in text
    assert main(["validate", str(target)]) == 0
    assert "valid plan, 12 sections, 11 items" in capsys.readouterr().out
    original, imported = read_plan(source), read_plan(target)
    assert imported.model_dump() == original.model_dump()


def test_import_of_the_house_layout_keeps_fields_and_links(tmp_path: Path) -> None:
    plan = read_plan(SAMPLES / "primary-year5-leo.yaml")
    source = tmp_path / "leo.docx"
    layouts.house_layout(plan).save(str(source))
    target = tmp_path / "leo.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    assert read_plan(target).model_dump() == read_plan(source).model_dump()
    assert read_plan(target).sections.F.items[0].outcomes == plan.sections.F.items[0].outcomes


def test_import_says_what_it_could_not_find_and_never_overwrites(tmp_path: Path, capsys) -> None:
    source = tmp_path / "part.md"
    source.write_text("# Section F: Special educational provision\n\n- Regular reading support.\n")
    target = tmp_path / "part.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    assert "# Not found in part.md: sections A, B, C, D, E, G, H1, H2, I, J, K." in target.read_text()
    before = target.read_bytes()
    assert main(["import", str(source), "-o", str(target)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["import", str(source), "-o", str(target), "--force"]) == 0


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_a_plan_rendered_to_word_reads_back_with_the_same_sections(tmp_path: Path, path: Path) -> None:
    plan = read_plan(path)
    rendered = tmp_path / f"{path.stem}.docx"
    rendered.write_bytes(render_plan(plan, "docx"))
    assert read_plan(rendered).sections.present() == plan.sections.present()


# A line break inside a passage of section A is shown as a new paragraph, as in HTML, so it
# reads back as a paragraph break.
LINE_BREAK = re.compile(r"\s*\n\s*")


def as_word_carries(plan: Plan) -> Plan:
    """The plan less what a rendered Word plan does not show: the dates of past reviews
    (``details.annual_reviews``), with section A's line breaks as paragraph breaks. The
    assessment's dates (``details.timeline``) are shown, and come back."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    data["details"].pop("annual_reviews", None)
    a = data["sections"].get("A") or {}
    for field in ("history", "communication"):
        if field in a:
            a[field] = LINE_BREAK.sub("\n\n", a[field])
    for field in ("child_views", "parent_views"):
        if field in a:
            a[field]["text"] = LINE_BREAK.sub("\n\n", a[field]["text"])
    return Plan.model_validate(data)


def finding_keys(plan: Plan) -> list[tuple]:
    return sorted(
        (f.rule, f.section or "", f.item or "", f.text, f.start, f.end, f.message)
        for f in check_plan(plan, "plan").findings
    )


def rendered_and_read(plan: Plan, folder: Path, name: str) -> Plan:
    rendered = folder / f"{name}.docx"
    rendered.write_bytes(render_plan(plan, "docx"))
    return read_plan(rendered)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_a_plan_rendered_to_word_imports_back_to_the_same_plan(tmp_path: Path, path: Path) -> None:
    plan = read_plan(path)
    back = rendered_and_read(plan, tmp_path, path.stem)
    assert [(letter, item.id, item.text) for letter, item in back.items()] == [
        (letter, item.id, item.text) for letter, item in plan.items()
    ]
    # Every structured field the layout shows comes back: who, group size, how often and how
    # long, links, strengths, areas, section A's parts, the personal details, I, J and K.
    carried = as_word_carries(plan)
    assert back.model_dump(mode="json") == carried.model_dump(mode="json")
    assert finding_keys(back) == finding_keys(carried)
    # Against the plan itself, only the timescale of past reviews (whose dates the Word plan does
    # not show) may find something else; any other finding flags the same words, same message.
    changed = Counter(flagged(plan))
    changed.subtract(flagged(back))
    assert {key[0] for key, count in changed.items() if count} <= {"TIME004"}


# A local authority's own wording for the labels the reader has to know.
OWN_WORDING = """\
needs:
  heading: "Need {id} ({area})"
  strengths: What is going well
provision:
  how_often_long: Frequency and length
  how_often: Frequency
  links: Links
  training: Qualified as
section_a:
  child_views: In my own words
  whose_words: "Said by: {who}"
details:
  next_review: Review due
"""


def test_a_plan_rendered_in_a_local_authoritys_wording_checks_the_same(tmp_path: Path, capsys) -> None:
    import json

    templates = tmp_path / "la" / "ours"
    templates.mkdir(parents=True)
    (templates / "words.yaml").write_text(OWN_WORDING, encoding="utf-8")
    config = tmp_path / "la" / ".ehcplan.toml"
    config.write_text('[branding]\ntemplates = "ours"\n', encoding="utf-8")
    source = SAMPLES / "primary-year5-leo.yaml"
    rendered = tmp_path / "leo.docx"
    assert main(["render", str(source), "-o", str(rendered), "--config", str(config)]) == 0
    capsys.readouterr()

    def findings(path: Path, *options: str) -> list[tuple]:
        main(["check", "--format", "json", "--exit-zero", *options, str(path)])
        report = json.loads(capsys.readouterr().out)
        return sorted(
            (f["rule"], f["section"] or "", f["item"] or "", f["message"])
            for f in report["files"][0]["findings"]
        )

    ours = ("--config", str(config))
    assert findings(rendered, *ours) == findings(source, *ours)
    # Without the config the reader knows only the built-in wording, and the plan reads differently.
    assert findings(rendered) != findings(source)


def flagged(plan: Plan) -> list[tuple]:
    """Each finding as its rule, place, the words at fault and its message."""
    return [(f.rule, f.section, f.item, f.excerpt, f.message) for f in check_plan(plan, "plan").findings]
