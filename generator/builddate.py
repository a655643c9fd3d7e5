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
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Stockholm")


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, when set and valid."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)


def build_date() -> dt.date:
    """Today, for this build: the Swedish date of SOURCE_DATE_EPOCH, else of the clock."""
    moment = source_date_epoch() or dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(LOCAL_ZONE).date()
