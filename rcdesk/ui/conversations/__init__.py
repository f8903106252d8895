"""The Conversations stage: agenda and walkthrough player, decks, captures, the pulse."""
