"""Reminders in a person's own calendar: the plan as an iCalendar file (RFC 5545) that a
phone, Google Calendar or Outlook imports, with no server of ours to send anything.

One weekly event on the plan's reminder days at its time, until the plan's last day,
with an alarm a few minutes before.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from ..base.yamlio import atomic_write_bytes
from ..routines.model import Routine
from ..safety.flags import SHORT_LINE
from .plan import WEEKDAYS, Plan, routine_names

PRODID = "-//backstretch//Stretching plan reminders//EN"
ALARM_MINUTES = 10
"""The alarm goes off this many minutes before the planned time."""
SAFETY_LINE = f"{SHORT_LINE} Not medical advice."
MIN_MINUTES = 5
"""The shortest event a calendar shows for a session."""


def first_day(plan: Plan) -> date:
    """The first reminder day of the plan, on or after its start."""
    day = plan.start
    while WEEKDAYS[day.weekday()] not in plan.reminder_days:
        day += timedelta(days=1)
    return day


def reminder_calendar(plan: Plan, routines: Sequence[Routine],
                      now: datetime | None = None) -> Calendar:
    """The calendar of ``plan``'s reminders, its SUMMARY naming ``routines`` (the plan's,
    loaded); ``now`` (default: now) is its DTSTAMP."""
    names = routine_names(routines)
    minutes = max(MIN_MINUTES, math.ceil(max(r.duration for r in routines) / 60))
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = Event()
    # Same start, same UID: importing a changed plan again updates the event, not a copy.
    event.add("uid", f"plan-{plan.start.isoformat()}@backstretch")
    event.add("dtstamp", (now or datetime.now(timezone.utc)).astimezone(timezone.utc))
    event.add("summary", f"Stretch: {names}")
    event.add("description", f"Your plan: {names}, {plan.describe()}.\n{SAFETY_LINE}")
    # Floating local times (no zone, no TZID): "07:30" means 07:30 wherever the person's
    # calendar is, which phones, Google Calendar and Outlook all take as the calendar's own
    # zone. A TZID would need the person's zone, which a kernel on a class hub (often UTC)
    # does not know, and a VTIMEZONE block some importers mishandle. RFC 5545 then asks
    # for a floating UNTIL too.
    event.add("dtstart", datetime.combine(first_day(plan), plan.reminder_time))
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", {"freq": "weekly", "wkst": "MO",
                        "byday": [d[:2].upper() for d in plan.reminder_days],
                        "until": datetime.combine(plan.end, time(23, 59, 59))})
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Time to stretch: {names}")
    alarm.add("trigger", timedelta(minutes=-ALARM_MINUTES))
    event.add_component(alarm)
    cal.add_component(event)
    return cal


def write_reminders(plan: Plan, routines: Sequence[Routine], path: str | os.PathLike[str],
                    now: datetime | None = None) -> Path:
    """Write the reminders as an ``.ics`` file, atomically; return the path."""
    path = Path(path)
    atomic_write_bytes(path, reminder_calendar(plan, routines, now).to_ical())
    return path
