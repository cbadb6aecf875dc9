"""What users read: the output formats, decision records, charts and decision maps."""
