"""The website: virtual Markdown pages generated from the bank (no MkDocs needed)."""
