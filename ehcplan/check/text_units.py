"""Every piece of writing in a plan, in reading order, with where it is and who it is written for.

Language and readability rules read the whole plan, not only outcomes and provision: the
history and views in A, the needs in B-D, statements that a section is not used, and so on.
A list item, a table cell or a field is a unit of its own (and so a sentence of its own when
sentences are counted).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ehcplan.model import ALL_SECTIONS, ITEM_SECTIONS, Plan, SourceLocation

# Sections written above all for the child and family, held to the stricter reading target.
FAMILY_SECTIONS = frozenset({"A"})


@dataclass(frozen=True)
class TextUnit:
    """One piece of writing: an item's text, a field of section A, a section's statement."""

    section: str
    item_id: str | None
    field: str
    text: str
    source: SourceLocation | None = None
    item: Any = None

    @property
    def for_family(self) -> bool:
        return self.section in FAMILY_SECTIONS


def text_units(plan: Plan) -> Iterator[TextUnit]:
    """Every non-empty piece of writing, in statutory order."""
    sections = plan.sections
    for letter in ALL_SECTIONS:
        value = getattr(sections, letter)
        if value is None:
            continue
        if letter == "A":
            yield from _section_a(plan, value)
        elif letter in ITEM_SECTIONS:
            if value.statement:
                yield TextUnit(
                    letter, None, "statement", value.statement, plan.source_of(f"{letter}.statement")
                )
            for item in value.items:
                yield TextUnit(letter, item.id, "text", item.text, item.source, item)
                for extra in ("strengths", "what"):
                    text = getattr(item, extra, None)
                    if text:
                        yield TextUnit(letter, item.id, extra, text, item.source, item)
        elif letter == "K":
            for index, advice in enumerate(value, start=1):
                if advice.title:
                    yield TextUnit(
                        letter, f"K{index}", "title", advice.title, plan.source_of(f"K[{index - 1}]")
                    )
        else:
            for field in ("statement", "name", "type", "funds"):
                text = getattr(value, field, None)
                if isinstance(text, str) and text.strip():
                    yield TextUnit(letter, None, field, text, plan.source_of(f"{letter}.{field}"))


def _section_a(plan: Plan, section: Any) -> Iterator[TextUnit]:
    def unit(field: str, text: str) -> TextUnit:
        return TextUnit("A", None, field, text, plan.source_of(f"A.{field}"))

    for field in ("history", "communication"):
        text = getattr(section, field)
        if text:
            for number, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
                yield unit(f"{field}[{number}]" if number else field, paragraph.strip())
    for field in ("child_views", "parent_views"):
        views = getattr(section, field)
        if views is not None:
            yield unit(field, views.text)
    for field in ("interests", "strengths"):
        for index, text in enumerate(getattr(section, field)):
            yield unit(f"{field}[{index}]", text)
    for index, aspiration in enumerate(section.aspirations):
        yield unit(f"aspirations[{index}]", aspiration.text)
