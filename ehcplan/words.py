"""The wording of rendered plans: ``templates/words.yaml``, and a local authority's own changes.

The built-in file is also the schema: a local authority's ``words.yaml`` may change any entry
that the built-in file has, and may use only the ``{placeholders}`` that the built-in entry
uses, so a typing slip is reported with the file and entry rather than showing in a plan.
"""

from __future__ import annotations

import datetime as dt
import string
from functools import cache
from pathlib import Path
from typing import Any

from ehcplan.errors import EhcplanError
from ehcplan.paths import data_dir

WORDS_FILE = "words.yaml"


class Words:
    """Look up an entry by its dotted name and fill in its placeholders."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __call__(self, key: str, **values: Any) -> str:
        """The entry ``key`` (e.g. 'provision.caption') with ``values`` filled in."""
        text = self.raw(key)
        if not isinstance(text, str):
            raise TypeError(f"words entry '{key}' is not a piece of text")
        return text.format_map(values) if values else text

    @property
    def data(self) -> dict[str, Any]:
        """Every entry, as stored."""
        return self._data

    def raw(self, key: str) -> Any:
        """The entry as stored: text, a list or a mapping."""
        node: Any = self._data
        for part in key.split("."):
            node = node[part]
        return node

    def date(self, value: dt.date | None) -> str:
        """A date in words: '30 September 2026' (empty when there is none)."""
        if value is None:
            return ""
        month = self.raw("months")[value.month - 1]
        return self("date", day=value.day, month=month, year=value.year)

    def choice(self, group: str, value: Any) -> str:
        """The display name of a value in a group of names ('areas', 'statuses' ...)."""
        names = self.raw(group)
        key = getattr(value, "value", value)
        return names.get(key, str(key))


@cache
def _builtin() -> dict[str, Any]:
    return _read(data_dir("templates") / WORDS_FILE)


def check_templates_folder(folder: Path | None) -> None:
    """Refuse a local authority's templates folder that is not there, rather than ignore it."""
    if folder is not None and not folder.is_dir():
        raise EhcplanError(f"{folder}: the templates folder in the config does not exist")


def load_words(folder: Path | None = None) -> Words:
    """The built-in wording, with the entries of ``folder/words.yaml`` (if any) replacing them."""
    check_templates_folder(folder)
    data = _builtin()
    if folder is not None and (folder / WORDS_FILE).is_file():
        path = folder / WORDS_FILE
        override = _read(path)
        _check_override(data, override, path, "")
        data = _merge(data, override)
    return Words(data)


def _read(path: Path) -> dict[str, Any]:
    # libyaml through the project's core-schema loader: read on every start, so it must be quick.
    import yaml

    from ehcplan.yaml_load import TagRefused, load_data

    try:
        data = load_data(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TagRefused) as error:
        raise EhcplanError(f"{path}: cannot read the wording: {str(error).splitlines()[0]}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise EhcplanError(f"{path}: the wording should be headings with entries under them")
    return data


def _check_override(base: dict[Any, Any], override: dict[Any, Any], path: Path, prefix: str) -> None:
    """Refuse entries the built-in wording does not have, and placeholders it does not fill in."""
    for key, value in override.items():
        name = f"{prefix}{key}"
        if key not in base:
            raise EhcplanError(
                f"{path}: '{name}' is not an entry ehcplan knows; check the spelling against "
                f"the built-in {WORDS_FILE}"
            )
        expected = base[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise EhcplanError(f"{path}: '{name}' should hold entries, as in the built-in {WORDS_FILE}")
            _check_override(expected, value, path, f"{name}.")
        elif isinstance(expected, list):
            if not isinstance(value, list) or len(value) != len(expected):
                raise EhcplanError(f"{path}: '{name}' should be a list of {len(expected)} entries")
        elif not isinstance(value, str):
            raise EhcplanError(f"{path}: '{name}' should be a piece of text")
        else:
            unknown = _placeholders(value, path, name) - _placeholders(expected, path, name)
            if unknown:
                allowed = ", ".join(f"{{{field}}}" for field in sorted(_placeholders(expected, path, name)))
                raise EhcplanError(
                    f"{path}: '{name}' uses {{{sorted(unknown)[0]}}}, which ehcplan does not fill in here; "
                    f"it can use {allowed or 'no placeholders'}"
                )


def _placeholders(text: str, path: Path, name: str) -> set[str]:
    try:
        return {field for _literal, field, _spec, _conv in string.Formatter().parse(text) if field}
    except ValueError:
        raise EhcplanError(
            f"{path}: '{name}' has an unmatched '{{' or '}}'; write '{{{{' or '}}}}' for a brace"
        ) from None


def _merge(base: dict[Any, Any], override: dict[Any, Any]) -> dict[Any, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(base[key], value) if isinstance(value, dict) else value
    return merged


@cache
def house_layout() -> dict[str, Any]:
    """The house layout: title, details rows, and for each section its prompt and table columns."""
    from ehcplan.yaml_load import load_data

    path = data_dir("templates") / "word-starter.yaml"
    return load_data(path.read_text(encoding="utf-8"))


def prompts() -> list[str]:
    """Every prompt in the starter: the reader leaves these out of the plan."""
    layout = house_layout()
    found = [layout["intro"]]
    for section in layout["sections"].values():
        found.append(section["prompt"])
        found.extend(part["prompt"] for part in section.get("parts", []))
    return found
