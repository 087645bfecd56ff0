"""`ehcplan audit`: a folder of mixed plans with a damaged file, as a quality panel receives it."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from testkit import mixed_plan_folder, people_in_samples

from ehcplan.audit.redact import CONTEXT_CHARACTERS, QUOTED_CHARACTERS
from ehcplan.cli import main
from ehcplan.model import ALL_SECTIONS


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return mixed_plan_folder(tmp_path_factory.mktemp("plans") / "plans")


@pytest.fixture(scope="module")
def audited(plans: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One audit of the folder in two processes, with every report."""
    out = tmp_path_factory.mktemp("reports")
    code = main(
        ["audit", str(plans["yaml"].parent), "--jobs", "2", "--csv", str(out / "a.csv"),
         "--json", str(out / "a.json"), "--html", str(out / "a.html")]
    )  # fmt: skip
    return {"code": code, "out": out}


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_file_gets_a_row_and_the_damaged_one_says_why(plans, audited) -> None:
    assert audited["code"] == 1  # one file could not be read
    table = rows(audited["out"] / "a.csv")
    assert [row["file"] for row in table] == sorted(path.as_posix() for path in plans.values())
    broken = next(row for row in table if row["file"].endswith("broken.docx"))
    assert "is not a Word document" in broken["error"] and broken["overall_grade"] == ""
    for row in table:
        if row is broken:
            continue
        assert row["error"] == "" and row["overall_grade"] in (
            "Outstanding", "Good", "Requires improvement", "Inadequate",
        )  # fmt: skip
        assert int(row["findings"]) == sum(int(row[key]) for key in ("errors", "warnings", "notes"))
        assert int(row["words"]) > 0 and float(row["reading_age"]) > 0
    assert {f"grade_{letter}" for letter in ALL_SECTIONS} <= set(table[0])


def test_grades_in_the_csv_match_check_on_the_same_file(plans, audited, capsys) -> None:
    table = {row["file"]: row for row in rows(audited["out"] / "a.csv")}
    for kind in ("yaml", "pdf"):
        capsys.readouterr()
        main(["check", str(plans[kind]), "--format", "json", "--exit-zero"])
        report = json.loads(capsys.readouterr().out)["files"][0]
        row = table[plans[kind].as_posix()]
        assert row["overall_grade"] == report["grades"]["overall"]
        assert int(row["findings"]) == len(report["findings"])


def test_the_json_report_is_the_check_report_per_file_with_a_summary(audited) -> None:
    report = json.loads((audited["out"] / "a.json").read_text(encoding="utf-8"))
    assert report["version"] == 1 and report["redacted"] is False
    summary = report["summary"]
    assert summary["files"] == len(report["files"]) == 6 and summary["unreadable"] == 1
    assert sum(summary["grades"].values()) == 5
    assert summary["findings"] == sum(len(entry["findings"]) for entry in report["files"])
    readable = [entry for entry in report["files"] if not entry["error"]]
    assert all({"sections", "findings", "readability", "grades"} <= set(entry) for entry in readable)


def test_parallel_and_serial_audits_give_the_same_reports(plans, audited, tmp_path: Path) -> None:
    main(["audit", str(plans["yaml"].parent), "--jobs", "1", "--csv", str(tmp_path / "one.csv")])
    assert (tmp_path / "one.csv").read_text(encoding="utf-8") == (audited["out"] / "a.csv").read_text(
        encoding="utf-8"
    )


def test_redacted_reports_name_nobody(plans, tmp_path: Path, capsys) -> None:
    outputs = {kind: tmp_path / f"r.{kind}" for kind in ("csv", "json", "html")}
    flags = [part for kind, path in outputs.items() for part in (f"--{kind}", str(path))]
    assert main(["audit", str(plans["yaml"].parent), "--jobs", "1", "--redact", *flags]) == 1
    shown = capsys.readouterr()
    everything = (
        shown.out + shown.err + "".join(path.read_text(encoding="utf-8") for path in outputs.values())
    )
    leaked = sorted(name for name in people_in_samples() if re.search(rf"\b{name}\b", everything))
    assert leaked == [], f"names left in the reports: {leaked}"
    table = rows(outputs["csv"])
    files = " ".join(row["file"] for row in table)
    assert not [name for name in people_in_samples() if re.search(rf"(?i)\b{name}\b", files)]
    assert any(row["file"].endswith("primary-year5-LMF.yaml") for row in table)
    assert any(row["file"].endswith("SO.pdf") for row in table)
    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert report["redacted"] is True
    texts = [finding["text"] for entry in report["files"] for finding in entry["findings"]]
    longest = 2 * CONTEXT_CHARACTERS + QUOTED_CHARACTERS + 6  # the words at fault, a little context, and '…'s
    assert texts and max(len(text) for text in texts) <= longest
    for entry in report["files"]:
        for finding in entry["findings"]:
            assert (
                finding["text"][finding["start"] : finding["end"]].strip()
                or finding["start"] == finding["end"]
            )


