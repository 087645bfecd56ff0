"""How much help an item of provision promises: sessions a week, minutes each, group size, who, vague words.

Read from the item's own fields where the plan has them (``how_often``, ``how_long``,
``group_size``, ``who``) and otherwise from its text, in the words of ``lexicons/compare.yaml``.
Each figure keeps the words it was read from, so a change can be told in the plan's own words
("from 30 minutes twice a week to 30 minutes once a week"). Regular expressions, not the
dependency parse: a comparison must be quick, and amounts are written in a few set ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ehcplan.compare.vocabulary import CompareVocabulary, plain
from ehcplan.model.plan import Provision

_NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class Figure:
    """One figure and the words it was read from."""

    value: float
    words: str


def value_of(figure: Figure | None) -> float | None:
    """A figure's value, or None where the words give none."""
    return figure.value if figure is not None else None


@dataclass(frozen=True)
class Amount:
    """What an item of provision promises, as far as its words say."""

    sessions_a_week: Figure | None = None
    minutes_each: Figure | None = None
    minutes_a_week: Figure | None = None
    group_size: Figure | None = None
    role_rank: int | None = None
    role_words: str | None = None
    vague: frozenset[str] = field(default_factory=frozenset)

    @property
    def quantified(self) -> bool:
        return any(f is not None for f in (self.sessions_a_week, self.minutes_each, self.minutes_a_week))

    def weekly_minutes(self) -> float | None:
        """Minutes of help a week, from a weekly total or from sessions times their length."""
        if self.minutes_a_week is not None:
            return self.minutes_a_week.value
        if self.sessions_a_week is not None and self.minutes_each is not None:
            return self.sessions_a_week.value * self.minutes_each.value
        return None

    def said(self) -> str:
        """The amount in the plan's words: '30 minutes twice a week'."""
        parts = [f.words for f in (self.minutes_each, self.sessions_a_week) if f is not None]
        if self.minutes_a_week is not None and self.minutes_a_week.words not in parts:
            parts = [self.minutes_a_week.words]
        return " ".join(parts)


def read_amount(item: Provision, vocabulary: CompareVocabulary) -> Amount:
    """The amount ``item`` promises: its fields first, its text for what they leave out."""
    patterns = _patterns(vocabulary)
    text = plain(item.text)
    often = plain(item.how_often) if item.how_often else ""
    long = plain(item.how_long) if item.how_long else ""
    weekly = _weekly_total(long, patterns, vocabulary) or _weekly_total(often, patterns, vocabulary)
    sessions = _sessions(often, patterns, vocabulary) if often else None
    minutes = _duration(long, patterns, vocabulary) if long else None
    if weekly is None and sessions is None and minutes is None:
        weekly = _weekly_total(text, patterns, vocabulary)
        sessions = _sessions(text, patterns, vocabulary)
        minutes = _duration(text, patterns, vocabulary)
    if weekly is not None and sessions is not None and weekly.words.endswith(sessions.words):
        sessions = None  # "30 minutes a week" is a total, not a count of sessions
    if weekly is not None and minutes is not None and weekly.words.startswith(minutes.words):
        minutes = None  # ... nor the length of one session
    group_words = plain(item.group_size) if item.group_size else text
    role_words = item.who.role if item.who is not None else None
    role_rank = vocabulary.role_rank(role_words) if role_words else None
    if role_rank is None and item.who is None:
        role_rank, role_words = vocabulary.first_role(text)
    every_word = " ".join(
        part for part in (item.text, item.what, item.how_often, item.how_long, item.group_size) if part
    )
    return Amount(
        sessions_a_week=sessions,
        minutes_each=minutes,
        minutes_a_week=weekly,
        group_size=_group_size(group_words, patterns, vocabulary),
        role_rank=role_rank,
        role_words=role_words,
        vague=frozenset(vocabulary.vague_phrases(every_word)),
    )


@dataclass(frozen=True)
class _Patterns:
    period: re.Pattern[str]
    count: re.Pattern[str]
    duration: re.Pattern[str]
    multiplier: re.Pattern[str]
    group: re.Pattern[str]
    others: re.Pattern[str]
    ratio: re.Pattern[str]


