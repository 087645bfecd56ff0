"""Checked results kept between runs: the same report to the byte, no plan text kept, invalidated by any change."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from testkit import REPO, SAMPLES

from ehcplan.check.pipeline import LanguageTools
from ehcplan.cli import main

LAYOUTS = REPO / "tests" / "data" / "layouts"
COHERENCE = REPO / "tests" / "data" / "coherence"


def _plans() -> list[str]:
    loose = [
        path
        for folder in (LAYOUTS, COHERENCE)
        for path in sorted(folder.iterdir())
        if path.suffix in (".md", ".txt", ".docx", ".pdf")
    ]
    return [str(path) for path in [*sorted(SAMPLES.glob("*.yaml")), *loose]]


def _check(capsys: pytest.CaptureFixture[str], *extra: str, files: list[str] | None = None) -> str:
    main(["check", *(files or _plans()), "--exit-zero", *extra])
    return capsys.readouterr().out


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "results").glob("*.json"))


def test_a_kept_result_gives_the_same_report_to_the_byte(own_result_cache: Path, capsys, monkeypatch) -> None:
    fresh = _check(capsys, "--format", "json", "--no-cache")
    assert not (own_result_cache / "results").exists(), "--no-cache keeps nothing"
    first = _check(capsys, "--format", "json")
    assert len(_entries(own_result_cache)) == len(_plans())

    # The second run needs no language model at all.
    def no_model(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a kept result should need no model")

    monkeypatch.setattr(LanguageTools, "nlp", property(no_model))
    second = _check(capsys, "--format", "json")
    assert fresh == first == second
    assert _check(capsys, "--grades") == _check(capsys, "--grades")  # the text report, grades included


def test_kept_results_hold_no_plan_text_and_are_the_owners_only(own_result_cache: Path, capsys) -> None:
    sample = SAMPLES / "weak-plan-example.yaml"
    report = json.loads(_check(capsys, "--format", "json", files=[str(sample)]))
    quoted = {finding["text"] for finding in report["files"][0]["findings"] if len(finding["text"]) > 30}
    assert quoted, "the sample has findings on its own sentences"
    [entry] = _entries(own_result_cache)
    kept = entry.read_text(encoding="utf-8")
    assert not [text for text in quoted if text in kept]
    assert "Ryan" not in kept  # the child's name is taken out of the messages
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE((own_result_cache / "results").stat().st_mode) == 0o700
    assert stat.S_IMODE((own_result_cache / "key").stat().st_mode) == 0o600


def test_a_changed_plan_or_lexicon_is_checked_afresh(tmp_path: Path, own_result_cache: Path, capsys) -> None:
    council = tmp_path / "council"
    (council / "lexicons").mkdir(parents=True)
    (council / ".ehcplan.toml").write_text('lexicons = ["lexicons"]\n', encoding="utf-8")
    plan = council / "plan.yaml"
    plan.write_text((SAMPLES / "primary-year5-leo.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    before = json.loads(_check(capsys, "--format", "json", files=[str(plan)]))
    (council / "lexicons" / "jargon.yaml").write_text(
        "name: jargon\ndescription: ours\nentries:\n  - id: ours\n    phrases: [calm card]\n    alternative: a card Leo shows when he needs a break\n",
        encoding="utf-8",
    )
    after = json.loads(_check(capsys, "--format", "json", files=[str(plan)]))

    def excerpts(report):
        return {f["text"][f["start"] : f["end"]].lower() for f in report["files"][0]["findings"]}

    assert "calm card" not in excerpts(before) and "calm card" in excerpts(after)
    plan.write_text(
        re.sub(r"(?i)calm\s+card", "break card", plan.read_text(encoding="utf-8")), encoding="utf-8"
    )
    edited = json.loads(_check(capsys, "--format", "json", files=[str(plan)]))
    assert "calm card" not in excerpts(edited)
    assert len(_entries(own_result_cache)) == 3


def test_a_damaged_entry_is_checked_again_and_clear_removes_everything(
    own_result_cache: Path, capsys
) -> None:
    sample = str(SAMPLES / "primary-year5-leo.yaml")
    fresh = _check(capsys, "--format", "json", files=[sample])
    [entry] = _entries(own_result_cache)
    entry.write_text("{not json", encoding="utf-8")
    assert _check(capsys, "--format", "json", files=[sample]) == fresh
    assert main(["cache"]) == 0
    assert "1 kept result" in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert "Removed 1 kept result" in capsys.readouterr().out
    assert not _entries(own_result_cache) and not (own_result_cache / "key").exists()


def test_a_cache_folder_that_cannot_be_made_never_stops_a_check(tmp_path: Path, monkeypatch, capsys) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("EHCPLAN_CACHE_DIR", str(blocked / "cache"))
    assert main(["check", str(SAMPLES / "primary-year5-leo.yaml"), "--exit-zero", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["files"] == 1


def test_the_folder_keeps_the_newest_entries_only(own_result_cache: Path, capsys) -> None:
    from ehcplan.check.result_cache import ResultCache
    from ehcplan.session import built_in_session

    _check(capsys, files=[str(path) for path in sorted(SAMPLES.glob("*.yaml"))[:3]])
    cache = ResultCache.open(built_in_session(), None, None)
    oldest = min(_entries(own_result_cache), key=lambda entry: entry.stat().st_mtime_ns)
    assert cache.prune(keep=2) == 1
    assert len(_entries(own_result_cache)) == 2 and not oldest.exists()


def test_a_file_that_changes_while_it_is_read_is_not_kept(tmp_path: Path, own_result_cache: Path) -> None:
    from ehcplan.check.checker import check_plan
    from ehcplan.check.result_cache import ResultCache, cached_check
    from ehcplan.readers import read_plan
    from ehcplan.session import built_in_session

    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text((SAMPLES / "primary-year5-leo.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    cache = ResultCache.open(built_in_session(), None, None)

    def read_then_someone_saves():  # type: ignore[no-untyped-def]
        plan = read_plan(plan_file)
        plan_file.write_text(plan_file.read_text(encoding="utf-8") + "\n# saved again\n", encoding="utf-8")
        return plan

    result = cached_check(
        cache, str(plan_file), read_then_someone_saves, lambda plan: check_plan(plan, str(plan_file))
    )
    assert result.findings is not None
    assert not _entries(own_result_cache)
