"""Colours: parse a hex colour and measure contrast the way WCAG 2.2 does."""

from __future__ import annotations

import re

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
WHITE = "#ffffff"
# WCAG 2.2 AA for normal text (1.4.3). The accent colour carries text and links, so it must pass.
MIN_CONTRAST = 4.5


def normalise_hex(value: str) -> str | None:
    """'#1D70B8', '1d70b8' or '#17b' as '#1d70b8'; None when it is not a hex colour."""
    match = _HEX.match(value.strip())
    if match is None:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour, from 0 (black) to 1 (white)."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
