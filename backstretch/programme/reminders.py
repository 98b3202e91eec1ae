"""Reminders in a person's own calendar: the plan as an iCalendar file (RFC 5545) that a
phone, Google Calendar or Outlook imports, with no server of ours to send anything.

One weekly event on the plan's reminder days at its time, until the plan's last day,
with an alarm a few minutes before. Its time is in the person's own time zone (this
computer's, with its rules in a VTIMEZONE), so it stays at 07:30 across a clock change.
Its UID is the plan's own id, so importing the file of a changed plan updates the
events that plan made (its SEQUENCE, the plan's revision, tells the calendar which is
newer), and another plan's file adds its own.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event

from ..base.language import _, spoken
from ..base.yamlio import atomic_write_bytes
from ..routines.model import Routine
from ..safety.flags import short_line
from .plan import Plan, routine_names

PRODID = "-//backstretch//Stretching plan reminders//EN"
ALARM_MINUTES = 10
"""The alarm goes off this many minutes before the planned time."""
MIN_MINUTES = 5
"""The shortest event a calendar shows for a session."""


def safety_line() -> str:
    """The short safety line, and that this is not medical advice, in the current language."""
    return " ".join((short_line(), _("Not medical advice.")))


def system_zone(etc: Path = Path("/etc")) -> tzinfo:
    """This computer's time zone: ``TZ``, else the zone ``/etc/localtime`` links to, else
    ``/etc/timezone``'s; UTC when none names a zone known."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        names.append(os.readlink(etc / "localtime"))
    except OSError:
        pass
    try:
        names.append((etc / "timezone").read_text(encoding="utf-8").strip())
    except (OSError, UnicodeError):
        pass
    for name in names:
        try:
            return ZoneInfo(name.rpartition("zoneinfo/")[2])
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return timezone.utc


def reminder_calendar(plan: Plan, routines: Sequence[Routine], now: datetime | None = None,
                      zone: tzinfo | None = None) -> Calendar:
    """The calendar of ``plan``'s reminders, its SUMMARY naming ``routines`` (the plan's,
    loaded); ``now`` (default: now) is its DTSTAMP, ``zone`` (default: this computer's)
    the zone of its times. Its words are in the current language, marked as such
    (``LANGUAGE``, RFC 5545), so the file says them in the language it was made in."""
    names = routine_names(routines)
    language = {"LANGUAGE": spoken().replace("_", "-")}
    minutes = max(MIN_MINUTES, math.ceil(max(r.duration for r in routines) / 60))
    zone = zone or system_zone()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", f"{plan.id}@backstretch")
    event.add("sequence", plan.revision - 1)
    event.add("dtstamp", (now or datetime.now(timezone.utc)).astimezone(timezone.utc))
    # TRANSLATORS: the calendar event's title; {names} is the plan's routine (or two)
    event.add("summary", _("Stretch: {names}").format(names=names), parameters=language)
    # TRANSLATORS: {plan} is like "3 days a week for 6 weeks, from ...; reminders on ..."
    event.add("description", _("Your plan: {names}, {plan}.").format(
        names=names, plan=plan.describe()) + "\n" + safety_line(), parameters=language)
    event.add("dtstart", datetime.combine(plan.first_day, plan.reminder_time, zone))
    event.add("duration", timedelta(minutes=minutes))
    last = datetime.combine(plan.end, time(23, 59, 59), zone)
    event.add("rrule", {"freq": "weekly", "wkst": "MO",
                        "byday": [d[:2].upper() for d in plan.reminder_days],
                        "until": last.astimezone(timezone.utc)})  # RFC 5545: UNTIL in UTC
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", _("Time to stretch: {names}").format(names=names),
              parameters=language)
    alarm.add("trigger", timedelta(minutes=-ALARM_MINUTES))
    event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones(first_date=date(plan.start.year - 1, 1, 1),
                              last_date=date(plan.end.year + 2, 1, 1))
    return cal


def write_reminders(plan: Plan, routines: Sequence[Routine], path: str | os.PathLike[str],
                    now: datetime | None = None, zone: tzinfo | None = None) -> Path:
    """Write the reminders as an ``.ics`` file, atomically; return the path."""
    path = Path(path)
    atomic_write_bytes(path, reminder_calendar(plan, routines, now, zone).to_ical())
    return path
