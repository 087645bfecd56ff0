"""Parses kept between runs, so a plan checked again after one edit is parsed only where it changed.

Each plan file has one entry in the cache's ``parses`` folder: the labels (see annotations.py) of
every text of the plan that was parsed, each under a keyed hash of its text. No text is kept: the
words come back from the plan as it is now, and a text that changed has no entry, so it is
parsed afresh. A parse depends only on the text and the language model, so an edited lexicon or
rule keeps its parses (the results are checked again all the same).
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ehcplan.check.annotations import Annotations
from ehcplan.check.text_units import text_units
from ehcplan.user_cache import private_folder, write_private

if TYPE_CHECKING:
    from pathlib import Path

    from ehcplan.check.pipeline import LanguageTools
    from ehcplan.model import Plan

# Bumped when what an entry holds changes shape.
PARSE_FORMAT = 1


@dataclass(frozen=True)
class ParseCache:
    """The parses folder, for one language model."""

    folder: Path
    secret: bytes
    model: bytes

    @classmethod
    def open(cls, pipeline: str) -> ParseCache:
        """The folder (made, owner-only, if need be) for parses by this pipeline."""
        from ehcplan.check.result_cache import model_versions, secret_key

        folder = private_folder("parses")
        model = json.dumps({"format": PARSE_FORMAT, "models": model_versions(pipeline)}, sort_keys=True)
        return cls(folder, secret_key(folder.parent), model.encode())

    def recall(self, path: str, plan: Plan, tools: LanguageTools) -> int:
        """Give ``tools`` the kept parses of this plan's texts; how many were found."""
        try:
            kept = json.loads((self.folder / self._entry(path)).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        if not isinstance(kept, dict):
            return 0
        found = {}
        for text in _texts(plan):
            labels = Annotations.from_plain(kept.get(self._text_key(text)))
            if labels is not None:
                found[text] = labels
        return tools.remember_parses(found)

    def keep(self, path: str, plan: Plan, tools: LanguageTools) -> None:
        """Keep the parses ``tools`` hold of this plan's texts, in place of the entry's old ones."""
        labels = tools.parses_of(_texts(plan))
        entry = {self._text_key(text): annotations.to_plain() for text, annotations in labels.items()}
        with suppress(OSError):  # a full disk costs the next run time, never this one
            write_private(self.folder / self._entry(path), json.dumps(entry, separators=(",", ":")))

    def prune(self, keep: int) -> None:
        """Remove the oldest entries beyond ``keep``."""
        with os.scandir(self.folder) as listing:
            entries = sorted(
                (entry for entry in listing if entry.name.endswith(".json")),
                key=lambda entry: entry.stat().st_mtime_ns,
            )
        for entry in entries[: max(0, len(entries) - keep)]:
            with suppress(OSError):
                os.unlink(entry.path)

    def _entry(self, path: str) -> str:
        return self._hash(b"plan", path.encode("utf-8", "surrogatepass")) + ".json"

    def _text_key(self, text: str) -> str:
        return self._hash(b"text", text.encode("utf-8", "surrogatepass"))[:32]

    def _hash(self, kind: bytes, data: bytes) -> str:
        digest = hashlib.blake2b(key=self.secret, digest_size=24)
        for part in (self.model, kind, data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
        return digest.hexdigest()


def _texts(plan: Plan) -> list[str]:
    """Every text of the plan a rule may parse: each piece of writing and each item."""
    texts = [unit.text for unit in text_units(plan)]
    texts += [item.text for _letter, item in plan.items()]
    return list(dict.fromkeys(texts))


def open_parse_cache(pipeline: str) -> ParseCache | None:
    """The parse cache, or None where its folder cannot be made (checking goes on without it)."""
    try:
        return ParseCache.open(pipeline)
    except OSError:
        return None
