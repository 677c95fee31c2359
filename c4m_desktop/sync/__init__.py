"""Bundles, merge, outbox and transport for sync by e-mail (DESIGN.md §4)."""
