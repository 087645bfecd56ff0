"""Acronyms: found anywhere in the plan, explained or not on first use, ambiguous or not.

An acronym is explained where it is first used, in either form: "speech and language therapist
(SALT)" or "SALT (speech and language therapist)". After that, later uses pass. Ambiguous
acronyms (CP: cerebral palsy or child protection) are flagged every time. Any run of capitals
counts, not only the acronyms in the lexicon; the lexicon supplies expansions for the messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ehcplan.check.analysis.quotes import inside, quoted_spans
from ehcplan.check.text_memo import by_text
from ehcplan.check.text_units import TextUnit
from ehcplan.lexicons import Entry, Lexicon

_CANDIDATE = re.compile(r"(?<![A-Za-z0-9&\-])[A-Z][A-Za-z&]{1,9}[0-9]?(?![A-Za-z0-9&])")
_WORDS = re.compile(r"[A-Za-z]+")
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "with", "to", "a", "on", "&"})


@dataclass(frozen=True)
class AcronymUse:
    """One use of an acronym in a unit of text."""

    unit: TextUnit
    start: int
    end: int
    acronym: str
    explained_here: bool
    explained_before: bool
    entry: Entry | None

    @property
    def key(self) -> str:
        """The same for every spelling of one acronym (SENCO, SENCo, SENCOs)."""
        return (self.entry.id if self.entry else self.acronym.rstrip("s")).upper()

    @property
    def ambiguous(self) -> bool:
        return self.entry is not None and self.entry.kind == "ambiguous"

    @property
    def expansion(self) -> str | None:
        return self.entry.alternative if self.entry else None


class AcronymIndex:
    """The acronyms lexicon, by form."""

    def __init__(self, lexicon: Lexicon, statutory: Lexicon) -> None:
        self.statutory = statutory
        self.forms: dict[str, Entry] = {}
        for entry in lexicon.entries:
            for form in entry.phrases:
                self.forms.setdefault(form, entry)
                self.forms.setdefault(form.upper(), entry)
        self.well_known = {word.upper() for word in lexicon.lists.get("well-known", [])}
        self.not_acronyms = {word.upper() for word in lexicon.lists.get("not-acronyms", [])}
        # Capitals inside statutory names ("EHC plan") are the law's own words, given to every family.
        self.well_known |= {
            word.upper()
            for entry in statutory.entries
            for phrase in entry.phrases
            for word in phrase.split()
            if word.isupper()
        }

    def in_text(self, text: str) -> tuple[tuple[int, int, str, bool, Entry | None], ...]:
        """The acronyms in one text: where, which, whether explained there, and their entry.
        Kept by text, so a re-check reads again only the units that changed."""
        return _acronyms_in(text, self)

    def entry_for(self, token: str) -> Entry | None:
        singular = token[:-1] if token.endswith("s") and len(token) > 2 else token
        return self.forms.get(token) or self.forms.get(singular) or self.forms.get(token.upper())

    def is_acronym(self, token: str) -> bool:
        if token[-1].isdigit():
            return token in self.forms  # KS2 is an abbreviation; B1 and Y6 are not
        singular = token[:-1] if token.endswith("s") and len(token) > 2 else token
        if singular.upper() in self.not_acronyms or singular.upper() in self.well_known:
            return False
        if token in self.forms or singular in self.forms:
            return True
        capitals = sum(char.isupper() for char in singular)
        return capitals >= 2 and capitals * 2 >= len(singular)


def acronym_uses(units: Iterable[TextUnit], lexicon: Callable[[str], Lexicon]) -> list[AcronymUse]:
    """Every acronym use, in reading order, knowing which were explained before."""
    index = _index_of(lexicon("acronyms"), lexicon("statutory"))
    explained: set[str] = set()
    uses: list[AcronymUse] = []
    for unit in units:
        for start, end, token, here, entry in index.in_text(unit.text):
            use = AcronymUse(unit, start, end, token, here, False, entry)
            use = AcronymUse(unit, start, end, token, here, use.key in explained, entry)
            uses.append(use)
            if here:
                explained.add(use.key)
    return uses


def _index_of(lexicon: Lexicon, statutory: Lexicon) -> AcronymIndex:
    """One index per loaded pair of lexicons (a changed file is loaded anew, and so indexed anew).
    The index holds the statutory lexicon, so its id names it for as long as the key is kept."""
    return lexicon.derived(("acronym-index", id(statutory)), lambda: AcronymIndex(lexicon, statutory))


@by_text
def _acronyms_in(text: str, index: AcronymIndex) -> tuple[tuple[int, int, str, bool, Entry | None], ...]:
    if _is_heading(text):
        return ()
    quotes = quoted_spans(text)
    found = []
    for match in _CANDIDATE.finditer(text):
        token = match.group()
        if not index.is_acronym(token) or inside(match.start(), match.end(), quotes):
            continue
        entry = index.entry_for(token)
        here = _explained_at(text, match.start(), match.end(), token, entry)
        found.append((match.start(), match.end(), token, here, entry))
    return tuple(found)


def _is_heading(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(text.split()) >= 3 and sum(char.isupper() for char in letters) > 0.7 * len(letters)


def _explained_at(text: str, start: int, end: int, token: str, entry: Entry | None) -> bool:
    """'long form (ACR)' or 'ACR (long form)'."""
    # In a mixed-case acronym only the capitals stand for words: SpLD, SaLT, PfA, ToD.
    stem = token.rstrip("s") if len(token) > 2 else token
    capitals = [char for char in stem if char.isupper()]
    letters = [char.lower() for char in (capitals if len(capitals) < len(stem) else stem) if char.isalpha()]
    before = text[:start].rstrip()
    after = text[end:]
    if before.endswith("(") and after.lstrip().startswith(")"):
        window = before[:-1]
        return _initials_match(window, letters, tail=True) or _expansion_in(window[-120:], entry)
    opened = re.match(r"\s*\(([^)]{3,120})\)", after)
    if opened:
        inner = opened.group(1)
        return _initials_match(inner, letters, tail=False) or _expansion_in(inner, entry)
    dashed = re.match(r"\s*[–—:-]\s*([^.;]{3,80})", after)
    return bool(dashed and _initials_match(dashed.group(1), letters, tail=False))


def _initials_match(text: str, letters: list[str], *, tail: bool) -> bool:
    """The acronym's letters, in order, among the initials of the nearby words."""
    words = _WORDS.findall(text)
    window = words[-(len(letters) + 4) :] if tail else words[: len(letters) + 4]
    initials: list[str] = []
    for word in window:
        initials.append(word[0].lower())
        # the capitals inside a word can stand in the acronym too ("PowerPoint (PP)")
        initials.extend(char.lower() for char in word[1:] if char.isupper())
    return _subsequence(letters, initials)


def _subsequence(needle: list[str], haystack: list[str]) -> bool:
    position = 0
    for char in haystack:
        if position < len(needle) and char == needle[position]:
            position += 1
    return position == len(needle)


def _expansion_in(text: str, entry: Entry | None) -> bool:
    if entry is None or not entry.alternative:
        return False
    lowered = text.lower()
    options = [
        option.strip() for option in re.split(r"\bor\b|;|/", entry.alternative.lower()) if option.strip()
    ]
    return any(
        option in lowered or _content_words(option) <= set(_WORDS.findall(lowered)) for option in options
    )


def _content_words(text: str) -> set[str]:
    return {word for word in _WORDS.findall(text.lower()) if word not in _SMALL_WORDS}
