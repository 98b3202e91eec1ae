"""What the session log holds: a session, a week of sessions, a pain score; each checked
when it is built, so a row edited outside the workbook cannot pass as a session."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any

from ..base import checks
from ..base.checks import Checker
from ..base.formats import clock, day, day_pattern
from ..base.language import _
from ..catalogue.muscles import MUSCLE_GROUPS
from ..routines.dose import DAYS_PER_WEEK

PAIN_MIN, PAIN_MAX = 0, 10
MAX_NOTE = 2000
MAX_NAME = 120
MAX_STEPS = 10_000
MAX_SECONDS = 24 * 3600
"""Longest session or planned time accepted, in seconds."""


def _group_seconds(value: Any) -> MappingProxyType[str, float]:
    """Seconds per muscle group id, zeros left out."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise checks.not_valid(value, _("a mapping of muscle group id to seconds"))
    out = {}
    for g, seconds in value.items():
        if g not in MUSCLE_GROUPS:
            raise checks.Invalid(_("{value} is not a muscle group; use one of: {groups}").format(
                value=checks.describe(g), groups=", ".join(MUSCLE_GROUPS)))
        try:
            seconds = checks.number(seconds, 0, MAX_SECONDS, _("seconds"))
        except checks.Invalid as exc:
            raise checks.Invalid(str(exc), field=g) from None
        if seconds:
            out[g] = seconds
    return MappingProxyType(out)


@dataclass(frozen=True)
class SessionRecord:
    """One logged session. Times are aware datetimes (or ISO 8601 texts with a zone),
    kept in UTC; a bad field raises BackstretchError naming it."""

    id: int
    routine: str
    """The routine's name."""
    routine_key: str
    """``Routine.key()`` of the routine."""
    started_at: datetime
    """UTC."""
    ended_at: datetime
    planned_seconds: int
    """The routine's duration."""
    steps_completed: int
    """Checklist boxes (a stretch on one side) held to the end."""
    steps_skipped: int
    """Holds or moves cut short."""
    group_seconds: Mapping[str, float]
    """Seconds of static stretch per muscle group, from completed holds only."""
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        check = Checker("<session>")
        values = {
            "id": check("id", checks.whole, self.id, 0, 2**63 - 1),
            "routine": check("routine", checks.text, self.routine, MAX_NAME),
            "routine_key": check("routine_key", checks.text, self.routine_key, 64),
            "started_at": check("started_at", checks.moment, self.started_at),
            "ended_at": check("ended_at", checks.moment, self.ended_at),
            "planned_seconds": check("planned_seconds", checks.whole, self.planned_seconds, 0,
                                     MAX_SECONDS),
            "steps_completed": check("steps_completed", checks.whole, self.steps_completed, 0,
                                     MAX_STEPS),
            "steps_skipped": check("steps_skipped", checks.whole, self.steps_skipped, 0,
                                   MAX_STEPS),
            "group_seconds": check("group_seconds", _group_seconds, self.group_seconds),
            "pain_before": check("pain_before", checks.optional_whole, self.pain_before,
                                 PAIN_MIN, PAIN_MAX),
            "pain_after": check("pain_after", checks.optional_whole, self.pain_after,
                                PAIN_MIN, PAIN_MAX),
            "note": check("note", checks.text, self.note, MAX_NOTE, required=False,
                          multiline=True),
        }
        start, end = values["started_at"], values["ended_at"]
        if start and end and not timedelta(0) <= end - start <= timedelta(seconds=MAX_SECONDS):
            check.fail("ended_at", str(checks.not_valid(
                end.isoformat(), _("a time from started_at to 24 hours after it"))))
        check.raise_if_any()
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def minutes(self) -> float:
        """Minutes from start to end."""
        return (self.ended_at - self.started_at).total_seconds() / 60

    @property
    def counts(self) -> bool:
        """True when at least one hold (or set of moves) was done to its end; a session
        stopped before that counts toward no day or week figure."""
        return bool(self.steps_completed or self.group_seconds)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (weeks run Monday to Sunday, as ISO weeks do)."""
    return day - timedelta(days=day.weekday())


def month_day(when: date) -> str:
    """'3 March', '3 de marzo', '3. März', '3 mars' (CLDR)."""
    return day_pattern(when, "MMMMd")


def short_day(when: date) -> str:
    """A day as the charts' axes show it: '3 Mar', '3 mar', '3. März', '3 mars' (CLDR)."""
    return day_pattern(when, "MMMd")


def long_day(when: date) -> str:
    """'Tuesday, 3 March 2026', 'martes, 3 de marzo de 2026' (CLDR)."""
    return day(when, "full")


def time_of_day(moment: time) -> str:
    """'07:30' as the language writes a time of day (CLDR)."""
    return clock(moment)


def week_number(when: date) -> str:
    """The ISO week of ``when`` as an axis shows it: 'W48' ('KW48' in German)."""
    # TRANSLATORS: a week's ISO number on a chart's axis, like "W48" (German: "KW48")
    return _("W{week}").format(week=f"{when.isocalendar()[1]:02d}")


@dataclass(frozen=True)
class Week:
    """The sessions of one ISO week (Monday to Sunday)."""

    year: int
    """ISO year."""
    week: int
    """ISO week number, 1 to 53."""
    minutes: float
    sessions: int
    """Sessions that count: at least one hold done."""
    days: int
    """Days with at least one session that counts."""
    group_seconds: Mapping[str, float]
    """Seconds of static stretch per muscle group over the week."""
    stopped: int = 0
    """Sessions stopped before any hold was done; no other figure counts them."""

    @property
    def start(self) -> date:
        """The week's Monday."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def label(self) -> str:
        """Like ``2026-W48``."""
        return f"{self.year}-W{self.week:02d}"

    @property
    def guideline_met(self) -> bool:
        """True when the week has at least the guideline's 2 days (of 2 to 3) with a session."""
        return self.days >= DAYS_PER_WEEK[0]


@dataclass(frozen=True)
class PainPoint:
    """The pain scores of one session that has at least one."""

    when: datetime
    """The session's start, UTC."""
    before: int | None
    after: int | None
