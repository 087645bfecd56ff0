"""The comparison as one self-contained, accessible HTML page: the two versions side by side.

Built from ``templates/html/compare.html.j2`` on the plan pages' base template and stylesheet, so
it has their Content Security Policy, skip link, landmarks, phone layout (each row a card) and
print stylesheet. The changes that reduce help are listed first, then each section's items with
the earlier and the amended wording in two columns and what changed beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ehcplan.compare import Change, Comparison, Rating
from ehcplan.compare.alignment import Pair
from ehcplan.config import Branding
from ehcplan.errors import printable
from ehcplan.model.plan import ITEM_SECTIONS
from ehcplan.render.html import StyleOptions, environment, render_template
from ehcplan.report.compare_text import RATING_ORDER
from ehcplan.words import Words

COMPARE_TEMPLATE = "html/compare.html.j2"
# Tag colours by rating, from the stylesheet's finding tags.
TAG = {Rating.reduced: "error", Rating.check: "warning", Rating.more: "info", Rating.same: "same"}
PROVISION_FIELDS = ("who", "group_size", "how_often", "how_long", "where")


@dataclass(frozen=True)
class Side:
    """One version of an item: its id, its words, and the provision's details as (label, value)."""

    item_id: str | None
    text: str | None
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    old: Side
    new: Side
    changes: list[Change]

    @property
    def label(self) -> str:
        return self.new.item_id or self.old.item_id or ""


@dataclass(frozen=True)
class SectionRows:
    letter: str
    title: str
    rows: list[Row]
    changed: int


class CompareView:
    """The comparison in the words of words.yaml, for the template."""

    def __init__(self, comparison: Comparison, old: str, new: str, words: Words, branding: Branding) -> None:
        self.comparison = comparison
        self.words = words
        self.branding = branding
        child = comparison.new.details.child.name or words("compare.child")
        self.title = words("compare.title", child=child)
        self.authority = branding.name or comparison.new.details.local_authority or "ehcplan"
        self.caption = words("compare.versions", old=printable(old), new=printable(new))
        self.reduced = comparison.reduced
        self.groups = [
            (rating, TAG[rating], [c for c in comparison.changes if c.rating is rating])
            for rating in RATING_ORDER
        ]
        self.sections = self._sections()
        self.other_changes = [c for c in comparison.changes if c.section in ("I", "J", "details")]

    def _sections(self) -> list[SectionRows]:
        found = []
        for letter in ITEM_SECTIONS:
            pairs = [pair for pair in self.comparison.pairs if _section_of(pair) == letter]
            if not pairs:
                continue
            rows = [
                Row(self._side(pair, "old"), self._side(pair, "new"), self.comparison.changes_to(pair))
                for pair in pairs
            ]
            found.append(
                SectionRows(
                    letter, self.words(f"sections.{letter}"), rows, sum(1 for row in rows if row.changes)
                )
            )
        return found

    def _side(self, pair: Pair, which: str) -> Side:
        placed = getattr(pair, which)
        if placed is None:
            return Side(None, None)
        item = placed.item
        details = []
        for name in PROVISION_FIELDS:
            value: Any = getattr(item, name, None)
            if value is None:
                continue
            if name == "who":
                value = ", ".join(v for v in (value.role, value.qualification) if v)
            details.append((self.words(f"provision.{name}"), str(value)))
        return Side(item.id, item.text, details)

    @staticmethod
    def tag(rating: Rating) -> str:
        return TAG[rating]


def _section_of(pair: Pair) -> str:
    placed = pair.new or pair.old
    assert placed is not None
    return placed.section


def comparison_html(comparison: Comparison, old: str, new: str, words: Words, branding: Branding) -> str:
    """The page comparing the plans at ``old`` and ``new``."""
    view = CompareView(comparison, old, new, words, branding)
    env = environment(words, branding.templates)
    return render_template(
        env, COMPARE_TEMPLATE, view=view, style=StyleOptions(accent=branding.accent_colour)
    )
