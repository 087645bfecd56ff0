"""Configuration: ``[tool.ehcplan]`` in a pyproject.toml, or a ``.ehcplan.toml``, found upward from a plan."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ehcplan.colour import MIN_CONTRAST, WHITE, contrast_ratio, normalise_hex
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


DEFAULT_ACCENT = "#1d70b8"


class Branding(BaseModel):
    """How rendered plans look: the local authority's name, logo, accent colour and own templates."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str | None = Field(default=None, description="The local authority's name, shown in the header")
    logo: Path | None = Field(default=None, description="A PNG or JPEG logo, shown with alt text")
    accent_colour: str = Field(
        default=DEFAULT_ACCENT,
        validation_alias=AliasChoices("accent-colour", "accent-color", "accent_colour"),
        description="Hex colour for the header band, links and rules; must contrast with white",
    )
    templates: Path | None = Field(
        default=None, description="A folder whose templates and words.yaml override the built-in ones"
    )

    @field_validator("accent_colour")
    @classmethod
    def _readable_on_white(cls, value: str) -> str:
        colour = normalise_hex(value)
        if colour is None:
            raise PydanticCustomError(
                "accent_colour", "'{value}' is not a hex colour; write it like '#1d70b8'", {"value": value}
            )
        ratio = contrast_ratio(colour, WHITE)
        if ratio < MIN_CONTRAST:
            raise PydanticCustomError(
                "accent_colour",
                "'{value}' has a contrast of {ratio}:1 with white, so text in it would be hard to read; "
                "choose a darker colour with at least {minimum}:1, such as '{default}'",
                {"value": value, "ratio": f"{ratio:.1f}", "minimum": MIN_CONTRAST, "default": DEFAULT_ACCENT},
            )
        return colour


class Config(BaseModel):
    """Settings a local authority or a writer can change."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    fail_on: str = Field(default="error", alias="fail-on", pattern="^(error|warning|info)$")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    lexicons: list[Path] = Field(default_factory=list, description="Extra lexicon folders")
    pipeline: str | None = None
    grading: Path | None = Field(
        default=None, description="A grading policy file of the local authority's own"
    )
    readability: ReadabilityTargets = Field(default_factory=ReadabilityTargets)
    branding: Branding = Field(default_factory=Branding)
    source: Path | None = Field(default=None, exclude=True)


def find_config(start: Path) -> Config:
    """The nearest config above ``start`` (a file or folder), or the defaults."""
    # realpath, unlike Path.resolve in Python 3.11, never raises on a loop of links.
    folder = Path(os.path.realpath(start))
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
    branding = config.branding
    for field in ("logo", "templates"):
        value = getattr(branding, field)
        if value is not None and not value.is_absolute():
            setattr(branding, field, path.parent / value)
    return config
