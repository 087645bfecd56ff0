"""A session is built from a config and passed down: two can live side by side, and none leaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from testkit import SAMPLES, full_plan

from ehcplan.audit.worker import WorkerSettings, audit_file
from ehcplan.check.checker import check_plan
from ehcplan.config import Config, load_config
from ehcplan.errors import EhcplanError
from ehcplan.model import Plan
from ehcplan.readers import read_plan
from ehcplan.session import Session, built_in_session, open_session

OUR_JARGON = """\
name: jargon
description: Northshire's own jargon.
entries:
  - id: quiet-zone-protocol
    phrases: [quiet zone protocol]
    alternative: the quiet room, and when Maya may use it
"""


def _council(tmp_path: Path) -> Path:
    """A council folder with a config that adds a lexicon folder of its own."""
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "jargon.yaml").write_text(OUR_JARGON, encoding="utf-8")
    (tmp_path / ".ehcplan.toml").write_text('lexicons = ["lexicons"]\n', encoding="utf-8")
    return tmp_path


def _plan_with(text: str) -> Plan:
    plan = full_plan()
    plan["sections"]["F"][0]["text"] = text
    return Plan.model_validate(plan)


def _jargon(result) -> set[str]:
    return {
        finding.text[finding.start : finding.end].lower()
        for finding in result.findings
        if finding.rule == "LANG001"
    }


def test_two_sessions_side_by_side_use_their_own_lexicons(tmp_path: Path) -> None:
    council = open_session(None, _council(tmp_path))
    plan = _plan_with("Maya will follow the quiet zone protocol each morning, run by her teaching assistant.")
    assert "quiet zone protocol" in _jargon(check_plan(plan, "ours.yaml", council, select=["LANG001"]))
    # The built-in session, used after the council's in the same process, is untouched by it.
    assert "quiet zone protocol" not in _jargon(check_plan(plan, "plain.yaml", select=["LANG001"]))
    assert built_in_session().lexicons.folders == ()


def test_a_missing_lexicon_folder_is_refused_when_the_session_is_built(tmp_path: Path) -> None:
    (tmp_path / ".ehcplan.toml").write_text('lexicons = ["not-there"]\n', encoding="utf-8")
    with pytest.raises(EhcplanError, match="the lexicon folder in the config does not exist"):
        open_session(None, tmp_path)


def test_a_pipeline_that_is_not_installed_is_named(tmp_path: Path) -> None:
    session = Session.from_config(Config(pipeline="xx_not_a_pipeline"))
    with pytest.raises(EhcplanError, match="'xx_not_a_pipeline' is not installed"):
        check_plan(_plan_with("Speech therapy, 30 minutes a week."), "p.yaml", session, select=["LANG001"])


def test_the_audit_worker_builds_its_session_from_the_config_it_is_sent(tmp_path: Path) -> None:
    config = load_config(_council(tmp_path) / ".ehcplan.toml")
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(
        json.dumps(_plan_with("Maya will follow the quiet zone protocol every day.").model_dump(mode="json")),
        encoding="utf-8",
    )
    ours = audit_file(plan_file, WorkerSettings(config=config, redact=False))
    plain = audit_file(plan_file, WorkerSettings(config=None, redact=False))
    assert "quiet zone protocol" in {finding.excerpt.lower() for finding in ours.entry.findings}
    assert "quiet zone protocol" not in {finding.excerpt.lower() for finding in plain.entry.findings}


def test_a_read_in_a_councils_wording_does_not_change_the_next_read(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "words.yaml").write_text("provision:\n  how_often: How much we give\n", encoding="utf-8")
    session = Session.from_config(Config.model_validate({"branding": {"templates": str(templates)}}))
    text = tmp_path / "plan.md"
    text.write_text(
        "# Section F: Special educational provision\n\n| Provision | How often and for how long |\n| --- | --- |\n"
        "| Speech and language therapy with a therapist | How much we give: 30 minutes weekly |\n",
        encoding="utf-8",
    )
    ours = read_plan(text, session).sections.F.items[0]
    assert ours.how_often == "30 minutes weekly"
    plain = read_plan(text).sections.F.items[0]
    assert plain.how_often != "30 minutes weekly"
    assert read_plan(SAMPLES / "primary-year5-leo.yaml") == read_plan(
        SAMPLES / "primary-year5-leo.yaml", session
    )
