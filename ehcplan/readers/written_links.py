"""The golden thread as councils write it in words: "(need B1)", "meets needs B3 and B5",
"links to outcome 2", "(2.3)" for a paragraph of section B.

A loose document rarely has a links column. Its writer puts the links in the item's words, often
in a label before it ("F1 (meets need B1, outcome E1)."), with the document's own numbers. Those
numbers are resolved against the labels the document gave its items, so an outcome numbered E4
after a deleted E3 is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ehcplan.model.plan import ITEM_REFERENCE, ITEM_REFERENCES

_REF = rf"(?:{ITEM_REFERENCE}|[0-9]{{1,2}}(?:\.[0-9]{{1,2}})?)"
_LIST = rf"{_REF}(?:\s*(?:,|;|/|&|\band\b|\bor\b)\s*{_REF})*"
# A bare number is a reference only where the list ends the phrase: "needs 2 adults" is no link.
_END = r"(?=\s*(?:[),.;:]|\band\b|\bor\b|$))"
_NEEDS = re.compile(rf"\b(?:meets?\s+|for\s+)?needs?\s+(?P<refs>{_LIST}){_END}", re.IGNORECASE)
_OUTCOMES = re.compile(rf"\boutcomes?\s+(?P<refs>{_LIST}){_END}", re.IGNORECASE)
_IDS_IN_BRACKETS = re.compile(r"\((?P<refs>[^()]{1,80})\)")
_ID_LIST = rf"{ITEM_REFERENCE}(?:\s*(?:,|;|/|&|\band\b)\s*{ITEM_REFERENCE})*"
# "F2 meets B1, E1", "serves E3", "links to B2": ids after a verb of linking.
_LINKING = re.compile(
    rf"\b(?:meets?|serves?|links?\s+(?:to|with)|towards?|addresses|for)\s+(?P<refs>{_ID_LIST})"
)
_DECIMAL = re.compile(r"\b[0-9]{1,2}\.[0-9]{1,2}\b")
_ONE = re.compile(_REF)
# A paragraph number at the start ("5.2 By July ..."): the document's label for the item.
_LEADING_NUMBER = re.compile(r"^\s*(?P<label>[0-9]{1,2}\.[0-9]{1,2})\.?\s+")
# A label of links before the words ("(need B1)", "(meets needs B3, B5; outcome E5).").
_LEADING_LINKS = re.compile(r"^\s*\((?P<inner>[^()]{1,80})\)\s*[.:–-]?\s*")

NEED_LETTERS = ("B", "C", "D")


# Links by what an item is for: "For her handwriting: ...", "This outcome is about: seeing.",
# "For: seeing; reading and writing.", "for his reading needs".
_TOPICS = (
    re.compile(r"^\s*for\s+(?:his|her|their|my|the)?\s*(?P<topic>[^:.]{2,60}):", re.IGNORECASE),
    re.compile(r"\bfor:\s*(?P<topic>[^.]{2,80})", re.IGNORECASE),
    re.compile(
        r"\bthis (?:outcome |provision |support )?is (?:for|about)\s*:?\s*(?:his|her|their|my)?\s*(?P<topic>[^.]{2,60})",
        re.IGNORECASE,
    ),
    re.compile(r"\bfor (?:his|her|their|my) (?P<topic>[a-z][a-z ]{1,40}?) needs?\b", re.IGNORECASE),
    # "(For her communication.)"
    re.compile(r"\(\s*for\s+(?:his|her|their|my)?\s*(?P<topic>[^.)]{2,60})[.)]", re.IGNORECASE),
    # "for Finn's glue ear", "for Omar's anxiety"
    re.compile(r"\bfor [A-Z][a-z]+(?:'s|’s) (?P<topic>[a-z][a-z ]{1,40}?)(?=[.,;:)]|$| and | which | so )"),
)
_TOPIC_SPLIT = re.compile(r"\s*[;,]\s*|\s+and also\s+")
_STEM_WORDS = re.compile(r"[a-z]{3,}")
_NOT_TOPIC_WORDS = frozenset(
    {
        "and",
        "the",
        "his",
        "her",
        "their",
        "about",
        "with",
        "for",
        "needs",
        "need",
        "out",
        "into",
        "from",
        "parents",
    }
)


@dataclass
class WrittenLinks:
    """What an item's words say about its links, in the document's own numbers."""

    label: str | None = None
    needs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.needs or self.outcomes or self.topics)


def topics_of(text: str) -> list[str]:
    """What the item says it is for, each as its words ("reading and writing", "organisation")."""
    found: list[str] = []
    for pattern in _TOPICS:
        for match in pattern.finditer(text):
            topic = re.sub(
                r"\(?\s*sections?\s+[A-K][0-9]?\s*\)?", "", match.group("topic"), flags=re.IGNORECASE
            )
            # "her social care need to go out": the kind of need says nothing of what it is about.
            topic = re.sub(
                r"\b(?:social care|health|special educational)\s+needs?\b", "", topic, flags=re.IGNORECASE
            )
            for part in _TOPIC_SPLIT.split(topic):
                words = topic_words(part)
                if words and len(part.split()) <= 6:
                    found.append(" ".join(words))
    return list(dict.fromkeys(found))


def topic_words(text: str) -> list[str]:
    """A topic's words, cut to their first five letters so "organisation" meets "organise"."""
    return [word[:5] for word in _STEM_WORDS.findall(text.lower()) if word not in _NOT_TOPIC_WORDS]


