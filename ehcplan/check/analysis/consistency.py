"""Readings for the consistency rules: who the plan names, which pronouns speak of the child, what
it says the child's age and school year are now, and which schools it names.

A plan copied from another child's plan or a template keeps the other child's details. Each
reading here finds one kind of detail and what the plan itself says it should be; the rules in
``check/rules/consistency.py`` report where the two disagree. The words come from
``lexicons/consistency.yaml``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ehcplan.check.analysis.quotes import inside, quoted_spans
from ehcplan.model import PROVISION_SECTIONS, Plan
from ehcplan.model.plan import age_on
from ehcplan.words import load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ehcplan.check.checker import CheckContext
    from ehcplan.check.text_units import TextUnit
    from ehcplan.lexicons import Lexicon

LEXICON = "consistency"
# A word that could be someone's name as a plan writes it: "Callum", "O'Neill", "McKenzie", "Anne-Marie".
NAME_SHAPE = re.compile(r"^(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
PRONOUN_SETS = ("she", "he", "they")
# Entity labels of places, bodies and things: their words are not people.
NOT_PEOPLE_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
PLACE_WORDS = frozenset({"in", "from", "near", "around", "across", "outside", "to", "at", "towards", "via"})
# Sections whose writing speaks of the child in the third person (views in the child's own
# words speak of others as "he" and "she").
ABOUT_THE_CHILD = ("A", "B", "C", "D", "E", *PROVISION_SECTIONS)


# What each unit's words give, kept by its text and what the reading depends on (the plan's
# names, the lexicon's words), so a re-check in the editor reads only the edited units again.
_MEMO: dict[tuple[object, ...], tuple[tuple[object, ...], ...]] = {}
MEMO_SIZE = 50_000


def _remember(key: tuple[object, ...], value: tuple[tuple[object, ...], ...]) -> None:
    if len(_MEMO) >= MEMO_SIZE:
        _MEMO.clear()  # simpler than an LRU, and a plan's units fit many times over
    _MEMO[key] = value


def _recognised(doc: Doc) -> bool:
    """Whether the entity recogniser ran on the doc (``people_docs`` runs it only where needed)."""
    return doc.has_annotation("ENT_IOB")


def plan_date(plan: Plan) -> dt.date | None:
    """The date the plan speaks from: its issue date, else the latest date of its timeline."""
    details = plan.details
    if details.issue_date:
        return details.issue_date
    dates = [day for day in details.timeline.model_dump().values() if isinstance(day, dt.date)]
    return max(dates) if dates else None


_NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b")
_WORDED_DATE = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<month>[A-Z][a-z]+)\s+(?P<year>(?:19|20)\d\d)\b"
)


def date_in_words(text: str) -> dt.date | None:
    """The last date written in ``text`` ("19/06/2026", "10 September 2026"; days before months,
    as English documents write them), or None."""
    found: list[dt.date] = []
    for match in _NUMERIC_DATE.finditer(text):
        with contextlib.suppress(ValueError):
            found.append(dt.date(int(match["year"]), int(match["month"]), int(match["day"])))
    months = [month.lower() for month in load_words().raw("months")]  # English, whatever the locale
    for match in _WORDED_DATE.finditer(text):
        month = match["month"].lower()
        if month in months:
            with contextlib.suppress(ValueError):
                found.append(dt.date(int(match["year"]), months.index(month) + 1, int(match["day"])))
    return found[-1] if found else None


def school_year(born: dt.date, on: dt.date) -> int:
    """The national curriculum year of a child born on ``born``, on the date ``on``: the school
    year starts on 1 September, and the child's age on the 31 August before it decides the year
    (4 is Reception, 0; 5 is Year 1; 15 is Year 11)."""
    starts = on.year if on.month >= 9 else on.year - 1
    return age_on(born, dt.date(starts, 8, 31)) - 4


def lower_words(text: str) -> list[str]:
    return [word.lower().rstrip("'’").removesuffix("'s").removesuffix("’s") for word in WORD.findall(text)]


def year_name(year: int) -> str:
    """A school year as a plan writes it: 'Reception', 'nursery', 'Year 7'."""
    if year == 0:
        return "Reception"
    if year < 0:
        return "nursery"
    return f"Year {year}"


# --- The people a plan names ------------------------------------------------------------------


@dataclass(frozen=True)
class NameMention:
    """Words that look like a person's name, in one unit."""

    unit: TextUnit
    start: int
    end: int
    words: tuple[str, ...]  # the name's words, lower-cased, without a possessive
    recognised: bool = True  # found by the entity recogniser, not only by the words after it

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]


