"""Use cases: every read and write of the app goes through here (validation, clock, history)."""
