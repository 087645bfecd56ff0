"""What the tagger, parser and lemmatiser said of a text, kept without the text.

A parse is the slow part of a check. Its result can be kept (on disk between runs, or sent back
from a helper process) as the labels alone: each token's tag, part of speech, morphology,
dependency and head, and how its lemma differs from the word. The words themselves are never
kept; they come back from the tokenizer, which splits the same text the same way every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A lemma as (lower-case the word first?, characters cut from its end, ending added): "children"
# -> "child" is (False, 3, ""), "Running" -> "run" is (True, 4, ""). Only the changed ending is
# kept, so a name or a rare word is never written down.
LemmaChange = tuple[bool, int, str]
# spaCy's arrays are unsigned: a head before its token is an offset wrapped round 2**64.
_WRAP = 2**64


@dataclass(frozen=True)
class Annotations:
    """The labels of one parsed text, token by token (no words)."""

    tags: tuple[str, ...]
    parts_of_speech: tuple[str, ...]
    morphology: tuple[str, ...]
    dependencies: tuple[str, ...]
    heads: tuple[int, ...]  # each token's head, as an offset from the token
    lemmas: tuple[LemmaChange, ...]

    def to_plain(self) -> list[Any]:
        """Lists and strings only, for msgpack or JSON."""
        return [
            list(self.tags),
            list(self.parts_of_speech),
            list(self.morphology),
            list(self.dependencies),
            list(self.heads),
            [list(change) for change in self.lemmas],
        ]

    @classmethod
    def from_plain(cls, plain: Any) -> Annotations | None:
        """Annotations read back from ``to_plain``, or None when the data is not of that shape."""
        try:
            tags, parts, morphology, dependencies, heads, lemmas = plain
            changes = tuple((bool(lower), int(cut), str(added)) for lower, cut, added in lemmas)
            made = cls(
                tuple(map(str, tags)),
                tuple(map(str, parts)),
                tuple(map(str, morphology)),
                tuple(map(str, dependencies)),
                tuple(map(int, heads)),
                changes,
            )
        except (TypeError, ValueError):
            return None
        sizes = {len(made.tags), len(made.parts_of_speech), len(made.morphology), len(made.dependencies)}
        return made if sizes == {len(made.heads)} == {len(made.lemmas)} else None


def annotations_of(doc: Doc) -> Annotations:
    """The labels a parse gave ``doc``."""
    return Annotations(
        tuple(token.tag_ for token in doc),
        tuple(token.pos_ for token in doc),
        tuple(str(token.morph) for token in doc),
        tuple(token.dep_ for token in doc),
        tuple(token.head.i - token.i for token in doc),
        tuple(_lemma_change(token.text, token.lemma_) for token in doc),
    )


def restore(tokens: Doc, annotations: Annotations) -> Doc | None:
    """``tokens`` (a tokenised doc) given the labels of its parse, or None when they do not fit."""
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    if len(tokens) != len(annotations.heads):
        return None
    strings = tokens.vocab.strings
    lemmas = [_changed(token.text, change) for token, change in zip(tokens, annotations.lemmas, strict=True)]
    columns = (
        annotations.tags,
        annotations.parts_of_speech,
        annotations.morphology,
        annotations.dependencies,
        lemmas,
    )
    rows = [
        [
            strings.add(tag),
            strings.add(part),
            strings.add(morph),
            strings.add(dep),
            head % _WRAP,
            strings.add(lemma),
        ]
        for tag, part, morph, dep, lemma, head in zip(*columns, annotations.heads, strict=True)
    ]
    import numpy

    array = numpy.array(rows, dtype="uint64") if rows else numpy.zeros((0, 6), dtype="uint64")
    tokens.from_array([TAG, POS, MORPH, DEP, HEAD, LEMMA], array)
    return tokens


def _lemma_change(word: str, lemma: str) -> LemmaChange:
    plain = _shared_start(word, lemma)
    lowered = _shared_start(word.lower(), lemma)
    lower = lowered > plain
    shared = lowered if lower else plain
    return (lower, len(word) - shared, lemma[shared:])


def _changed(word: str, change: LemmaChange) -> str:
    lower, cut, added = change
    base = word.lower() if lower else word
    return base[: len(base) - cut] + added


def _shared_start(first: str, second: str) -> int:
    shared = 0
    for one, other in zip(first, second, strict=False):
        if one != other:
            break
        shared += 1
    return shared
