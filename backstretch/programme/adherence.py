"""How the session log's weeks stand against the plan: days done of the days planned,
the run of weeks on plan, and what is left this week, in plain and kind words.

A week's days and sessions are the log's own (``Week``): a session stopped before any
hold was done counts toward nothing here either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..base.language import _, ngettext
from .plan import Plan, long_date, week_start
from ..log.records import Week, short_day


@dataclass(frozen=True)
class PlanWeek:
    """One of the plan's weeks that has begun."""

    number: int
    """1 for the plan's first week."""
    start: date
    """Its Monday."""
    planned: int
    """Days planned."""
    days: int
    """Days with a session that counts."""
    sessions: int
    current: bool
    """True for the week holding today, which is not over yet."""

    @property
    def on_plan(self) -> bool:
        """True when the week has at least the days planned."""
        return self.days >= self.planned

    def line(self) -> str:
        """'Week 2 (from 7 Dec): 3 of 3 days, 4 sessions. On plan.' (or '4 days (3 planned)')."""
        when = _("this week") if self.current else _("from {day}").format(
            day=short_day(self.start))
        if self.days > self.planned:
            days = ngettext("{n} day ({planned} planned)", "{n} days ({planned} planned)",
                            self.days).format(n=self.days, planned=self.planned)
        elif self.current and not self.on_plan:
            days = ngettext("{n} of {planned} day so far", "{n} of {planned} days so far",
                            self.planned).format(n=self.days, planned=self.planned)
        else:
            days = ngettext("{n} of {planned} day", "{n} of {planned} days",
                            self.planned).format(n=self.days, planned=self.planned)
        # TRANSLATORS: {when} is "this week" or "from 7 Dec"; {days} like "3 of 3 days";
        # {sessions} like "4 sessions"
        text = _("Week {number} ({when}): {days}, {sessions}.").format(
            number=self.number, when=when, days=days,
            sessions=ngettext("{n} session", "{n} sessions", self.sessions).format(
                n=self.sessions))
        return text + (" " + _("On plan.") if self.on_plan else "")


@dataclass(frozen=True)
class Adherence:
    """The plan's weeks begun by ``today``, oldest first, and what they add up to."""

    plan: Plan
    today: date
    weeks: tuple[PlanWeek, ...]

    @property
    def this_week(self) -> PlanWeek | None:
        """The plan's week holding today, or None before or after the plan."""
        return self.weeks[-1] if self.weeks and self.weeks[-1].current else None

    @property
    def run(self) -> int:
        """Weeks on plan in a row: the finished weeks back from the latest, plus this
        week once its plan is done (a week still going never breaks the run)."""
        run = 0
        for week in reversed([w for w in self.weeks if not w.current]):
            if not week.on_plan:
                break
            run += 1
        this = self.this_week
        return run + (1 if this is not None and this.on_plan else 0)

    @property
    def on_plan(self) -> int:
        """Weeks on plan so far, this week included once it is."""
        return sum(w.on_plan for w in self.weeks)

    def left(self) -> str:
        """'2 more days this week', 'This week's plan is done.', or when the plan starts or
        ended."""
        if self.today < self.plan.first_day and not self.weeks:
            return _("Your plan starts on {day}.").format(day=long_date(self.plan.first_day))
        this = self.this_week
        if this is None:
            return ngettext("Your plan ended on {day}, with {n} of {weeks} week on plan.",
                            "Your plan ended on {day}, with {n} of {weeks} weeks on plan.",
                            self.plan.weeks).format(day=long_date(self.plan.end),
                                                    n=self.on_plan, weeks=self.plan.weeks)
        if this.on_plan:
            return _("This week's plan is done.")
        more = this.planned - this.days
        return ngettext("{n} more day this week.", "{n} more days this week.", more).format(n=more)

    def run_text(self) -> str:
        """'On plan: 3 weeks in a row.', 'On plan: 1 week.', or '' before the first."""
        if not self.run:
            return ""
        if self.run == 1:
            return _("On plan: 1 week.")
        return ngettext("On plan: {n} week in a row.", "On plan: {n} weeks in a row.",
                        self.run).format(n=self.run)

    def summary(self) -> str:
        """'Week 3 of 6. On plan: 2 weeks in a row. 1 more day this week.'"""
        this = self.this_week
        parts = [_("Week {number} of {weeks}.").format(number=this.number,
                                                       weeks=self.plan.weeks) if this else "",
                 self.run_text(), self.left()]
        return " ".join(p for p in parts if p)

    def lines(self) -> list[str]:
        """One line per week begun, newest first."""
        return [w.line() for w in reversed(self.weeks)]


def adherence(plan: Plan, weeks: Iterable[Week], today: date) -> Adherence:
    """The plan's weeks up to ``today``'s, from the log's weeks (``SessionLog.weekly``);
    weeks of the log outside the plan are left out, weeks the log lacks have no days."""
    logged = {w.start: w for w in weeks}
    now = week_start(today)
    begun = []
    for number, monday in enumerate(plan.week_starts(), 1):
        if monday > now:
            break
        week = logged.get(monday)
        begun.append(PlanWeek(number, monday, plan.planned(monday),
                              week.days if week else 0, week.sessions if week else 0,
                              current=monday == now))
    return Adherence(plan, today, tuple(begun))

