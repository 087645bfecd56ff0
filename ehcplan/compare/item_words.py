"""An item's words as a comparison reads them: the same in every layout a plan comes in.

One council prints a provision's title in its words ("Support in lessons. A teaching assistant
..."), another apart; one writes links into the words ("(Needs: B1; outcome E5)"), another
as fields; one opens a need with its area ("(Cognition and learning) Izzy ..."). None of that is
what the item says, so none of it is a change. The words that tell these apart are in
``lexicons/compare.yaml`` (``item_labels``, ``link_words``) and the model's areas of need.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from ehcplan.compare.amounts import Amount, read_amount, value_of
from ehcplan.compare.vocabulary import CompareVocabulary
from ehcplan.model.plan import ITEM_REFERENCE, Provision
from ehcplan.model.vocab import AreaOfNeed, PfaArea

# The fields that say what an item is; ids, links, acceptances and sources are not its content.
# (A need's strengths are read with its words: one layout prints them in the words after "Strengths:".)
CONTENT_FIELDS = ("who", "group_size", "how_often", "how_long", "where", "timescale", "area", "pfa_area")
_BRACKET = re.compile(r"\(([^()]*)\)")
_ID = re.compile(rf"\b{ITEM_REFERENCE}\b")
_AREAS = tuple(
    sorted({*(area.value for area in AreaOfNeed), *(area.value for area in PfaArea)}, key=len, reverse=True)
)


def words_of(text: str) -> list[str]:
    """Lower-case words and numbers ("1:1", "2.5" and "child's" kept whole)."""
    return re.findall(r"[a-z0-9]+(?:[.:'][a-z0-9]+)*", text.lower())


class ItemWords:
    """Reads items' words and fields, plain, once each."""

    def __init__(self, vocabulary: CompareVocabulary) -> None:
        self.vocabulary = vocabulary
        labels = "|".join(re.escape(label) for label in sorted(vocabulary.item_labels, key=len, reverse=True))
        self._label = re.compile(rf"^[^.:]{{0,80}}?\b(?:{labels})\s*:\s+", re.IGNORECASE)
        areas = "|".join(re.escape(area) for area in _AREAS)
        inline = "|".join(re.escape(label) for label in vocabulary.inline_labels)
        self._inline = re.compile(rf"\b(?:{inline})\s*:\s*", re.IGNORECASE)
        self._area = re.compile(rf"^\s*[(\[–—-]?\s*(?:{areas})\s*[)\]]?\s*[.:–—-]?\s+", re.IGNORECASE)
        self._note_words = frozenset(vocabulary.link_words) | {
            word for area in _AREAS for word in words_of(area)
        }
        self._bodies: dict[tuple[str, str | None, str | None], str] = {}
        self._amounts: dict[str, Amount] = {}

    def field(self, item: Any, name: str) -> str | None:
        """One field as plain words (a role with its training as one), or None when not given."""
        value = getattr(item, name, None)
        if value is None:
            return None
        if hasattr(value, "model_dump"):
            value = " ".join(str(v) for v in value.model_dump(exclude_none=True).values())
        return " ".join(words_of(str(value))) or None

    def body(self, item: Any) -> str:
        """The item's own words, plain: without a printed title or area before them, and without
        notes of links in brackets."""
        key = (item.text, getattr(item, "what", None), getattr(item, "strengths", None))
        if key not in self._bodies:
            text = self._area.sub("", self._label.sub("", item.text, count=1), count=1)
            text = " ".join(filter(None, (self._inline.sub(" ", text), getattr(item, "strengths", None))))
            words = words_of(_BRACKET.sub(self._unless_note, text))
            title = self.field(item, "what")
            if title and " ".join(words).startswith(title + " "):
                words = words[len(title.split()) :]
            self._bodies[key] = " ".join(words)
        return self._bodies[key]

    def _unless_note(self, found: re.Match[str]) -> str:
        # Left of a note, without its ids and link words: at most letters and numbers ("Part B, need 2").
        rest = set(words_of(_ID.sub(" ", found.group(1)))) - self._note_words
        return " " if all(len(word) == 1 or word.isdigit() for word in rest) else found.group(0)

    def content(self, item: Any) -> str:
        """The words and the fields as one line."""
        return " ".join([self.body(item), *filter(None, (self.field(item, name) for name in CONTENT_FIELDS))])

    def same(self, old: Any, new: Any) -> bool:
        """Whether two versions say the same: the same words, and the same value in every field both
        give (a layout that prints a field in the words has no field of its own)."""
        if self._untitled(old, new) != self._untitled(new, old):
            return False
        for name in CONTENT_FIELDS:
            before, after = self.field(old, name), self.field(new, name)
            if before is not None and after is not None and before != after:
                return False
        return True

    def _untitled(self, item: Any, other: Any) -> str:
        words = self.body(item)
        title = self.field(other, "what")
        if title and words.startswith(title + " "):
            return words[len(title) + 1 :]
        return words

    def amount(self, item: Provision) -> Amount:
        """What an item of provision promises (``amounts.read_amount``), read once per item's words."""
        key = item.model_dump_json(include={"text", "what", "who", "group_size", "how_often", "how_long"})
        if key not in self._amounts:
            self._amounts[key] = read_amount(item, self.vocabulary)
        return self._amounts[key]

    def same_help(self, old: Provision, new: Provision) -> bool:
        """Whether two items of provision give the same help by its figures: at least two of the
        minutes a week (or a session), the group and the deliverer's role given by both, and all
        of those the same."""
        before, after = self.amount(old), self.amount(new)
        pairs = [
            (before.weekly_minutes(), after.weekly_minutes()),
            (value_of(before.minutes_each), value_of(after.minutes_each)),
            (value_of(before.group_size), value_of(after.group_size)),
            (before.role_rank, after.role_rank),
        ]
        given = [(first, second) for first, second in pairs if first is not None and second is not None]
        return len(given) >= 2 and all(first == second for first, second in given)

    def likeness(self, old: Any, new: Any) -> float:
        """How alike two items' words are, 0 to 1: difflib's ratio over words, with and without fields."""
        return max(_ratio(self.content(old), self.content(new)), _ratio(self.body(old), self.body(new)))


def _ratio(first: str, second: str) -> float:
    return SequenceMatcher(None, first.split(), second.split(), autojunk=False).ratio()
