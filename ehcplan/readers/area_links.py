"""The golden thread from layout: a need, an outcome and provision under the same area heading.

Many councils write no ids at all: section B, E and F each have a heading per broad area of need
("Communication and interaction", "Cognition and learning" ...), and what sits under the same
heading belongs together. The headings need not match word for word ("Sensory and physical" in F,
"Sensory and/or physical needs" in B), so each is reduced to the area it names.
"""

from __future__ import annotations

import re
from functools import cache

from ehcplan.readers.vocabulary import ReaderVocabulary, current_vocabulary

_WORDS = re.compile(r"[a-z]+")


def _areas() -> dict[str, str]:
    """Each area heading's words to the area it names (its first word stands for it)."""
    return _areas_in(current_vocabulary())


@cache
def _areas_in(vocabulary: ReaderVocabulary) -> dict[str, str]:
    headings = vocabulary.layout.words("area-headings")
    return {" ".join(_WORDS.findall(heading)): _key(heading) for heading in headings}


def _key(heading: str) -> str:
    words = _WORDS.findall(heading.lower())
    aliases = {
        "physical": "sensory",
        "speech": "communication",
        "friends": "community",
        "good": "health",
        "education": "employment",
        "self": "self-care",
        "learning": "cognition",
    }
    first = words[0] if words else ""
    return aliases.get(first, first)


def area_of_heading(text: str) -> str | None:
    """The area a heading names ("Cognition and learning:" -> "cognition"), or None if it names none."""
    text = text.replace("&", " and ")
    _head, colon, tail = text.partition(":")
    if colon and tail.strip() and len(tail.split()) <= 6:
        found = area_of_heading(tail)  # "Preparing for adulthood: employment"
        if found is not None:
            return found
    words = " ".join(_WORDS.findall(re.sub(r"^\s*(?:[0-9.]+|[A-Z][0-9]*[.:)])\s*", "", text).lower()))
    words = (
        re.sub(
            r"\b(?:strengths|needs|and current functioning|including preparation for adulthood)\b.*$",
            "",
            words,
        ).strip()
        or words
    )
    areas = _areas()
    if words in areas:
        return areas[words]
    for heading, key in areas.items():
        if (
            len(heading.split()) >= 2
            and words.startswith(heading)
            and len(words.split()) <= len(heading.split()) + 4
        ):
            return key
    return None
