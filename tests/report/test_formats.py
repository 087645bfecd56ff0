from __future__ import annotations

import json
import re

from ehcplan.cli import main

PLAN = """\
details:
  child: {name: Leo Brown}
sections:
  E:
    - Leo will improve his reading.
  F:
    - Regular speech and language therapy.
"""


def _run(capsys, write_file, *options: str) -> str:
    path = write_file("leo.yaml", PLAN)
    main(["check", str(path), "--select", "SMART,PROV", *options])
    return capsys.readouterr().out


def test_json_report_keeps_the_version_1_contract(capsys, write_file) -> None:
    report = json.loads(_run(capsys, write_file, "--format", "json"))
    assert report["version"] == 1
    [entry] = report["files"]
    assert entry["sections"] == ["E", "F"]
    finding = entry["findings"][0]
    for key in (
        "rule",
        "name",
        "category",
        "severity",
        "section",
        "item",
        "text",
        "start",
        "end",
        "line",
        "message",
        "suggestion",
    ):
        assert key in finding
    assert finding["category"] in {
        "smart",
        "provision",
        "language",
        "readability",
        "structure",
        "coherence",
        "timescale",
    }
    hedge = next(f for f in entry["findings"] if f["rule"] == "PROV004")
    assert hedge["text"][hedge["start"] : hedge["end"]] == "Regular"
    assert hedge["line"] == 7


def test_text_report_lines_and_summary(capsys, write_file) -> None:
    out = _run(capsys, write_file)
    lines = out.splitlines()
    assert re.match(r".*leo\.yaml:5:1: SMART001 ", lines[0])
    assert lines[1].startswith("    → ")
    assert lines[-1].startswith("Found ") and "1 file" in lines[-1]


def test_statistics_counts_each_rule(capsys, write_file) -> None:
    out = _run(capsys, write_file, "--statistics")
    assert re.search(r"^1\s+SMART001\s+outcome-no-time-anchor", out, re.M)


def test_sarif_is_2_1_0_with_rules(capsys, write_file) -> None:
    sarif = json.loads(_run(capsys, write_file, "--format", "sarif"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    codes = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {result["ruleId"] for result in run["results"]} <= codes
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def test_github_annotations(capsys, write_file) -> None:
    out = _run(capsys, write_file, "--format", "github")
    assert re.match(r"::error file=.*leo\.yaml,line=5,col=1,title=SMART001 outcome-no-time-anchor::", out)