def known_name_words(plan: Plan, lexicon: Lexicon) -> frozenset[str]:
    """Capitalised words of the names the plan gives in its details and fields, lower-cased: the
    child, the parents, the authors of advice, the people and bodies in 'who' fields, the
    placement and the council."""
    child = plan.details.child
    texts = [child.name or "", child.preferred_name or "", plan.details.local_authority or ""]
    texts += [str(person.name) for person in plan.details.parents]
    for advice in plan.sections.K or []:
        texts += [advice.author or "", advice.role or "", advice.title or ""]
    for _letter, item in plan.items(*PROVISION_SECTIONS):
        if item.who is not None:
            texts += [item.who.role, item.who.qualification or ""]
        texts.append(item.where or "")
    section_a = plan.sections.A
    if section_a is not None:
        for views in (section_a.child_views, section_a.parent_views):
            if views is not None and views.whose_words:
                texts.append(views.whose_words)
    placement = plan.sections.I
    if placement is not None:
        texts += [placement.name or "", placement.type or ""]
    # Names are written with capitals: 'speech and language therapist, Westmarch College' gives
    # 'westmarch' and 'college', not 'and'.
    words = {word.lower() for text in texts for word in _capitalised(text)}
    return frozenset(words - lexicon.words("titles"))


def _capitalised(text: str) -> list[str]:
    return [_bare(word) for word in WORD.findall(text) if word[:1].isupper()]


def named_thing_words(units_and_docs: Iterable[tuple[TextUnit, Doc]], lexicon: Lexicon) -> frozenset[str]:
    """Words of the schools, places and bodies of two words or more named anywhere in the plan
    ('Parkside' of 'Parkside Academy'): said alone later ('at Parkside'), they are not people."""
    words: set[str] = set()
    for unit, doc in units_and_docs:
        for mention in school_mentions(unit.text, unit, lexicon):
            words |= mention.words
        for entity in doc.ents:
            if entity.label_ in NOT_PEOPLE_LABELS and len(entity) > 1:
                words.update(lower_words(entity.text))
    return frozenset(words)


