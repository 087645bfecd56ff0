"""Work kept by the text it was done on, as ruff keeps results by content.

A re-check (the editor after one keystroke, a folder checked again) repeats the readings of
every unit that did not change: its sentences, quotations, acronyms and counts. Each such
function is wrapped once, here, so all of them can be forgotten together: a benchmark that
means "warm" as loaded but not remembered, or a test that wants a cold reading.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

# Units kept per function: a large audit worker's worth of distinct paragraphs, a few MB.
UNITS_KEPT = 65_536
_KEPT: list[Any] = []


def by_text(function: F) -> F:
    """Keep ``function``'s answers by its (hashable) arguments, the first being a text."""
    kept = lru_cache(maxsize=UNITS_KEPT)(function)
    _KEPT.append(kept)
    return kept  # type: ignore[return-value]


def forget_texts() -> None:
    """Forget every answer kept by text."""
    for kept in _KEPT:
        kept.cache_clear()
