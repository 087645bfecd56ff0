"""What changed between two versions of a plan, each change rated for the family.

A change is rated ``reduced`` when it takes help away (fewer hours, a larger group, someone less
qualified, an amount left open, provision dropped or moved out of section F, an outcome dropped
while its need stays, the school no longer named, a smaller budget); ``check`` when the family
should look (a need taken out, another school, a review date not moved on); ``more`` when it
adds; ``same`` when only the wording changed. Routine changes at every review (the status, the
issue date, the year group, the list of reviews) are not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ehcplan.compare.alignment import Pair
from ehcplan.compare.amounts import Amount, value_of
from ehcplan.compare.item_words import ItemWords
from ehcplan.model import Plan
from ehcplan.words import Words

# Less than this share of the old amount is less help (rounding in the plan's words is not a cut).
LESS = 0.99


class Rating(StrEnum):
    reduced = "reduced"
    check = "check"
    more = "more"
    same = "same"


class ChangeKind(StrEnum):
    added = "added"
    removed = "removed"
    reworded = "reworded"
    moved = "moved"
    moved_out_of_f = "moved-out-of-F"
    hours_down = "hours-down"
    hours_up = "hours-up"
    group_larger = "group-larger"
    group_smaller = "group-smaller"
    role_less_qualified = "role-less-qualified"
    role_more_qualified = "role-more-qualified"
    turned_vague = "turned-vague"
    outcome_removed_need_remains = "outcome-removed-need-remains"
    placement_unnamed = "placement-unnamed"
    placement_changed = "placement-changed"
    budget_down = "budget-down"
    budget_up = "budget-up"
    review_not_moved = "review-date-not-moved"


@dataclass(frozen=True)
class Change:
    """One change, where it is in each version, and what it means in words."""

    kind: ChangeKind
    rating: Rating
    section: str  # where it is now: the new section, the old one for a removal, or "details"
    old_section: str | None
    old_id: str | None
    new_id: str | None
    old: str | None  # the words before, as the plan had them
    new: str | None
    message: str

    @property
    def reduced(self) -> bool:
        return self.rating is Rating.reduced


@dataclass
class _Teller:
    """Makes changes worded from ``templates/words.yaml``."""

    words: Words
    child: str
    items: ItemWords

    def __call__(
        self,
        kind: ChangeKind,
        rating: Rating,
        pair: Pair | None = None,
        *,
        key: str | None = None,
        old: str | None = None,
        new: str | None = None,
        section: str | None = None,
        **values: Any,
    ) -> Change:
        old_placed = pair.old if pair else None
        new_placed = pair.new if pair else None
        placed = new_placed or old_placed
        where = section or (placed.section if placed else None)
        fields = {
            "old_id": old_placed.item.id if old_placed else None,
            "new_id": new_placed.item.id if new_placed else None,
            "old_section": old_placed.section if old_placed else None,
            "new_section": new_placed.section if new_placed else None,
        }
        message = self.words(
            f"compare.kinds.{key or kind.name}",
            child=self.child,
            section=where,
            old=_quoted(old),
            new=_quoted(new),
            **fields,
            **values,
        )
        return Change(
            kind=kind,
            rating=rating,
            section=where or "details",
            old_section=fields["old_section"],
            old_id=fields["old_id"],
            new_id=fields["new_id"],
            old=old,
            new=new,
            message=" ".join(message.split()),
        )


def _quoted(words: str | None) -> str:
    """Words to quote inside a sentence: without their own full stop, so none is doubled."""
    return (words or "").strip().rstrip(".;")


def compare_items(pairs: list[Pair], tell: _Teller) -> list[Change]:
    """The changes to items: added, removed, moved, and within each matched pair."""
    changes: list[Change] = []
    kept_needs = {pair.old.item.id for pair in pairs if pair.old and pair.new and pair.old.kind == "need"}
    new_needs = {
        pair.new.item.id: pair.new.item.text for pair in pairs if pair.new and pair.new.kind == "need"
    }
    for pair in pairs:
        old, new = pair.old, pair.new
        if old is None and new is not None:
            changes.append(tell(ChangeKind.added, Rating.more, pair, new=new.item.text))
        elif new is None and old is not None:
            changes.append(_removal(pair, kept_needs, new_needs, tell))
        elif old is not None and new is not None:
            if old.section != new.section:
                changes.append(_move(pair, tell))
            changes.extend(_within(pair, tell))
    return changes


def _removal(pair: Pair, kept_needs: set[str], new_needs: dict[str, str], tell: _Teller) -> Change:
    assert pair.old is not None
    item, kind = pair.old.item, pair.old.kind
    if kind == "need":
        return tell(ChangeKind.removed, Rating.check, pair, key="removed_need", old=item.text)
    if kind == "outcome":
        still = _needs_still_there(item, kept_needs, new_needs)
        if still:
            return tell(
                ChangeKind.outcome_removed_need_remains,
                Rating.reduced,
                pair,
                key="outcome_removed_need_remains",
                old=item.text,
                needs=", ".join(still),
            )
        return tell(ChangeKind.removed, Rating.check, pair, key="removed_outcome", old=item.text)
    return tell(ChangeKind.removed, Rating.reduced, pair, key="removed_provision", old=item.text)


def _needs_still_there(outcome: Any, kept_needs: set[str], new_needs: dict[str, str]) -> list[str]:
    """The needs an outcome was for that the new plan still has: by its links, else by shared words."""
    from ehcplan.check.analysis.links import content_words

    if outcome.needs:
        return [need for need in outcome.needs if need in kept_needs]
    words = content_words(outcome.text)
    return [need_id for need_id, text in new_needs.items() if len(words & content_words(text)) >= 2]


def _move(pair: Pair, tell: _Teller) -> Change:
    assert pair.old is not None and pair.new is not None
    if pair.old.section == "F":
        return tell(ChangeKind.moved_out_of_f, Rating.reduced, pair, new=pair.new.item.text)
    if pair.new.section == "F":
        return tell(ChangeKind.moved, Rating.more, pair, key="moved_into_f")
    return tell(ChangeKind.moved, Rating.same, pair)


def _within(pair: Pair, tell: _Teller) -> list[Change]:
    """What changed inside one item: amounts, group and who for provision; else the wording."""
    assert pair.old is not None and pair.new is not None
    before, after = pair.old.item, pair.new.item
    if tell.items.same(before, after):
        return []
    changes: list[Change] = []
    if pair.old.kind == "provision" and pair.new.kind == "provision":
        changes = _provision_changes(pair, tell.items.amount(before), tell.items.amount(after), tell)
    if not changes:
        changes.append(tell(ChangeKind.reworded, Rating.same, pair, old=before.text, new=after.text))
    return changes


def _provision_changes(pair: Pair, old: Amount, new: Amount, tell: _Teller) -> list[Change]:
    changes: list[Change] = []
    vague = sorted(new.vague - old.vague)
    if vague or (old.quantified and not new.quantified):
        said = old.said() or pair.old.item.text  # type: ignore[union-attr]
        changes.append(
            tell(
                ChangeKind.turned_vague,
                Rating.reduced,
                pair,
                old=said,
                new=", ".join(vague) or new.said() or "",
            )
        )
    else:
        direction = _compare_amounts(old, new)
        if direction is not None:
            kind, rating = (
                (ChangeKind.hours_down, Rating.reduced)
                if direction < 0
                else (ChangeKind.hours_up, Rating.more)
            )
            changes.append(tell(kind, rating, pair, old=old.said(), new=new.said()))
    if old.group_size and new.group_size and old.group_size.value != new.group_size.value:
        larger = new.group_size.value > old.group_size.value
        changes.append(
            tell(
                ChangeKind.group_larger if larger else ChangeKind.group_smaller,
                Rating.reduced if larger else Rating.more,
                pair,
                old=old.group_size.words,
                new=new.group_size.words,
            )
        )
    if old.role_rank is not None and new.role_rank != old.role_rank:
        less = new.role_rank is None or new.role_rank > old.role_rank
        changes.append(
            tell(
                ChangeKind.role_less_qualified if less else ChangeKind.role_more_qualified,
                Rating.reduced if less else Rating.more,
                pair,
                old=old.role_words,
                new=new.role_words or tell.words("compare.no_one"),
            )
        )
    return changes


def _compare_amounts(old: Amount, new: Amount) -> int | None:
    """-1 for less help, 1 for more, None for the same or where the two cannot be set side by side."""
    measures = (
        (old.weekly_minutes(), new.weekly_minutes()),
        (value_of(old.sessions_a_week), value_of(new.sessions_a_week)),
        (value_of(old.minutes_each), value_of(new.minutes_each)),
    )
    for before, after in measures:
        if before is not None and after is not None:
            if after < before * LESS:
                return -1
            if before < after * LESS:
                return 1
            return None
    return None


def compare_placement(old: Plan, new: Plan, tell: _Teller) -> list[Change]:
    """Section I: the school or setting no longer named, or another one."""
    before, after = old.sections.I, new.sections.I
    old_words = before.setting_named if before is not None else None
    if old_words is None:
        return []
    new_name = after.setting_named if after is not None else None
    if new_name is None:
        new_words = (after.name or after.type or after.statement) if after is not None else None
        return [
            tell(
                ChangeKind.placement_unnamed,
                Rating.reduced,
                section="I",
                old=old_words,
                new=new_words or tell.words("compare.no_one"),
            )
        ]
    if _same_name(old_words, new_name):
        return []
    return [tell(ChangeKind.placement_changed, Rating.check, section="I", old=old_words, new=new_name)]


def _same_name(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()


_MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d\d)?)")


def compare_budget(old: Plan, new: Plan, tell: _Teller) -> list[Change]:
    """Section J: the amount of the personal budget, where both versions give one in pounds."""
    before = _pounds(old.sections.J.amount if old.sections.J else None)
    after = _pounds(new.sections.J.amount if new.sections.J else None)
    if before is None or after is None or before[0] == after[0]:
        return []
    down = after[0] < before[0]
    return [
        tell(
            ChangeKind.budget_down if down else ChangeKind.budget_up,
            Rating.reduced if down else Rating.more,
            section="J",
            old=before[1],
            new=after[1],
        )
    ]


def _pounds(text: str | None) -> tuple[float, str] | None:
    found = _MONEY.search(text or "")
    return (float(found.group(1).replace(",", "")), text or "") if found else None


def compare_review_date(old: Plan, new: Plan, tell: _Teller) -> list[Change]:
    """An amended plan (issued later than the old) whose next review is not after the old one's, nor after its issue."""
    issued_before, issued_after = old.details.issue_date, new.details.issue_date
    if issued_before is None or issued_after is None or issued_after <= issued_before:
        return []
    review = new.details.next_review
    old_review = old.details.next_review
    if review is not None and review > issued_after and (old_review is None or review > old_review):
        return []
    shown = tell.words.date(review) if review else tell.words("compare.no_one")
    return [
        tell(
            ChangeKind.review_not_moved,
            Rating.check,
            section="details",
            key="review_not_moved",
            date=shown,
            issued=tell.words.date(issued_after),
        )
    ]
