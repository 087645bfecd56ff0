"""Hostile and broken input: every reader refuses it with one line, quickly, and nothing leaks."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehcplan.cli import main
from ehcplan.errors import PlanFileError
from ehcplan.model import Plan
from ehcplan.readers import read_plan

YAML_WORDS = st.sampled_from(
    [
        "details",
        "sections",
        "child",
        "name",
        "E",
        "F",
        "B",
        "text",
        "needs",
        "- ",
        ": ",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/object ",
        "2027-02-30",
        "B1",
        "'",
        '"',
        "#",
        "|",
        ">",
        "1:1",
        "no",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(YAML_WORDS | st.text(string.printable, max_size=8), max_size=40).map("".join))
def test_any_yaml_either_loads_or_is_refused_with_our_error(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        plan = read_plan(path)
    except PlanFileError as error:
        assert all("\n" not in line for line in error.lines())
    else:
        assert isinstance(plan, Plan)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".md", ".txt"]))
def test_random_bytes_never_escape_as_another_error(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"plan{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(PlanFileError):
        read_plan(path)


@settings(max_examples=100, deadline=None)
@given(
    sections=st.dictionaries(
        st.sampled_from(["B", "E", "F", "G", "H1"]),
        st.lists(
            st.text(min_size=0, max_size=30) | st.fixed_dictionaries({"text": st.text(max_size=20)}),
            max_size=4,
        ),
        max_size=4,
    )
)
def test_the_model_validates_or_raises_validation_errors(sections: dict) -> None:
    from pydantic import ValidationError

    with contextlib.suppress(ValidationError):
        Plan.model_validate({"sections": sections})


def _alias_bomb() -> str:
    lines = ["b0: &b0 [" + ", ".join(["x"] * 9) + "]"]
    for n in range(1, 9):
        lines.append(f"b{n}: &b{n} [" + ", ".join([f"*b{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


ALIAS_BOMB = _alias_bomb()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.md", b"", "the file is empty"),
        ("blank.txt", b"   \n\n", "the file is empty"),
        ("binary.md", bytes(range(256)) * 4, "not a text file"),
        ("nul.yaml", b"details:\x00\x00\x00", "not a text file"),
        ("latin.md", "Section E: Outcomes\n1. Zoë will read 20 words by July 2027.\n".encode("cp1252"), None),
        ("bomb.yaml", ALIAS_BOMB.encode(), "more than 200,000 values"),
        (
            "tags.yaml",
            b"details: !!python/object/apply:os.system ['touch /tmp/ehcplan-owned']\n",
            "is not allowed",
        ),
    ],
)
def test_bad_files_give_one_clear_line_and_exit_2(
    tmp_path: Path, capsys, name: str, content: bytes, expected
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["validate", str(path)])
    err = capsys.readouterr().err.strip()
    if expected is None:
        assert code == 0
        return
    assert code == 2
    assert len(err.splitlines()) == 1 and expected in err
    assert not os.path.exists("/tmp/ehcplan-owned")


def test_huge_files_are_refused_before_reading(tmp_path: Path, capsys) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:
        stream.seek(25_000_000)
        stream.write(b"x")
    assert main(["check", str(path)]) == 2
    assert "up to 20 MB" in capsys.readouterr().err


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"ehcplan tried to use the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_check_uses_no_network(no_network, capsys) -> None:
    from testkit import sample_paths

    paths = [str(path) for path in sample_paths()]
    main(["check", "--format", "json", *paths])
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) == len(paths)
    assert all(entry["readability"]["plan"]["words"] > 0 for entry in report["files"])
