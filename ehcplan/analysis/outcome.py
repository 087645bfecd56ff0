"""What an outcome (section E) states: a time anchor, a measure, its aim, and who acts.

Time anchors and measures come from lexicon patterns (spaCy's entity tagger calls "Key Stage 2"
a place); the aim and the subject come from the dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ehcplan.analysis.spans import of_kind, outside, overlaps
from ehcplan.lexicon import Match, find, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Numbers that name a school year or stage are part of the time, not a measure.
STAGE_WORDS = frozenset({"year", "y", "yr", "stage", "ks", "age", "aged", "key"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class OutcomeReading:
    """The parts of one outcome, each as spans of its text."""

    doc: Doc
    time_anchors: list[Span] = field(default_factory=list)
    measures: list[Match] = field(default_factory=list)
    vague: list[Span] = field(default_factory=list)
    provision: list[Span] = field(default_factory=list)
    aspiration: list[Span] = field(default_factory=list)
    adult_subject: Span | None = None
    aim: Span | None = None

    @property
    def is_timed(self) -> bool:
        return bool(self.time_anchors)

    @property
    def is_measured(self) -> bool:
        return bool(self.measures)


def read_outcome(doc: Doc, *, timescale: str | None = None) -> OutcomeReading:
    """Read a parsed outcome. ``timescale`` is the structured field, which also anchors it."""
    lexicon = load_lexicon("outcomes")
    reading = OutcomeReading(doc)
    reading.time_anchors = [match.span for match in find(doc, "time_anchors")]
    measures = outside(find(doc, "measures"), reading.time_anchors)
    # Group size is the setting of an outcome, not a measure of it.
    reading.measures = [m for m in measures if not _is_stage_number(m) and m.entry.kind != "group"]
    if timescale and not reading.time_anchors:
        reading.time_anchors = [doc[0:0]]
    found = find(doc, "outcomes")
    # Help the child will do without ("without being shown", "without being prompted") is a
    # measure of independence, not provision.
    unaided = [match.span for match in reading.measures if match.entry.kind == "independence"]
    reading.provision = [
        match.span for match in of_kind(found, "provision") if not overlaps(match.span, unaided)
    ]
    reading.aspiration = [match.span for match in of_kind(found, "aspiration")]
    reading.vague = [match.span for match in of_kind(found, "vague", "state")]
    predicates = _predicates(doc)
    reading.aim = doc[predicates[0].i : predicates[0].i + 1] if predicates else None
    vague_verbs = lexicon.words("vague-verbs")
    states = lexicon.words("states")
    vague_objects = lexicon.words("vague-objects")
    for verb in predicates:
        lemma = verb.lemma_.lower()
        if (
            lemma in vague_verbs
            or verb.lower_ in vague_verbs
            or (lemma in ("be", "feel", "become", "seem") and _complement_in(verb, states))
            or (lemma == "have" and _object_in(verb, vague_objects))
        ):
            reading.vague.append(doc[verb.i : verb.i + 1])
        elif lemma in ("have", "get") and _object_in(
            verb, lexicon.words("adults") | lexicon.words("service-nouns")
        ):
            reading.provision.append(doc[verb.i : verb.i + 1])
    reading.adult_subject = _adult_subject(predicates, lexicon.words("adults"))
    if reading.adult_subject is not None:
        reading.provision.append(reading.adult_subject)
    if _is_service_phrase(doc, lexicon.words("service-nouns")):
        reading.provision.append(doc[:])
    reading.vague = _distinct(reading.vague)
    reading.provision = _distinct(reading.provision)
    return reading


def _is_stage_number(match: Match) -> bool:
    """'Year 6', 'Key Stage 2' or 'age 16' outside a time anchor: a stage, not a measure."""
    span = match.span
    if match.entry.kind != "count" or span.start == 0:
        return False
    before = span.doc[span.start - 1].lower_
    return before in STAGE_WORDS or (len(span.text) == 4 and span.text.startswith(("19", "20")))


def _predicates(doc: Doc) -> list[Token]:
    """The verbs that carry the aim: the root, through 'be able to' / 'continue to' chains, and their conjuncts."""
    start = _label_end(doc)
    # After a label ("SALT target from report:"), the outcome is the clause that follows it.
    roots = [token for token in doc[start:] if token.dep_ == "ROOT" or token.head.i < start]
    chosen: list[Token] = []
    for root in roots[:1]:
        verb = root
        for _ in range(4):
            complements = [child for child in verb.children if child.dep_ in ("xcomp", "ccomp")]
            acomp_able = [
                child for child in verb.children if child.dep_ == "acomp" and child.lower_ == "able"
            ]
            if acomp_able:
                complements += [child for child in acomp_able[0].children if child.dep_ == "xcomp"]
            if (
                verb.lemma_ in ("be", "continue", "need", "learn", "want", "try", "begin", "start")
                and complements
            ):
                if verb.lemma_ != "be":
                    chosen.append(verb)
                verb = complements[0]
                continue
            break
        chosen.append(verb)
        chosen.extend(
            child for child in verb.children if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
        )
    return chosen


def _label_end(doc: Doc) -> int:
    """Where the outcome starts after a short leading label ending in a colon, else 0."""
    for token in doc[:12]:
        if token.text.endswith(":") and token.is_punct and len(doc) - token.i > 3:
            return token.i + 1
    return 0


def _complement_in(verb: Token, words: frozenset[str]) -> bool:
    return any(
        child.dep_ in ("acomp", "attr", "oprd") and (child.lemma_.lower() in words or child.lower_ in words)
        for child in verb.children
    )


def _object_in(verb: Token, words: frozenset[str]) -> bool:
    return any(child.dep_ in ("dobj", "attr") and child.lemma_.lower() in words for child in verb.children)


def _adult_subject(predicates: list[Token], adults: frozenset[str]) -> Span | None:
    for verb in predicates[:1]:
        head = verb
        while head.dep_ in ("xcomp", "ccomp") and head.head is not head:
            head = head.head
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ in adults:
                return child.doc[child.left_edge.i : child.i + 1]
    return None


def _is_service_phrase(doc: Doc, services: frozenset[str]) -> bool:
    """A fragment naming a service ('short breaks', '5 hours of TA support'), with no verb of its own."""
    has_verb = any(token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" for token in doc)
    roots = [token for token in doc if token.dep_ == "ROOT"]
    return not has_verb and bool(roots) and roots[0].lemma_.lower() in services


def _distinct(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if not overlaps(span, kept) or len(span) == 0:
            kept.append(span)
    return kept
