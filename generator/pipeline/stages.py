"""What every stage of the pipeline uses: named timings (each with its progress bar on a terminal,
shared/progress.py), and the cyclic collector kept off the model."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from generator.shared import progress as progress_bars


@dataclass
class Timings:
    stages: list[tuple[str, float]] = field(default_factory=list)
    progress: progress_bars.Progress | None = None
    """Where the stages show their progress; None: nowhere (not a terminal, CI, serve)."""

    @contextmanager
    def stage(self, name: str):
        """Time the block; it gets the stage's `progress.Stage` to count its work on."""
        start = time.perf_counter()
        with progress_bars.stage(self.progress, name) as step:
            yield step
        self.stages.append((name, time.perf_counter() - start))

    def summary(self) -> str:
        total = sum(s for _, s in self.stages)
        parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.stages)
        return f"{total:.2f} s ({parts})"


@contextmanager
def collector_paused(settle: bool = False):
    """No cyclic GC inside: scanning the model's millions of young objects again and again,
    while it is built, cost a fifth of the time at 10,000 meetings.

    `settle` (serve's long-lived process): afterwards, collect what the block itself left
    behind and freeze the survivors, so that no later collection walks the whole model again
    (that was a 1 s pause in one edit of five at 10,000 meetings).
    """
    gc.disable()
    try:
        yield
    finally:
        if settle:
            gc.collect(0)
            gc.freeze()
        gc.enable()
