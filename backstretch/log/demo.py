"""A made-up session log, so the progress lesson has weeks of data to show and check."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from ..catalogue.stretches import load_catalogue
from ..guided.session import Session
from ..routines.reading import load_routine
from .records import week_start
from .store import SessionLog

DEMO_DAYS = (3, 2, 1, 0, 2, 3)
"""Days with a session in each demo week, repeated: weeks 3 and 4 fall short of 2."""
DEMO_WEEKDAYS = {0: (), 1: (2,), 2: (0, 3), 3: (0, 2, 4)}
"""Which weekdays (0 is Monday) the sessions fall on, by days in the week."""
DEMO_ROUTINES = ("daily-back-care", "desk-break", "source-article")


def demo_log(path: str | os.PathLike[str], weeks: int = 6, today: date | None = None) -> SessionLog:
    """Create a session log at ``path`` with ``weeks`` weeks of made-up sessions.

    The weeks end with the one holding ``today`` (default: today); week ``i`` has
    ``DEMO_DAYS[i % 6]`` days with a session, each at 18:00 local time. Each session
    is a ready routine run on a pretend clock; every third one skips its first hold.
    Pain scores ease a little week by week. Returns the open log.
    """
    catalogue = load_catalogue()
    routines = [load_routine(name, catalogue) for name in DEMO_ROUTINES]
    today = today or date.today()
    first_monday = week_start(today) - timedelta(weeks=weeks - 1)
    log = SessionLog(path)
    n = 0
    for week in range(weeks):
        for weekday in DEMO_WEEKDAYS[DEMO_DAYS[week % len(DEMO_DAYS)]]:
            day = first_monday + timedelta(weeks=week, days=weekday)
            start = datetime.combine(day, time(18, 0)).astimezone()
            now = [0.0]
            session = Session(routines[n % len(routines)], clock=lambda: now[0])
            session.start()
            while session.state != "finished":
                if n % 3 == 2 and session.current and session.current.kind == "hold" \
                        and not session.skipped:
                    session.skip()
                now[0] += 1.0
                session.tick()
            before = max(0, 6 - week // 2 - n % 2)
            log.record_session(session, pain_before=before, pain_after=max(0, before - 2),
                               note=f"Demo session {n + 1}",
                               ended_at=start + timedelta(seconds=now[0]))
            n += 1
    return log
