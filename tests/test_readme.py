"""The README's two set-up commands: the test command is what CI runs, and both stay runnable."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup_commands() -> list[str]:
    """The indented commands at the top of the README, before its first rule."""
    top = (REPO / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return [line.strip() for line in top.splitlines() if line.startswith("    ")]


def test_the_readme_has_exactly_two_set_up_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert all(command.startswith(("python3 -m venv", "sh .ci/system-tools")) for command in commands)


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == setup_commands()[1]


def test_the_test_command_installs_every_tool_the_tests_use() -> None:
    command = setup_commands()[1]
    for step in ("sh .ci/system-tools", "pip install '.[test]'", "npm ci", "pytest"):
        assert step in command
    tools = (REPO / ".ci" / "system-tools").read_text(encoding="utf-8")
    for package in ("chromium", "libreoffice-writer-nogui", "fonts-liberation2"):
        assert re.search(rf"\b{re.escape(package)}\b", tools)


def test_the_main_job_runs_on_a_bundled_sample() -> None:
    command = setup_commands()[0]
    samples = re.findall(r"samples/[\w.-]+\.yaml", command)
    assert samples and all((REPO / sample).is_file() for sample in samples)
    assert "ehcplan check" in command
