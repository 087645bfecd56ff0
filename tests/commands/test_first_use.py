"""What a new user meets first: exit codes, help, counts in words, output permissions, start-up cost."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from testkit import SAMPLES

from ehcplan.cli import main
from ehcplan.counting import counted, severity_counts
from ehcplan.files import write_atomic


def test_a_good_sample_passes_by_default_and_the_weak_one_fails(capsys) -> None:
    # Warnings ask for rewriting, errors are unenforceable: the default fail level is error, as Vale's is.
    assert main(["check", str(SAMPLES / "secondary-year10-zainab.yaml")]) == 0
    assert main(["check", str(SAMPLES / "primary-year5-leo.yaml")]) == 0
    assert main(["check", str(SAMPLES / "weak-plan-example.yaml")]) == 1
    assert main(["check", "--fail-on", "warning", str(SAMPLES / "primary-year5-leo.yaml")]) == 1
    capsys.readouterr()


def test_check_help_names_every_input_and_the_default_fail_level(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for kind in ("YAML", "JSON", "Word (.docx)", "PDF", "Markdown", "text"):
        assert kind in out
    assert "default: error" in out


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "warning", "0 warnings"),
        (1, "warning", "1 warning"),
        (2, "entry", "2 entries"),
        (1, "child", "1 child"),
    ],
)
def test_counts_are_said_in_words(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected


def test_severity_counts_agree_in_number() -> None:
    assert severity_counts({"error": 1, "warning": 2, "info": 1}) == "1 error, 2 warnings, 1 note"


def test_the_summary_line_says_one_warning(tmp_path: Path, capsys) -> None:
    plan = yaml.safe_load((SAMPLES / "college-19-tom.yaml").read_text())
    path = tmp_path / "tom.yaml"
    path.write_text(yaml.safe_dump(plan))
    main(["check", "--select", "LANG001", str(path)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "Found 1 problem in 1 file (0 errors, 1 warning, 0 notes)."


def test_import_without_output_prints_yaml_to_standard_output(tmp_path: Path, capsys) -> None:
    source = tmp_path / "plan.md"
    source.write_text(
        "# EHC plan\n\n## Section B: Special educational needs\n\nB1. Sam finds reading hard.\n\n"
        "## Section E: Outcomes\n\nE1. By July 2027, Sam will read 40 words a minute.\n"
    )
    assert main(["import", str(source)]) == 0
    out, err = capsys.readouterr()
    plan = yaml.safe_load(out)
    assert plan["sections"]["B"][0]["text"] == "Sam finds reading hard."
    assert err.strip() == f"Read 2 sections and 2 items from {source}."
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.md"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_outputs_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.yaml", "a: 1\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.yaml").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    "argv",
    [["validate", "{sample}"], ["rules"], ["rules", "SMART001"], ["schema"], ["new", "{tmp}/new.yaml"]],
)
def test_commands_that_need_no_language_model_do_not_load_spacy(argv: list[str], tmp_path: Path) -> None:
    words = [part.format(sample=SAMPLES / "primary-year5-leo.yaml", tmp=tmp_path) for part in argv]
    script = (
        "import sys; from ehcplan.cli import main; code = main(sys.argv[1:]);"
        "print('spacy' in sys.modules, file=sys.stderr); raise SystemExit(code)"
    )
    result = subprocess.run([sys.executable, "-c", script, *words], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "False"
