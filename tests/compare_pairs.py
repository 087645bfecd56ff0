"""Pairs of plan versions made from the samples with known changes (or none)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ehcplan.model import Plan
from ehcplan.readers import read_plan

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LEO = SAMPLES / "primary-year5-leo.yaml"


def amended(change: Callable[[Plan], None], path: Path = LEO) -> tuple[Plan, Plan]:
    """The sample, and a copy with ``change`` made to it (validated again, so new items get ids)."""
    old = read_plan(path)
    new = old.model_copy(deep=True)
    change(new)
    return old, Plan.model_validate(new.model_dump(exclude_none=True))


def item(plan: Plan, item_id: str):
    return next(found for _letter, found in plan.items() if found.id == item_id)


def drop(plan: Plan, item_id: str) -> None:
    """Take an item out of the plan, with every link to it."""
    for _letter, other in plan.items():
        for links in ("needs", "outcomes"):
            if item_id in getattr(other, links, []):
                setattr(other, links, [linked for linked in getattr(other, links) if linked != item_id])
    for letter in ("B", "C", "D", "E", "F", "G", "H1", "H2"):
        section = plan.sections.item_section(letter)
        if section is not None:
            section.items = [kept for kept in section.items if kept.id != item_id]
