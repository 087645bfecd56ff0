"""What an outcome (section E) states: a time anchor, a measure, its aim, and who acts.

Time anchors and measures come from lexicon patterns (spaCy's entity tagger calls "Key Stage 2"
a place); the aim and the subject come from the dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ehcplan.check.analysis.spans import of_kind, outside, overlaps
from ehcplan.check.matching import Match, find, lexicon_of
from ehcplan.lexicons import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Numbers that name a school year or stage are part of the time, not a measure.
STAGE_WORDS = frozenset({"year", "y", "yr", "stage", "ks", "age", "aged", "key"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs whose complement carries the aim: "will be able to read", "it is expected that she will read".
CHAIN_VERBS = frozenset(
    {
        "be",
        "continue",
        "need",
        "learn",
        "want",
        "try",
        "begin",
        "start",
        "expect",
        "anticipate",
        "intend",
        "aim",
    }
)
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})


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

    @property
    def has_yardstick(self) -> bool:
        """A measure of how much or how well; where it happens ("in all subjects") is no yardstick."""
        return any(match.entry.id != "coverage" for match in self.measures)


def read_outcome(doc: Doc, *, timescale: str | None = None) -> OutcomeReading:
    """Read a parsed outcome. ``timescale`` is the structured field, which also anchors it."""
    lexicon = lexicon_of(doc, "outcomes")
    reading = OutcomeReading(doc)
    reading.time_anchors = [match.span for match in find(doc, "time_anchors")]
    measures = outside(find(doc, "measures"), reading.time_anchors)
    services = lexicon.words("service-nouns") | lexicon.words("activity-nouns")
    # Group size is the setting of an outcome, not a measure of it; "with weekly counselling"
    # counts the help, not the change in the child.
    reading.measures = [
        m
        for m in measures
        if not _is_stage_number(m) and m.entry.kind != "group" and not _counts_help(m.span, services)
    ]
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
    received = _help_received(predicates, lexicon, services)
    if received is not None:
        reading.provision.append(received)
    if _change_without_yardstick(predicates, lexicon):
        reading.vague.append(doc[predicates[0].i : predicates[0].i + 1])
    reading.adult_subject = _adult_subject(predicates, lexicon.words("adults"))
    if reading.adult_subject is not None:
        reading.provision.append(reading.adult_subject)
    if _is_service_phrase(doc, lexicon.words("service-nouns")):
        reading.provision.append(doc[:])
    reading.vague = _distinct(reading.vague)
    reading.provision = _distinct(reading.provision)
    return reading


def _help_received(predicates: list[Token], lexicon: Lexicon, services: frozenset[str]) -> Span | None:
    """The words that make the outcome help the child receives, not a change in the child.

    The grammar of receiving: a verb of taking part or receiving whose object is a service
    ("will attend weekly therapy sessions", "will join a group", "will complete 10 sessions",
    "will use her ELSA sessions"), help that comes from a professional ("will get reading from
    the TA"), a passive of something done to the child ("will be assessed", "will be placed in a
    set", "will be toilet trained by nursery staff"), or a causative ("will have his medication
    reviewed"). When the child also does something of their own in the same sentence ("will go
    to her appointments and answer the doctor's questions herself"), it is an outcome.
    """
    if not predicates:
        return None
    received: Span | None = None
    # "..., arriving on time each day", "..., demonstrating the ability to start a conversation":
    # a participle clause of the child's own doing.
    doing = [child for child in predicates[0].children if child.dep_ == "advcl" and child.tag_ == "VBG"]
    for verb in [*predicates, *doing]:
        words = _receiving(verb, lexicon, services)
        if words is None:
            if verb.lemma_.lower() not in lexicon.words("state-verbs"):
                return None  # the child acts in the same sentence
            continue
        received = received or words
    return received


def _receiving(verb: Token, lexicon: Lexicon, services: frozenset[str]) -> Span | None:
    doc = verb.doc
    lemma = verb.lemma_.lower()
    here = doc[verb.i : verb.i + 1]
    passive = any(child.dep_ == "auxpass" for child in verb.children)
    if passive and lemma in lexicon.words("done-to-verbs"):
        return here
    if passive and any(_agent_is_professional(child, lexicon) for child in verb.children):
        return here
    if lemma in lexicon.words("always-receiving"):
        return here
    if lemma in ("have", "get") and any(
        child.dep_ in OBJECT_DEPS
        and any(grand.tag_ == "VBN" and grand.dep_ in ("acl", "ccomp") for grand in child.children)
        for child in verb.children
    ):
        return here
    taking_part = lemma == "take" and any(child.lower_ == "part" for child in verb.children)
    if lemma not in lexicon.words("receiving-verbs") and not taking_part:
        return None
    # Using a device or equipment is the child acting; using sessions is receiving them.
    tools = lexicon.words("equipment-nouns") if lemma == "use" else frozenset()
    joins = lemma in lexicon.words("joining-verbs") or taking_part
    # A named activity one joins or takes part in ("take part in Forest School") is an activity given.
    named = joins or lemma == "join"
    objects = _objects(verb, lexicon.words("joining-prepositions") if joins else frozenset())
    for noun in (token for obj in objects for token in _phrase(obj, lexicon.words("time-units"))):
        word = noun.lemma_.lower()
        own_work = any(
            part.lower_ in lexicon.words("own-work") and part.dep_ in ("compound", "amod") and part.i < noun.i
            for part in noun.subtree
        )
        is_service = (
            word in services
            or noun.lower_ in services
            or word.endswith("therapy")  # hydrotherapy, physiotherapy, music therapy
            or (named and noun.pos_ == "PROPN")
        )
        if is_service and word not in tools and not own_work:
            return doc[verb.i : noun.i + 1] if noun.i > verb.i else here
    for holder in (verb, *objects):
        if any(
            child.dep_ == "prep" and child.lower_ == "from" and _names_professional(child, lexicon)
            for child in holder.children
        ):
            return here
    return None


def _objects(verb: Token, prepositions: frozenset[str]) -> list[Token]:
    """The verb's objects, direct or through a preposition of joining ("take part in a group")."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "npadvmod" and child.pos_ == "NOUN"):
            found.append(child)
        elif child.dep_ in ("prep", "prt") and child.lower_ in prepositions:
            found.extend(grand for grand in child.children if grand.dep_ == "pobj")
    # "take part in a group": the object of the preposition after "part".
    for noun in [token for token in found if token.lower_ == "part"]:
        found.extend(
            grand
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in prepositions
            for grand in prep.children
            if grand.dep_ == "pobj"
        )
    return found


def _phrase(noun: Token, units: frozenset[str]) -> list[Token]:
    """A noun and the nouns joined to it ("speech and language therapy sessions"), not its clauses.

    Hours and days are amounts: what counts is what they are of ("18 hours a week at his
    placement" is work; "10 hours of support" is help).
    """
    tokens = [] if noun.lemma_.lower() in units else [noun]
    for child in noun.children:
        if child.dep_ in ("conj", "appos"):
            tokens.extend(_phrase(child, units))
        elif child.dep_ == "prep" and child.lower_ == "of" and noun.lemma_.lower() in units:
            tokens.extend(grand for grand in child.children if grand.dep_ == "pobj")
    return tokens


def _agent_is_professional(child: Token, lexicon: Lexicon) -> bool:
    return child.dep_ == "agent" and _names_professional(child, lexicon)


def _names_professional(preposition: Token, lexicon: Lexicon) -> bool:
    professionals = lexicon.words("adults") - lexicon.words("ordinary-people")
    return any(obj.dep_ == "pobj" and obj.lower_ in professionals for obj in preposition.children)


def _change_without_yardstick(predicates: list[Token], lexicon: Lexicon) -> bool:
    """A change said only by a comparative or a growth word: "will be stronger", "will have neater
    handwriting", "will regulate his behaviour more effectively", "enhanced regulation",
    "will make measurable progress". Whether anything measures it is the caller's question."""
    growth = lexicon.words("growth-words")
    for verb in predicates[:1]:
        lemma = verb.lemma_.lower()
        if lemma in ("make", "show") and any(
            child.dep_ == "dobj" and child.lemma_.lower() in ("progress", "improvement", "gain")
            for child in verb.children
        ):
            return True
        holders = [verb]
        while holders[-1].dep_ in ("xcomp", "ccomp") and holders[-1].head is not holders[-1]:
            holders.append(holders[-1].head)  # "will be increasingly able to get about"
        near = [
            child
            for holder in holders
            for child in holder.children
            if child.dep_ in ("acomp", "advmod", "oprd", "attr")
        ]
        near += [
            grand
            for word in list(near)
            if word.lower_ == "able"
            for grand in word.children
            if grand.dep_ == "advmod"
        ]
        for obj in (child for child in verb.children if child.dep_ in OBJECT_DEPS):
            near.extend(grand for grand in obj.children if grand.dep_ in ("amod", "compound"))
        for word in near:
            if _is_comparative(word, growth) and not any(grand.lower_ == "than" for grand in word.subtree):
                return True
    return False


def _is_comparative(token: Token, growth: frozenset[str]) -> bool:
    if token.tag_ in ("JJR", "RBR") or token.lower_ in growth:
        return True
    # "more effectively", "less anxious"
    return any(child.lower_ in ("more", "less") and child.dep_ == "advmod" for child in token.children)


def _counts_help(span: Span, services: frozenset[str]) -> bool:
    """True when a measure counts the help ("with weekly counselling"), not what the child does."""
    token = span.root
    for _ in range(3):
        if token.lemma_.lower() in services or token.lower_ in services:
            return (
                token.pos_ == "NOUN"
                and token.dep_ in ("pobj", "nsubj", "appos")
                and token.head.lower_ in ("with", "through", "after")
            )
        if token.head is token or token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return False


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
            if verb.lemma_ in CHAIN_VERBS and complements:
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
