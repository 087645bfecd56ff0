from __future__ import annotations

import json
from pathlib import Path

import pytest

from ehcplan.errors import PlanFileError
from ehcplan.readers import read_plan

GOOD = """\
# A comment the writer keeps
details:
  child:
    name: Leo Brown
    date_of_birth: 2015-10-02
sections:
  B:
    - id: B1
      text: Leo finds busy rooms overwhelming.
  F:
    - text: A teaching assistant will take Leo to a quiet room for 10 minutes each morning.
      needs: [B1]
"""


def _problems(path: Path) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        read_plan(path)
    return caught.value.lines()


def test_good_yaml_reads_and_items_know_their_line(write_file) -> None:
    plan = read_plan(write_file("leo.yaml", GOOD))
    assert plan.sections.F.items[0].source.line == 11
    assert plan.sections.F.items[0].needs == ["B1"]


def test_json_plans_read_too(write_file) -> None:
    data = {"sections": {"E": ["By July 2027, Leo will read 50 common words."]}}
    plan = read_plan(write_file("leo.json", json.dumps(data, indent=2)))
    assert plan.sections.E.items[0].id == "E1"


def test_typo_in_field_name_says_did_you_mean(write_file) -> None:
    text = GOOD.replace("      needs: [B1]", "      needs: [B1]\n      how_oftn: daily")
    assert _problems(write_file("leo.yaml", text)) == [
        f"{write_file('leo.yaml', text)}:13: sections.F[0].how_oftn: unknown field 'how_oftn'; "
        "did you mean 'how_often'?"
    ]


def test_each_problem_is_one_line_naming_file_line_and_field(write_file) -> None:
    text = GOOD.replace("2015-10-02", "2015-02-30").replace("    name: Leo Brown", "    nmae: Leo Brown")
    path = write_file("leo.yaml", text)
    problems = _problems(path)
    assert problems == [
        f"{path}:4: details.child.nmae: unknown field 'nmae'; did you mean 'name'?",
        f"{path}:5: details.child.date_of_birth: '2015-02-30' is not a real date; "
        "write dates as YYYY-MM-DD, for example 2027-07-16",
    ]


def test_broken_link_points_at_its_line(write_file) -> None:
    path = write_file("leo.yaml", GOOD.replace("needs: [B1]", "needs: [B4]"))
    assert _problems(path) == [
        f"{path}:12: sections.F[0].needs[0]: F1 links to 'B4', but no item has that id"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("details: [\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("details: 1\ndetails: 2\n", "'details' appears twice here"),
        (
            "details: !!python/object/apply:os.system ['echo hacked']\n",
            "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("details: !include other.yaml\n", "the tag '!include' is not allowed"),
    ],
)
def test_bad_yaml_gives_one_clear_line(write_file, text: str, expected: str) -> None:
    problems = _problems(write_file("bad.yaml", text))
    assert len(problems) == 1
    assert expected in problems[0]


def test_alias_bomb_is_refused_quickly(write_file) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 9)]
    problems = _problems(write_file("bomb.yaml", "\n".join(lines) + "\n"))
    assert "more than 200,000 values" in problems[0]


def test_windows_encoded_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.yaml"
    path.write_bytes("sections:\n  A:\n    history: Zoë’s story\n".encode("cp1252"))
    assert read_plan(path).sections.A.history == "Zoë’s story"


def test_missing_file_and_folder_and_unknown_format(tmp_path: Path) -> None:
    assert "no such file" in _problems(tmp_path / "nope.yaml")[0]
    assert "is a folder" in _problems(tmp_path)[0]
    other = tmp_path / "plan.odt"
    other.write_bytes(b"x")
    assert "cannot read '.odt' files" in _problems(other)[0]