def about(text: str, topic: str) -> int:
    """How plainly ``text`` is about ``topic``: 0 when a topic word is missing, more when they come early."""
    words = [word[:5] for word in _STEM_WORDS.findall(text.lower())]
    wanted = topic.split()
    present = [word for word in wanted if word in words]
    # Most of the topic's words, so "going out in the community" finds "go to community activities".
    if not wanted or len(present) * 2 < len(wanted):
        return 0
    early = [word for word in present if word in words[:8]]
    return 2 * len(present) + len(early)


def read_written_links(text: str) -> tuple[str, WrittenLinks]:
    """The item's words without a leading number or label of links, and the links they write."""
    found = WrittenLinks()
    number = _LEADING_NUMBER.match(text)
    if number:
        found.label = number.group("label")
        text = text[number.end() :]
    label = _LEADING_LINKS.match(text)
    if label and (
        _NEEDS.search(label.group("inner"))
        or _OUTCOMES.search(label.group("inner"))
        or ITEM_REFERENCES.search(label.group("inner"))
    ):
        found.needs, found.outcomes = _references(label.group("inner"), in_label=True)
        text = text[label.end() :]
    needs, outcomes = _references(text, in_label=False)
    found.needs += [ref for ref in needs if ref not in found.needs]
    found.outcomes += [ref for ref in outcomes if ref not in found.outcomes]
    found.topics = topics_of(text)
    return text.strip(), found


def _references(text: str, *, in_label: bool) -> tuple[list[str], list[str]]:
    needs: list[str] = []
    outcomes: list[str] = []
    for match in _NEEDS.finditer(text):
        needs += _ONE.findall(match.group("refs"))
    for match in _OUTCOMES.finditer(text):
        outcomes += [ref for ref in _ONE.findall(match.group("refs")) if not ref.startswith(NEED_LETTERS)]
    for match in _LINKING.finditer(text):
        for ref in ITEM_REFERENCES.findall(match.group("refs")):
            (outcomes if ref.startswith("E") else needs).append(ref)
    # Ids in brackets anywhere ("(B2, B3)"), and paragraph numbers in brackets ("(2.3)").
    for match in _IDS_IN_BRACKETS.finditer(text):
        inner = match.group("refs")
        if _NEEDS.search(inner) or _OUTCOMES.search(inner):
            continue  # read above
        for ref in ITEM_REFERENCES.findall(inner):
            (outcomes if ref.startswith("E") else needs).append(ref)
        if re.fullmatch(rf"\s*{_DECIMAL.pattern}(?:\s*[,;]\s*{_DECIMAL.pattern})*\s*", inner):
            needs += _DECIMAL.findall(inner)
    if in_label:
        for ref in ITEM_REFERENCES.findall(text):
            target = outcomes if ref.startswith("E") else needs
            if ref not in target and ref.startswith(("E", *NEED_LETTERS)):
                target.append(ref)
    return _distinct(needs), _distinct(outcomes)


def _distinct(refs: list[str]) -> list[str]:
    return list(dict.fromkeys(refs))


def resolve(ref: str, letters: tuple[str, ...], labels: dict[str, str], known: set[str]) -> str | None:
    """An item id for a reference as written: an id, a paragraph label, or a bare number."""
    if ref in known:
        return ref
    if ref in labels:
        return labels[ref]
    if ref.isdigit():
        for letter in letters:
            if f"{letter}{ref}" in known:
                return f"{letter}{ref}"
    return None
