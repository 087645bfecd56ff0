"""Saving from the editor keeps the writer's comments and blank lines, wherever a person would write them.

Each test saves a commented plan through ``PlanFolder.save`` (what ``ehcplan serve`` runs: read the
file, ``merge_plan``, dump) and looks at the saved text, then checks the file still reads as the
same plan apart from the change the editor made.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from testkit import sample_paths

from ehcplan.model import Plan
from ehcplan.readers import read_plan
from ehcplan.serve.forms import EditorForm, next_id
from ehcplan.serve.storage import PlanFolder

# How the last item of E ends: ruamel keeps the comments after it in a different place for each.
ENDINGS = {
    "plain": (
        "        needs: [B1]\n"
        "        text: By July 2027, Maya will ask an adult for help when she is stuck.\n"
    ),
    "flow": (
        "        text: By July 2027, Maya will ask an adult for help when she is stuck.\n"
        "        needs: [B1]\n"
    ),
    "folded": (
        "        needs: [B1]\n"
        "        text: >-\n"
        "          By July 2027, Maya will ask an adult for help\n"
        "          when she is stuck.\n"
    ),
}

PLAN = """\
# Maya's plan: notes for the panel are kept.
# Written by the caseworker; the editor must not lose them.

# The child and the plan.
details:
  child:
    name: Maya Patel   # as on her birth certificate
    date_of_birth: 2018-04-02
  parents:
    - name: Priya Patel
      relationship: mother
    # Maya's father lives nearby.
    - name: Ravi Patel
      relationship: father
  status: draft

# The sections, as agreed at the meeting.
sections:
  # Section B: from the SALT report
  B:
    # Needs agreed with her parents.
    - id: B1
      text: Maya finds it hard to follow instructions with more than two key words.
      area: communication and interaction

    # B2 was added at the review.
    - id: B2
      # area agreed with the school
      area: social, emotional and mental health
      # reworded by the SENCO
      text: Maya finds it hard to sit with her group.

    # B3: seen by the class teacher
    - id: B3
      text: Maya finds it hard to ask an adult for help.
    # More needs may follow the assessment.

  # Section E: outcomes agreed with Maya's parents
  E:
    # Section E: agreed at the meeting on 3 March
    items:
      - id: E1
        text: By July 2027, Maya will follow a three-step instruction without a reminder.
        needs: [B1]   # the SALT target

      # E2 was added at the review.
      - id: E2
        # timescale from the review
        timescale: by July 2027
        # reworded by the SENCO
        text: By July 2027, Maya will sit with her group for ten minutes.
        needs: [B1]

      # E3: seen by the class teacher
      - id: E3
{ending}      # More outcomes may follow the assessment.

  # Section F: from the therapy report
  F:
    - text: A speech and language therapist will see Maya one-to-one for 30 minutes a week.
      group_size: "1:1"   # agreed with the therapist
      needs: [B1]
