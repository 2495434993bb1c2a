"""Scrutiny Packs: a safeguarding scrutiny question bank kept as YAML, built into a site and packs."""

__version__ = "0.1.0"
