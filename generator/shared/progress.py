"""Progress on long work: one tqdm bar per stage, on the terminal, counted in the parent process.

Shown only when stderr (where every command writes its messages) is a terminal and
CI is not set, and only once the command has run for PROTOKOLL_PROGRESS_DELAY seconds
(default 2), so a quick build shows nothing. Each bar clears itself when its stage
ends: what stays on the terminal is the summary, exactly as without a terminal.
Without progress (`Progress.for_terminal()` gives None) a stage's counter is None
and the work is done as if this module did not exist. tqdm is imported only when a
bar is made.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Callable, TextIO

DELAY_ENV = "PROTOKOLL_PROGRESS_DELAY"
DEFAULT_DELAY = 2.0
_COUNTED = "{desc}: {percentage:3.0f}% |{bar}| {n_fmt}/{total_fmt} {unit} [{elapsed}]"
_UNCOUNTED = "{desc} …"

Advance = Callable[[int], object]
"""Called in the parent with the number of units (pages, files) just finished."""


def delay_problem() -> str | None:
    """Why PROTOKOLL_PROGRESS_DELAY cannot be used (Swedish), or None."""
    value = os.environ.get(DELAY_ENV)
    if value is None:
        return None
    try:
        if float(value) >= 0:
            return None
    except ValueError:
        pass
    return (f"{DELAY_ENV}={value} går inte att använda. Ange hur många sekunder en körning ska ha pågått "
            f"innan förloppet visas, t.ex. {DELAY_ENV}=0, eller ta bort variabeln (standard: {DEFAULT_DELAY:g}).")


class Progress:
    """The bars of one command run; the delay counts from when the run started."""

    def __init__(self, stream: TextIO, delay: float) -> None:
        self.stream, self.delay, self.started = stream, delay, time.monotonic()

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress | None:
        """Progress on `stream` (stderr) when it is a terminal and CI is not set; else None."""
        stream = stream or sys.stderr
        if os.environ.get("CI", "").lower() not in ("", "0", "false") or not stream.isatty():
            return None
        return cls(stream, float(os.environ.get(DELAY_ENV, DEFAULT_DELAY)))

    def bar(self, name: str, total: int | None, unit: str):
        from tqdm import tqdm

        return tqdm(total=total, desc=name, unit=unit, file=self.stream, leave=False, dynamic_ncols=True,
                    delay=max(0.0, self.started + self.delay - time.monotonic()),
                    bar_format=_UNCOUNTED if total is None else _COUNTED)


class Stage:
    """One stage's bar, made when the stage knows how much work it has (`count`)."""

    def __init__(self, progress: Progress | None, name: str) -> None:
        self.progress, self.name, self._bar = progress, name, None

    def count(self, total: int | None, unit: str = "") -> Advance | None:
        """The counter to call as units finish (None: no progress is shown, count nothing).
        `total` None: the stage is only named, without a count."""
        if self.progress is None:
            return None
        self._bar = self.progress.bar(self.name, total, unit)
        return self._bar.update

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


@contextmanager
def stage(progress: Progress | None, name: str):
    """A `Stage` for the block; its bar is cleared when the block ends, however it ends."""
    step = Stage(progress, name)
    try:
        yield step
    finally:
        step.close()
