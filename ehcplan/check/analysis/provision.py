"""What a piece of provision states, against the five prompts of the DfE draft template.

what support · who provides it · group size or ratio · how often · how long

Quantities come from the ``measures`` lexicon, roles and therapies from ``provision``, and hedges
from ``hedges``. A hedge is reported only where the detail it leaves open is not stated elsewhere
in the item ("a group of up to 3" states a ratio; "up to 10 hours" does not state hours).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ehcplan.check.analysis.spans import of_kind, overlaps
from ehcplan.check.matching import Match, find, lexicon_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

DETAILS = ("what", "who", "group", "how_often", "how_long")
# Which structured fields of a Provision item state which detail.
FIELD_DETAILS = {
    "what": "what",
    "who": "who",
    "group_size": "group",
    "how_often": "how_often",
    "how_long": "how_long",
}
CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dative"})
PERSON_PREPOSITIONS = frozenset({"with", "for", "alongside"})
CLAUSE_ENDS = frozenset({")", ";", ".", "—"})
REVIEW_VERBS = frozenset(
    {"review", "reviewed", "monitor", "monitored", "evaluate", "evaluated", "update", "updated"}
)
DEADLINE_WORDS = frozenset({"by", "before", "within"})
PERMISSION_VERBS = frozenset({"allow", "let", "permit", "choose"})
CHILD_PRONOUNS = frozenset({"she", "he", "they", "i"})
# Hours of help a week that cover a school week (a school week is about 32.5 hours).
WHOLE_WEEK_HOURS = 25.0
TRAINING_LEMMAS = frozenset({"train", "qualify", "experience", "register", "hold", "accredit", "approve"})
TRAINING_WORDS = frozenset(
    {"trained", "qualified", "experienced", "registered", "accredited", "holding", "skilled"}
)


@dataclass
class ProvisionReading:
    """Which details an item of provision states, and the hedges that leave the rest open."""

    doc: Doc
    stated: dict[str, list[Span]] = field(default_factory=lambda: {detail: [] for detail in DETAILS})
    hedges: list[Match] = field(default_factory=list)
    vague_providers: list[Span] = field(default_factory=list)
    generic_words: list[Span] = field(default_factory=list)
    covers_the_day: bool = False

    def states(self, detail: str) -> bool:
        """True when the item states ``detail`` (one of DETAILS, or 'amount' for how often or how long)."""
        if detail == "amount":
            return self.states("how_often") or self.states("how_long")
        if detail == "commitment":
            return False
        return bool(self.stated.get(detail))

    @property
    def missing(self) -> list[str]:
        return [detail for detail in DETAILS if not self.states(detail)]


def describes_support(text: str) -> bool:
    """False for headings and lead-ins ('Communication and interaction:'), which promise nothing."""
    words = text.split()
    return len(words) >= 3 and not text.rstrip().endswith(":")


def read_provision(doc: Doc, structured: dict[str, Any] | None = None) -> ProvisionReading:
    """Read a parsed provision item; ``structured`` holds its filled-in fields (who, how_often ...)."""
    reading = ProvisionReading(doc)
    whole = doc[:]
    for name, detail in FIELD_DETAILS.items():
        if structured and structured.get(name):
            reading.stated[detail].append(whole)
    for match in find(doc, "measures"):
        kind = match.entry.kind
        if kind == "how_often" and _is_review_frequency(match.span):
            continue
        if kind == "amount" or match.entry.id == "coverage":
            # "25 hours a week" and "throughout the school day" say both how often and how long.
            reading.stated["how_often"].append(match.span)
            reading.stated["how_long"].append(match.span)
        elif kind in ("how_often", "how_long", "group"):
            reading.stated[kind].append(match.span)
    if not reading.states("amount") and _is_one_off_by_a_date(doc):
        # "will fit a hoist by 31 March 2027": done once, by a date, is an amount.
        reading.stated["how_often"].append(whole)
    found = find(doc, "provision")
    for match in of_kind(found, "who"):
        reading.stated["who"].append(match.span)
    reading.vague_providers = [match.span for match in of_kind(found, "vague-who")]
    # A named therapy implies its therapist, unless the item says someone vaguer does it
    # ("physiotherapy programme carried out by school staff").
    therapy_gives_who = not any(_is_agent(span) for span in reading.vague_providers)
    for match in of_kind(found, "therapy"):
        if therapy_gives_who:
            reading.stated["who"].append(match.span)
        reading.stated["what"].append(match.span)
    for match in of_kind(found, "what"):
        reading.stated["what"].append(match.span)
    hedges = find(doc, "hedges")
    examples = [match.span for match in hedges if match.entry.id == "for-example"]
    activity, generic = _activity(doc, _excluded_spans(reading, examples))
    reading.stated["what"].extend(activity)
    reading.generic_words = generic
    reading.hedges = [
        match for match in hedges if _leaves_open(match, reading) and not _granted_to_child(match.span)
    ]
    reading.covers_the_day = any(_covers_the_day(match) for match in find(doc, "measures"))
    return reading


def _is_one_off_by_a_date(doc: Doc) -> bool:
    one_off = lexicon_of(doc, "provision").words("one-off")
    has_deadline = any(match.span[0].lower_ in DEADLINE_WORDS for match in find(doc, "time_anchors"))
    return has_deadline and any(token.lemma_.lower() in one_off or token.lower_ in one_off for token in doc)


def _granted_to_child(span: Span) -> bool:
    """A choice left to the child ("allowing her to leave for up to 10 minutes", "which she may go to
    without asking"), not a limit on the duty."""
    if any(token.lemma_.lower() in PERMISSION_VERBS for token in span.root.ancestors):
        return True
    verb = span.root.head if span.root.dep_ == "aux" else None
    return verb is not None and any(
        child.dep_ == "nsubj" and child.lower_ in CHILD_PRONOUNS for child in verb.children
    )


def _covers_the_day(match: Match) -> bool:
    """Help through the whole school day: "throughout every lesson", "32.5 hours a week"."""
    if match.entry.id == "coverage":
        return True
    if match.entry.kind != "amount":
        return False
    numbers = [token for token in match.span if token.like_num]
    try:
        return bool(numbers) and float(numbers[0].text.replace(",", "")) >= WHOLE_WEEK_HOURS
    except ValueError:
        return False


def _is_agent(span: Span) -> bool:
    """True when ``span`` is who does something: a subject, or the 'by ...' of a passive."""
    return any(
        token.dep_ in ("nsubj", "nsubjpass")
        or (token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ in ("agent", "prep"))
        for token in span
    )


def _is_review_frequency(span: Span) -> bool:
    """'reviewed termly' says how often the plan is checked, not how often help is given."""
    before = span.doc[max(0, span.start - 2) : span.start]
    return any(token.lemma_.lower() in REVIEW_VERBS or token.lower_ in REVIEW_VERBS for token in before)


def _leaves_open(match: Match, reading: ProvisionReading) -> bool:
    """A hedge matters when it always does, or when a detail it leaves open is stated nowhere."""
    entry = match.entry
    if entry.always:
        return True
    return not entry.hedges or any(not reading.states(detail) for detail in entry.hedges)


def _excluded_spans(reading: ProvisionReading, examples: list[Span]) -> list[Span]:
    """Words that are quantities or roles, and examples after 'e.g.', which do not say what is done."""
    spans = [span for detail in ("who", "group", "how_often", "how_long") for span in reading.stated[detail]]
    for example in examples:
        end = example.end
        while end < len(example.doc) and example.doc[end].text not in CLAUSE_ENDS:
            end += 1
        spans.append(example.doc[example.start : end])
    return [span for span in spans if len(span) < len(span.doc) or not span.doc]


def _activity(doc: Doc, excluded: list[Span]) -> tuple[list[Span], list[Span]]:
    """Words that say what is actually done, and the generic words ('support', 'input') found instead."""
    lexicon = lexicon_of(doc, "provision")
    measures = lexicon_of(doc, "measures")
    not_content = (
        lexicon.words("generic")
        | lexicon.words("generic-verbs")
        | lexicon.words("topics")
        | lexicon.words("roles")
        | measures.words("calendar-units")
        | measures.words("group-nouns")
    )
    generic_words = lexicon.words("generic")
    roles = lexicon.words("roles")
    topics = lexicon.words("topics")
    activity_heads = lexicon.words("activity-heads")
    qualification = _qualification_tokens(doc, roles)
    role_parts = {
        token.i for token in doc if token.dep_ in ("compound", "amod") and token.head.lower_ in roles
    }
    activity: list[Span] = []
    generic: list[Span] = []
    for token in doc:
        span = doc[token.i : token.i + 1]
        if token.i in qualification:
            continue
        if _is_generic(token, generic_words):
            generic.append(span)
            continue
        if token.pos_ not in CONTENT_POS or token.is_stop:
            continue
        names_activity = token.dep_ in ("compound", "amod") and token.head.lower_ in activity_heads
        if names_activity and token.lower_ in topics:
            activity.append(span)  # "a social skills group", "reading sessions": the topic says what is done
            continue
        if token.lower_ in not_content or token.lemma_.lower() in not_content or overlaps(span, excluded):
            continue
        # "direct payment", "extra help": an adjective on a generic word says how, not what.
        if token.pos_ == "ADJ" and (token.dep_ != "amod" or _is_generic(token.head, generic_words)):
            continue
        if _is_person_name(token) or token.i in role_parts:
            continue
        activity.append(span)
    return activity, generic


def _is_generic(token: Token, generic_words: frozenset[str]) -> bool:
    return token.lower_ in generic_words or token.lemma_.lower() in generic_words


def _qualification_tokens(doc: Doc, roles: frozenset[str]) -> set[int]:
    """Tokens that describe a provider's training ('trained in Team Teach'), not the help itself."""
    found: set[int] = set()
    for token in doc:
        if (
            token.lower_ in TRAINING_WORDS
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ in ("in", "by", "to")
        ):
            end = token.i + 2
            while end < len(doc) and not _ends_training_phrase(doc[end]):
                end += 1
            found.update(range(token.i, end))
        describes_provider = token.head.lower_ in roles or token.head.pos_ == "NOUN"
        if token.lemma_.lower() in TRAINING_LEMMAS and (
            describes_provider or token.dep_ in ("amod", "acl", "compound")
        ):
            found.update(child.i for child in token.subtree)
    return found


def _ends_training_phrase(token: Token) -> bool:
    is_verb = token.pos_ in ("AUX", "VERB") and not token.is_title  # "Team Teach" is a name
    return token.is_punct or is_verb or token.lower_ in ("to", "for", "and", "who", "will")


def _is_person_name(token: Token) -> bool:
    """The child's name (or another person's): a proper noun that is a subject or owner, or stands alone."""
    if token.dep_ in NAME_DEPS and token.is_title and token.pos_ in ("PROPN", "NOUN"):
        return True
    # "work with Oscar", "a session for Mia": the person the help is for (the tagger often
    # takes an unfamiliar name for a common noun).
    if (
        token.dep_ == "pobj"
        and token.head.lower_ in PERSON_PREPOSITIONS
        and token.is_title
        and token.pos_ in ("PROPN", "NOUN")
    ):
        return not any(child.dep_ in ("compound", "det") for child in token.children)
    if token.pos_ != "PROPN":
        return False
    if token.dep_ in NAME_DEPS or token.ent_type_ == "PERSON":
        return True
    neighbours = [child for child in token.children if child.dep_ == "compound"]
    return (
        token.dep_ in ("dobj", "pobj")
        and not neighbours
        and token.i + 1 < len(token.doc)
        and (token.doc[token.i + 1].tag_ == "POS")
    )
