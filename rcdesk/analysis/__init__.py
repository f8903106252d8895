"""Computations over domain objects: RC scoring, safety scoring, network metrics."""
