"""The golden thread: which needs, outcomes and provision belong together.

A YAML plan says so with ids (``needs: [B1]``, ``outcomes: [E2]``). A loose document rarely does,
so links are inferred the way a panel reads one: matching numbers (B3 with F3) and shared
wording ("reading" in the need and in the provision). Where neither gives a link, the rules
say plainly that a link could not be established rather than that it is missing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ehcplan.model import Plan

_WORD = re.compile(r"[a-z][a-z'-]{3,}")
# Words too common in plans to show that two items are about the same thing.
COMMON = frozenset(
    [
        "will",
        "with",
        "have",
        "that",
        "this",
        "they",
        "their",
        "them",
        "from",
        "into",
        "each",
        "week",
        "weeks",
        "term",
        "terms",
        "year",
        "years",
        "time",
        "times",
        "able",
        "when",
        "what",
        "which",
        "there",
        "where",
        "about",
        "more",
        "help",
        "helps",
        "support",
        "supported",
        "school",
        "class",
        "lesson",
        "lessons",
        "daily",
        "minutes",
        "hours",
        "session",
        "sessions",
        "staff",
        "adult",
        "adults",
        "teaching",
        "assistant",
        "need",
        "needs",
        "finds",
        "find",
        "hard",
        "difficult",
        "difficulty",
        "difficulties",
        "also",
        "using",
        "used",
        "uses",
        "make",
        "makes",
        "other",
        "some",
        "such",
        "very",
        "well",
        "good",
        "does",
        "doing",
        "other",
        "child",
        "young",
        "person",
        "plan",
        "section",
        "provision",
        "outcome",
        "outcomes",
        "by",
        "end",
    ]
)


@dataclass
class Links:
    """Links between items, and whether they were written in the plan or inferred from wording."""

    written: bool
    to: dict[str, set[str]] = field(default_factory=dict)
    # Where a document's links were read from: "written", "heading", "table-row" (item.linked_by).
    sources: set[str] = field(default_factory=set)

    def add(self, source: str, target: str) -> None:
        self.to.setdefault(source, set()).add(target)
        self.to.setdefault(target, set()).add(source)

    def linked(self, item_id: str, letters: tuple[str, ...]) -> bool:
        """True when the item links to any item in the given sections."""
        return any(other.startswith(letters) for other in self.to.get(item_id, ()))


def plan_links(plan: Plan) -> Links:
    """Links as written in the plan when it has any, else inferred from numbering and wording."""
    written = Links(written=True)
    for _letter, item in plan.items():
        for field_name in ("needs", "outcomes"):
            for target in getattr(item, field_name, []):
                written.add(item.id, target)
    items = plan.items()
    written.sources = {item.linked_by for _letter, item in items if getattr(item, "linked_by", None)}
    if written.to and _read_from_a_document(items):
        # A reader found these links in the document's words, headings or rows. Two items it found
        # no link for at all (health provision "for his tics" and the need it meets) are linked
        # as a panel would read them, by numbering and wording; an item left out of links that are
        # written elsewhere (a need no provision names) is still reported.
        unlinked = [(letter, item) for letter, item in items if item.id not in written.to]
        for item, other in _related_pairs(unlinked):
            written.add(item.id, other.id)
        return written
    if written.to:
        return written
    inferred = Links(written=False)
    for item, other in _related_pairs(items):
        inferred.add(item.id, other.id)
    return inferred


def _read_from_a_document(items: list[tuple[str, Any]]) -> bool:
    """True when every link was read from a document's layout or words, none given as fields."""
    linked = [
        item for _letter, item in items if getattr(item, "needs", None) or getattr(item, "outcomes", None)
    ]
    return bool(linked) and all(getattr(item, "linked_by", None) is not None for item in linked)


def _related_pairs(items: list[tuple[str, Any]]) -> Iterator[tuple[Any, Any]]:
    """Pairs of items in different sections that share a number (B2, E2) or two content words.

    Each item's words are read once and pairs are found through an index of words, so a document
    of thousands of items is linked in moments rather than by comparing every pair's text.
    """
    numbers = [_number(item.id) for _letter, item in items]
    words = [content_words(item.text) for _letter, item in items]
    by_number: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for index in range(len(items)):
        if numbers[index] is not None:
            by_number.setdefault(numbers[index], []).append(index)
        for word in words[index]:
            by_word.setdefault(word, []).append(index)
    for index, (letter, item) in enumerate(items):
        shared: Counter[int] = Counter()
        for word in words[index]:
            shared.update(other for other in by_word[word] if other > index)
        related = {other for other, count in shared.items() if count >= 2}
        if numbers[index] is not None:
            related.update(other for other in by_number[numbers[index]] if other > index)
        for other in sorted(related):
            if items[other][0] != letter:
                yield item, items[other][1]


def _number(item_id: str) -> str | None:
    match = re.search(r"(\d+)$", item_id)
    return match.group(1) if match else None


def content_words(text: str) -> set[str]:
    """The distinctive words of a text, crudely stemmed (reading, reads -> read)."""
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in COMMON:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        words.add(word)
    return words
