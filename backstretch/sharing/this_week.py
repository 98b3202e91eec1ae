"""A share of this week, built from the person's own log and plan: the only place a
share's figures are taken from the log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ..log.checkins import CheckIn
from ..log.records import Week, week_start
from ..programme.adherence import adherence
from ..programme.outcomes import (activities_reached, activity_ends, pain_reached,
                                  rising_pain_warning)
from ..programme.plan import Plan
from .share import Share


def recent_checkin(checkins: Sequence[CheckIn], today: date) -> int | None:
    """The index of the latest check-in made this week or last (up to ``today``), or None."""
    since = week_start(today) - timedelta(weeks=1)
    found = [i for i, c in enumerate(checkins) if since <= c.day <= today]
    return found[-1] if found else None


def week_share(plan: Plan | None, weeks: Sequence[Week], checkins: Sequence[CheckIn],
               today: date, named: bool, tell_if_rising: bool = False) -> Share:
    """This week's share: days from the log's ``weeks`` (against ``plan`` while it runs),
    usual pain and the activities from the recent check-in (``checkins`` oldest first), the
    changes since the first check-in, and (named and allowed only) whether pain is rising."""
    monday = week_start(today)
    this = adherence(plan, weeks, today).this_week if plan is not None else None
    days = next((w.days for w in weeks if w.start == monday), 0)
    latest = recent_checkin(checkins, today)
    pain = activities = pain_change = activities_change = None
    pain_ok = activities_ok = rising = None
    if latest is not None:
        upto = list(checkins[:latest + 1])
        now = upto[-1]
        pain = now.usual_pain
        activities = None if now.activity_average is None else round(now.activity_average, 1)
        if len(upto) >= 2:
            pain_change = now.usual_pain - upto[0].usual_pain
            pain_ok = pain_reached(upto[0].usual_pain, now.usual_pain)
        ends = activity_ends(upto)
        if ends is not None and ends[1]:
            activities_change = round(ends[3] - ends[2], 1)
            activities_ok = activities_reached(0, activities_change)
        if named and tell_if_rising:
            rising = rising_pain_warning(upto) is not None
    return Share(monday, named, days, this.planned if this else None, pain, activities,
                 pain_change, pain_ok, activities_change, activities_ok, rising)
