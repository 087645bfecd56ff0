"""Deficit labels read from the grammar: a failing said of the child, not only a word on a list.

Two ideas. A word for the child's character that can be neutral elsewhere ("aggressive behaviour
towards the dog") labels the child when it is said of them ("Jordan is aggressive", "Grace is
clumsy"). And a virtue denied to the child ("disorganised", "uncooperative", "unmotivated") is a
label whatever the word, where a state ("unhappy", "unwell") is not: the lexicon lists the
virtues, the grammar finds them negated and said of the child.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ehcplan.check.matching import lexicon_of
from ehcplan.check.text_memo import by_text
from ehcplan.lexicons import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

COPULAS = frozenset({"be", "seem", "appear", "become", "remain", "look", "get", "sound"})
CHILD_PRONOUNS = frozenset({"he", "she", "they", "i", "who"})
NEGATING_PREFIXES = ("un", "dis", "in", "im", "ir", "il", "non-", "non")


def said_of_child(span: Span) -> bool:
    """True when ``span`` is the complement of a copula whose subject is a person ("Jordan is aggressive")."""
    not_people = lexicon_of(span.doc, "deficit").words("not-a-person")
    for token in span:
        first = token
        while first.dep_ == "conj" and first.head is not first:
            first = first.head  # "is aggressive and threatening"
        verb = first.head
        if first.dep_ not in ("acomp", "attr") or verb.lemma_.lower() not in COPULAS:
            continue
        subjects = [child for child in verb.children if child.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "conj":  # "He will only eat beige food and is fussy"
            subjects = [child for child in verb.head.children if child.dep_ == "nsubj"]
        if any(_is_person(subject, not_people) for subject in subjects):
            return True
    return False


def labels_said_of_child(doc: Doc) -> list[Span]:
    """Words that label the child, said of them: a virtue denied ("disorganised", "unmotivated") or
    a word for their character ("clumsy", "aggressive")."""
    labels = _labelling_words(lexicon_of(doc, "deficit"))
    found = []
    for token in doc:
        if token.lower_ not in labels:
            continue
        span = doc[token.i : token.i + 1]
        if said_of_child(span):
            found.append(span)
    return found


def may_label(text: str, lexicon: Lexicon) -> bool:
    """A cheap test on the words alone, so only a few units are parsed."""
    return _may_label(text, _labelling_words(lexicon))


@by_text
def _may_label(text: str, labels: frozenset[str]) -> bool:
    return any(word.strip(".,;:!?'\"()").lower() in labels for word in text.split())


def _labelling_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word that may label a child: a trait, or a virtue with a negating prefix ('unmotivated').
    Worked out once per loaded lexicon, so the test is one look-up a word."""
    return lexicon.derived(
        "labelling-words",
        lambda: (
            lexicon.words("trait-labels")
            | {prefix + virtue for prefix in NEGATING_PREFIXES for virtue in lexicon.words("virtues")}
        ),
    )


def _is_person(token: Token, not_people: frozenset[str]) -> bool:
    if token.lower_ in CHILD_PRONOUNS:
        return True
    # The tagger often takes a name for a common noun ("Grace"): a capitalised subject counts.
    return (token.pos_ == "PROPN" or token.is_title) and token.lower_ not in not_people
