"""The rules. Importing this package registers every rule module."""

from ehcplan.check.rules import coherence, language, provision, readability, smart, structure, timescale

__all__ = ["coherence", "language", "provision", "readability", "smart", "structure", "timescale"]