def _alternatives(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


@cache
def _patterns(vocabulary: CompareVocabulary) -> _Patterns:
    numbers = _alternatives(tuple(vocabulary.numbers))
    count_word = rf"(?:{_NUMBER}|{numbers}|an?)"
    periods = _alternatives(tuple(phrase for phrase, _weeks in vocabulary.periods))
    units = _alternatives((*vocabulary.minutes, *vocabulary.hours))
    return _Patterns(
        period=re.compile(rf"(?<![a-z])(?:{periods})(?![a-z])"),
        # "three times", "twice", "2 x", "two sessions" just before a period.
        count=re.compile(
            rf"(?:(?P<n>{count_word})\s*(?:-\s*)?(?:{_alternatives(vocabulary.session_words)})|(?P<once>{numbers}))\s*$"
        ),
        duration=re.compile(
            rf"(?<![a-z0-9.])(?P<n>{count_word}|half an?)\s*(?:-\s*)?(?P<unit>{units}|{_alternatives(vocabulary.half_day)})(?![a-z])"
            rf"|(?<![a-z])(?P<half>{_alternatives(vocabulary.half_day)})(?![a-z])"
        ),
        # "3 x", "two sessions of" just before a length of time: that many sessions of it.
        multiplier=re.compile(
            rf"(?P<n>{_NUMBER}|{numbers})\s*(?:{_alternatives(vocabulary.session_words)})(?:\s+of)?\s*$"
        ),
        group=re.compile(
            rf"(?:{_alternatives(vocabulary.group)})\s+(?:up to\s+)?(?P<n>{_NUMBER}|{numbers})(?![a-z0-9])"
        ),
        others=re.compile(
            rf"(?<![a-z0-9])(?P<n>{_NUMBER}|{numbers})\s+(?:other\s+)?(?:{_alternatives(vocabulary.pupils)})(?![a-z])"
        ),
        ratio=re.compile(r"(?<![0-9])1\s*:\s*(?P<n>\d+)(?![0-9])"),
    )


def _number(word: str, vocabulary: CompareVocabulary) -> float | None:
    if word in ("a", "an"):
        return 1.0
    if word.startswith("half"):
        return 0.5
    try:
        return float(word)
    except ValueError:
        return vocabulary.numbers.get(word)


def _period_weeks(words: str, vocabulary: CompareVocabulary) -> float:
    return next(weeks for phrase, weeks in vocabulary.periods if phrase == words)


def _sessions(text: str, patterns: _Patterns, vocabulary: CompareVocabulary) -> Figure | None:
    """Sessions a week from the first period in ``text`` and the count just before it (one if none)."""
    found = patterns.period.search(text)
    if found is None:
        return None
    weeks = _period_weeks(found.group(0), vocabulary)
    before = text[max(0, found.start() - 30) : found.start()]
    counted = patterns.count.search(before)
    count = 1.0
    start = found.start()
    if counted is not None:
        count = _number(counted.group("n") or counted.group("once"), vocabulary) or 1.0
        start = found.start() - len(before) + counted.start()
    return Figure(count / weeks, text[start : found.end()].strip())


def _duration(text: str, patterns: _Patterns, vocabulary: CompareVocabulary) -> Figure | None:
    """Minutes in one session, from the first length of time in ``text``."""
    for found in patterns.duration.finditer(text):
        if found.group("half"):
            return Figure(180.0, found.group(0))
        number = _number(found.group("n"), vocabulary)
        unit = found.group("unit")
        if number is None:
            continue
        if unit in vocabulary.hours:
            return Figure(number * 60, found.group(0))
        if unit in vocabulary.minutes:
            return Figure(number, found.group(0))
        return Figure(number * 180, found.group(0))
    return None


def _weekly_total(text: str, patterns: _Patterns, vocabulary: CompareVocabulary) -> Figure | None:
    """A length of time followed by a period with no count between: '17.5 hours a week', '30 minutes daily'."""
    if not text:
        return None
    for found in patterns.duration.finditer(text):
        rest = text[found.end() :]
        period = patterns.period.match(rest.lstrip())
        if period is None:
            period = patterns.period.match(rest.lstrip().removeprefix("in total").lstrip())
        if period is None:
            continue
        minutes = _duration(found.group(0), patterns, vocabulary)
        if minutes is None:
            continue
        weeks = _period_weeks(period.group(0), vocabulary)
        end = found.end() + (len(rest) - len(rest.lstrip())) + period.end()
        start, times = found.start(), 1.0
        multiplier = patterns.multiplier.search(text[max(0, start - 25) : start])
        if multiplier is not None:
            times = _number(multiplier.group("n"), vocabulary) or 1.0
            start -= len(text[max(0, start - 25) : start]) - multiplier.start()
        return Figure(times * minutes.value / weeks, text[start:end])
    return None


def _group_size(text: str, patterns: _Patterns, vocabulary: CompareVocabulary) -> Figure | None:
    """How many children share the help: 1 for one-to-one, the class size for the whole class."""
    padded = f" {text} "
    ratio = patterns.ratio.search(text)
    if ratio is not None:
        return Figure(float(ratio.group("n")), ratio.group(0))
    group = patterns.group.search(text)
    if group is not None:
        size = _number(group.group("n"), vocabulary)
        if size is not None:
            return Figure(size, group.group(0))
    others = patterns.others.search(text)
    if others is not None:
        size = _number(others.group("n"), vocabulary)
        if size is not None:
            with_child = size + 1 if "other" in others.group(0) else size
            return Figure(with_child, others.group(0))
    for phrases, size in (
        (vocabulary.one_to_one, 1.0),
        (vocabulary.pair, 2.0),
        (vocabulary.whole_class, float(vocabulary.whole_class_size)),
    ):
        phrase = next((p for p in phrases if f" {p} " in padded), None)
        if phrase is not None:
            return Figure(size, phrase)
    return None