def likely_child(mentions: list[NameMention]) -> frozenset[str]:
    """When the details do not name the child, the name the plan uses most is theirs."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.words[0]] = counts.get(mention.words[0], 0) + 1
    return frozenset([max(counts, key=lambda word: counts[word])]) if counts else frozenset()


def explained_words(context: CheckContext, lexicon: Lexicon) -> frozenset[str]:
    """Capitalised words the plan itself explains: the names in its details and fields, words for
    people and programmes, and words it also writes in lower case ('Swimming', 'Reviews')."""
    lower_in_plan = {word for unit in context.units for word in WORD.findall(unit.text) if word.islower()}
    return (
        interest_words(context.plan)
        | known_name_words(context.plan, lexicon)
        | child_name_words(context.plan)
        | lexicon.words("not-names")
        | lexicon.words("relationship-words")
        | lexicon.words("role-words")
        | lexicon.words("titles")
        | frozenset(lower_in_plan)
    )


def interest_words(plan: Plan) -> frozenset[str]:
    """The words of what the child likes and hopes for (section A's interests and aspirations): the
    teams, stars, shows and clubs there are things, not people who should be named in the plan."""
    section = plan.sections.A
    if section is None:
        return frozenset()
    texts = [*section.interests, *(aspiration.text for aspiration in section.aspirations)]
    return frozenset(lower_words(" ".join(texts)))


def people_docs(context: CheckContext) -> list[tuple[TextUnit, Doc]]:
    """Each unit with its tokens; the units with a capitalised word the plan does not explain are
    run through the entity recogniser too, in one batch. The recogniser costs as much as a full
    parse, and most of a plan's capitals are its child, family and staff, which need no guessing."""
    explained = context.explained_words
    wanted = [
        index
        for index, unit in enumerate(context.units)
        if unit.section in ABOUT_THE_CHILD
        and any(
            NAME_SHAPE.match(_bare(word)) and _bare(word).lower() not in explained
            for word in WORD.findall(unit.text)
        )
    ]
    recognised = dict(
        zip(wanted, context.tools.entities(context.units[index].text for index in wanted), strict=True)
    )
    return [(unit, recognised.get(index, doc)) for index, (unit, doc) in enumerate(context.unit_docs)]


def child_name_words(plan: Plan) -> frozenset[str]:
    """The words of the child's name and preferred name, lower-cased."""
    child = plan.details.child
    return frozenset(lower_words(f"{child.name or ''} {child.preferred_name or ''}"))


def name_mentions(units_and_docs: Iterable[tuple[TextUnit, Doc]], lexicon: Lexicon) -> Iterator[NameMention]:
    """Every person the entity recogniser finds, and every other capitalised word that could be a
    name, which the small recogniser often misses ("Amara takes", "Callum is"): one inside a
    sentence, or one starting a sentence when a verb or a possessive follows. Those found only
    this way are kept as names when the tagger reads them as proper nouns (``proper_nouns``)."""
    said = lexicon.words("said-of-a-person")
    for unit, doc in units_and_docs:
        if unit.section not in ABOUT_THE_CHILD:  # the placement's address, the titles of advice
            continue
        key = ("names", unit.text, unit.field.startswith("parent_views"), _recognised(doc), said)
        kept = _MEMO.get(key)
        if kept is None:
            kept = tuple(
                (mention.start, mention.end, mention.words, mention.recognised)
                for mention in _unit_name_mentions(unit, doc, said)
            )
            _remember(key, kept)
        for start, end, words, recognised in kept:
            yield NameMention(unit, start, end, words, recognised=recognised)


def _unit_name_mentions(unit: TextUnit, doc: Doc, said: frozenset[str]) -> Iterator[NameMention]:
    """``name_mentions`` of one unit."""
    # Words in quotation marks are the child's own or a professional's: the friends they name are
    # theirs. The family's views speak of the child, so another child's name there is read.
    quotes = quoted_spans(unit.text) if not unit.field.startswith("parent_views") else ()
    taken: set[int] = {token.i for token in doc if inside(token.idx, token.idx + len(token), quotes)}
    for entity in doc.ents:
        if entity.label_ != "PERSON" or taken & {token.i for token in entity}:
            continue
        tokens = [token for token in entity if NAME_SHAPE.match(_bare(token.text))]
        numbered = entity.end < len(doc) and doc[entity.end].like_num
        if tokens and not _after_determiner(tokens[0]) and not numbered:
            taken.update(token.i for token in entity)
            yield NameMention(
                unit,
                tokens[0].idx,
                tokens[-1].idx + len(_bare(tokens[-1].text)),
                tuple(_bare(token.text).lower() for token in tokens),
            )
    for token in doc:
        if token.i in taken or not NAME_SHAPE.match(_bare(token.text)) or _in_named_thing(token):
            continue
        if _after_determiner(token):
            continue
        following = token.nbor(1) if token.i + 1 < len(doc) else None
        starts = token.i == 0 or (
            not token.nbor(-1).is_alpha and token.nbor(-1).text not in (",", "'s", "’s")
        )
        if (following is not None and _says_of_person(following, said)) or not (starts or _in_a_title(token)):
            yield NameMention(
                unit,
                token.idx,
                token.idx + len(_bare(token.text)),
                (_bare(token.text).lower(),),
                recognised=False,
            )


def _in_a_title(token: Token) -> bool:
    """True when the word stands next to another capitalised word ('Persons Act', 'Entry Level'):
    part of a title or a name of a thing, not a first name said alone."""
    doc = token.doc
    neighbours = [doc[index] for index in (token.i - 1, token.i + 1) if 0 <= index < len(doc)]
    return any(other.text[:1].isupper() and other.is_alpha for other in neighbours)


def _after_determiner(token: Token) -> bool:
    """True after 'the', 'a', 'this' ...: 'the Gruffalo', 'the Romans' are not a person's name."""
    return token.i > 0 and token.nbor(-1).lower_ in (
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "our",
    )


def _says_of_person(token: Token, said: frozenset[str]) -> bool:
    """True for a word that says something of the word before it: 'is', 'will', "'s", 'takes',
    'missed' (a word ending like a verb; the tagger has the last say)."""
    lower = token.lower_
    verb_like = lower.endswith("ed") or (lower.endswith("s") and not lower.endswith("ss"))
    return lower in said or (token.text.islower() and verb_like)


@lru_cache(maxsize=65_536)
def _bare(word: str) -> str:
    return _OWNER.sub("", word)


_OWNER = re.compile(r"['’]s?$")


def _in_named_thing(token: Token) -> bool:
    """True when the word is part of a place, body or title of two words or more, or follows a word
    for where ('moved from Fenwold')."""
    doc = token.doc
    for entity in doc.ents:
        if entity.start <= token.i < entity.end and entity.label_ in NOT_PEOPLE_LABELS and len(entity) > 1:
            return True
    # One word after a word for where is a place ("moved from Fenwold"), unless it owns something
    # ("at Jayden's house"); the recogniser's own word for one-word places is too often a first name.
    owns = token.i + 1 < len(doc) and token.nbor(1).lower_ in ("'s", "’s")
    return token.i > 0 and token.nbor(-1).lower_ in PLACE_WORDS and not owns


def proper_nouns(mentions: list[NameMention], parsed: dict[str, Doc]) -> list[NameMention]:
    """The mentions of one word that the tagger reads as a proper noun ('Callum is', not 'Reviews
    of' or 'Both will'); names of two words or more the recogniser found are kept."""
    kept = []
    for mention in mentions:
        if mention.recognised and len(mention.words) > 1:
            kept.append(mention)
            continue
        doc = parsed[mention.unit.text]
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span[0].tag_ == "NNP" and span[0].dep_ != "compound":
            kept.append(mention)
    return kept


def introduced(mention: NameMention, doc: Doc, lexicon: Lexicon) -> bool:
    """True when the words next to the name say who the person is: a title ('Mrs Kaur'), a role or
    relationship just before it ('his sister Ellie', 'mentor Sam', 'a dog called Max'), a
    relationship a few words before in the same sentence ('My best friends are Ruby and Hana'),
    or a role or relationship after it set off by a comma or a bracket ('Ellie, his sister',
    'Miss Doyle, class teacher')."""
    relations, people = lexicon.derived("introducing-words", lambda: _introducing_words(lexicon))
    key = ("introduced", mention.unit.text, _recognised(doc), mention.start, mention.end, people)
    kept = _MEMO.get(key)
    if kept is None:
        kept = ((_introduced(mention, doc, lexicon, relations, people),),)
        _remember(key, kept)
    return bool(kept[0][0])


def _introduced(
    mention: NameMention, doc: Doc, lexicon: Lexicon, relations: frozenset[str], people: frozenset[str]
) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:  # pragma: no cover - the mention was read from this doc's own tokens
        return False
    before = doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
    if before in lexicon.words("titles") or before in people:
        return True
    # In apposition after the role: "The support worker, Gareth Hughes, ...", "His nain, Eirlys, ...".
    if before == "," and span.start > 1 and doc[span.start - 2].lower_ in people:
        return True
    window = []
    for token in reversed(doc[max(0, span.start - 7) : span.start]):
        if token.text in (".", "!", "?", ";"):
            break
        window.append(token.lower_)
    if relations & set(window):
        return True
    after = [token for token in doc[span.end : span.end + 5] if token.lower_ not in ("'s", "’s")]
    if after and after[0].text in (",", "(", "-", "–", "—"):
        return any(token.lower_ in people for token in after[1:])
    return False


def people_introduced(units_and_docs: list[tuple[TextUnit, Doc]], lexicon: Lexicon) -> frozenset[str]:
    """The names the writing introduces with a role or relationship ("their older brother Alfie",
    "Miss Doyle, class teacher"): people other than the child, wherever else they are named."""
    doc_of = {id(unit): doc for unit, doc in units_and_docs}
    return frozenset(
        word
        for mention in name_mentions(units_and_docs, lexicon)
        if introduced(mention, doc_of[id(mention.unit)], lexicon)
        for word in mention.words
    )


def _introducing_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words for relationships, and those with the words for roles (made once per lexicon)."""
    relations = lexicon.words("relationship-words") | {"called", "named"}
    return relations, relations | lexicon.words("role-words")


# --- Pronouns ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PronounUse:
    """A pronoun read as speaking of the child, and the set it belongs to ('she', 'he' or 'they')."""

    unit: TextUnit
    start: int
    end: int
    word: str
    set: str
    # Whom else nearby it could speak of: the sexes ('she', 'he', or 'any' where not known) of the
    # other people in its sentence and the one before ("the therapist will see Kacper. In each
    # visit she ...").
    others_nearby: frozenset[str] = frozenset()


def pronoun_set_of(word: str, lexicon: Lexicon) -> str | None:
    lower = word.lower()
    return next((name for name in PRONOUN_SETS if lower in lexicon.words(f"pronouns-{name}")), None)


def child_pronouns(
    units_and_docs: Iterable[tuple[TextUnit, Doc]], plan: Plan, lexicon: Lexicon
) -> list[PronounUse]:
    """The 'he' and 'she' words that speak of the child.

    Each unit is read in order, remembering who was spoken of: the child (by name, or 'the
    child', 'the young person'), or someone else (a role, a relative, another named person, with
    their sex where the words say it: 'mum', 'Mr', 'her brother Kai'). A pronoun that starts a
    sentence speaks of whoever the sentence before was about (its first person, not one named
    only as the owner of something: 'Leo's assistant ... She'); any other pronoun speaks of the
    most recent person it can fit: 'she' after 'his mum' is the mother, 'he' after 'her mum' goes
    back past her, and 'him' does not speak of the child named earlier in its own sentence. A
    pronoun that meets someone of unknown sex first ('the therapist ... she') is left alone, and
    so are views in the child's own words. 'They' is never read: it is plural too.
    """
    names = child_name_words(plan)
    female, male = lexicon.words("female-words"), lexicon.words("male-words")
    units_and_docs = list(units_and_docs)
    known = known_name_words(plan, lexicon) | people_introduced(units_and_docs, lexicon)
    known = known - names - lexicon.words("not-names") - female - male
    people = lexicon.words("relationship-words") | lexicon.words("referent-words") | female | male
    child_words = lexicon.words("child-words")
    plural = lexicon.words("plural-people")
    found: list[PronounUse] = []
    sets = (names, known, female, male, people, child_words, plural)
    for unit, doc in units_and_docs:
        if unit.section not in ABOUT_THE_CHILD or unit.field.startswith("child_views"):
            continue
        key = ("pronouns", unit.text, _recognised(doc), sets)
        kept = _MEMO.get(key)
        if kept is None:
            kept = tuple(_unit_pronouns(unit.text, doc, lexicon, sets))
            _remember(key, kept)
        found.extend(
            PronounUse(unit, start, end, word, word_set, nearby)
            for start, end, word, word_set, nearby in kept
        )
    return found


def _unit_pronouns(
    text: str, doc: Doc, lexicon: Lexicon, sets: tuple[frozenset[str], ...]
) -> Iterator[tuple[int, int, str, str, frozenset[str]]]:
    """``child_pronouns`` of one unit's words: (start, end, word, set, others nearby) of each."""
    names, known, female, male, people, child_words, plural = sets
    if not _HE_SHE_WORD.search(text):
        return  # nothing here can speak of the child by 'he' or 'she'
    quotes = quoted_spans(text)
    others = _other_people(doc, names, known, female, male)
    referents: list[Referent] = []
    sentence = 0
    for token in doc:
        if token.i > 0 and token.nbor(-1).text in (".", "!", "?", ";", ":"):
            sentence += 1
        if inside(token.idx, token.idx + len(token.text), quotes):
            continue
        lower = token.lower_
        possessor = token.i + 1 < len(doc) and token.nbor(1).lower_ in ("'s", "’s")
        word_set = pronoun_set_of(lower, lexicon) if lower in _HE_SHE else None
        if word_set is not None:
            starts = token.is_sent_start or token.i == 0 or token.nbor(-1).text in (".", "!", "?", ";")
            if starts and sentence > 0:
                resolved = _resolve_subject(referents, sentence - 1, word_set)
            else:
                resolved = _resolve(referents, word_set, sentence if lower in ("him",) else None)
            if resolved == "child":
                nearby = frozenset(
                    referent.sex or "any"
                    for referent in referents
                    if referent.who == "other" and referent.sentence >= sentence - 1
                )
                yield token.idx, token.idx + len(token.text), token.text, word_set, nearby
                referents.append(Referent("child", word_set, sentence, possessive=lower in ("his", "her")))
            continue
        named = _bare(token.text).lower() in names and token.text[:1].isupper()
        called = lower in child_words and token.i > 0 and token.nbor(-1).lower_ in ("the", "young", "this")
        if named or called:
            referents.append(Referent("child", None, sentence, possessor))
        elif token.i in others:
            referents.append(Referent("other", others[token.i], sentence, possessor))
        elif lower in people and lower not in plural:
            sex = "she" if lower in female else "he" if lower in male else None
            referents.append(Referent("other", sex, sentence, possessor))


_HE_SHE = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_HE_SHE_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_HE_SHE))})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Referent:
    """Someone a pronoun may speak of: the child or someone else, their sex if known, the sentence."""

    who: str  # "child" or "other"
    sex: str | None
    sentence: int
    possessor: bool = False  # named as the owner of the next words ("Leo's assistant")
    possessive: bool = False  # a possessive pronoun ("his"), which names the owner too


