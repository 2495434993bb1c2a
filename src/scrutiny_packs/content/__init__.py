"""Files to a checked bank: read YAML with its line numbers, check it against the schemas, and
check references, placeholders, personal data and near-duplicates across files."""
