"""How long a plan may be: a clear limit, so that a huge file is refused in seconds, not checked for an hour.

The longest real plans run to about 40 pages, some 35,000 words, which ehcplan checks in about
ten seconds. A plan of up to MAX_WORDS is checked in well under a minute and a few hundred MB;
a file far beyond it is refused before any checking starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ehcplan.errors import EhcplanError, PlanFileError

MAX_WORDS = 100_000
# One paragraph or item: the longest real ones are a few hundred words; a single "sentence" of
# tens of thousands of words takes spaCy half a minute and over a gigabyte.
MAX_PARAGRAPH_WORDS = 10_000
# One word: the longest real ones are web addresses; a 2 MB "word" is pasted data.
MAX_WORD_CHARACTERS = 1_000
# Ten times the longest real plans; reading the text of a page takes a few milliseconds.
MAX_PAGES = 400
# A full printed page holds about 5,000 characters; small print perhaps three times that.
MAX_PAGE_CHARACTERS = 50_000

# Word's own tables have at most 63 columns; a row with more cells is no plan's table, and reading
# a row of 20,000 cells took minutes.
MAX_ROW_CELLS = 63


class TableTooWide(EhcplanError):
    """A table row with more cells than Word allows (the reader adds the file's name)."""


def refuse_wide_row(cells: int, where: str) -> None:
    """Raise TableTooWide for a row of more than MAX_ROW_CELLS cells, before any cell is read."""
    if cells > MAX_ROW_CELLS:
        raise TableTooWide(
            f"{where} has {cells:,} cells; Word tables have at most {MAX_ROW_CELLS} columns, "
            "so this is not a plan's table"
        )


def refuse_overlong(name: str, texts: Iterable[str]) -> None:
    """Raise PlanFileError when the texts hold more than MAX_WORDS words; stop counting once past it."""
    words = 0
    for text in texts:
        words += len(text.split())
        if words > MAX_WORDS:
            raise PlanFileError(
                name,
                f"the file holds more than {MAX_WORDS:,} words; ehcplan checks plans of up to {MAX_WORDS:,} "
                "words (the longest real plans have about 35,000): split it, or check it a part at a time",
            )


_OVERLONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARACTERS + 1},}}")


def refuse_outsized(name: str, texts: Iterable[str]) -> None:
    """Raise PlanFileError for a paragraph over MAX_PARAGRAPH_WORDS words or a word over
    MAX_WORD_CHARACTERS characters: limits checked before any parsing, so no input can take minutes."""
    for text in texts:
        words = text.split()
        if len(words) > MAX_PARAGRAPH_WORDS:
            raise PlanFileError(
                name,
                f"one paragraph has {len(words):,} words; ehcplan reads paragraphs of up to "
                f"{MAX_PARAGRAPH_WORDS:,} words: break it into paragraphs or items",
            )
        if _OVERLONG_WORD.search(text) is None:  # the common case, at the regex engine's speed
            continue
        longest = max(len(word) for word in words)
        if longest > MAX_WORD_CHARACTERS:
            raise PlanFileError(
                name,
                f"the file holds a 'word' of {longest:,} characters (pasted data, not text); "
                "remove it and check again",
            )


def refuse_oversized_plan(name: str, data: object) -> None:
    """Apply the word, paragraph and word-length limits to plan data (parsed YAML or JSON)."""
    refuse_overlong(name, strings_in(data))
    refuse_outsized(name, strings_in(data))


def strings_in(data: object) -> Iterable[str]:
    """Every string in parsed YAML or JSON data, walked without recursion (so depth cannot crash it)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
