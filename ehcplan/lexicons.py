"""Lexicons: word lists and patterns kept as YAML data in ``lexicons/``, validated when loaded.

A lexicon file has named word ``lists`` and ``entries``. Each entry has an id, plain ``phrases``
(matched on lower-case words) and/or spaCy Matcher ``patterns`` (lists of token descriptions, as
in spaCy's documentation), plus what the rules need to say about it (a message, a plain-English
alternative, which detail a hedge leaves open ...). In a pattern, ``"$name"`` stands for the word
list ``name``. A local authority can add folders of its own files (config ``lexicons``): an
entry with the same id replaces the built-in one, and new entries are added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from ehcplan.errors import EhcplanError
from ehcplan.paths import data_dir
from ehcplan.user_cache import private_folder, write_private

T = TypeVar("T")
Detail = Literal["what", "who", "group", "how_often", "how_long", "amount", "commitment"]


class Entry(BaseModel):
    """One term or pattern of a lexicon, with what the rules say about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    kind: str | None = None
    hedges: tuple[Detail, ...] = Field(default=(), description="Details this hedge leaves open")
    always: bool = Field(default=False, description="Flag even when the details are stated")
    severity: Literal["error", "warning", "info"] | None = None
    message: str | None = None
    suggestion: str | None = None
    alternative: str | None = Field(default=None, description="Plain-English alternative or expansion")
    source: str | None = None

    @model_validator(mode="after")
    def _has_something_to_match(self) -> Entry:
        if not self.phrases and not self.patterns:
            raise ValueError("an entry needs 'phrases' or 'patterns'")
        return self


class Lexicon(BaseModel):
    """A validated lexicon file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    source: str | None = None
    lists: dict[str, list[str]] = Field(default_factory=dict)
    entries: list[Entry] = Field(default_factory=list)
    _derived: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _unique_ids_and_known_lists(self) -> Lexicon:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"entry id '{entry.id}' is used twice")
            seen.add(entry.id)
            for pattern in entry.patterns:
                for name in _list_references(pattern):
                    if name not in self.lists:
                        raise ValueError(f"entry '{entry.id}' uses the list '${name}', which is not defined")
        return self

    def entry(self, entry_id: str) -> Entry:
        """The entry with this id."""
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def words(self, list_name: str) -> frozenset[str]:
        """A word list, lower-cased, for quick membership tests (made once per loaded lexicon)."""
        return self.derived(
            ("words", list_name), lambda: frozenset(word.lower() for word in self.lists.get(list_name, []))
        )

    def derived(self, key: Hashable, make: Callable[[], T]) -> T:
        """Something worked out from this lexicon, made once: a loaded lexicon never changes (an
        edited file is loaded afresh)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def expanded_patterns(self, entry: Entry) -> list[list[dict[str, Any]]]:
        """The entry's patterns with every ``$list`` reference replaced by the list."""
        return [[_expand(token, self.lists) for token in pattern] for pattern in entry.patterns]


