"""Helpers shared by the tests (imported as ``testkit``)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def sample_paths() -> list[Path]:
    """The bundled sample plans."""
    return sorted(SAMPLES.glob("*.yaml"))