"""

# Each item's own comment, by id: it sits on the line above the item and moves with it.
OWN = {
    "B2": "\n\n    # B2 was added at the review.\n    - id: B2\n",
    "B3": "\n    # B3: seen by the class teacher\n    - id: B3\n",
    "E2": "\n\n      # E2 was added at the review.\n      - id: E2\n",
    "E3": "\n      # E3: seen by the class teacher\n      - id: E3\n",
}
# Above each list: B is a bare list, E a list under 'items'.
ABOVE_LIST = {
    "B": "  B:\n    # Needs agreed with her parents.\n",
    "E": "  E:\n    # Section E: agreed at the meeting on 3 March\n    items:\n",
}
# After each list's last item, then a blank line and the next section's comment.
LIST_END = {
    "B": "    # More needs may follow the assessment.\n\n  # Section E: outcomes agreed with Maya's parents\n  E:\n",
    "E": "      # More outcomes may follow the assessment.\n\n  # Section F: from the therapy report\n  F:\n",
}
INSIDE = {
    "B": "    - id: B2\n      # area agreed with the school\n      area: ",
    "E": "      - id: E2\n        # timescale from the review\n        timescale: ",
}
REWORDED = {"B": "      # reworded by the SENCO", "E": "        # reworded by the SENCO"}
ABOVE_KEY = {
    "B": "sections:\n  # Section B: from the SALT report\n  B:\n",
    "E": "\n\n  # Section E: outcomes agreed with Maya's parents\n  E:\n",
    "F": "\n\n  # Section F: from the therapy report\n  F:\n",
}
CHANGED = "The words the editor typed instead."
ADDED = "A new item the editor added at the end."


@dataclass(frozen=True)
class Edit:
    """One thing a writer does in the editor, said twice: on the form, and on the plan it should make."""

    name: str
    on_form: Callable[[EditorForm, str], None]
    on_items: Callable[[list[dict[str, Any]], str], None]

    def __str__(self) -> str:
        return self.name


def _change(form: EditorForm, letter: str) -> None:
    form.rows[f"sections.{letter}"][1]["text"] = CHANGED


def _change_items(items: list[dict[str, Any]], letter: str) -> None:
    items[1]["text"] = CHANGED


def _add(form: EditorForm, letter: str) -> None:
    form.apply(f"add:sections.{letter}")
    form.rows[f"sections.{letter}"][-1]["text"] = ADDED


def _add_items(items: list[dict[str, Any]], letter: str) -> None:
    items.append({"id": next_id(letter, [item["id"] for item in items]), "text": ADDED})


def _swap(first: int) -> Callable[[list[dict[str, Any]], str], None]:
    def swap(items: list[dict[str, Any]], letter: str) -> None:
        items[first], items[first + 1] = items[first + 1], items[first]

    return swap


def _remove_items(index: int) -> Callable[[list[dict[str, Any]], str], None]:
    def remove(items: list[dict[str, Any]], letter: str) -> None:
        del items[index]

    return remove


CHANGE = Edit("change", _change, _change_items)
ADD = Edit("add", _add, _add_items)
REMOVE = Edit("remove", lambda form, letter: form.apply(f"remove:sections.{letter}:1"), _remove_items(1))
MOVE_UP = Edit("move-last-up", lambda form, letter: form.apply(f"up:sections.{letter}:2"), _swap(1))
MOVE_DOWN = Edit("move-first-down", lambda form, letter: form.apply(f"down:sections.{letter}:0"), _swap(0))
EDITS = (CHANGE, ADD, REMOVE, MOVE_UP, MOVE_DOWN)
# The order of the items after each edit, by the number in their ids.
ORDER = {"change": "123", "add": "1234", "remove": "13", "move-last-up": "132", "move-first-down": "213"}


def _save(tmp_path: Path, edit: Edit, letter: str, ending: str = "flow", text: str = "") -> str:
    """Save the plan with one edit made in the editor; the saved text, checked to be the plan meant."""
    path = tmp_path / "maya.yaml"
    path.write_text(text or PLAN.format(ending=ENDINGS[ending]), encoding="utf-8")
    folder = PlanFolder(tmp_path)
    stored = folder.read(path.name)
    form = EditorForm.from_plan(stored.plan)
    edit.on_form(form, letter)
    folder.save(path.name, form.plan_data(), stored.version)
    expected = stored.plan.model_dump()
    edit.on_items(expected["sections"][letter]["items"], letter)
    assert read_plan(path).model_dump() == Plan.model_validate(expected).model_dump()
    return path.read_text(encoding="utf-8")


def _line_before(text: str, block: str) -> str:
    """The line just before ``block`` in ``text``."""
    assert block in text, block
    return text[: text.index(block)].rstrip("\n").rsplit("\n", 1)[-1]


def _item_lines(text: str, item_id: str) -> list[str]:
    """The lines of one item of a list, from its '- id:' line to the line before the next item or key."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {item_id}")
    dash = lines[start].index("-")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > dash):
        end += 1
    return lines[start:end]


EVERY_EDIT = pytest.mark.parametrize("edit", EDITS, ids=str)
BOTH_LISTS = pytest.mark.parametrize("letter", ["B", "E"])


