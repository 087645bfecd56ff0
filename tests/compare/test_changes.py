"""Each kind of change between two versions, found and rated; what is not a change, not reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from compare_pairs import amended, drop, item
from testkit import sample_paths

from ehcplan.compare import ChangeKind, Comparison, Rating, compare_plans
from ehcplan.model import Plan, PlanStatus
from ehcplan.model.plan import Placement, Provision
from ehcplan.session import built_in_session

SESSION = built_in_session()


def compare(change: Callable[[Plan], None]) -> Comparison:
    return compare_plans(*amended(change), SESSION)


def kinds(comparison: Comparison) -> list[tuple[str, str | None, str | None, Rating]]:
    return [(c.kind.value, c.old_id, c.new_id, c.rating) for c in comparison.changes]


def set_field(item_id: str, **values: object) -> Callable[[Plan], None]:
    def change(plan: Plan) -> None:
        for name, value in values.items():
            setattr(item(plan, item_id), name, value)

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_field("F4", how_often="twice a week"), ("hours-down", "F4", "F4", Rating.reduced)),
        (set_field("F4", how_often="every school day"), ("hours-up", "F4", "F4", Rating.more)),
        (set_field("F3", how_long="20 minutes"), ("hours-down", "F3", "F3", Rating.reduced)),
        (set_field("F4", group_size="a group of four"), ("group-larger", "F4", "F4", Rating.reduced)),
        (set_field("F5", group_size="1:1"), ("group-smaller", "F5", "F5", Rating.more)),
        (set_field("F4", how_often="as required"), ("turned-vague", "F4", "F4", Rating.reduced)),
        (set_field("F4", how_long="up to 15 minutes"), ("turned-vague", "F4", "F4", Rating.reduced)),
    ],
)
def test_provision_amounts_that_change_are_told_and_rated(
    change: Callable[[Plan], None], expected: tuple[str, str, str, Rating]
) -> None:
    assert kinds(compare(change)) == [expected]


def test_less_help_is_told_in_the_plans_own_words() -> None:
    (change,) = compare(set_field("F4", how_often="once a week")).changes
    assert "from 15 minutes three times a week to 15 minutes once a week" in change.message
    assert "Leo" in change.message


def test_a_less_qualified_person_is_a_cut_and_a_more_qualified_one_is_not() -> None:
    def to_assistant(plan: Plan) -> None:
        item(plan, "F3").who.role = "teaching assistant"

    def to_therapist(plan: Plan) -> None:
        item(plan, "F4").who.role = "speech and language therapist"

    def to_staff(plan: Plan) -> None:
        item(plan, "F3").who.role = "school staff"

    assert kinds(compare(to_assistant)) == [("role-less-qualified", "F3", "F3", Rating.reduced)]
    assert kinds(compare(to_therapist)) == [("role-more-qualified", "F4", "F4", Rating.more)]
    assert kinds(compare(to_staff)) == [("role-less-qualified", "F3", "F3", Rating.reduced)]


def test_provision_moved_out_of_f_is_a_cut_even_word_for_word() -> None:
    def to_health(plan: Plan) -> None:
        moved = plan.sections.F.items.pop(2)  # F3, the speech and language therapy
        moved.id = None
        plan.sections.G.items.append(moved)

    comparison = compare(to_health)
    (change,) = comparison.changes
    assert (change.kind, change.old_id, change.old_section, change.section) == (
        ChangeKind.moved_out_of_f,
        "F3",
        "F",
        "G",
    )
    assert change.reduced


def test_provision_dropped_is_a_cut_and_provision_added_is_more() -> None:
    def drop_f4(plan: Plan) -> None:
        drop(plan, "F4")

    def add(plan: Plan) -> None:
        extra = item(plan, "F4").model_copy(deep=True)
        extra.id, extra.text = (
            None,
            "A maths tutor will teach Leo place value one-to-one for 30 minutes each week.",
        )
        plan.sections.F.items.append(extra)

    assert kinds(compare(drop_f4)) == [("removed", "F4", None, Rating.reduced)]
    assert [(c.kind.value, c.rating) for c in compare(add).changes] == [("added", Rating.more)]


def test_an_outcome_dropped_while_its_need_stays_is_a_cut() -> None:
    def drop_outcome(plan: Plan) -> None:
        drop(plan, "E2")  # for B1 and B2

    (change,) = compare(drop_outcome).changes
    assert (change.kind, change.old_id, change.rating) == (
        ChangeKind.outcome_removed_need_remains,
        "E2",
        Rating.reduced,
    )
    assert "B1" in change.message


def test_an_outcome_dropped_with_its_needs_is_worth_checking_not_a_cut() -> None:
    def drop_need_and_outcome(plan: Plan) -> None:
        for need in item(plan, "E2").needs:
            drop(plan, need)
        drop(plan, "E2")

    comparison = compare(drop_need_and_outcome)
    assert not [c for c in comparison.changes if c.kind is ChangeKind.outcome_removed_need_remains]
    assert {c.rating for c in comparison.changes if c.old_id and c.old_id.startswith("E")} == {Rating.check}


def test_the_school_no_longer_named_is_a_cut_and_another_school_is_worth_checking() -> None:
    def unnamed(plan: Plan) -> None:
        plan.sections.I = Placement(type="a mainstream secondary school")

    def written_as_type(plan: Plan) -> None:
        plan.sections.I.name = "a mainstream secondary school"

    def another(plan: Plan) -> None:
        plan.sections.I.name = "Riverside Academy"

    for change in (unnamed, written_as_type):
        assert kinds(compare(change)) == [("placement-unnamed", None, None, Rating.reduced)]
    assert kinds(compare(another)) == [("placement-changed", None, None, Rating.check)]


def test_a_smaller_personal_budget_is_a_cut() -> None:
    def budget(amount: str) -> Callable[[Plan], None]:
        def change(plan: Plan) -> None:
            plan.sections.J.amount = amount

        return change

    _old, new = amended(budget("£2,400 a year"))
    _, smaller = amended(budget("£1,800 a year"))
    assert kinds(compare_plans(new, smaller, SESSION)) == [("budget-down", None, None, Rating.reduced)]
    assert kinds(compare_plans(smaller, new, SESSION)) == [("budget-up", None, None, Rating.more)]


def test_an_amended_plan_whose_review_date_did_not_move_on_is_worth_checking() -> None:
    def reissued(plan: Plan) -> None:
        plan.details.issue_date = dt.date(2027, 7, 1)

    def reissued_and_moved(plan: Plan) -> None:
        plan.details.issue_date = dt.date(2027, 7, 1)
        plan.details.next_review = dt.date(2028, 6, 14)

    assert kinds(compare(reissued)) == [("review-date-not-moved", None, None, Rating.check)]
    assert kinds(compare(reissued_and_moved)) == []


def test_the_routine_changes_of_a_review_are_not_reported() -> None:
    def routine(plan: Plan) -> None:
        plan.details.status = PlanStatus.amended
        plan.details.issue_date = dt.date(2027, 7, 1)
        plan.details.next_review = dt.date(2028, 6, 14)
        plan.details.child.year_group = 6
        plan.details.annual_reviews.append(dt.date(2027, 6, 10))

    assert compare(routine).changes == []


def test_reordered_items_are_not_changes() -> None:
    def reorder(plan: Plan) -> None:
        for letter in ("B", "E", "F"):
            plan.sections.item_section(letter).items.reverse()

    assert compare(reorder).changes == []


def test_a_renamed_id_is_not_a_removal_and_an_addition() -> None:
    def renumber(plan: Plan) -> None:
        for number, provision in enumerate(reversed(plan.sections.F.items), start=1):
            provision.id = f"F{number}"
        for outcome in plan.sections.E.items:
            outcome.linked_by = None
        for _letter, other in plan.items("F"):
            other.outcomes, other.needs = [], []  # the links named the old ids

    comparison = compare(renumber)
    assert comparison.changes == []
    moved = {pair.old.item.id: pair.new.item.id for pair in comparison.pairs if pair.old and pair.new}
    assert moved["F1"] == f"F{len(comparison.new.sections.F.items)}"


def test_an_item_reworded_with_the_same_amounts_is_wording_only() -> None:
    change = set_field(
        "F4", text=item(amended(lambda plan: None)[0], "F4").text.replace("practise", "go over")
    )
    assert kinds(compare(change)) == [("reworded", "F4", "F4", Rating.same)]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda path: path.stem)
def test_a_plan_compared_with_itself_has_no_changes(path) -> None:
    old, new = amended(lambda plan: None, path)
    assert compare_plans(old, new, SESSION).changes == []


def test_the_same_help_in_other_words_is_one_item_reworded() -> None:
    """As a new template would print it: other words, the details in the words, a new place and id."""

    def rewritten(plan: Plan) -> None:
        drop(plan, "F4")
        plan.sections.F.items.append(
            Provision(
                text="Three sessions a week of 15 minutes, one-to-one: with his teaching assistant Leo "
                "practises the speech and language targets the therapist set, and she records his answers."
            )
        )

    comparison = compare(rewritten)
    assert [(c.kind.value, c.old_id, c.rating) for c in comparison.changes] == [
        ("reworded", "F4", Rating.same)
    ]
