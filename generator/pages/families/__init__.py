"""The page families: each module declares `plans(site, sources)` and `RENDERERS`."""
