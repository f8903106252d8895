"""Plain data and rules of the Relational Model of Change. Standard library only."""
