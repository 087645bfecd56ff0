"""Names out of audit reports, so they can be shared with a panel or a parent carer forum.

Each person's name, and each part of it, becomes the person's initials ("Leo Martin" and "Leo"
both become "LM"), the same in every output and every run. Names come from each plan's details
(the child and the parents or carers) and from the people spaCy's entity recogniser finds in the
text that is reported; every name found in any plan is taken out of every plan's report, and
out of file paths too. Text is cut to the words at fault with a little context either side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ehcplan.lexicons import BUILT_IN_LEXICONS

if TYPE_CHECKING:
    from ehcplan.audit.entry import AuditEntry
    from ehcplan.model.findings import Finding

# How much of an item's text is kept either side of the words at fault, and of the words at
# fault themselves (a long sentence is quoted from its start).
CONTEXT_CHARACTERS = 60
QUOTED_CHARACTERS = 100
_NOT_WORD = r"(?<![0-9A-Za-zÀ-ÿ])", r"(?![0-9A-Za-zÀ-ÿ])"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    replacement: str


@cache
def _words(list_name: str) -> frozenset[str]:
    # The built-in lists: what counts as a title or a body is not a local choice.
    return BUILT_IN_LEXICONS.words("redaction", list_name)


def name_parts(name: str) -> list[str]:
    """The words of a name that identify the person: no titles, no initials; none for a body."""
    words = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*", name)
    if any(word.lower() in _words("organisations") for word in words):
        return []
    return [word for word in words if word.lower().rstrip(".") not in _words("titles") and len(word) > 1]


def initials(name: str) -> str:
    """'Leo Martin' -> 'LM'; 'Mrs Jones' -> 'J'."""
    return "".join(part[0].upper() for part in name_parts(name)) or "X"


def looks_like_name(text: str) -> bool:
    """True for words written as a name: each capitalised, none in capitals only (an acronym)."""
    parts = name_parts(text)
    return bool(parts) and all(part[0].isupper() and not part.isupper() for part in parts)


class Redactor:
    """Replaces every known person's name, and each part of it, with their initials.

    ``people`` holds each person's names: the full name first, then any others ('Thomas James
    Whitaker', 'Tom'), all replaced by the initials of the first.
    """

    def __init__(self, people: Iterable[Iterable[str]]) -> None:
        replacements: dict[str, str] = {}
        groups = [[name.strip() for name in names if name and name.strip()] for names in people]
        # Fuller names first, so a part shared by two people goes to the fuller one.
        for names in sorted((group for group in groups if group), key=lambda group: -len(group[0])):
            code = initials(names[0])
            for name in names:
                parts = name_parts(name)
                if parts:
                    replacements.setdefault(" ".join(parts), code)
                for part in parts:
                    replacements.setdefault(part, code)
        ordered = sorted(replacements, key=len, reverse=True)
        alternatives = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)
        self._text = re.compile(f"{_NOT_WORD[0]}(?:{alternatives}){_NOT_WORD[1]}") if ordered else None
        self._path = (
            re.compile(f"{_NOT_WORD[0]}(?:{alternatives}){_NOT_WORD[1]}", re.IGNORECASE) if ordered else None
        )
        self._lookup = {name.lower(): code for name, code in replacements.items()}

    def _spans(self, text: str, pattern: re.Pattern[str] | None) -> list[Span]:
        if pattern is None:
            return []
        spans: list[Span] = []
        for match in pattern.finditer(text):
            code = self._lookup[re.sub(r"\s+", " ", match.group()).lower()]
            previous = spans[-1] if spans else None
            if previous and previous.replacement == code and not text[previous.end : match.start()].strip():
                # 'Amara Nwosu' (parts of one name, side by side) becomes one 'ACN', not two.
                spans[-1] = Span(previous.start, match.end(), code)
            else:
                spans.append(Span(match.start(), match.end(), code))
        return spans

    def text(self, text: str) -> str:
        """Text with names replaced."""
        return replace_spans(text, self._spans(text, self._text))[0]

    def path(self, path: str) -> str:
        """A file path with names replaced, whatever their case ('year5-leo.yaml')."""
        return replace_spans(path, self._spans(path, self._path))[0]

    def span(self, text: str, start: int, end: int) -> tuple[str, int, int]:
        """Text with names replaced, and the offsets of the words at fault moved to match."""
        return replace_spans(text, self._spans(text, self._text), start, end)


def replace_spans(text: str, spans: list[Span], start: int = 0, end: int = 0) -> tuple[str, int, int]:
    """Apply non-overlapping replacements; ``start`` and ``end`` move with the text around them."""
    pieces: list[str] = []
    position = 0
    shift = 0
    new_start, new_end = start, end
    for span in spans:
        pieces.append(text[position : span.start])
        growth = len(span.replacement) - (span.end - span.start)
        if span.start < start < span.end:
            new_start = span.start + shift
        elif span.end <= start:
            new_start += growth
        if span.start < end < span.end:
            new_end = span.start + shift + len(span.replacement)
        elif span.end <= end:
            new_end += growth
        pieces.append(span.replacement)
        shift += growth
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces), new_start, new_end


def trim(text: str, start: int, end: int, context: int = CONTEXT_CHARACTERS) -> tuple[str, int, int]:
    """The words at fault with up to ``context`` characters either side, cut at a space."""
    if end - start > QUOTED_CHARACTERS:
        space = text.rfind(" ", start, start + QUOTED_CHARACTERS)
        cut = space if space > start else start + QUOTED_CHARACTERS
        excerpt, new_start, new_end = trim(text[:cut], start, cut, context)
        return excerpt + " …", new_start, new_end
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    excerpt = prefix + text[left:right] + suffix
    return excerpt, start - left + len(prefix), end - left + len(prefix)


def trim_entry(entry: AuditEntry) -> None:
    """Cut every finding's text in an entry down to its words at fault and a little context."""
    entry.findings = [_trimmed(finding) for finding in entry.findings]
    entry.accepted = [_trimmed(finding) for finding in entry.accepted]


def _trimmed(finding: Finding) -> Finding:
    text, start, end = trim(finding.text, finding.start, finding.end)
    return replace(finding, text=text, start=start, end=end)


def redact_entry(entry: AuditEntry, redactor: Redactor) -> None:
    """Take names out of an entry: its path, its error and every finding's words."""
    entry.path = redactor.path(entry.path)
    if entry.error:
        entry.error = redactor.path(entry.error)
    entry.findings = [redacted_finding(finding, redactor) for finding in entry.findings]
    entry.accepted = [redacted_finding(finding, redactor) for finding in entry.accepted]


def redacted_finding(finding: Finding, redactor: Redactor) -> Finding:
    """The finding with names taken out of its words, message, suggestion and reason for accepting."""
    text, start, end = redactor.span(finding.text, finding.start, finding.end)
    wording = {
        key: redactor.text(value)
        for key in ("message", "suggestion", "accepted")
        if (value := getattr(finding, key))
    }
    return replace(finding, text=text, start=start, end=end, **wording)
