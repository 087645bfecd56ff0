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

from dataclasses import dataclass
from typing import Any

from ehcplan.compare.item_words import ItemWords
from ehcplan.model import Plan
from ehcplan.model.plan import ITEM_SECTIONS, NEED_SECTIONS, PROVISION_SECTIONS

# What kind of item each section holds: items are matched across sections only within a kind.
KIND_OF_SECTION = {
    **dict.fromkeys(NEED_SECTIONS, "need"),
    "E": "outcome",
    **dict.fromkeys(PROVISION_SECTIONS, "provision"),
}
SAME_ID_LIKENESS = 0.5
SAME_SECTION_LIKENESS = 0.6
ACROSS_SECTIONS_LIKENESS = 0.75
# Words in common enough for the same help told in other words (with its amounts the same).
SAME_HELP_LIKENESS = 0.25


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


def align(old: Plan, new: Plan, words: ItemWords) -> list[Pair]:
    """Each old item with its new self (or None), and each new item left over, in the new plan's order."""
    olds, news = placed_items(old), placed_items(new)
    matched: dict[int, int] = {}  # old index -> new index

    def free_pairs() -> list[tuple[int, int]]:
        taken = set(matched.values())
        return [
            (o, n) for o in range(len(olds)) if o not in matched for n in range(len(news)) if n not in taken
        ]

    for key in (
        words.content,
        words.body,
    ):  # all the same; then the same words, with fields in one layout only
        by_key: dict[str, list[int]] = {}
        taken = set(matched.values())
        for index, placed in enumerate(news):
            if index not in taken:
                by_key.setdefault(key(placed.item), []).append(index)
        for index, placed in enumerate(olds):
            candidates = by_key.get(key(placed.item), []) if index not in matched else []
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
            and words.likeness(first.item, second.item) >= SAME_ID_LIKENESS
        ):
            matched[o] = n

    scored = []
    for o, n in free_pairs():
        first, second = olds[o], news[n]
        if first.kind != second.kind:
            continue
        needed = SAME_SECTION_LIKENESS if first.section == second.section else ACROSS_SECTIONS_LIKENESS
        score = words.likeness(first.item, second.item)
        if score >= needed:
            # Ties go to the pair within one section, then to the same id.
            scored.append((score, first.section == second.section, first.item.id == second.item.id, o, n))
    for _score, _same_section, _same_id, o, n in sorted(scored, reverse=True):
        if o not in matched and n not in matched.values():
            matched[o] = n

    # Last, help rewritten in other words but the same help: within one section, the same amount,
    # group and deliverer, with some words in common ("Speech and language therapy ..." with its
    # details in fields, and "A speech and language therapist will see Zara for 45 minutes ...").
    same_help = []
    for o, n in free_pairs():
        first, second = olds[o], news[n]
        if (
            first.kind == "provision"
            and first.section == second.section
            and words.same_help(first.item, second.item)
        ):
            score = words.likeness(first.item, second.item)
            if score >= SAME_HELP_LIKENESS:
                same_help.append((score, o, n))
    for _score, o, n in sorted(same_help, reverse=True):
        if o not in matched and n not in matched.values():
            matched[o] = n

    new_to_old = {n: o for o, n in matched.items()}
    pairs = [Pair(olds[new_to_old[n]] if n in new_to_old else None, news[n]) for n in range(len(news))]
    removed = [Pair(olds[o], None) for o in range(len(olds)) if o not in matched]
    return pairs + removed
