"""Benchmarks (`make bench`); not collected by pytest."""
