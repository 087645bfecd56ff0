"""Every bundled sample is a valid plan of the kind the README promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from testkit import sample_paths

from ehcplan.model import Plan
from ehcplan.readers import read_plan

SAMPLES = sample_paths()


def test_there_are_the_promised_samples() -> None:
    assert len(SAMPLES) >= 6
    assert any("weak" in path.stem for path in SAMPLES)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_sample_is_valid(path: Path) -> None:
    plan = read_plan(path)
    assert isinstance(plan, Plan)
    assert plan.details.child.name
    assert plan.sections.E is not None and plan.sections.F is not None


def _plans() -> dict[str, Plan]:
    return {path.stem: read_plan(path) for path in SAMPLES}


def test_samples_cover_the_ages_and_circumstances() -> None:
    plans = [plan for name, plan in _plans().items() if "weak" not in name]
    ages = sorted(plan.age() for plan in plans)
    assert ages[0] <= 5, "an early-years plan"
    assert any(plan.details.child.year_group == 5 for plan in plans)
    assert any(
        plan.details.child.year_group == 10 and any(o.pfa_area for o in plan.sections.E.items)
        for plan in plans
    )
    assert any(plan.age() >= 19 and plan.sections.J and plan.sections.J.amount for plan in plans)
    assert any(plan.details.looked_after for plan in plans)
