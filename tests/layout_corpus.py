"""The layouts corpus (tests/data/layouts): what the readers find, against what a person reading
each plan expects (sections, statements of not applicable, item counts, links, text that is no item).

Links are compared by reading-order ordinals (the third outcome read is E3, whatever the document
numbers it), so a reader is judged on the thread it recovers, not on the ids it copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ehcplan.errors import EhcplanError
from ehcplan.model import ITEM_SECTIONS, Plan
from ehcplan.readers import read_plan

CORPUS = Path(__file__).resolve().parent / "data" / "layouts"


@dataclass
class LayoutScore:
    """One layout read: how much of what was expected was found."""

    name: str
    sections_expected: int = 0
    sections_found: int = 0
    sections_extra: int = 0
    counts_expected: int = 0
    counts_right: int = 0
    links_expected: int = 0
    links_right: int = 0
    not_items: int = 0
    not_items_read_as_items: int = 0
    unreadable: str | None = None
    problems: list[str] = field(default_factory=list)


def layouts() -> list[Path]:
    """The plan file of each layout, beside its .expected.yaml."""
    found = []
    for expected in sorted(CORPUS.glob("*.expected.yaml")):
        stem = expected.name.removesuffix(".expected.yaml")
        found.extend(path for path in CORPUS.glob(f"{stem}.*") if path != expected)
    return found


def expected_for(path: Path) -> dict[str, Any]:
    stem = path.name.split(".", 1)[0]
    return yaml.safe_load((CORPUS / f"{stem}.expected.yaml").read_text(encoding="utf-8"))


def ordinals(plan: Plan) -> dict[str, str]:
    """Each item's id to its reading-order ordinal (B1, B2 ... H1.1)."""
    found: dict[str, str] = {}
    for letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        for index, item in enumerate(section.items if section else [], start=1):
            found.setdefault(item.id, f"{letter}.{index}" if letter in ("H1", "H2") else f"{letter}{index}")
    return found


def score_layout(path: Path) -> LayoutScore:
    expected = expected_for(path)
    score = LayoutScore(path.name)
    try:
        plan = read_plan(path)
    except EhcplanError as error:
        score.unreadable = str(error)
        return score
    present = set(plan.sections.present())
    wanted = set(expected.get("sections") or [])
    score.sections_expected = len(wanted)
    score.sections_found = len(wanted & present)
    score.sections_extra = len(present - wanted)
    if wanted - present:
        score.problems.append(f"sections missing: {sorted(wanted - present)}")
    for letter, count in (expected.get("items") or {}).items():
        found = _count(plan, letter)
        score.counts_expected += 1
        if found == count:
            score.counts_right += 1
        else:
            score.problems.append(f"{letter}: {found} items, expected {count}")
    by_ordinal = {ordinal: item_id for item_id, ordinal in ordinals(plan).items()}
    to_ordinal = ordinals(plan)
    items = {item.id: item for _letter, item in plan.items()}
    for key, link in (expected.get("links") or {}).items():
        score.links_expected += 1
        item = items.get(by_ordinal.get(str(key), ""))
        if item is None:
            score.problems.append(f"link {key}: no such item")
            continue
        needs = sorted(to_ordinal.get(ref, ref) for ref in getattr(item, "needs", []))
        outcomes = sorted(to_ordinal.get(ref, ref) for ref in getattr(item, "outcomes", []))
        want_needs, want_outcomes = sorted(link.get("needs") or []), sorted(link.get("outcomes") or [])
        if needs == want_needs and (outcomes == want_outcomes or not hasattr(item, "outcomes")):
            score.links_right += 1
        else:
            score.problems.append(
                f"link {key}: read {needs}/{outcomes}, expected {want_needs}/{want_outcomes}"
            )
    texts = {_plain(item.text) for _letter, item in plan.items()}
    texts |= {_plain(advice.title) for advice in plan.sections.K or [] if advice.title}
    for text in expected.get("not_items") or []:
        score.not_items += 1
        if _plain(text) in texts:
            score.not_items_read_as_items += 1
            score.problems.append(f"read as an item: {text[:60]}")
    return score


def _count(plan: Plan, letter: str) -> int:
    if letter == "K":
        return len(plan.sections.K or [])
    section = plan.sections.item_section(letter)
    return len(section.items) if section else 0


def _plain(text: str) -> str:
    text = re.sub(r"[*_`]+", "", text)
    text = re.sub(r"^\s*(?:[-•]\s+|\d+[.)]\s+)", "", text)
    return " ".join(text.split()).lower()


def table(scores: list[LayoutScore]) -> str:
    """A table of the scores, one row per layout, with the totals."""
    rows = ["layout                                     sections  counts  links  not-items-as-items"]
    for s in scores:
        if s.unreadable:
            rows.append(f"{s.name[:42]:<42} unreadable: {s.unreadable[:60]}")
            continue
        rows.append(
            f"{s.name[:42]:<42} {s.sections_found:>2}/{s.sections_expected:<2}(+{s.sections_extra})"
            f"  {s.counts_right:>2}/{s.counts_expected:<2}  {s.links_right:>2}/{s.links_expected:<2}"
            f"  {s.not_items_read_as_items}/{s.not_items}"
        )
    total = totals(scores)
    rows.append(
        f"{'all':<42} {total['sections']:.2f}      {total['counts']:.2f}    {total['links']:.2f}   "
        f"{total['not_items_as_items']:.2f}"
    )
    return "\n".join(rows)


def totals(scores: list[LayoutScore]) -> dict[str, float]:
    def share(found: int, expected: int) -> float:
        return found / expected if expected else 1.0

    return {
        "sections": share(sum(s.sections_found for s in scores), sum(s.sections_expected for s in scores)),
        "counts": share(sum(s.counts_right for s in scores), sum(s.counts_expected for s in scores)),
        "links": share(sum(s.links_right for s in scores), sum(s.links_expected for s in scores)),
        "not_items_as_items": share(
            sum(s.not_items_read_as_items for s in scores), sum(s.not_items for s in scores)
        ),
    }