def _other_people(
    doc: Doc, child_names: frozenset[str], known: frozenset[str], female: frozenset[str], male: frozenset[str]
) -> dict[int, str | None]:
    """Token index -> sex of the people named in the doc who are not the child: those the
    recogniser found, and the names the plan's details give (parents, authors of advice)."""
    people = [(entity.start, entity.end) for entity in doc.ents if entity.label_ == "PERSON"]
    people += [
        (token.i, token.i + 1)
        for token in doc
        if NAME_SHAPE.match(_bare(token.text)) and _bare(token.text).lower() in known and not token.is_stop
    ]
    found: dict[int, str | None] = {}
    for start, end in people:
        if {_bare(token.text).lower() for token in doc[start:end]} & child_names:
            continue
        near = {token.lower_.rstrip(".") for token in doc[max(0, start - 2) : start]}
        near |= {token.lower_ for token in doc[end : end + 3]}
        found[end - 1] = "she" if near & female else "he" if near & male else None
    return found


def _resolve(referents: list[Referent], wanted: str, object_in: int | None = None) -> str | None:
    """Whom a pronoun of set ``wanted`` speaks of: 'child', 'other', or None when it cannot be told.
    An object pronoun ('him') passes over the child named in its own sentence (``object_in``)."""
    if not referents:
        return "child"
    for referent in reversed(referents):
        if referent.who == "child":
            if object_in is not None and referent.sentence == object_in:
                continue
            return "child"
        if referent.sex is None:
            return None
        if referent.sex == wanted:
            return "other"
    return "child" if object_in is None else None


