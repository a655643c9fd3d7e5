"""The build's date: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the clock.

Anything a page says that depends on "today" (is a protocol still under appeal?)
is computed against `build_date()`, so two builds with one epoch are
byte-identical and a daily scheduled build keeps such pages current. The date is
the one in Sweden (Europe/Stockholm) at that moment: an epoch at 23:30 UTC on
2 January is already 3 January there. Kept free of heavy imports: uptodate.py
fingerprints the build date before anything else is loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Stockholm")


LAST_EPOCH = int(dt.datetime(2200, 1, 1, tzinfo=dt.timezone.utc).timestamp()) - 1
"""The last SOURCE_DATE_EPOCH accepted: like every date in the content, before the year 2200."""


def epoch_problem() -> str | None:
    """Why SOURCE_DATE_EPOCH cannot be used, in Swedish, when it is set but not a whole number of
    seconds from 1970 to 2199 (the command line then refuses to run: the specification asks a build
    to fail rather than guess); None when it is unset, empty or valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw or (re.fullmatch(r"[0-9]{1,20}", raw) and int(raw) <= LAST_EPOCH):
        return None
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return (f"miljövariabeln SOURCE_DATE_EPOCH={shown} ska vara ett heltal sekunder sedan 1970-01-01 (UTC), "
            f"högst {LAST_EPOCH} (år 2199), t.ex. 1735689600. Rätta den eller ta bort den.")


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, when set and valid (see epoch_problem)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw or epoch_problem():
        return None
    return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)


def build_date() -> dt.date:
    """Today, for this build: the Swedish date of SOURCE_DATE_EPOCH, else of the clock."""
    moment = source_date_epoch() or dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(LOCAL_ZONE).date()
