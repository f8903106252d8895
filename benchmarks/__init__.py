"""Benchmarks: `python -m benchmarks` prints medians and ratios to same-run baselines."""
