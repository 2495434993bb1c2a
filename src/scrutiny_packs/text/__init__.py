"""Wording and markup shared by every output: the you/we framing, escaping, Markdown, sanitising, templates."""