def _resolve_subject(referents: list[Referent], sentence: int, wanted: str) -> str | None:
    """Whom a pronoun starting a sentence speaks of: the first person of the nearest sentence before
    that names someone other than as an owner ('Leo's assistant', 'his mum'); owners only when no
    sentence before names anyone else."""
    for earlier in range(sentence, -1, -1):
        subjects = [r for r in referents if r.sentence == earlier and not (r.possessor or r.possessive)]
        if any(r.who == "other" and r.sex == wanted for r in subjects):
            return "other"  # 'Sofia lives with her dad. He drives ...'
        if subjects:
            return _fits(subjects[0], wanted)
    owners = [r for r in referents if r.sentence <= sentence]
    return _fits(owners[-1], wanted) if owners else "child"


def _fits(referent: Referent, wanted: str) -> str | None:
    if referent.who == "child":
        return "child"
    if referent.sex is None:
        return None
    return "other" if referent.sex == wanted else "child"


def expected_pronoun_set(plan: Plan, uses: list[PronounUse]) -> str | None:
    """The child's pronouns: as the details give them, else the set the plan clearly uses most
    (three times as often as the other, and at least three times)."""
    given = plan.details.child.pronouns
    if given is not None:
        return given.subject
    counts = {name: sum(1 for use in uses if use.set == name) for name in ("she", "he")}
    most, least = sorted(counts.values(), reverse=True)
    if most >= 3 and most >= 3 * least:
        return max(counts, key=lambda name: counts[name])
    return None


