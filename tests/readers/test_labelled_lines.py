"""An item's details written as labelled lines under its words, and item ids in sub-headings."""

from __future__ import annotations

from ehcplan.readers import read_plan

LISTED = """# Education, Health and Care plan

## Section B: Special educational needs

B1. Ava finds it hard to follow spoken instructions of more than two steps.

B2. Ava finds it hard to join in conversations with other children.

## Section E: Outcomes

E1. By July 2027, Ava will follow a two-step instruction in class on 4 out of 5 occasions.

E2. By July 2027, Ava will read a short passage aloud to her group.

E3. By July 2027, Ava will take three turns in a conversation with a friend.

## Section F: Special educational provision

1. **Speech and language therapy.** A speech and language therapist will see Ava in a pair for 40 minutes.
   - Who: Speech and language therapist
   - Group size: 2 pupils
   - How often: Every three weeks
   - How long: 40 minutes
   - Links: B1, B2, E3

2. **Lunch club.** Ava will have a place in the lunchtime club with a teaching assistant.
   - Who: Teaching assistant
"""

HEADED = """# Education, Health and Care plan

## Section F: Special educational provision

Each item says what Ava will get, who will provide it, how often and for how long.

### F1 – Small class

Ava will be taught in a class of no more than 10 pupils.

Who: Class teacher (qualified teacher) Group size: no more than 10 pupils
How often: Throughout the school day

### F2 – Counselling

A counsellor will see Ava one-to-one each week.
"""


def test_labelled_lines_under_an_item_are_its_fields_not_items(write_file) -> None:
    plan = read_plan(write_file("ava.md", LISTED))
    first, second = plan.sections.F.items
    assert (first.who.role, first.group_size, first.how_often, first.how_long) == (
        "Speech and language therapist",
        "2 pupils",
        "Every three weeks",
        "40 minutes",
    )
    assert (first.needs, first.outcomes) == (["B1", "B2"], ["E3"])
    assert second.who.role == "Teaching assistant"
    assert [item.id for item in plan.sections.F.items] == ["F1", "F2"]


def test_item_headings_give_their_ids_and_titles_and_the_introduction_is_no_item(write_file) -> None:
    plan = read_plan(write_file("ava.md", HEADED))
    small_class, counselling = plan.sections.F.items
    assert (small_class.id, small_class.what) == ("F1", "Small class")
    assert small_class.who.role == "Class teacher (qualified teacher)"
    assert (small_class.group_size, small_class.how_often) == (
        "no more than 10 pupils",
        "Throughout the school day",
    )
    assert (counselling.id, counselling.what) == ("F2", "Counselling")
    assert not any("Each item says" in item.text for item in plan.sections.F.items)


def test_a_plans_status_is_read_from_the_ways_councils_write_it(write_file) -> None:
    for line, status in [
        ("Status of plan: Final", "final"),
        ("PLAN: Final", "final"),
        ("Plan status: Final (amended following annual review)", "final"),
        ("Status: Amended", "amended"),
        ("Plan: Education, Health and Care plan for Ava", "draft"),  # not a status: left as the default
    ]:
        plan = read_plan(
            write_file("ava.txt", f"Name: Ava Jones\n{line}\n\n{LISTED.split('## Section F', 1)[0]}")
        )
        assert plan.details.status.value == status, line
