"""The Gaps & Experiments page: gap log, PDSA cycles, run charts and the huddle follow-up."""
