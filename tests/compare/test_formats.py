"""Versions in different layouts: the same plan as Word and YAML, or a council document and the YAML
imported from it, is no change; a change is found across layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from compare_pairs import LEO, amended, item
from layout_corpus import layouts
from testkit import sample_paths

from ehcplan.compare import ChangeKind, compare_plans
from ehcplan.model import Plan
from ehcplan.readers import read_plan
from ehcplan.render import render_plan
from ehcplan.render.plan_yaml import imported_yaml
from ehcplan.session import built_in_session

SESSION = built_in_session()


def as_word(plan: Plan, folder: Path, name: str) -> Path:
    path = folder / f"{name}.docx"
    path.write_bytes(render_plan(plan, "docx"))
    return path


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_the_same_plan_as_word_and_as_yaml_has_no_changes(path: Path, tmp_path: Path) -> None:
    plan = read_plan(path)
    word = read_plan(as_word(plan, tmp_path, path.stem))
    assert compare_plans(plan, word, SESSION).changes == []
    assert compare_plans(word, plan, SESSION).changes == []


def test_a_cut_is_found_from_a_yaml_plan_to_its_amended_word_copy(tmp_path: Path) -> None:
    def cut(plan: Plan) -> None:
        item(plan, "F4").how_often = "once a week"

    _old, new = amended(cut)
    word = as_word(new, tmp_path, "new")
    comparison = compare_plans(read_plan(LEO), read_plan(word), SESSION)
    assert [(c.kind, c.new_id) for c in comparison.changes] == [(ChangeKind.hours_down, "F4")]


@pytest.mark.parametrize("path", layouts(), ids=lambda path: path.name)
def test_a_council_document_and_the_yaml_imported_from_it_have_no_changes(path: Path, tmp_path: Path) -> None:
    document = read_plan(path)
    imported = tmp_path / "imported.yaml"
    imported.write_text(imported_yaml(document, path.name), encoding="utf-8")
    assert compare_plans(document, read_plan(imported), SESSION).changes == []
