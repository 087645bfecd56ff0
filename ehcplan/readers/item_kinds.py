"""What a block of a section is: an item, a statement about the section, or the layout's own words.

Council templates leave prompts ("Describe all of the child's needs"), placeholders ("Click or
tap here to enter text."), sign-off rows ("Role / position: SEN Team Manager") and sentences about
the section ("The outcomes below are grouped by area of need") among the content. None of them is
an item. "Not applicable", "N/A" and "No identified needs in this area" are statements about a
section or an area of need: the section's statement when they stand alone, never an item.
"""

from __future__ import annotations

import re
from functools import cache

from ehcplan.readers.vocabulary import ReaderVocabulary, current_vocabulary

_WORDS = re.compile(r"[a-z]+(?:['-][a-z]+)*")
_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z /]{0,30}?)\s*:\s*(?P<value>.*)$")
# "None.", "N/A", "Not applicable.", "Nil", "-", "–": nothing written.
_PAGE = re.compile(r"^\s*page\s+[0-9]{1,3}(?:\s+of\s+[0-9]{1,3})?\s*$", re.IGNORECASE)
# Dot leaders or a tab, then a page number, at the end of the line.
_CONTENTS_LINE = re.compile(r"(?:\.{4,}|…{2,}|(?<!:)\t)\s*[0-9]{1,3}\s*$")
_EMPTY = re.compile(r"^\s*(?:none|n/?a|nil|not applicable|not known|no|[-–—]+)\s*[.!]?\s*$", re.IGNORECASE)


def _lists() -> dict[str, frozenset[str]]:
    return _lists_in(current_vocabulary())


@cache
def _lists_in(vocabulary: ReaderVocabulary) -> dict[str, frozenset[str]]:
    lexicon = vocabulary.layout
    return {name: lexicon.words(name) for name in lexicon.lists}


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _normal_list(name: str) -> frozenset[str]:
    """A list's entries in the words ``_normal`` gives, built once rather than per block."""
    return _normal_list_in(current_vocabulary(), name)


@cache
def _normal_list_in(vocabulary: ReaderVocabulary, name: str) -> frozenset[str]:
    return frozenset(_normal(word) for word in _lists_in(vocabulary)[name])


def is_layout(text: str) -> bool:
    """True for the template's own words: a placeholder, a sign-off row, a prompt, or a sentence about the section."""
    lists = _lists()
    plain = _normal(text)
    if not plain:
        return True
    if any(placeholder in plain for placeholder in lists["placeholders"]):
        return True
    form_labels = _normal_list("form-labels")
    label = _LABEL.match(text)
    if label and _normal(label.group("label")) in form_labels:
        return True
    # A column title or a heading inside a section: "Outcome no.", "How often", "Cognition and learning".
    if plain in form_labels or plain in _normal_list("area-headings"):
        return True
    if _PAGE.match(text):
        return True
    # "[EHCP: Amended Final Following Appeal Hearing]": an editor's note in square brackets.
    if re.fullmatch(r"\s*\[[^\]]{1,200}\]\s*", text):
        return True
    # "E3 – Removed following the annual review": the record of an item taken out, not an item.
    opening = re.sub(r"^\s*(?:[A-K][0-9]{1,2}|[0-9]{1,2}(?:\.[0-9]{1,2})?)?\s*[–—:.-]?\s*", "", text).lower()
    if any(opening.startswith(marker) for marker in lists["removed-markers"]):
        return True
    return is_prompt(text) or is_about_the_section(text)


def is_contents_line(text: str) -> bool:
    """A line of a contents page ("Section B – My needs ........ 3"): neither a heading nor an item."""
    stripped = text.strip()
    return bool(_CONTENTS_LINE.search(stripped)) or _normal(stripped) in ("contents", "table of contents")


def is_prompt(text: str) -> bool:
    """A template's instruction or question to the writer ("Please describe ...", "What help do I need?")."""
    lists = _lists()
    stripped = text.strip()
    plain = _normal(stripped)
    first_two = " ".join(plain.split()[:2])
    opens = plain.split()[:1] and (
        plain.split()[0] in lists["prompt-verbs"] or first_two in lists["prompt-verbs"]
    )
    if opens and any(f" {word} " in f" {plain} " for word in lists["template-words"]):
        return True
    if plain.startswith("please "):
        return True  # "Please describe.": a form asking, never an item
    if stripped.endswith("?") and len(plain.split()) <= 30:
        return True
    # "Outcomes must be SMART ...", "This section must include provision for all the needs ...",
    # in any of its sentences; and guidance shouted in capitals ("... MUST be included").
    for sentence in re.split(r"(?<=[.!?])\s+", stripped):
        words = _normal(sentence)
        for subject in lists["section-subjects"]:
            if words.startswith(f"{subject} must ") or words.startswith(f"{subject} should "):
                return True
    return bool(re.search(r"\b(?:MUST|SHOULD)\b", stripped)) and not re.search(
        r"\b(?:he|she|his|her|they|their)\b", stripped, re.IGNORECASE
    )


def is_about_the_section(text: str) -> bool:
    """A sentence about the section rather than in it ("The outcomes below are grouped by area of need")."""
    plain = _normal(text)
    opening = " ".join(plain.split()[:8])
    return any(phrase in opening for phrase in _lists()["about-the-section"])


# What says a section or area has nothing in it; stricter than a need such as "has no words yet".
_NOTHING_HERE = re.compile(
    r"\b(?:not applicable|n/a|none identified|no needs? (?:have been |has been )?identified|"
    r"no (?:identified |known |current |assessed |additional )?(?:special educational |health |social care |sen )?"
    r"(?:care )?needs?\b|no (?:provision|support) (?:is )?(?:required|needed)|not required|does not apply)",
    re.IGNORECASE,
)


def restates_the_title(text: str, title: str) -> bool:
    """A template's restatement of its section's statutory title ("Health needs related to the
    child's special educational needs or disability."), which says nothing about this child."""
    words = [word for word in _normal(text).split() if len(word) > 3]
    title_words = {word for word in _normal(title).split() if len(word) > 3}
    if not words or len(words) > 25:
        return False
    # Words about a child ("Maya has health needs related to her epilepsy") are content.
    if re.search(r"\b(?:he|she|his|her|hers|him|they|their|i|my)\b", text, re.IGNORECASE):
        return False
    if any(
        word[:1].isupper()
        for word in text.split()[1:]
        if word[:1].isalpha() and word.lower() not in title.lower()
    ):
        return False
    shared = sum(word in title_words or word.rstrip("s") in title_words for word in words)
    return shared * 10 >= len(words) * 6 and shared >= 2


def is_statement(text: str) -> bool:
    """A statement about a section or area ("Not applicable", "No identified needs in this area",
    "See Section G."), not an item."""
    stripped = text.strip()
    if _EMPTY.match(stripped):
        return True
    plain = _normal(stripped)
    if len(plain.split()) <= 8 and any(plain.startswith(pointer) for pointer in _lists()["pointers"]):
        return True
    return len(plain.split()) <= 25 and bool(_NOTHING_HERE.search(stripped))
