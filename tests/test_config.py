"""Configuration: the branding of rendered plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcplan.config import DEFAULT_ACCENT, Config, find_config
from ehcplan.errors import EhcplanError


def test_branding_defaults_leave_the_other_settings_alone() -> None:
    config = Config()
    assert config.branding.accent_colour == DEFAULT_ACCENT
    assert config.branding.name is config.branding.logo is config.branding.templates is None
    assert config.fail_on == "error" and config.ignore == []


def test_branding_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ehcplan]\nignore = ["SMART"]\n[tool.ehcplan.branding]\nname = "Northshire County Council"\n'
        'logo = "brand/logo.png"\ntemplates = "brand/templates"\naccent-color = "#17B"\n',
        encoding="utf-8",
    )
    config = find_config(tmp_path / "plan.yaml")
    assert config.ignore == ["SMART"]
    branding = config.branding
    assert branding.name == "Northshire County Council"
    assert branding.logo == tmp_path / "brand" / "logo.png"
    assert branding.templates == tmp_path / "brand" / "templates"
    assert branding.accent_colour == "#1177bb"


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("blue", "'blue' is not a hex colour; write it like '#1d70b8'"),
        ("#1d70b", "'#1d70b' is not a hex colour"),
        ("#ffdd00", "'#ffdd00' has a contrast of 1.3:1 with white"),
    ],
)
def test_an_accent_colour_must_be_hex_and_readable_on_white(
    tmp_path: Path, colour: str, message: str
) -> None:
    path = tmp_path / ".ehcplan.toml"
    path.write_text(f'[branding]\naccent-colour = "{colour}"\n', encoding="utf-8")
    with pytest.raises(EhcplanError) as caught:
        find_config(tmp_path)
    assert str(caught.value).startswith(f"{path}: config branding.accent-colour: {message}")


def test_unknown_branding_settings_are_named(tmp_path: Path) -> None:
    (tmp_path / ".ehcplan.toml").write_text('[branding]\ncolour = "#000000"\n', encoding="utf-8")
    with pytest.raises(EhcplanError, match=r"config branding\.colour: Extra inputs are not permitted"):
        find_config(tmp_path)
