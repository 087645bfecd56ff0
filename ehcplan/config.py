"""Configuration: ``[tool.ehcplan]`` in a pyproject.toml, or a ``.ehcplan.toml``, found upward from a plan."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ehcplan.errors import EhcplanError

CONFIG_NAMES = (".ehcplan.toml", "pyproject.toml")


class ReadabilityTargets(BaseModel):
    """Targets for readability, per audience."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    max_sentence_words: int = Field(default=25, alias="max-sentence-words", ge=5)
    reading_age: float = Field(default=13.0, alias="reading-age", ge=5)
    family_reading_age: float = Field(default=10.0, alias="family-reading-age", ge=5)
    min_flesch: float = Field(default=50.0, alias="min-flesch")
    family_min_flesch: float = Field(default=60.0, alias="family-min-flesch")


class Config(BaseModel):
    """Settings a local authority or a writer can change."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    fail_on: str = Field(default="warning", alias="fail-on", pattern="^(error|warning|info)$")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    lexicons: list[Path] = Field(default_factory=list, description="Extra lexicon folders")
    pipeline: str | None = None
    grading: Path | None = Field(
        default=None, description="A grading policy file of the local authority's own"
    )
    readability: ReadabilityTargets = Field(default_factory=ReadabilityTargets)
    source: Path | None = Field(default=None, exclude=True)


def find_config(start: Path) -> Config:
    """The nearest config above ``start`` (a file or folder), or the defaults."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file():
                config = load_config(path)
                if config is not None:
                    return config
    return Config()


def load_config(path: Path) -> Config | None:
    """Read one config file; a pyproject.toml without ``[tool.ehcplan]`` gives None."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise EhcplanError(f"{path}: cannot read the config: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("ehcplan")
        if data is None:
            return None
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise EhcplanError(f"{path}: config {where}: {first['msg']}") from None
    config.source = path
    config.lexicons = [folder if folder.is_absolute() else path.parent / folder for folder in config.lexicons]
    if config.grading is not None and not config.grading.is_absolute():
        config.grading = path.parent / config.grading
    return config
