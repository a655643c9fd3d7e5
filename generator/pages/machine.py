"""Helpers that every machine-readable output shares (feeds, calendars, open data, sitemap).

Absolute links, `tag:` authorities, and timestamps that come from the content,
never from the clock. A date that the content cannot give (an empty feed)
comes from SOURCE_DATE_EPOCH, or is the Unix epoch, so two builds of the same
content are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json

from generator.content.model import Meeting, Site
from generator.shared import urls
from generator.shared.builddate import source_date_epoch

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def fallback_time() -> dt.datetime:
    """The time to print when the content gives none."""
    return source_date_epoch() or EPOCH


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def meeting_updated(meeting: Meeting) -> dt.datetime:
    """Last change the content records: the meeting date, the latest justering or the latest rättelse."""
    days = [meeting.date, *(j.date for j in meeting.justerare if j.date), *(r.date for r in meeting.rattelser)]
    return day_start(max(days))


def tag_authority(site: Site) -> str:
    """The `tag:` authority (RFC 4151): the site's host, else the contact e-mail's domain."""
    config = site.config
    if config.url:
        return config.url.split("://", 1)[1].split(":", 1)[0].lower()
    domain = config.contact.email.rpartition("@")[2].strip().lower()
    return domain or "protokoll.invalid"


def link(ctx, url: str) -> str:
    """A site-relative URL as printed in machine-readable files: absolute when the origin is known."""
    return urls.absolute_url(ctx.site.config.url, ctx.renderer.urls.href(url))


def to_json(data: dict) -> bytes:
    # Compact: json's C encoder only runs without indent (10x faster at 10,000 meetings).
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
