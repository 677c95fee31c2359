"""ReportLab documents (DESIGN.md §5)."""
