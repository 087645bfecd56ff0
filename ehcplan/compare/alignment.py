"""Which item of the old plan is which item of the new: by wording, then id, then likeness.

An amended plan renumbers, reorders, rewords and moves items, so an id alone does not follow an
item. Items are matched in three rounds, each taking only what the round before left:

1. the same words (wherever they are, so F3 moved to G2 word for word is one item, moved);
2. the same id in the same section, with wording at least half alike (an item rewritten in place);
3. the most alike pairs of the same kind (need, outcome, provision) by difflib's sequence
   matching over words, most alike first: a pair within one section needs to be more than half
   alike, a pair across sections (a move with new wording) three quarters.

Anything left is removed (old) or added (new).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ehcplan.model import Plan
from ehcplan.model.plan import ITEM_SECTIONS

# What kind of item each section holds: items are matched across sections only within a kind.
KIND_OF_SECTION = {"B": "need", "C": "need", "D": "need", "E": "outcome", "F": "provision", "G": "provision"}
KIND_OF_SECTION |= {"H1": "provision", "H2": "provision"}
SAME_ID_LIKENESS = 0.5
SAME_SECTION_LIKENESS = 0.6
ACROSS_SECTIONS_LIKENESS = 0.75
# The fields that say what an item is; ids, links, acceptances and sources are not its content.
CONTENT_FIELDS = ("text", "what", "who", "group_size", "how_often", "how_long", "where")
CONTENT_FIELDS += ("timescale", "area", "pfa_area", "strengths")


@dataclass(frozen=True)
class Placed:
    """An item and where it is in its plan."""

    section: str
    position: int
    item: Any

    @property
    def kind(self) -> str:
        return KIND_OF_SECTION[self.section]


@dataclass(frozen=True)
class Pair:
    """An item in both versions, or in one (``old`` or ``new`` is None)."""

    old: Placed | None
    new: Placed | None


def placed_items(plan: Plan) -> list[Placed]:
    """Every item of sections B to H2, in order."""
    found = []
    for letter in ITEM_SECTIONS:
        section = plan.sections.item_section(letter)
        if section is not None:
            found.extend(Placed(letter, position, item) for position, item in enumerate(section.items))
    return found


def content(item: Any) -> str:
    """An item's content as one line of plain words, for telling whether it changed."""
    parts = []
    for name in CONTENT_FIELDS:
        value = getattr(item, name, None)
        if value is None:
            continue
        if hasattr(value, "model_dump"):
            value = " ".join(str(v) for v in value.model_dump(exclude_none=True).values())
        parts.append(str(value))
    return " ".join(_words(" ".join(parts)))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[.:'][a-z0-9]+)*", text.lower())


def likeness(old: Any, new: Any) -> float:
    """How alike two items' words are, 0 to 1 (difflib's ratio over words)."""
    return SequenceMatcher(None, content(old).split(), content(new).split(), autojunk=False).ratio()


def align(old: Plan, new: Plan) -> list[Pair]:
    """Each old item with its new self (or None), and each new item left over, in the new plan's order."""
    olds, news = placed_items(old), placed_items(new)
    matched: dict[int, int] = {}  # old index -> new index

    def free_pairs() -> list[tuple[int, int]]:
        taken = set(matched.values())
        return [
            (o, n) for o in range(len(olds)) if o not in matched for n in range(len(news)) if n not in taken
        ]

    by_content: dict[str, list[int]] = {}
    for index, placed in enumerate(news):
        by_content.setdefault(content(placed.item), []).append(index)
    for index, placed in enumerate(olds):
        candidates = by_content.get(content(placed.item), [])
        if candidates:
            # The same words in the same section first, so a repeated item stays where it was.
            candidates.sort(key=lambda n: news[n].section != placed.section)
            matched[index] = candidates.pop(0)

    for o, n in free_pairs():
        if o in matched or n in matched.values():
            continue
        first, second = olds[o], news[n]
        if (
            first.section == second.section
            and first.item.id
            and first.item.id == second.item.id
            and likeness(first.item, second.item) >= SAME_ID_LIKENESS
        ):
            matched[o] = n

    scored = []
    for o, n in free_pairs():
        first, second = olds[o], news[n]
        if first.kind != second.kind:
            continue
        needed = SAME_SECTION_LIKENESS if first.section == second.section else ACROSS_SECTIONS_LIKENESS
        matcher = SequenceMatcher(
            None, content(first.item).split(), content(second.item).split(), autojunk=False
        )
        if matcher.real_quick_ratio() < needed or matcher.quick_ratio() < needed:
            continue
        score = matcher.ratio()
        if score >= needed:
            # Ties go to the pair within one section, then to the same id.
            scored.append((score, first.section == second.section, first.item.id == second.item.id, o, n))
    for _score, _same_section, _same_id, o, n in sorted(scored, reverse=True):
        if o not in matched and n not in matched.values():
            matched[o] = n

    new_to_old = {n: o for o, n in matched.items()}
    pairs = [Pair(olds[new_to_old[n]] if n in new_to_old else None, news[n]) for n in range(len(news))]
    removed = [Pair(olds[o], None) for o in range(len(olds)) if o not in matched]
    return pairs + removed
