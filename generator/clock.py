"""The build's date: what "today" is for everything that depends on it.

`SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else the clock, as a
date in Swedish time. Builds with the same epoch are identical. Light on
purpose: the no-op check (uptodate.py) imports it before anything heavy.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Stockholm")


def build_date() -> dt.date:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc) if raw.isdigit() else dt.datetime.now(dt.timezone.utc)
    return moment.astimezone(LOCAL_ZONE).date()
