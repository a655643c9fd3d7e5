"""Layer 6, the bottom: problems, URLs, options and worker processes, used by every layer."""
