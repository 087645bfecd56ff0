"""A review copy: where the checker's findings fall in the rendered plan, numbered once.

A finding is pinned to the passage it was found in: its section, item and the text it quotes
(the same units of text the rules read, from ``text_units``). Its words are marked in that
passage, followed by a reference to the finding; the finding itself is listed after the item.
A finding about a whole passage is listed but not marked (marking everything marks nothing),
and a finding about a whole section or the whole plan is listed at the top of it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ehcplan.check.text_units import text_units
from ehcplan.model import Plan
from ehcplan.model.findings import Finding

# A line break in a plan's text (a blank line in folded YAML) starts a new paragraph on the page.
PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Flag:
    """A finding with its number in the review copy."""

    number: int
    finding: Finding

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def words(self) -> str:
        """The flagged words, unless the finding is about the whole passage."""
        return "" if _whole(self.finding) else self.finding.excerpt.strip()


@dataclass(frozen=True)
class Piece:
    """A run of a passage: plain words, marked words, or a reference to a finding (``ref``)."""

    text: str = ""
    marked: bool = False
    ref: int | None = None


Paragraph = list[Piece]


class Review:
    """Findings numbered in the order the checker sorted them, and placed in the plan."""

    def __init__(self, plan: Plan, findings: Sequence[Finding] | None = None) -> None:
        # None renders the plan as it is; a list (even an empty one) makes a review copy.
        self.active = findings is not None
        self.flags = [Flag(number, finding) for number, finding in enumerate(findings or (), start=1)]
        units = {(unit.section, unit.item_id, unit.text) for unit in text_units(plan)}
        self._pinned = {flag.number for flag in self.flags if _key(flag.finding) in units}

    def count(self, severity: str) -> int:
        """How many findings have this severity."""
        return sum(1 for flag in self.flags if flag.severity == severity)

    def paragraphs(self, section: str, item: str | None, text: str) -> list[Paragraph]:
        """The passage split into paragraphs of pieces, with flagged words marked."""
        flags = [
            flag
            for flag in self.flags
            if flag.number in self._pinned and _key(flag.finding) == (section, item, text)
        ]
        return _split_paragraphs(_pieces(text, [flag for flag in flags if flag.words]))

    def for_item(self, section: str, item: str) -> list[Flag]:
        """Findings pinned to any passage of an item (its text, 'what', 'strengths')."""
        return [
            flag
            for flag in self.flags
            if flag.number in self._pinned and (flag.finding.section, flag.finding.item) == (section, item)
        ]

    def for_passage(self, section: str, text: str) -> list[Flag]:
        """Findings pinned to a passage that is not part of an item (history, a statement ...)."""
        return [
            flag
            for flag in self.flags
            if flag.number in self._pinned and _key(flag.finding) == (section, None, text)
        ]

    def for_section(self, section: str | None) -> list[Flag]:
        """Findings about a whole section, or (``None``) about the whole plan."""
        return [
            flag for flag in self.flags if flag.number not in self._pinned and flag.finding.section == section
        ]


def _key(finding: Finding) -> tuple[str | None, str | None, str]:
    return (finding.section, finding.item, finding.text)


def _whole(finding: Finding) -> bool:
    return finding.start <= 0 and finding.end >= len(finding.text.rstrip())


def _pieces(text: str, flags: list[Flag]) -> list[Piece]:
    """Cut the text wherever a flagged span starts or ends; mark covered runs; refer after each span."""
    spans = [(max(0, flag.finding.start), min(len(text), flag.finding.end), flag.number) for flag in flags]
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    pieces: list[Piece] = []
    for start, end in itertools.pairwise(cuts):
        marked = any(s <= start and end <= e for s, e, _ in spans)
        _append(pieces, Piece(text[start:end], marked=marked))
        pieces.extend(
            Piece(ref=number) for s, e, number in sorted(spans, key=lambda span: span[2]) if e == end
        )
    return pieces or [Piece(text)]


def _append(pieces: list[Piece], piece: Piece) -> None:
    """Add a run of words, joining it to the last one when both are marked alike."""
    if pieces and pieces[-1].ref is None and pieces[-1].marked == piece.marked:
        pieces[-1] = Piece(pieces[-1].text + piece.text, marked=piece.marked)
    else:
        pieces.append(piece)


def _split_paragraphs(pieces: list[Piece]) -> list[Paragraph]:
    """Start a new paragraph at each line break, even inside a marked run."""
    paragraphs: list[Paragraph] = [[]]
    for piece in pieces:
        if piece.ref is not None:
            paragraphs[-1].append(piece)
            continue
        parts = PARAGRAPH_BREAK.split(piece.text)
        for index, part in enumerate(parts):
            if index:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Piece(part, marked=piece.marked))
    return [paragraph for paragraph in paragraphs if paragraph]
