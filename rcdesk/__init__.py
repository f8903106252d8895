"""rcdesk: facilitate Relational Model of Change workshops, offline, in the room."""

__version__ = "0.1.0"
