"""The rules. Importing this package registers every rule module."""

from ehcplan.check.rules import (
    coherence,
    consistency,
    language,
    provision,
    readability,
    smart,
    structure,
    timescale,
)

__all__ = [
    "coherence",
    "consistency",
    "language",
    "provision",
    "readability",
    "smart",
    "structure",
    "timescale",
]