def test_a_sample_is_drawn_and_can_be_drawn_again(plans, tmp_path: Path, capsys) -> None:
    folder = str(plans["yaml"].parent)
    main(["audit", folder, "-j", "1", "--sample", "3", "--seed", "11", "--csv", str(tmp_path / "s1.csv")])
    main(["audit", folder, "-j", "1", "--sample", "3", "--seed", "11", "--csv", str(tmp_path / "s2.csv")])
    first = [row["file"] for row in rows(tmp_path / "s1.csv")]
    assert len(first) == 3 and first == [row["file"] for row in rows(tmp_path / "s2.csv")]
    assert "random sample of 3 of 6 plans (seed 11)" in capsys.readouterr().err


def test_no_progress_is_printed_when_not_a_terminal(plans, capsys) -> None:
    main(["audit", str(plans["yaml"]), str(plans["weak"]), "-j", "1"])
    out, err = capsys.readouterr()
    assert "audited" not in err.lower()
    assert "Audited 2 of 2 files." in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--jobs", "0"], "should be 1 or more"),
        (["--seed", "3"], "give --sample N as well"),
        (["--sample", "many"], "is not a whole number"),
        (["--csv", "same.csv", "--html", "same.csv"], "its own file name"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    plans, arguments, message, capsys, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["audit", str(plans["yaml"]), *arguments])
    except SystemExit as stop:  # argparse's own errors
        code = stop.code
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and message in err[0]
    assert not (tmp_path / "same.csv").exists()


def test_no_plans_found_and_reports_in_the_way_are_usage_errors(tmp_path: Path, plans, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["audit", str(empty)]) == 2
    assert "no plan files found" in capsys.readouterr().err
    existing = tmp_path / "report.csv"
    existing.write_text("keep me", encoding="utf-8")
    assert main(["audit", str(plans["yaml"]), "--csv", str(existing)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main(["audit", str(plans["yaml"]), "--csv", str(existing), "--force", "-j", "1"]) == 0
    assert existing.read_text(encoding="utf-8").startswith('"file","error",')


def test_a_missing_file_is_a_row_not_a_crash(tmp_path: Path, plans, capsys) -> None:
    missing = tmp_path / "gone.yaml"
    assert main(["audit", str(plans["yaml"]), str(missing), "-j", "1", "--csv", str(tmp_path / "m.csv")]) == 1
    table = {row["file"]: row for row in rows(tmp_path / "m.csv")}
    assert table[missing.as_posix()]["error"] == "no such file"


def test_spreadsheet_formulas_in_file_names_are_shown_as_text() -> None:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.report.audit_csv import render_audit_csv

    text = render_audit_csv([AuditEntry.unreadable('=HYPERLINK("http://x")', "@SUM(1)")])
    row = next(csv.DictReader(text.splitlines()))
    assert row["file"].startswith("'=") and row["error"].startswith("'@")


def test_audit_uses_no_network(no_network, plans, tmp_path: Path, capsys) -> None:
    reports = [f"--{kind}={tmp_path / f'n.{kind}'}" for kind in ("csv", "json", "html")]
    assert main(["audit", str(plans["yaml"].parent), "-j", "1", "--redact", *reports]) == 1
    assert {path.name for path in tmp_path.iterdir()} == {"n.csv", "n.json", "n.html"}


def dies_on_the_weak_plan(path: Path, settings):
    """The worker's job, except that it dies on the weak plan (as if killed, or out of memory)."""
    import os as os_module

    from ehcplan.audit import worker

    if "weak" in path.name:
        os_module._exit(9)
    return worker.REAL_AUDIT_FILE(path, settings)


def test_a_dead_worker_loses_one_file_not_the_audit(plans, tmp_path: Path, monkeypatch, capsys) -> None:
    import multiprocessing

    import ehcplan.audit.worker as worker

    # Forked workers inherit the patched module; the real job stays reachable under another name.
    monkeypatch.setattr(worker, "REAL_AUDIT_FILE", worker.audit_file, raising=False)
    monkeypatch.setattr(worker, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(worker, "audit_file", dies_on_the_weak_plan)
    folder = plans["yaml"].parent
    code = main(["audit", str(folder), "-j", "2", "--json", str(tmp_path / "a.json")])
    report = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    by_name = {Path(entry["path"]).name: entry for entry in report["files"]}
    weak = next(name for name in by_name if "weak" in name)
    assert "stopped the worker process" in by_name[weak]["error"]
    others = [entry for name, entry in by_name.items() if name not in (weak, "broken.docx")]
    assert len(others) == 4 and all(entry["error"] is None for entry in others)
    assert code == 1
    capsys.readouterr()
