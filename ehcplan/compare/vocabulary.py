"""The comparison's word lists, read from ``lexicons/compare.yaml`` through the session's lexicon library.

The file is validated by ``lexicons.Lexicon`` when it loads; this module checks what the
comparison needs of it on top (every list ``role_ranking`` names exists, twelve number words),
so a local authority's edit that breaks it is one line naming the file and the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from ehcplan.errors import EhcplanError
from ehcplan.lexicons import Lexicon, LexiconLibrary

LEXICON = "compare"
# How many school weeks each period is: the ranking of frequencies is by sessions a week.
PERIOD_WEEKS = {
    "per_day": 1 / 5,
    "per_week": 1.0,
    "per_fortnight": 2.0,
    "per_month": 39 / 9,
    "per_half_term": 6.5,
    "per_term": 13.0,
    "per_year": 39.0,
}


# Compared by identity, so it can key caches of what is built from it.
@dataclass(frozen=True, eq=False)
class CompareVocabulary:
    """What the comparison reads provision by: each list of phrases is in plain form (see ``plain``)."""

    role_tiers: tuple[tuple[str, tuple[str, ...]], ...]
    numbers: dict[str, float]
    # (phrase, school weeks), longest phrase first.
    periods: tuple[tuple[str, float], ...]
    whole_class_size: int
    vague: tuple[str, ...]
    vague_before_number: tuple[str, ...]
    group_bounds: tuple[str, ...]
    item_labels: tuple[str, ...]
    inline_labels: tuple[str, ...]
    link_words: tuple[str, ...]
    whole_class: tuple[str, ...]
    one_to_one: tuple[str, ...]
    pair: tuple[str, ...]
    pupils: tuple[str, ...]
    group: tuple[str, ...]
    minutes: tuple[str, ...]
    hours: tuple[str, ...]
    half_day: tuple[str, ...]
    session_words: tuple[str, ...]

    def role_rank(self, role: str | None) -> int | None:
        """0 for the most specific or qualified tier, higher for less; None when no tier names it."""
        return self.first_role(role or "")[0]

    def first_role(self, text: str) -> tuple[int | None, str | None]:
        """The tier and words of the first role ``text`` names: the one who gives the help comes
        first ("a teaching assistant trained by the speech and language therapist")."""
        padded = f" {plain(text)} "
        found: list[tuple[int, int, int, str]] = []
        for rank, (_name, phrases) in enumerate(self.role_tiers):
            for phrase in phrases:
                at = padded.find(f" {phrase} ")
                if at >= 0:
                    found.append((at, -len(phrase), rank, phrase))
        if not found:
            return None, None
        _at, _length, rank, phrase = min(found)
        return rank, phrase

    def tier_name(self, rank: int) -> str:
        return self.role_tiers[rank][0]

    def vague_phrases(self, text: str) -> set[str]:
        """The vague phrases in ``text`` (whole words, any case); "up to" only before an amount,
        and not where it bounds a group ("a group of up to 6 pupils" states the group's size)."""
        padded = f" {plain(text)} "
        found = {phrase for phrase in self.vague if f" {phrase} " in padded}
        number = "|".join([r"\d+(?:\.\d+)?", *map(re.escape, self.numbers)])
        pupils = "|".join(map(re.escape, self.pupils))
        bounds = "|".join(map(re.escape, self.group_bounds))
        padded = re.sub(rf" (?:{bounds}) (?:{number}) (?:other )?(?:{pupils})(?=[ .:-])", " ", padded)
        found |= {
            phrase
            for phrase in self.vague_before_number
            if re.search(rf" {re.escape(phrase)} (?:{number})(?=[ .:-])", padded)
        }
        return found


# The lists read as phrases, one field each.
_PHRASE_LISTS = tuple(
    field.name
    for field in fields(CompareVocabulary)
    if field.name not in {"role_tiers", "numbers", "periods", "whole_class_size"}
)
_REQUIRED = ("role_ranking", "numbers", "once", "twice", *PERIOD_WEEKS, *_PHRASE_LISTS)


def plain(text: str) -> str:
    """Lower case, every run of other characters than letters, digits, ':', '.' and '-' one space."""
    return " ".join(re.sub(r"[^a-z0-9:.\-]+", " ", text.lower()).split())


def load_vocabulary(library: LexiconLibrary) -> CompareVocabulary:
    """The comparison's vocabulary from ``library`` (made once per loaded lexicon)."""
    lexicon = library.load(LEXICON)
    return lexicon.derived("compare-vocabulary", lambda: _build(lexicon))


def _build(lexicon: Lexicon) -> CompareVocabulary:
    lists = lexicon.lists

    def need(name: str) -> list[str]:
        if name not in lists or not lists[name]:
            raise EhcplanError(f"lexicon '{LEXICON}': the list '{name}' is missing or empty")
        return [str(word) for word in lists[name]]

    for name in _REQUIRED:
        need(name)
    numbers = need("numbers")
    if len(numbers) < 12:
        raise EhcplanError(f"lexicon '{LEXICON}': the list 'numbers' should name one to twelve in words")
    tiers = tuple((name, tuple(plain(p) for p in need(name))) for name in need("role_ranking"))
    values = {word.lower(): float(index + 1) for index, word in enumerate(numbers)}
    values.update({word.lower(): 1.0 for word in need("once")})
    values.update({word.lower(): 2.0 for word in need("twice")})
    periods = tuple((plain(phrase), weeks) for name, weeks in PERIOD_WEEKS.items() for phrase in need(name))
    # Longest phrases first, so "every school day" is found before "day".
    periods = tuple(sorted(periods, key=lambda pair: -len(pair[0])))
    size = lists.get("whole_class_size", ["30"])
    try:
        class_size = int(str(size[0]))
    except (ValueError, IndexError):
        raise EhcplanError(f"lexicon '{LEXICON}': 'whole_class_size' should be one whole number") from None
    phrases = {
        name: tuple(sorted({plain(p) for p in need(name)}, key=lambda p: -len(p))) for name in _PHRASE_LISTS
    }
    return CompareVocabulary(
        role_tiers=tiers, numbers=values, periods=periods, whole_class_size=class_size, **phrases
    )
