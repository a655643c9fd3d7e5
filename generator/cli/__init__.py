"""Layer 1, the top: the command line (`protokoll build | serve | check | new`)."""
