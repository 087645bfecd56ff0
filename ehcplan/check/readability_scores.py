"""Readability: Flesch reading ease, Flesch-Kincaid grade, UK reading age, sentence length.

Syllables are counted with pyphen's English hyphenation dictionary, which ships inside the pyphen
package: nothing is downloaded, ever. (textstat 0.7.13 calls nltk.download('cmudict') the
first time it counts syllables, and splits sentences only on . ! ?, so a bulleted list reads as
one long sentence; ehcplan does its own counting instead.) Each list item, table cell and field
is a sentence of its own, and quoted words (the child's or family's) are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ehcplan.check.analysis.quotes import quoted_spans
from ehcplan.check.text_memo import by_text

LONG_SENTENCE_WORDS = 25  # GOV.UK: break up sentences over 25 words
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text unit: its character range and its word count (quotes left out)."""

    start: int
    end: int
    words: int


@dataclass
class Readability:
    """Counts for a stretch of writing, and the scores worked out from them."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    long_sentences: int = 0

    def add(self, other: Readability) -> Readability:
        return Readability(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.long_sentences + other.long_sentences,
        )

    @property
    def average_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch_reading_ease(self) -> float:
        if not self.words:
            return 100.0
        return 206.835 - 1.015 * self.average_sentence_length - 84.6 * (self.syllables / self.words)

    @property
    def flesch_kincaid_grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.average_sentence_length + 11.8 * (self.syllables / self.words) - 15.59

    @property
    def reading_age(self) -> float:
        """UK reading age in years: the US grade plus five, never below five."""
        return max(5.0, self.flesch_kincaid_grade + 5)

    def to_json(self) -> dict[str, Any]:
        return {
            "flesch_reading_ease": round(self.flesch_reading_ease, 1),
            "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 1),
            "reading_age": round(self.reading_age, 1),
            "words": self.words,
            "sentences": self.sentences,
            "long_sentences": self.long_sentences,
            "average_sentence_length": round(self.average_sentence_length, 1),
        }


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of one unit of text, with words counted outside quotations (kept by text,
    so a re-check reads again only the units that changed)."""
    return _sentences(text)


@by_text
def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(_each_sentence(text))


def _each_sentence(text: str) -> Iterator[Sentence]:
    quotes = quoted_spans(text)
    start = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        if text[start:end].strip():
            yield Sentence(start, end, _count_words(text, start, end, quotes))
        if boundary:
            start = boundary.end()


def _count_words(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> int:
    return sum(1 for word in _WORD.finditer(text, start, end) if not _in(word.start(), quotes))


def _in(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(span_start <= position < span_end for span_start, span_end in spans)


def measure(texts: Iterable[str], long_words: int = LONG_SENTENCE_WORDS) -> Readability:
    """Counts over several units of text; each unit's sentences are counted separately."""
    total = Readability()
    for text in texts:
        total = total.add(_measured(text, long_words))
    return total


@by_text
def _measured(text: str, long_words: int) -> Readability:
    """One unit's counts, kept: a re-check counts only the units that changed."""
    total = Readability()
    quotes = quoted_spans(text)
    for sentence in sentences(text):
        if not sentence.words:
            continue
        words = [
            w.group()
            for w in _WORD.finditer(text, sentence.start, sentence.end)
            if not _in(w.start(), quotes)
        ]
        total.words += len(words)
        total.sentences += 1
        total.syllables += sum(syllables(word) for word in words)
        total.long_sentences += sentence.words > long_words
    return total


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


@cache
def syllables(word: str) -> int:
    """Syllables in a word, from its hyphenation points (numbers count as one syllable)."""
    lowered = word.lower().strip("'’-")
    if not lowered or not lowered[0].isalpha():
        return 1
    by_hyphenation = len(_hyphenator().positions(lowered)) + 1
    # Hyphenation dictionaries leave short words whole; vowel groups catch "every", "area".
    by_vowels = len(_VOWEL_GROUPS.findall(lowered)) - (lowered.endswith("e") and not lowered.endswith("le"))
    return max(1, by_hyphenation, min(by_vowels, by_hyphenation + 1))


@dataclass
class PlanReadability:
    """Readability for the whole plan and for each section, against the targets."""

    plan: Readability
    sections: dict[str, Readability]
    targets: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.to_json(),
            "sections": {letter: r.to_json() for letter, r in self.sections.items()},
        }


def plan_readability(units: Iterable[Any], targets: Any = None) -> PlanReadability:
    """Measure each section's units and the plan as a whole."""
    from ehcplan.config import ReadabilityTargets

    targets = targets or ReadabilityTargets()
    by_section: dict[str, list[str]] = {}
    for unit in units:
        by_section.setdefault(unit.section, []).append(unit.text)
    sections = {letter: measure(texts, targets.max_sentence_words) for letter, texts in by_section.items()}
    total = Readability()
    for readability in sections.values():
        total = total.add(readability)
    return PlanReadability(total, sections, targets)
