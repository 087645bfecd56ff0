"""The rules. Importing this package registers every rule module."""

from ehcplan.rules import provision, smart

__all__ = ["provision", "smart"]
