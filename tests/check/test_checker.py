from __future__ import annotations

import json
from pathlib import Path

from ehcplan.check.checker import check_plan, chosen_rules
from ehcplan.cli import main
from ehcplan.config import find_config
from ehcplan.model import Plan

VAGUE_PLAN = """\
details:
  child: {name: Leo Brown, preferred_name: Leo}
sections:
  E:
    - Leo will improve his reading.
  F:
    - id: F1
      text: Access to speech and language therapy as required.
      accept:
        - rule: PROV001
          reason: The therapy service is still assessing Leo; the panel agreed to add hours in March.
"""


def test_select_and_ignore_take_codes_prefixes_and_categories() -> None:
    assert {rule.code for rule in chosen_rules(select=["SMART001", "PROV00"])} >= {"SMART001", "PROV001"}
    assert all(rule.category.value == "smart" for rule in chosen_rules(select=["smart"]))
    assert "PROV004" not in {rule.code for rule in chosen_rules(ignore=["PROV004"])}


def test_accepted_findings_are_counted_not_hidden(write_file, capsys) -> None:
    path = write_file("leo.yaml", VAGUE_PLAN)
    code = main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    [entry] = report["files"]
    assert [f["rule"] for f in entry["accepted"]] == ["PROV001"]
    assert entry["accepted"][0]["accepted"].startswith("The therapy service")
    assert "PROV001" not in {f["rule"] for f in entry["findings"]}
    assert report["summary"]["accepted"] == 1


def test_config_is_found_upward_and_applies(tmp_path: Path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ehcplan]\nignore = ["SMART"]\nfail-on = "error"\n')
    folder = tmp_path / "plans" / "2026"
    folder.mkdir(parents=True)
    plan = folder / "leo.yaml"
    plan.write_text(VAGUE_PLAN)
    assert find_config(plan).ignore == ["SMART"]
    main(["check", str(plan), "--format", "json"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    assert rules and not any(rule.startswith("SMART") for rule in rules)


def test_per_file_ignores_and_bad_config(tmp_path: Path, capsys) -> None:
    plan = tmp_path / "leo.yaml"
    plan.write_text(VAGUE_PLAN)
    (tmp_path / ".ehcplan.toml").write_text('[per-file-ignores]\n"leo.yaml" = ["PROV"]\n')
    main(["check", str(plan), "--format", "json"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    assert rules and not any(rule.startswith("PROV") for rule in rules)
    (tmp_path / ".ehcplan.toml").write_text('fail_on = "sometimes"\n')
    assert main(["check", str(plan)]) == 2
    assert "config" in capsys.readouterr().err


def test_exit_codes_follow_the_fail_level(write_file, capsys) -> None:
    clean = write_file(
        "clean.yaml",
        "sections:\n  E:\n    - By July 2027, Leo will read 50 common words without adult help.\n",
    )
    assert main(["check", str(clean), "--select", "SMART"]) == 0
    noted = write_file(
        "noted.yaml", "sections:\n  E:\n    - By July 2027, Leo will swim in the local pool.\n"
    )
    assert main(["check", str(noted), "--select", "SMART"]) == 0
    assert main(["check", str(noted), "--select", "SMART", "--fail-on", "info"]) == 1
    assert main(["check", str(write_file("bad.yaml", "details: [\n"))]) == 2
    capsys.readouterr()


def test_findings_are_sorted_and_carry_their_item() -> None:
    plan = Plan.model_validate({"sections": {"E": ["Leo will improve his reading.", "Leo will be happier."]}})
    result = check_plan(plan, "leo.yaml", select=["SMART"])
    assert [f.item for f in result.findings] == sorted(f.item for f in result.findings)
    assert all(f.section == "E" for f in result.findings)
