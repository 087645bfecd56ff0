from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import SAMPLES

from ehcplan.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_commands(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    for command in ("new", "validate", "schema"):
        assert command in out


def test_schema_is_json_schema_for_plans(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"details", "sections"} <= set(schema["properties"])
    f_options = schema["$defs"]["Sections"]["properties"]["F"]["anyOf"]
    assert {"type": "string", "description": f_options[1]["description"]} in f_options


def test_new_then_validate_then_new_refuses(tmp_path: Path, capsys) -> None:
    target = tmp_path / "x.yaml"
    assert run(capsys, "new", str(target))[0] == 0
    code, out, _ = run(capsys, "validate", str(target))
    assert code == 0 and "valid plan" in out
    target.write_text(target.read_text() + "# my own note\n")
    before = target.read_bytes()
    code, _, err = run(capsys, "new", str(target))
    assert code == 2
    assert "already exists" in err
    assert target.read_bytes() == before


def test_validate_bad_file_exits_2_with_one_line_per_problem(write_file, capsys) -> None:
    path = write_file("bad.yaml", "details:\n  status: finished\n  child:\n    year_group: 20\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{path}:2: details.status: 'finished' is not one of")
    assert lines[1].startswith(f"{path}:4: details.child.year_group: 20 is out of range")
    assert "Traceback" not in err


def test_unknown_option_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--frobnicate", "x.yaml"])
    assert caught.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_module_and_console_script_run(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ehcplan", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("ehcplan ")


def test_a_run_that_leaves_at_once_still_writes_everything_and_keeps_its_exit_code(tmp_path: Path) -> None:
    # `ehcplan` ends without taking the model apart (cli.run_and_exit): the report must be whole.
    plans = [str(path) for path in sorted(SAMPLES.glob("*.yaml"))]
    result = subprocess.run(
        [sys.executable, "-m", "ehcplan", "check", "--no-cache", "--format", "json", *plans],
        capture_output=True,
        text=True,
    )
    report = json.loads(result.stdout)
    assert len(report["files"]) == len(plans) and result.returncode == 1 and result.stderr == ""
    # A reader that stops early gets no traceback.
    piped = subprocess.run(
        f"{sys.executable} -m ehcplan check {plans[0]} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert piped.stdout.strip() and "Traceback" not in piped.stderr


def test_checking_side_by_side_gives_the_report_of_one_process(capsys) -> None:
    plans = [str(path) for path in sorted(SAMPLES.glob("*.yaml"))]
    main(["check", "--no-cache", "--format", "json", "--jobs", "2", *plans])
    two = capsys.readouterr().out
    main(["check", "--no-cache", "--format", "json", "--jobs", "1", *plans])
    assert two == capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        main(["check", "--jobs", "0", plans[0]])
    assert caught.value.code == 2 and "should be 1 or more" in capsys.readouterr().err
