"""Controlled vocabularies of the plan: areas of need, Preparing for Adulthood areas, statuses, pronouns.

Writers type these in many ways ("Communication & Interaction", "SEMH"); each enum accepts its
common spellings so a YAML plan can use the words the writer already knows.
"""

from __future__ import annotations

import re
from enum import StrEnum


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).strip()


class _Lenient(StrEnum):
    """A StrEnum that also accepts the spellings listed in ``_synonyms``."""

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {}

    @classmethod
    def _missing_(cls, value: object) -> _Lenient | None:
        if not isinstance(value, str):
            return None
        key = _normalise(value)
        for member in cls:
            if key in (_normalise(member.value), _normalise(member.name)):
                return member
        target = cls._synonyms().get(key)
        return cls(target) if target else None


class AreaOfNeed(_Lenient):
    """The four broad areas of need (SEND Code of Practice 6.28-6.35), plus health and social care."""

    communication_interaction = "communication and interaction"
    cognition_learning = "cognition and learning"
    semh = "social, emotional and mental health"
    sensory_physical = "sensory and/or physical"
    health = "health"
    social_care = "social care"

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {
            "c and i": "communication and interaction",
            "c i": "communication and interaction",
            "communication": "communication and interaction",
            "c and l": "cognition and learning",
            "c l": "cognition and learning",
            "cognition": "cognition and learning",
            "learning": "cognition and learning",
            "social emotional mental health": "social, emotional and mental health",
            "sensory": "sensory and/or physical",
            "physical": "sensory and/or physical",
            "sensory and physical": "sensory and/or physical",
            "sensory or physical": "sensory and/or physical",
            "physical and sensory": "sensory and/or physical",
        }


class PfaArea(_Lenient):
    """The four Preparing for Adulthood areas (Code of Practice 8.5)."""

    employment = "employment"
    independent_living = "independent living"
    community = "community inclusion"
    health = "good health"

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {
            "higher education and employment": "employment",
            "paid employment": "employment",
            "education and employment": "employment",
            "friends relationships and community": "community inclusion",
            "friends relationships and community inclusion": "community inclusion",
            "community participation": "community inclusion",
            "friendships": "community inclusion",
            "health": "good health",
        }


class PlanStatus(_Lenient):
    """Where the plan is in its life."""

    draft = "draft"
    final = "final"
    amended = "amended"

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {"amended final": "amended", "proposed amended": "draft"}


class Pronouns(_Lenient):
    """How the child is spoken of, as the family says: messages about the child use these words."""

    she = "she/her"
    he = "he/him"
    they = "they/them"

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {"she": "she/her", "her": "she/her", "he": "he/him", "him": "he/him", "they": "they/them"}

    @property
    def subject(self) -> str:
        return self.value.split("/")[0]

    @property
    def possessive(self) -> str:
        return {"she": "her", "he": "his", "they": "their"}[self.subject]

    @property
    def object_form(self) -> str:
        return self.value.split("/")[1]


class AdviceKind(_Lenient):
    """Kinds of advice the local authority must seek (SEND Regulations 2014, reg 6)."""

    family = "family"
    educational = "educational"
    medical = "medical"
    psychological = "psychological"
    social_care = "social care"
    preparing_for_adulthood = "preparing for adulthood"
    other = "other"

    @classmethod
    def _synonyms(cls) -> dict[str, str]:
        return {
            "parent": "family",
            "parents": "family",
            "parental": "family",
            "young person": "family",
            "child": "family",
            "education": "educational",
            "health": "medical",
            "educational psychology": "psychological",
            "social": "social care",
            "pfa": "preparing for adulthood",
        }
