"""Finding lexicon entries in text: spaCy matchers built from the lexicon files, per pipeline vocabulary.

An entry's patterns that need a particular word run only on text that has it, and an answer is
kept on the doc, since several rules ask for the same lexicon on the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ehcplan.check.pipeline import LanguageTools, tools_of
from ehcplan.errors import EhcplanError
from ehcplan.lexicons import Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Match:
    """An entry found in a document, and the words it covers."""

    entry: Entry
    span: Span

    @property
    def start_char(self) -> int:
        return self.span.start_char

    @property
    def end_char(self) -> int:
        return self.span.end_char


@lru_cache(maxsize=256)
def matchers_for(tools: LanguageTools, name: str, validate: bool = False) -> LexiconMatchers:
    """The matchers for one lexicon of the tools' library, on their pipeline's vocabulary (tools
    of another state of the lexicon files build their own)."""
    from spacy.matcher import Matcher, PhraseMatcher

    lexicon = tools.lexicon(name)
    language = tools.nlp
    # Validating every pattern costs a fifth of a second at start-up; the tests validate them all.
    always = Matcher(language.vocab, validate=validate)
    gated: list[tuple[frozenset[str], Any]] = []
    phrases = PhraseMatcher(language.vocab, attr="LOWER")
    for entry in lexicon.entries:
        entry_matcher, entry_anchors = None, set()
        for pattern in lexicon.expanded_patterns(entry):
            words = pattern_anchors(pattern)
            if words is None:
                target = always
            else:
                entry_matcher = entry_matcher or Matcher(language.vocab, validate=validate)
                entry_anchors |= words
                target = entry_matcher
            try:
                target.add(entry.id, [pattern])
            except (ValueError, KeyError) as error:
                raise EhcplanError(
                    f"lexicon '{name}': entry '{entry.id}' has a bad pattern: {error}"
                ) from None
        if entry_matcher is not None:
            gated.append((frozenset(entry_anchors), entry_matcher))
        if entry.phrases:
            phrases.add(entry.id, list(language.tokenizer.pipe(phrase.lower() for phrase in entry.phrases)))
    by_word: dict[str, list[int]] = {}
    for index, (anchors, _matcher) in enumerate(gated):
        for word in anchors:
            by_word.setdefault(word, []).append(index)
    return LexiconMatchers(tuple(matcher for _anchors, matcher in gated), by_word, always, phrases)


@dataclass(frozen=True)
class LexiconMatchers:
    """A lexicon's matchers. An entry whose patterns each need a particular word has a matcher of
    its own, run only on text that has one of those words: spaCy's Matcher tries every pattern at
    every token, and most text has the key words of none or one or two of a lexicon's entries."""

    gated: tuple[Any, ...]  # one matcher per entry, in the lexicon's order
    by_word: dict[str, list[int]]  # key word -> the gated matchers that need it
    always: Any
    phrases: Any

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = list(self.phrases(doc)) if len(self.phrases) else []
        if len(self.always):
            found += self.always(doc)
        words = _lower_words(doc)
        # The lexicon's order, so that of two entries matching the same words the first wins.
        wanted = sorted({index for word in words & self.by_word.keys() for index in self.by_word[word]})
        for index in wanted:
            found += self.gated[index](doc)
        return found


def _lower_words(doc: Doc) -> set[str]:
    words = doc.user_data.get("ehcplan.lower")
    if words is None:
        words = doc.user_data["ehcplan.lower"] = {token.lower_ for token in doc}
    return words


# Words so common that gating on them saves nothing.
_COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "their",
        "its",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "not",
        "no",
        "very",
        "can",
        "will",
        "would",
        "may",
        "this",
        "that",
        "as",
        "from",
    ]
)


def pattern_anchors(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Words one of which must be in the text for the pattern to match (the rarest such set), or None."""
    options: list[set[str]] = []
    for token in pattern:
        if token.get("OP") in ("?", "*", "!") or str(token.get("OP", "")).startswith("{0"):
            continue
        for attribute in ("LOWER", "TEXT", "ORTH"):
            value = token.get(attribute)
            if isinstance(value, str):
                options.append({value.lower()})
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                options.append({str(word).lower() for word in value["IN"]})
    if not options:
        return None
    return min(options, key=lambda words: (len(words & _COMMON), len(words)))


def find(doc: Doc, name: str, *, longest: bool = True) -> list[Match]:
    """Every match of the lexicon ``name`` in ``doc``, in order; overlaps keep the longest.

    Several rules ask for the same lexicon on the same words, so the answer is kept on the doc
    (a doc belongs to the tools that made it, and so to one state of the lexicon files).
    """
    key = ("ehcplan.find", name, longest)
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = _find(doc, name, longest=longest)
    return cached


def _find(doc: Doc, name: str, *, longest: bool) -> list[Match]:
    from spacy.util import filter_spans

    tools = tools_of(doc)
    matchers = matchers_for(tools, name)
    lexicon = tools.lexicon(name)
    strings = doc.vocab.strings
    spans: dict[tuple[int, int], str] = {}
    for match_id, start, end in matchers(doc):
        spans.setdefault((start, end), strings[match_id])
    found = [(doc[start:end], entry_id) for (start, end), entry_id in spans.items()]
    if longest:
        keep = {(span.start, span.end) for span in filter_spans([span for span, _ in found])}
        found = [(span, entry_id) for span, entry_id in found if (span.start, span.end) in keep]
    found.sort(key=lambda pair: (pair[0].start, pair[0].end))
    return [Match(lexicon.entry(entry_id), span) for span, entry_id in found]


def lexicon_of(doc: Doc, name: str) -> Lexicon:
    """The lexicon ``name`` of the session whose tools made ``doc``."""
    return tools_of(doc).lexicon(name)
