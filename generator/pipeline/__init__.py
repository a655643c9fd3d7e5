"""Layer 3: the pipeline: build, check, the no-op check, the state store and the incremental engine.

Kept empty: `protokoll build` imports `pipeline.uptodate` before anything heavy.
"""
