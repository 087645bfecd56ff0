"""What the readers read a plan's words with: a session's wording and layout lexicon.

``read_plan`` is given the session; for the length of that one read its vocabulary is the one
the format readers and the loose-document builder see (a context variable, so a read in one
thread of ``serve`` never sees another's, and nothing is left set after it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ehcplan.readers.wording import RenderedWording, wording_from
from ehcplan.session import built_in_session

if TYPE_CHECKING:
    from ehcplan.lexicons import Lexicon
    from ehcplan.session import Session


@dataclass(frozen=True, eq=False)  # hashed as itself, so what is built from it can be cached on it
class ReaderVocabulary:
    """The renderer's wording read back, and the layout lexicon (council headings, labels, lists)."""

    wording: RenderedWording
    layout: Lexicon
    section_titles: Mapping[str, str]


@cache
def vocabulary_for(session: Session) -> ReaderVocabulary:
    """A session's vocabulary, built once per session."""
    return ReaderVocabulary(
        wording_from(session.words), session.lexicons.load("layout"), session.words.raw("sections")
    )


_reading: ContextVar[ReaderVocabulary | None] = ContextVar("ehcplan_reading", default=None)


@contextmanager
def reading_with(session: Session | None) -> Iterator[ReaderVocabulary]:
    """Read in ``session``'s vocabulary (the built-in one for None) until the block ends."""
    vocabulary = vocabulary_for(session or built_in_session())
    token = _reading.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _reading.reset(token)


def current_vocabulary() -> ReaderVocabulary:
    """The vocabulary of the read under way; outside a read, the built-in one."""
    return _reading.get() or vocabulary_for(built_in_session())


def rendered_wording() -> RenderedWording:
    """The wording of the read under way."""
    return current_vocabulary().wording