# --- Age and school year said as true now -----------------------------------------------------


@dataclass(frozen=True)
class StatedFact:
    """An age or school year the plan states of the child as true now."""

    unit: TextUnit
    start: int
    end: int
    kind: str  # "year" or "age"
    value: int
    loose: bool = False


def stated_facts(
    units_and_docs: Iterable[tuple[TextUnit, Doc]],
    plan: Plan,
    lexicon: Lexicon,
    child_pronoun_at: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[StatedFact]:
    """Every 'is in Year 7', 'is now in Reception', 'is 7 years old', 'is now twelve' said of the
    child: the word before it is the child's name, 'the child', or a pronoun read as the child's
    (``child_pronoun_at`` holds (id of the unit, start) of each; 'they' only for a child whose
    pronouns are they/them), so 'Her brothers ... They are 14' is not read as the child's age."""
    from ehcplan.check.matching import find

    names = child_name_words(plan)
    given = plan.details.child.pronouns
    they = given is not None and given.subject == "they"
    numbers = lexicon.lists["number-words"]
    loose_words = lexicon.words("loose-age-words")
    for unit, doc in units_and_docs:
        if unit.section not in ABOUT_THE_CHILD:
            continue
        quotes = quoted_spans(unit.text)
        for match in find(doc, LEXICON):
            span = match.span
            kind = match.entry.kind
            if kind not in ("year", "reception", "nursery", "age") or inside(
                span.start_char, span.end_char, quotes
            ):
                continue
            subject = _subject_before(span, lexicon)
            if subject is None or not _is_child(subject, unit, names, lexicon, child_pronoun_at, they):
                continue
            following = doc[span.end].lower_ if span.end < len(doc) else ""
            if kind == "age" and following in lexicon.words("not-after-age"):
                continue
            if kind in ("reception", "nursery") and following in lexicon.words("not-after-stage"):
                continue
            loose = any(token.lower_ in loose_words for token in span)
            if kind == "reception":
                yield StatedFact(unit, span.start_char, span.end_char, "year", 0)
            elif kind == "nursery":
                yield StatedFact(unit, span.start_char, span.end_char, "year", -1, loose=True)
            else:
                value = _number(span[-1].text if kind == "year" else _age_token(span).text, numbers)
                if value is not None:
                    yield StatedFact(unit, span.start_char, span.end_char, kind, value, loose)


def _age_token(span: Span) -> Token:
    return next(token for token in span if token.like_num)


def _number(text: str, numbers: list[str]) -> int | None:
    digits = re.sub(r"^[Yy][Rr]?", "", text)
    if digits.isdigit():
        return int(digits)
    lower = text.lower()
    return numbers.index(lower) if lower in numbers else None


def _subject_before(span: Span, lexicon: Lexicon) -> Token | None:
    """The word just before a statement, past 'now', 'also' and commas: 'Leo' of 'Leo is now ...'."""
    doc = span.doc
    index = span.start - 1
    skip = lexicon.words("now-words") | {",", "also", "still"}
    while index >= 0 and doc[index].lower_ in skip:
        index -= 1
    return doc[index] if index >= 0 else None


def _is_child(
    token: Token,
    unit: TextUnit,
    names: frozenset[str],
    lexicon: Lexicon,
    child_pronoun_at: frozenset[tuple[int, int]],
    they: bool,
) -> bool:
    """True when the word is the child: their name, 'the child', or a pronoun read as theirs."""
    lower = token.lower_
    if _bare(token.text).lower() in names and token.text[:1].isupper():
        return True
    if lower in ("he", "she"):
        return (id(unit), token.idx) in child_pronoun_at
    if lower == "they":
        return they
    if lower in lexicon.words("child-words"):
        return token.i > 0 and token.nbor(-1).lower_ in ("the", "young", "this")
    return False


@dataclass(frozen=True)
class YearAtDate:
    """A school year the plan ties to a month and year ('by July 2027, the end of Year 11')."""

    unit: TextUnit
    start: int
    end: int
    year: int
    on: dt.date


def years_at_dates(units_and_docs: Iterable[tuple[TextUnit, Doc]], lexicon: Lexicon) -> Iterator[YearAtDate]:
    """Each 'end of Year N' or 'start of Year N' with a month and year in the same sentence."""
    from ehcplan.check.matching import find

    months = lexicon.lists["months"]
    dated = re.compile(rf"\b({'|'.join(months)})\s+(20[0-9]{{2}})\b", re.IGNORECASE)
    numbers = lexicon.lists["number-words"]
    for unit, doc in units_and_docs:
        for match in find(doc, LEXICON):
            if match.entry.kind != "year-at-date":
                continue
            span = match.span
            year = _number(span[-1].text, numbers)
            start, end = sentence_bounds(unit.text, span.start_char, span.end_char)
            # The date nearest the school year is the one it is tied to ("from September 2026
            # until the end of Year 6 in July 2028").
            dates = list(dated.finditer(unit.text, start, end))
            if year is None or not dates:
                continue
            when = min(
                dates,
                key=lambda found: min(abs(found.start() - span.end_char), abs(span.start_char - found.end())),
            )
            month = months.index(when.group(1).lower()) + 1
            yield YearAtDate(
                unit, span.start_char, span.end_char, year, dt.date(int(when.group(2)), month, 1)
            )


def academic_year(on: dt.date) -> int:
    """The calendar year in which the school year holding ``on`` began (1 September)."""
    return on.year if on.month >= 9 else on.year - 1


def expected_year(plan: Plan) -> int | None:
    """The child's school year: as the details give it, else from the date of birth and the plan's date."""
    child = plan.details.child
    if child.year_group is not None:
        return child.year_group
    on = plan_date(plan)
    return school_year(child.date_of_birth, on) if child.date_of_birth and on else None


def expected_ages(plan: Plan) -> tuple[int, int] | None:
    """The youngest and oldest the child can be on the plan's date: exact from the date of birth,
    else the two ages of a school year."""
    child = plan.details.child
    on = plan_date(plan)
    if child.date_of_birth and on:
        age = age_on(child.date_of_birth, on)
        return age, age
    if child.year_group is not None and child.year_group >= 0:
        return child.year_group + 4, child.year_group + 5
    return None


# --- Schools ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolMention:
    """A school, academy, college or nursery named in the writing."""

    unit: TextUnit | None
    text: str
    start: int
    end: int
    words: frozenset[str]  # the words that tell it from other schools


def school_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Capitalised words ending in a school word: 'Brookside School', 'St Mary's Primary Academy'."""

    def make() -> re.Pattern[str]:
        ends = sorted(lexicon.lists["school-words"], key=len, reverse=True)
        last = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ends)
        name = r"(?:[A-Z][\w'’.-]*|&|of|and|the)"
        return re.compile(rf"\b((?:{name}\s+){{1,6}}?(?i:{last}))\b")

    return lexicon.derived(("school-pattern",), make)


