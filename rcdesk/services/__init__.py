"""Use cases: every change to a workshop is an Edit applied in one transaction. No Qt."""
