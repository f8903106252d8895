"""The Map page: the relational map drawn, rated and read live in the room."""
