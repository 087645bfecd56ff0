"""The rules. Importing this package registers every rule module."""

from ehcplan.rules import language, provision, readability, smart

__all__ = ["language", "provision", "readability", "smart"]
