"""Reading how much help an item of provision promises, from its fields or its words."""

from __future__ import annotations

import pytest

from ehcplan.compare.amounts import read_amount
from ehcplan.compare.vocabulary import load_vocabulary
from ehcplan.model.plan import Provision
from ehcplan.session import built_in_session

VOCABULARY = load_vocabulary(built_in_session().lexicons)


@pytest.mark.parametrize(
    ("text", "weekly_minutes"),
    [
        ("A therapist will see her for 30 minutes twice a week.", 60),
        ("Daily 15-minute practice with an adult.", 75),
        ("One hour every two weeks with the mentor.", 30),
        ("17.5 hours a week of support from an assistant.", 1050),
        ("Every Wednesday lunchtime, a 30-minute games club.", 30),
        ("Three sessions a week of 20 minutes each.", 60),
        ("45 minutes once a term with the psychologist.", 45 / 13),
    ],
)
def test_minutes_a_week_are_read_from_the_words(text: str, weekly_minutes: float) -> None:
    amount = read_amount(Provision(text=text), VOCABULARY)
    assert amount.weekly_minutes() == pytest.approx(weekly_minutes)


def test_the_fields_are_read_before_the_words() -> None:
    item = Provision(
        text="Reading practice, reviewed each term.", how_often="three times a week", how_long="20 minutes"
    )
    amount = read_amount(item, VOCABULARY)
    assert amount.weekly_minutes() == 60
    assert amount.said() == "20 minutes three times a week"


@pytest.mark.parametrize(
    ("group", "size"),
    [
        ("1:1", 1),
        ("one-to-one", 1),
        ("a group of six", 6),
        ("with five other children", 6),
        ("whole class", 30),
        ("1:3", 3),
    ],
)
def test_group_sizes(group: str, size: int) -> None:
    assert read_amount(Provision(text="Help.", group_size=group), VOCABULARY).group_size.value == size


def test_roles_are_ranked_from_the_most_specialist() -> None:
    therapist = read_amount(
        Provision(text="A speech and language therapist will see him weekly."), VOCABULARY
    )
    assistant = read_amount(Provision(text="A teaching assistant will see him weekly."), VOCABULARY)
    staff = read_amount(Provision(text="Staff will see him weekly."), VOCABULARY)
    assert therapist.role_rank < assistant.role_rank < staff.role_rank


def test_vague_words_are_found_in_any_field() -> None:
    amount = read_amount(Provision(text="Language practice.", how_often="as required"), VOCABULARY)
    assert amount.vague == {"as required"}
    assert not amount.quantified
