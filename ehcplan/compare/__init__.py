"""Compare two versions of a plan, as a family does at an annual review: what changed, and what was cut.

``compare_plans(old, new, session)`` matches the items of the two versions (``alignment``), reads
the amounts of provision (``amounts``) and says each change in words (``changes``). It needs no
language model, so a comparison is quick. Its output is the ``Comparison``; ``report.compare``
writes it as text, JSON, HTML and a commented Word copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from ehcplan.compare.alignment import Pair, align
from ehcplan.compare.changes import (
    Change,
    ChangeKind,
    Rating,
    _Teller,
    compare_budget,
    compare_items,
    compare_placement,
    compare_review_date,
)
from ehcplan.compare.item_words import ItemWords
from ehcplan.compare.vocabulary import load_vocabulary
from ehcplan.model import Plan
from ehcplan.session import Session

__all__ = ["Change", "ChangeKind", "Comparison", "Rating", "compare_plans"]


@dataclass(frozen=True)
class Comparison:
    """Two versions of a plan, their items side by side, and what changed."""

    old: Plan
    new: Plan
    pairs: list[Pair]
    changes: list[Change]

    @property
    def reduced(self) -> list[Change]:
        """The changes that take help away."""
        return [change for change in self.changes if change.reduced]

    def changes_to(self, pair: Pair) -> list[Change]:
        """The changes to one pair of items."""
        old_id = pair.old.item.id if pair.old else None
        new_id = pair.new.item.id if pair.new else None
        old_section = pair.old.section if pair.old else None
        return [
            change
            for change in self.changes
            if change.section != "details"
            and (change.old_id, change.new_id, change.old_section) == (old_id, new_id, old_section)
            and (old_id or new_id)
        ]


def child_name(plan: Plan, session: Session) -> str:
    child = plan.details.child
    return child.preferred_name or (child.name.split()[0] if child.name else session.words("compare.child"))


def compare_plans(old: Plan, new: Plan, session: Session) -> Comparison:
    """What changed from ``old`` to ``new``: items first, in the new plan's order, then I, J and the dates."""
    vocabulary = load_vocabulary(session.lexicons)
    words = ItemWords(vocabulary)
    tell = _Teller(session.words, child_name(new, session), words)
    pairs = align(old, new, words)
    changes = compare_items(pairs, tell)
    changes += compare_placement(old, new, tell)
    changes += compare_budget(old, new, tell)
    changes += compare_review_date(old, new, tell)
    return Comparison(old, new, pairs, changes)
