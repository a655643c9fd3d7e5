"""Protokoll: a static site generator for the published minutes of Swedish councils."""

__version__ = "0.1.0"
