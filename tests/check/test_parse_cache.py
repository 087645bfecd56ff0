"""Parses kept between runs: a plan checked again after one edit is parsed only where it changed."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from testkit import SAMPLES

from ehcplan.check import pipeline
from ehcplan.check.pipeline import _cache_of
from ehcplan.cli import main


def _check(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> str:
    main(["check", str(path), "--format", "json", "--exit-zero", *extra])
    return capsys.readouterr().out


def _parsed_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = pipeline._parse
    monkeypatch.setattr(
        pipeline, "_parse", lambda tools, texts: (parsed.extend(texts), real(tools, texts))[1]
    )
    return parsed


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_an_edit_only_the_changed_item_is_parsed_and_the_report_is_unchanged(
    tmp_path: Path,
    own_result_cache: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = tmp_path / "leo.yaml"
    shutil.copy(SAMPLES / "primary-year5-leo.yaml", plan)
    _check(capsys, plan)
    [entry] = (own_result_cache / "parses").glob("*.json")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    _edit(plan, "for 17.5 hours a week.", "for 17.5 hours a week, twice a term.")
    _cache_of.cache_clear()  # as a new process: nothing parsed in memory
    parsed = _parsed_texts(monkeypatch)
    kept = _check(capsys, plan)
    assert parsed and all("twice a term" in text for text in parsed), parsed
    _cache_of.cache_clear()
    assert kept == _check(capsys, plan, "--no-cache"), "kept parses give the report a fresh parse gives"


def test_kept_parses_hold_no_plan_text(tmp_path: Path, own_result_cache: Path, capsys) -> None:
    plan = tmp_path / "leo.yaml"
    shutil.copy(SAMPLES / "primary-year5-leo.yaml", plan)
    report = json.loads(_check(capsys, plan))
    [entry] = (own_result_cache / "parses").glob("*.json")
    kept = entry.read_text(encoding="utf-8").lower()
    findings = report["files"][0]["findings"]
    quoted = {f["text"][f["start"] : f["end"]].lower() for f in findings if f["end"] - f["start"] > 8}
    assert quoted and not [words for words in quoted if words in kept]
    assert "leo" not in kept.replace("leo'", "")


def test_a_damaged_entry_is_parsed_again(tmp_path: Path, own_result_cache: Path, capsys, monkeypatch) -> None:
    plan = tmp_path / "leo.yaml"
    shutil.copy(SAMPLES / "primary-year5-leo.yaml", plan)
    fresh = _check(capsys, plan)
    [entry] = (own_result_cache / "parses").glob("*.json")
    for result in (own_result_cache / "results").glob("*.json"):
        result.unlink()
    entry.write_text('{"not": [1, 2]}', encoding="utf-8")
    _cache_of.cache_clear()
    parsed = _parsed_texts(monkeypatch)
    assert _check(capsys, plan) == fresh
    assert parsed, "nothing usable was kept, so the plan was parsed"


def test_no_cache_keeps_no_parses(tmp_path: Path, own_result_cache: Path, capsys) -> None:
    plan = tmp_path / "leo.yaml"
    shutil.copy(SAMPLES / "primary-year5-leo.yaml", plan)
    _check(capsys, plan, "--no-cache")
    assert not list(own_result_cache.glob("parses/*.json"))
    _check(capsys, plan)
    assert list(own_result_cache.glob("parses/*.json"))
    main(["cache", "clear"])
    capsys.readouterr()
    assert not list(own_result_cache.glob("*/*.json")), "clear removes parses and compiled lexicons too"
