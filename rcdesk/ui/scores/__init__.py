"""The Scores view of the Map & Scores stage and the survey import dialog (issue 4)."""