def _list_references(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith("$"):
        yield value[1:]
    elif isinstance(value, dict):
        for item in value.values():
            yield from _list_references(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _list_references(item)


def _expand(value: Any, lists: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("$"):
        return [word.lower() for word in lists[value[1:]]]
    if isinstance(value, dict):
        return {key: _expand(item, lists) for key, item in value.items()}
    if isinstance(value, list | tuple):
        # Inside IN / NOT_IN lists, YAML reads 16 as a number; spaCy compares text.
        return [str(item) if isinstance(item, int | float) else _expand(item, lists) for item in value]
    return value


@dataclass(frozen=True)
class LexiconLibrary:
    """The built-in lexicon files, with a local authority's own folders laid over them (config ``lexicons``).

    A library is a value: each face builds one from its config and passes it down, so two plans
    checked side by side under different configs never share a list by accident.
    """

    folders: tuple[Path, ...] = ()

    @classmethod
    def with_folders(cls, folders: Iterable[Path]) -> LexiconLibrary:
        """A library with these extra folders; a folder that is not there is refused."""
        chosen: list[Path] = []
        for folder in map(Path, folders):
            if not folder.is_dir():
                raise EhcplanError(f"{folder}: the lexicon folder in the config does not exist")
            if folder not in chosen:
                chosen.append(folder)
        return cls(tuple(chosen))

    def load(self, name: str) -> Lexicon:
        """``lexicons/<name>.yaml``, with the entries of any file of the same name in the extra folders.

        Read again when one of its files changes, so a long-running process never answers from
        an edited lexicon's old words (and never keeps such an answer under the new file's name).
        """
        return _load(self.folders, name, self.stamp(name))

    def stamp(self, name: str) -> tuple[tuple[str, int, int], ...]:
        """The files of lexicon ``name`` as they are now: path, size and time of change."""
        found = []
        for path in (
            data_dir("lexicons") / f"{name}.yaml",
            *(folder / f"{name}.yaml" for folder in self.folders),
        ):
            try:
                status = path.stat()
            except OSError:
                continue
            found.append((str(path), status.st_size, status.st_mtime_ns))
        return tuple(found)

    def names(self) -> list[str]:
        """The name of every lexicon, built-in or the council's."""
        return sorted(
            {path.stem for folder in (data_dir("lexicons"), *self.folders) for path in folder.glob("*.yaml")}
        )

    def state(self) -> tuple[tuple[str, int, int], ...]:
        """Every file of every lexicon as it is now: what a check's matches were made from."""
        return tuple(entry for name in self.names() for entry in self.stamp(name))

    def words(self, name: str, list_name: str) -> frozenset[str]:
        """One word list of one lexicon, lower-cased."""
        return self.load(name).words(list_name)


BUILT_IN_LEXICONS = LexiconLibrary()


@lru_cache(maxsize=256)
def _load(folders: tuple[Path, ...], name: str, _stamp: tuple[tuple[str, int, int], ...]) -> Lexicon:
    base = _read_lexicon(data_dir("lexicons") / f"{name}.yaml")
    for folder in folders:
        extra_path = folder / f"{name}.yaml"
        if extra_path.exists():
            base = _merge(base, _read_lexicon(extra_path))
    return base


def _read_lexicon(path: Path) -> Lexicon:
    """A lexicon file, validated; compiled once per content and kept in the user's cache, since
    walking a large YAML file costs a tenth of a second at every start and a lexicon is public data."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise EhcplanError(f"{path}: cannot read this lexicon: {error.strerror}") from None
    kept = _compiled_path(raw)
    if kept is not None:
        with suppress(OSError, ValueError):
            return Lexicon.model_validate_json(kept.read_bytes())
    lexicon = _parsed_lexicon(path, raw)
    if kept is not None:
        with suppress(OSError):
            write_private(kept, lexicon.model_dump_json())
    return lexicon


def _compiled_path(raw: bytes) -> Path | None:
    """Where the compiled form of a lexicon file with these bytes is kept (None: no cache folder)."""
    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(_model_fingerprint().encode())
    try:
        return private_folder("lexicons") / f"{digest.hexdigest()}.json"
    except OSError:
        return None


@cache
def _model_fingerprint() -> str:
    """This module's code: a change to the Lexicon model finds no old compiled file."""
    return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).hexdigest()


def _parsed_lexicon(path: Path, raw: bytes) -> Lexicon:
    import yaml

    from ehcplan.yaml_load import TagRefused, load_data

    try:
        data = load_data(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError, TagRefused) as error:
        raise EhcplanError(f"{path}: cannot read this lexicon: {str(error).splitlines()[0]}") from None
    try:
        return Lexicon.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = _entry_name(data, first["loc"])
        raise EhcplanError(f"{path}: {where}{first['msg']}") from None


def _entry_name(data: Any, loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
        try:
            entry_id = data["entries"][loc[1]].get("id", f"number {loc[1] + 1}")
        except (KeyError, IndexError, TypeError, AttributeError):
            entry_id = f"number {loc[1] + 1}"
        rest = ".".join(str(part) for part in loc[2:])
        return f"entry '{entry_id}'{' ' + rest if rest else ''}: "
    return f"{'.'.join(str(part) for part in loc)}: " if loc else ""


def _merge(base: Lexicon, extra: Lexicon) -> Lexicon:
    lists = {**base.lists}
    for name, words in extra.lists.items():
        lists[name] = [*lists.get(name, []), *words]
    replaced = {entry.id: entry for entry in extra.entries}
    entries = [replaced.pop(entry.id, entry) for entry in base.entries] + list(replaced.values())
    return Lexicon(
        name=base.name, description=base.description, source=base.source, lists=lists, entries=entries
    )