def distinctive(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The words of a school's name that tell it from other schools ('brookside', 'castlegate')."""
    return frozenset(lower_words(text)) - lexicon.words("generic-school-words")


def school_mentions(text: str, unit: TextUnit | None, lexicon: Lexicon) -> Iterator[SchoolMention]:
    """The schools named in ``text`` (title-case school words only: 'Brookside School', not 'school')."""
    for match in school_pattern(lexicon).finditer(text):
        found = match.group(1)
        last = found.split()[-1]
        if not last[:1].isupper():
            continue
        words = distinctive(found, lexicon)
        if not words or words & lexicon.words("not-placements"):
            continue
        # Leading words that do not name the school ("At", "Joined") are left out of the quote.
        start = match.start(1)
        for word in found.split():
            if word.lower() in lexicon.words("lead-words") or not word[:1].isupper():
                start += len(word) + 1
                continue
            break
        start = min(start, match.end(1) - len(last))
        while start < len(text) and text[start].isspace():
            start += 1
        yield SchoolMention(unit, text[start : match.end(1)], start, match.end(1), words)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text`` that holds the characters from ``start`` to ``end`` begins and ends."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [index for index in (text.find(". ", end), text.find("\n", end)) if index != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, min(right + 1, len(text))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds the characters from ``start`` to ``end``."""
    left, right = sentence_bounds(text, start, end)
    return text[left:right].strip()


def mentions_transition(text: str, lexicon: Lexicon, words: str = "transition-words") -> bool:
    """True when the words speak of a move or a visit ('will move', 'from September'), or with
    ``words='history-words'``, of the past ('went to', 'until')."""
    lowered = " ".join(lower_words(text))
    return any(
        re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered) for phrase in lexicon.lists[words]
    )


def in_the_past(doc: Doc) -> bool:
    """True when the sentence's main verb is in the past tense ('went', 'was', 'had joined')."""
    for sentence in doc.sents:
        root = sentence.root
        verbs = [root, *(child for child in root.children if child.dep_ in ("aux", "auxpass"))]
        if any(verb.tag_ in ("VBD",) for verb in verbs):
            return True
    return False
