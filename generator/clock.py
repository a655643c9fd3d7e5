"""The build's date: what "today" is for everything that depends on it.

`SOURCE_DATE_EPOCH` (reproducible-builds.org) when set, else the clock, as a
date in Swedish time. Builds with the same epoch are identical. Light on
purpose: the no-op check (uptodate.py) imports it before anything heavy.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Stockholm")


def build_date() -> dt.date:
    try:
        seconds = source_date_epoch()
    except ValueError:  # the command line refuses it before building
        seconds = None
    moment = dt.datetime.now(dt.timezone.utc) if seconds is None else dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    return moment.astimezone(LOCAL_ZONE).date()


LAST_EPOCH = int(dt.datetime(2200, 1, 1, tzinfo=dt.timezone.utc).timestamp()) - 1
"""The last SOURCE_DATE_EPOCH accepted: like every date in the content, before the year 2200."""


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) in seconds; None when unset or empty.

    ValueError, with a Swedish message, when it is not a whole number of seconds from 1970 to 2199:
    the specification asks a build to fail rather than guess."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,20}", raw) or int(raw) > LAST_EPOCH:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise ValueError(f"miljövariabeln SOURCE_DATE_EPOCH={shown} ska vara ett heltal sekunder sedan "
                         f"1970-01-01 (UTC), högst {LAST_EPOCH} (år 2199), t.ex. 1735689600. Rätta den eller ta bort den.")
    return int(raw)
