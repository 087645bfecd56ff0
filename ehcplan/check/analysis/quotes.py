"""Words in quotation marks are the child's or family's own: never flagged, never counted.

Double quotes of any kind always quote. Single quotes quote only where they open after a space
or an opening bracket and close before a space or punctuation, so "Maya's" and "don't" are not
mistaken for quotations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ehcplan.check.text_memo import by_text

_DOUBLE = re.compile(r"[\"“”„«»][^\"“”„«»]{1,2000}[\"“”„«»]")
_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[:—–-]))[‘'](?=\S).{1,2000}?(?<=\S)[’'](?=$|[\s.,;:!?)\]—–-])")


@by_text
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of the quoted passages in ``text`` (quotation marks included).

    Kept per text: every rule that reads a unit asks, and a re-check asks again of unchanged units.
    """
    spans = [(m.start(), m.end()) for m in _DOUBLE.finditer(text)]
    for match in _SINGLE.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            spans.append((match.start(), match.end()))
    return tuple(sorted(spans))


def inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the range [start, end) lies within one of ``spans``."""
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)


def without_quotes(text: str) -> str:
    """The text with quoted passages removed (for counting the writer's own words)."""
    kept, last = [], 0
    for start, end in quoted_spans(text):
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return " ".join(part.strip() for part in kept if part.strip())
