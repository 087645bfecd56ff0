"""How long a plan may be: a clear limit, so that a huge file is refused in seconds, not checked for an hour.

The longest real plans run to about 40 pages, some 35,000 words, which ehcplan checks in about
ten seconds. A plan of up to MAX_WORDS is checked in well under a minute and a few hundred MB;
a file far beyond it is refused before any checking starts.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehcplan.errors import PlanFileError

MAX_WORDS = 100_000
# Ten times the longest real plans; reading the text of a page takes a few milliseconds.
MAX_PAGES = 400


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
