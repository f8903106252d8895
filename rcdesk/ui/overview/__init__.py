"""The Overview page: workshop details, roles, waves, meetings and settings."""
