"""Realistic plans of a chosen length, built from the bundled samples, for the benchmarks.

Items (needs, outcomes, provision) are drawn from every sample plan, renumbered, and linked
within the new plan, so the plans read like real ones and exercise every rule.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
ITEM_LETTERS = ("B", "C", "D", "E", "F", "G", "H1", "H2")


def _samples() -> list[dict[str, Any]]:
    yaml = YAML(typ="safe")
    return [yaml.load(path.read_text()) for path in sorted((REPO / "samples").glob("*.yaml"))]


def _words(value: Any) -> int:
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, dict):
        return sum(_words(item) for item in value.values())
    if isinstance(value, list):
        return sum(_words(item) for item in value)
    return 0


def _item_pool(samples: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    pool: dict[str, list[dict[str, Any]]] = {letter: [] for letter in ITEM_LETTERS}
    for sample in samples:
        for letter in ITEM_LETTERS:
            items = sample["sections"].get(letter)
            if isinstance(items, list):
                for item in items:
                    entry = copy.deepcopy(item) if isinstance(item, dict) else {"text": item}
                    for key in ("id", "needs", "outcomes", "accept"):
                        entry.pop(key, None)
                    pool[letter].append(entry)
    return pool


def build_plan(words: int, seed: int = 0) -> dict[str, Any]:
    """A plan of about ``words`` words, deterministic for a seed."""
    chooser = random.Random(seed)
    samples = _samples()
    plan = copy.deepcopy(chooser.choice([s for s in samples if s["details"]["status"] != "draft"]))
    pool = _item_pool(samples)
    for letter in ITEM_LETTERS:
        if isinstance(plan["sections"].get(letter), list):
            plan["sections"][letter] = []
    letters = [
        letter for letter in ("B", "E", "F", "C", "G") if isinstance(plan["sections"].get(letter), list)
    ]
    while _words(plan) < words:
        for letter in letters:
            plan["sections"][letter].append(copy.deepcopy(chooser.choice(pool[letter])))
    _link(plan)
    return plan


def _link(plan: dict[str, Any]) -> None:
    """Number the items and link each outcome and piece of provision to a need (and an outcome)."""
    sections = plan["sections"]
    for letter in ITEM_LETTERS:
        items = sections.get(letter)
        if isinstance(items, list):
            for number, item in enumerate(items, start=1):
                item["id"] = f"{letter}.{number}" if letter[-1].isdigit() else f"{letter}{number}"
    budget = sections.get("J")
    if isinstance(budget, dict):  # the sample's links point at ids that no longer exist
        budget.pop("needs", None)
        budget.pop("outcomes", None)
    needs = [item["id"] for item in sections.get("B") or [] if isinstance(item, dict)]
    outcomes = [item["id"] for item in sections.get("E") or [] if isinstance(item, dict)]
    for index, outcome in enumerate(sections.get("E") or []):
        if needs:
            outcome["needs"] = [needs[index % len(needs)]]
    for index, item in enumerate(sections.get("F") or []):
        if needs:
            item["needs"] = [needs[index % len(needs)]]
        if outcomes:
            item["outcomes"] = [outcomes[index % len(outcomes)]]


def write_yaml(plan: dict[str, Any], path: Path) -> Path:
    YAML().dump(plan, path.open("w", encoding="utf-8"))
    return path


def plain_text(plan: dict[str, Any]) -> str:
    """The plan's words as plain text, one paragraph per item, for a prose linter."""
    lines: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and len(value.split()) > 2:
            lines.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("id", "needs", "outcomes", "area", "pfa_area", "kind", "date"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(plan["sections"])
    return "\n\n".join(lines) + "\n"
