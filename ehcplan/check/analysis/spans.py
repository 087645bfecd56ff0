"""Small helpers over spaCy spans and lexicon matches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ehcplan.check.matching import Match


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    """True when ``span`` shares a token with any of ``others``."""
    return any(span.start < other.end and other.start < span.end for other in others)


def outside(matches: Iterable[Match], spans: Iterable[Span]) -> list[Match]:
    """The matches that do not overlap any of ``spans``."""
    fixed = list(spans)
    return [match for match in matches if not overlaps(match.span, fixed)]


def of_kind(matches: Iterable[Match], *kinds: str) -> list[Match]:
    """The matches whose entry is of one of ``kinds``."""
    return [match for match in matches if match.entry.kind in kinds]
