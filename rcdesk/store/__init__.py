"""The workshop library: one SQLite file through sqlite-utils. No Qt."""
