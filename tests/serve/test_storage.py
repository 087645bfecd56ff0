"""Saving from the editor: form fields to plan data and back, and values put into YAML keeping comments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from testkit import sample_paths

from ehcplan.readers import read_plan
from ehcplan.serve.forms import EditorForm, next_id, typed
from ehcplan.serve.storage import PlanFolder, SaveRefused, UnsafeName

COMMENTED = """\
# Maya's plan: notes for the panel are kept.
details:
  child:
    name: Maya Patel   # as on her birth certificate
  status: draft
sections:
  B:
    - Maya finds it hard to follow instructions with more than two key words.   # from the SALT report
  E:
    - id: E1
      text: By July 2027, Maya will follow a three-step instruction without a reminder.
      needs: [B1]
  F:
    - text: A speech and language therapist will see Maya one-to-one for 30 minutes a week.
      group_size: "1:1"
      needs: [B1]
      outcomes: [E1]
"""


@pytest.fixture
def folder(tmp_path: Path) -> PlanFolder:
    (tmp_path / "maya.yaml").write_text(COMMENTED, encoding="utf-8")
    return PlanFolder(tmp_path)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_an_unchanged_form_saves_the_same_plan_and_almost_the_same_file(tmp_path: Path, path: Path) -> None:
    shutil.copy(path, tmp_path / path.name)
    folder = PlanFolder(tmp_path)
    stored = folder.read(path.name)
    text, plan = folder.merged(path.name, EditorForm.from_plan(stored.plan).plan_data())
    assert plan.model_dump() == stored.plan.model_dump()
    changed = [line for line in text.splitlines() if line not in stored.text.splitlines()]
    assert len(changed) <= 3, changed  # a long plain (unfolded) line may be re-joined; nothing else


def test_an_edit_changes_that_value_and_keeps_every_comment(folder: PlanFolder) -> None:
    stored = folder.read("maya.yaml")
    form = EditorForm.from_plan(stored.plan)
    form.rows["sections.E"][0]["text"] = "By July 2027, Maya will follow a four-step instruction."
    form.rows["sections.F"][0]["how_often"] = "once a week"
    folder.save("maya.yaml", form.plan_data(), stored.version)
    text = (folder.root / "maya.yaml").read_text(encoding="utf-8")
    for kept in (
        "# Maya's plan: notes for the panel are kept.",
        "# as on her birth certificate",
        "# from the SALT report",
    ):
        assert kept in text
    assert "four-step instruction" in text and "how_often: once a week" in text
    assert 'group_size: "1:1"' in text, "quotes kept, so no YAML 1.1 reader sees 61"
    assert "needs: [B1]" in text
    assert "    - Maya finds it hard" in text, "an untouched bare sentence stays one"
    assert read_plan(folder.root / "maya.yaml").sections.F.items[0].how_often == "once a week"


def test_moving_items_keeps_their_ids_and_links(folder: PlanFolder) -> None:
    stored = folder.read("maya.yaml")
    form = EditorForm.from_plan(stored.plan)
    focus = form.apply("add:sections.B")
    assert focus == "f-sections-B-1-text"
    form.rows["sections.B"][1]["text"] = "Maya finds it hard to sit still on the carpet."
    assert form.apply("up:sections.B:1") == "f-up-sections-B-0"
    folder.save("maya.yaml", form.plan_data(), stored.version)
    plan = read_plan(folder.root / "maya.yaml")
    assert [item.id for item in plan.sections.B.items] == ["B2", "B1"]
    assert plan.sections.E.items[0].needs == ["B1"]
    assert "# from the SALT report" in (folder.root / "maya.yaml").read_text(encoding="utf-8")


def test_removing_an_item_others_link_to_is_refused_with_the_field_named(folder: PlanFolder) -> None:
    stored = folder.read("maya.yaml")
    form = EditorForm.from_plan(stored.plan)
    form.apply("remove:sections.B:0")
    with pytest.raises(SaveRefused) as refused:
        folder.save("maya.yaml", form.plan_data(), stored.version)
    fields = {problem.field for problem in refused.value.problems}
    assert fields == {"sections.E.0.needs"}, "the first broken link is named, with its field"
    assert "no item has that id" in refused.value.problems[0].message
    assert (folder.root / "maya.yaml").read_text(encoding="utf-8") == COMMENTED


def test_blank_rows_are_left_out_and_blank_fields_add_nothing(folder: PlanFolder) -> None:
    stored = folder.read("maya.yaml")
    form = EditorForm.from_plan(stored.plan)
    form.apply("add:sections.E")
    form.apply("add:details.parents")
    form.drop_blank_rows()
    assert len(form.rows_of("sections.E")) == 1 and form.rows_of("details.parents") == []
    text, _plan = folder.merged("maya.yaml", form.plan_data())
    assert "parents" not in text and "looked_after" not in text and "null" not in text


def test_posted_fields_keep_line_breaks_and_ignore_unknown_names() -> None:
    form = EditorForm.from_fields(
        [
            ("sections.A.history", "First part.\r\n\r\nSecond part. "),
            ("sections.E.0.id", "E1"),
            ("sections.E.0.text", "By July 2027, Maya will swim 10 metres."),
            ("sections.E.0.needs", "B1, B2;B3"),
            ("sections.E.0.__class__", "x"),
            ("something.else", "ignored"),
        ]
    )
    data = form.plan_data()
    assert data["sections"]["A"]["history"] == "First part.\n\nSecond part."
    assert data["sections"]["E"]["items"][0]["needs"] == ["B1", "B2", "B3"]
    assert "something" not in data and "__class__" not in data["sections"]["E"]["items"][0]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("2027-07-16", "date", __import__("datetime").date(2027, 7, 16)),
        ("16/07/2027", "date", "16/07/2027"),
        ("yes", "yesno", True),
        ("no", "yesno", False),
        ("5", "year", 5),
        ("", "ids", []),
        ("", "text", None),
    ],
)
def test_typed_values(text: str, kind: str, value: object) -> None:
    assert typed(text, kind) == value


def test_next_ids() -> None:
    assert next_id("E", ["E1", "E2"]) == "E3"
    assert next_id("E", ["E2"]) == "E3", "a new item goes after the others"
    assert next_id("H1", ["H1.1"]) == "H1.2"


@pytest.mark.parametrize(
    "name", ["../maya.yaml", "/etc/passwd.yaml", "sub/maya.yaml", ".maya.yaml", "maya.txt", "a\\b.yaml"]
)
def test_unsafe_names_are_refused(folder: PlanFolder, name: str) -> None:
    with pytest.raises(UnsafeName):
        folder.path(name)


def test_a_new_plan_starts_from_the_starter_and_never_replaces_a_file(folder: PlanFolder) -> None:
    folder.create("amara.yaml", "Amara Nwosu")
    text = (folder.root / "amara.yaml").read_text(encoding="utf-8")
    assert "name: Amara Nwosu" in text and "# Section E: outcomes" in text
    assert read_plan(folder.root / "amara.yaml").details.child.name == "Amara Nwosu"
    with pytest.raises(SaveRefused, match="already exists"):
        folder.create("maya.yaml")
    assert (folder.root / "maya.yaml").read_text(encoding="utf-8") == COMMENTED


def _edits(form: EditorForm) -> list[str]:
    """A run of changes a writer makes, applied to the form in place; each name says what was done."""
    done = []
    rows = form.rows["sections.E"]
    rows[0]["text"] = rows[0]["text"] + " by the end of July 2027"
    done.append("an outcome's words")
    form.apply("add:sections.F")
    form.rows["sections.F"][-1]["text"] = "A speech and language therapist for 30 minutes a week."
    done.append("a new provision item")
    form.apply("down:sections.E:0")
    done.append("an outcome moved")
    form.fields["details.child.name"] = ""
    done.append("the child's name blanked")
    form.accept("sections.B:0:LANG002", "Agreed with the family.")
    done.append("a finding accepted")
    form.apply("remove:sections.F:0")
    done.append("a provision item removed")
    return done


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_a_check_sees_the_plan_a_save_would_write(tmp_path: Path, path: Path) -> None:
    """``checked`` (the quick path of every live check) makes the plan ``merged`` (the save's) makes."""
    shutil.copy(path, tmp_path / path.name)
    folder = PlanFolder(tmp_path)
    form = EditorForm.from_plan(folder.read(path.name).plan)
    assert folder.checked(path.name, form.plan_data()) == folder.merged(path.name, form.plan_data())[1]
    for step in _edits(form):
        form.drop_blank_rows()
        data = form.plan_data()
        try:
            slow = folder.merged(path.name, data)[1]
        except SaveRefused as refused:
            with pytest.raises(SaveRefused) as quick:
                folder.checked(path.name, data)
            assert quick.value.problems == refused.problems, step
            continue
        assert folder.checked(path.name, data) == slow, step


def test_a_check_reads_the_file_again_when_it_changes(folder: PlanFolder) -> None:
    name = folder.names()[0]
    form = EditorForm.from_plan(folder.read(name).plan)
    folder.checked(name, form.plan_data())
    path = folder.path(name)
    path.write_text("# a note for the panel\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    folder.checked(name, form.plan_data())
    assert folder._bases[name][0] == text