@EVERY_EDIT
@BOTH_LISTS
def test_a_comment_at_the_top_of_the_file_stays(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert text.startswith(
        "# Maya's plan: notes for the panel are kept.\n"
        "# Written by the caseworker; the editor must not lose them.\n"
        "\n# The child and the plan.\ndetails:\n"
    )


@EVERY_EDIT
@BOTH_LISTS
def test_a_comment_above_details_and_sections_stays(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert "\n\n# The child and the plan.\ndetails:\n" in text
    assert "  status: draft\n\n# The sections, as agreed at the meeting.\nsections:\n" in text


@EVERY_EDIT
@BOTH_LISTS
@pytest.mark.parametrize("above", ["B", "E", "F"])
def test_a_comment_above_a_section_key_stays(tmp_path: Path, edit: Edit, letter: str, above: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert ABOVE_KEY[above] in text


@EVERY_EDIT
@BOTH_LISTS
def test_a_comment_above_a_sections_list_stays(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert ABOVE_LIST[letter] in text
    below = text.split(ABOVE_LIST[letter])[1].splitlines()
    first = next(line for line in below if line.strip() and not line.lstrip().startswith("#"))
    assert first.strip() == f"- id: {letter}{ORDER[edit.name][0]}", "the comment stays at the top of the list"


@pytest.mark.parametrize("edit", [CHANGE, ADD, MOVE_UP, MOVE_DOWN], ids=str)
@BOTH_LISTS
def test_a_comment_between_items_stays_above_its_item(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    for number in "23":
        own = OWN[f"{letter}{number}"]
        if edit is MOVE_DOWN and number == "2":  # now the first item: right under the comment above the list
            own = own.lstrip("\n")
        assert own in text, own
    assert text.count("was added at the review") == 2 and text.count("seen by the class teacher") == 2


@EVERY_EDIT
@BOTH_LISTS
@pytest.mark.parametrize("ending", ENDINGS)
def test_a_comment_at_the_end_of_a_list_stays_after_its_last_item(
    tmp_path: Path, edit: Edit, letter: str, ending: str
) -> None:
    text = _save(tmp_path, edit, letter, ending)
    last = f"{letter}{ORDER[edit.name][-1]}"
    before = _line_before(text, LIST_END[letter])
    assert before in _item_lines(text, last) and before.strip(), "right after the last item's last line"
    assert text.count("More outcomes may follow") == 1 and text.count("More needs may follow") == 1


@pytest.mark.parametrize("edit", [CHANGE, ADD, MOVE_UP, MOVE_DOWN], ids=str)
@BOTH_LISTS
def test_an_end_of_line_comment_stays(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert "    name: Maya Patel   # as on her birth certificate\n" in text
    assert '      group_size: "1:1"   # agreed with the therapist\n' in text
    assert "        needs: [B1]   # the SALT target" in _item_lines(text, "E1")


def test_an_end_of_line_comment_stays_on_a_value_the_editor_changes(tmp_path: Path) -> None:
    path = tmp_path / "maya.yaml"
    path.write_text(PLAN.format(ending=ENDINGS["flow"]), encoding="utf-8")
    folder = PlanFolder(tmp_path)
    stored = folder.read(path.name)
    form = EditorForm.from_plan(stored.plan)
    form.fields["details.child.name"] = "Maya Rose Patel"
    folder.save(path.name, form.plan_data(), stored.version)
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "Maya Rose Patel" in line)
    assert line.startswith("    name: Maya Rose Patel ") and line.endswith(" # as on her birth certificate")
    expected = stored.plan.model_dump()
    expected["details"]["child"]["name"] = "Maya Rose Patel"
    assert read_plan(path).model_dump() == expected


@pytest.mark.parametrize("edit", [CHANGE, ADD, MOVE_UP, MOVE_DOWN], ids=str)
@BOTH_LISTS
def test_a_comment_inside_an_item_between_its_fields_stays(tmp_path: Path, edit: Edit, letter: str) -> None:
    text = _save(tmp_path, edit, letter)
    assert INSIDE[letter] in text
    assert REWORDED[letter] in _item_lines(text, f"{letter}2")


@pytest.mark.parametrize(
    ("field", "value", "written"),
    [
        ("text", "Maya will sit with her group for fifteen minutes.", "text: Maya will sit"),
        ("text", "Maya will sit with her group.\n\nShe will join in.", "text: |-"),
        ("timescale", "by Christmas 2027", "timescale: by Christmas 2027\n"),
        ("timescale", "by Christmas 2027\nor sooner", "timescale: |-"),
    ],
    ids=["text", "text-on-lines", "field-above", "field-above-on-lines"],
)
def test_a_comment_above_a_field_the_editor_changes_stays(
    tmp_path: Path, field: str, value: str, written: str
) -> None:
    path = tmp_path / "maya.yaml"
    path.write_text(PLAN.format(ending=ENDINGS["flow"]), encoding="utf-8")
    folder = PlanFolder(tmp_path)
    stored = folder.read(path.name)
    form = EditorForm.from_plan(stored.plan)
    form.rows["sections.E"][1][field] = value
    folder.save(path.name, form.plan_data(), stored.version)
    text = path.read_text(encoding="utf-8")
    item = "\n".join(_item_lines(text, "E2")) + "\n"
    assert written in item
    assert "        # timescale from the review\n        timescale: " in item
    assert "\n        # reworded by the SENCO\n        text: " in item
    assert OWN["E3"] in text
    expected = stored.plan.model_dump()
    expected["sections"]["E"]["items"][1][field] = value
    assert read_plan(path).model_dump() == expected


@pytest.mark.parametrize(
    ("letter", "index"), [("E", 0), ("E", 1), ("E", 2), ("B", 1), ("B", 2)], ids=lambda value: str(value)
)
@pytest.mark.parametrize("ending", ENDINGS)
def test_removing_an_item_keeps_the_comments_of_the_others(
    tmp_path: Path, letter: str, index: int, ending: str
) -> None:
    edit = Edit(
        "remove", lambda form, name: form.apply(f"remove:sections.{name}:{index}"), _remove_items(index)
    )
    text = _save(tmp_path, edit, letter, ending)
    kept = [f"{letter}{number}" for number in "123" if int(number) != index + 1]
    for item_id in kept:
        if item_id in OWN:
            assert OWN[item_id].lstrip("\n") in text
    assert ABOVE_LIST[letter] in text
    before = _line_before(text, LIST_END[letter])
    assert before in _item_lines(text, kept[-1]) and before.strip()
    for above in ABOVE_KEY.values():
        assert above in text


@BOTH_LISTS
@pytest.mark.parametrize("ending", ENDINGS)
def test_adding_an_item_keeps_the_list_end_comment_after_the_new_one(
    tmp_path: Path, letter: str, ending: str
) -> None:
    text = _save(tmp_path, ADD, letter, ending)
    added = _item_lines(text, f"{letter}4")
    assert any(ADDED in line for line in added)
    assert _line_before(text, LIST_END[letter]) == added[-1]
    last_but_one = _item_lines(text, f"{letter}3")
    assert "More" not in "\n".join(last_but_one), "the list-end comment is not left between the items"


@BOTH_LISTS
@pytest.mark.parametrize("edit", [MOVE_UP, MOVE_DOWN], ids=str)
@pytest.mark.parametrize("ending", ENDINGS)
def test_moving_items_moves_their_own_comments_with_them(
    tmp_path: Path, letter: str, edit: Edit, ending: str
) -> None:
    text = _save(tmp_path, edit, letter, ending)
    order = [f"{letter}{number}" for number in ORDER[edit.name]]
    starts = [text.index(f"- id: {item_id}\n") for item_id in order]
    assert starts == sorted(starts)
    for item_id in order[1:]:
        if item_id in OWN:
            assert OWN[item_id] in text, item_id
    if edit is MOVE_DOWN:
        assert OWN[f"{letter}2"].lstrip("\n") in text
    assert INSIDE[letter] in text, "a comment inside an item moves with it"
    before = _line_before(text, LIST_END[letter])
    assert before in _item_lines(text, order[-1]) and before.strip()


def _blank_lines_and_comments(text: str) -> tuple[list[str], list[str]]:
    """The line after each blank line, and every comment line, in order."""
    lines = text.splitlines()
    after_blank = [
        lines[n + 1] for n in range(len(lines) - 1) if not lines[n].strip() and lines[n + 1].strip()
    ]
    return after_blank, [line for line in lines if line.lstrip().startswith("#")]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
@pytest.mark.parametrize("edit", [CHANGE, ADD, MOVE_UP, MOVE_DOWN], ids=str)
@pytest.mark.parametrize("letter", ["B", "E", "F"])
def test_blank_lines_between_sections_stay(tmp_path: Path, path: Path, edit: Edit, letter: str) -> None:
    shutil.copy(path, tmp_path / "plan.yaml")
    folder = PlanFolder(tmp_path)
    stored = folder.read("plan.yaml")
    form = EditorForm.from_plan(stored.plan)
    if len(form.rows_of(f"sections.{letter}")) < 3:
        pytest.skip("fewer than three items")
    edit.on_form(form, letter)
    folder.save("plan.yaml", form.plan_data(), stored.version)
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert _blank_lines_and_comments(text) == _blank_lines_and_comments(stored.text)
    expected = stored.plan.model_dump()
    edit.on_items(expected["sections"][letter]["items"], letter)
    assert read_plan(tmp_path / "plan.yaml").model_dump() == Plan.model_validate(expected).model_dump()


def _save_form(tmp_path: Path, text: str, change: Callable[[EditorForm], Any]) -> tuple[str, Plan]:
    """Save ``text`` with ``change`` made on the editor's form; the saved text and the plan first read."""
    path = tmp_path / "maya.yaml"
    path.write_text(text, encoding="utf-8")
    folder = PlanFolder(tmp_path)
    stored = folder.read(path.name)
    form = EditorForm.from_plan(stored.plan)
    change(form)
    folder.save(path.name, form.plan_data(), stored.version)
    return path.read_text(encoding="utf-8"), stored.plan


def test_a_field_added_to_the_last_item_keeps_the_list_end_comment_after_it(tmp_path: Path) -> None:
    text, before = _save_form(
        tmp_path,
        PLAN.format(ending=ENDINGS["plain"]),
        lambda form: form.rows["sections.E"][2].update(timescale="by July 2028"),
    )
    assert _line_before(text, LIST_END["E"]) == "        timescale: by July 2028"
    expected = before.model_dump()
    expected["sections"]["E"]["items"][2]["timescale"] = "by July 2028"
    assert read_plan(tmp_path / "maya.yaml").model_dump() == expected


@pytest.mark.parametrize(
    ("change", "names"),
    [
        (lambda form: form.apply("remove:details.parents:0"), ["Ravi Patel"]),
        (
            lambda form: form.rows["details.parents"][1].update(relationship="dad"),
            ["Priya Patel", "Ravi Patel"],
        ),
        (lambda form: form.apply("up:details.parents:1"), ["Ravi Patel", "Priya Patel"]),
    ],
    ids=["remove-the-first", "change", "move-up"],
)
def test_a_comment_between_items_of_a_list_without_ids_stays_with_its_item(
    tmp_path: Path, change: Callable[[EditorForm], Any], names: list[str]
) -> None:
    text, _before = _save_form(tmp_path, PLAN.format(ending=ENDINGS["flow"]), change)
    assert "    # Maya's father lives nearby.\n    - name: Ravi Patel\n" in text
    assert "  status: draft\n\n# The sections, as agreed at the meeting.\nsections:\n" in text
    assert [parent.name for parent in read_plan(tmp_path / "maya.yaml").details.parents] == names


def test_every_item_removed_keeps_the_comments_above_and_after_the_list(tmp_path: Path) -> None:
    def remove_all(form: EditorForm) -> None:
        for _ in range(3):
            form.apply("remove:sections.E:0")

    text, before = _save_form(tmp_path, PLAN.format(ending=ENDINGS["flow"]), remove_all)
    assert ABOVE_LIST["E"].replace("items:", "items: []") + LIST_END["E"] in text
    expected = before.model_dump()
    expected["sections"]["E"]["items"] = []
    assert read_plan(tmp_path / "maya.yaml").model_dump() == expected


def test_a_statement_given_to_a_bare_list_keeps_its_comments(tmp_path: Path) -> None:
    text, before = _save_form(
        tmp_path,
        PLAN.format(ending=ENDINGS["flow"]),
        lambda form: form.fields.update(
            {"sections.B.statement": "Maya's needs, as agreed with her parents."}
        ),
    )
    assert "  B:\n    # Needs agreed with her parents.\n    statement: Maya's needs" in text
    assert text.count("# Needs agreed with her parents.") == 1
    for kept in ("# B2 was added at the review.", "# B3: seen by the class teacher", LIST_END["B"]):
        assert kept in text
    expected = before.model_dump()
    expected["sections"]["B"]["statement"] = "Maya's needs, as agreed with her parents."
    assert read_plan(tmp_path / "maya.yaml").model_dump() == expected


def test_a_new_plan_keeps_the_starters_notes_when_its_empty_sections_are_filled(tmp_path: Path) -> None:
    folder = PlanFolder(tmp_path)
    folder.create("maya.yaml", "Maya Patel")
    stored = folder.read("maya.yaml")
    form = EditorForm.from_plan(stored.plan)
    for name, field, value in [
        ("sections.B", "text", "Maya finds it hard to follow instructions with more than two key words."),
        ("sections.E", "text", "By July 2027, Maya will follow a three-step instruction without a reminder."),
        ("sections.F", "text", "A speech and language therapist will see Maya once a week."),
        ("details.parents", "name", "Priya Patel"),
        ("sections.A.aspirations", "text", "Maya wants to look after animals."),
    ]:
        form.apply(f"add:{name}")
        form.rows[name][-1][field] = value
    folder.save("maya.yaml", form.plan_data(), stored.version)
    text = (tmp_path / "maya.yaml").read_text(encoding="utf-8")
    comments = [line.strip() for line in stored.text.splitlines() if line.lstrip().startswith("#")]
    assert [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    assert _blank_lines_and_comments(text)[0] == _blank_lines_and_comments(stored.text)[0]
    for letter in "BEF":
        assert f"\n\n  # Section {letter}:" in text
    plan = read_plan(tmp_path / "maya.yaml")
    assert [len(plan.sections.item_section(letter).items) for letter in "BEF"] == [1, 1, 1]
