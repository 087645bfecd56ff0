"""ehcplan: draft, check and audit Education, Health and Care plans."""

__version__ = "0.1.0"
