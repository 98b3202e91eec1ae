"""What a student's share of one week holds, checked: the days done against the plan,
usual pain and the activities' average from the check-in, and the change since the
first check-in against the minimal important change. Nothing else: no notes, no
activity names, no session times.

A share is named or anonymous; only a named one may say whether usual pain is rising
(``pain_rising``, left None unless the student allows it). The student never sends a
name: the class hub's service adds it, from the student's own sign-in, to a named share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ..base import checks
from ..base.checks import Checker, Invalid
from ..base.errors import BackstretchError, Problem
from ..base.formats import cldr_locale, day_pattern, number
from ..base.language import _, ngettext
from ..log.records import PAIN_MAX, PAIN_MIN, week_start
from ..programme.outcomes import activities_reached, pain_reached

MAX_BYTES = 4096
"""The most a share, as JSON, may take."""
FIELDS = ("week", "named", "days", "planned", "usual_pain", "activities", "pain_change",
          "pain_reached", "activities_change", "activities_reached", "pain_rising")
"""Every field of a share as sent, and nothing else is taken."""


@dataclass(frozen=True)
class Share:
    """One student's week, as shared with the instructor."""

    week: date
    """The Monday of the week shared."""
    named: bool
    days: int
    """Days with a session that counts, this week."""
    planned: int | None
    """Days a week the plan asks for; None without a plan for this week."""
    usual_pain: int | None
    """From the week's check-in (or last week's), 0 to 10; None without one."""
    activities: float | None
    """The average of the activities rated in that check-in, 0 to 10."""
    pain_change: int | None
    """Usual pain now less at the first check-in; None before a second check-in."""
    pain_reached: bool | None
    """Whether that is a fall most people notice."""
    activities_change: float | None
    """The activities' average now less at the start, over those rated at both ends."""
    activities_reached: bool | None
    pain_rising: bool | None = None
    """Whether usual pain is rising (the check-ins' warning), told only if allowed."""
    name: str | None = None
    """The student's name on the hub, for a named share; set by the service only."""

    def to_json(self) -> dict[str, Any]:
        """The share as sent (and, with ``name``, as the instructor's view holds it)."""
        out: dict[str, Any] = {f: getattr(self, f) for f in FIELDS}
        out["week"] = self.week.isoformat()
        if self.name is not None:
            out["name"] = self.name
        return out

    def lines(self) -> list[str]:
        """What the share tells, in words, one line a figure."""
        week = day_pattern(self.week, "MMMMd")
        out = [(_("Week of {week}: shared with your name.") if self.named else
                _("Week of {week}: shared without your name.")).format(week=week)]
        if self.planned:
            out.append(ngettext("Days with a session: {days} of {n} day planned.",
                                "Days with a session: {days} of {n} days planned.",
                                self.planned).format(days=self.days, n=self.planned))
        else:
            out.append(_("Days with a session: {days} (no plan for this week).").format(
                days=self.days))
        if self.usual_pain is None:
            out.append(_("No check-in this week or last: no pain or activities are shared."))
        elif self.activities is None:
            out.append(_("Usual pain: {pain}. Activities' average: none rated.").format(
                pain=self.usual_pain))
        else:
            out.append(_("Usual pain: {pain}. Activities' average: {average}.").format(
                pain=self.usual_pain, average=tenths(self.activities)))
        out.append(change_words("pain", self.pain_change, self.pain_reached))
        out.append(change_words("activities", self.activities_change,
                                self.activities_reached))
        if self.pain_rising is not None:
            out.append(_("Your instructor may be told your pain is rising: it is.")
                       if self.pain_rising else
                       _("Your instructor may be told your pain is rising: it is not."))
        return out


def change_words(what: str, change: float | None, reached: bool | None) -> str:
    """'Change in usual pain since the start: -2 (a change most people notice).'
    ``what`` is ``pain`` (usual pain) or ``activities`` (their average)."""
    pain = what == "pain"
    if change is None:
        return (_("Change in usual pain since the start: not yet (it needs two check-ins).")
                if pain else _("Change in activities' average since the start: not yet (it "
                               "needs two check-ins)."))
    if reached:
        text = (_("Change in usual pain since the start: {change} (a change most people "
                  "notice).") if pain else _("Change in activities' average since the start: "
                                             "{change} (a change most people notice)."))
    else:
        text = (_("Change in usual pain since the start: {change} (less than most people "
                  "notice).") if pain else _("Change in activities' average since the start: "
                                             "{change} (less than most people notice)."))
    return text.format(change=("+" if change >= 0 else "") + number(change))


def tenths(value: float) -> str:
    """A 0-to-10 average with one decimal, in the current language: '7.0', '7,5'."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="0.0", locale=cldr_locale())


def monday(value: Any) -> date:
    """A week as a share names it: its Monday, as ``2026-12-07``; else Invalid."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None or day.weekday() != 0:
        raise checks.not_valid(value, _("a Monday, like 2026-12-07"))
    return day


def _week(value: Any, today: date) -> date:
    day = monday(value)
    if not week_start(today) - timedelta(weeks=1) <= day <= week_start(today):
        raise Invalid(_("{week} is not this week or last; only a week just lived can be "
                        "shared").format(week=day))
    return day


def _optional(check: Any, value: Any, *args: Any) -> Any:
    return None if value is None else check(value, *args)


def _number(value: Any, low: float, high: float) -> float:
    return round(checks.number(value, low, high), 1)


def read_share(data: Any, today: date, source: str = "<share>") -> Share:
    """A share from its JSON (a mapping of ``FIELDS``), checked against ``today``: every
    fault, a missing or unknown field too, is one Problem naming ``source`` and the field."""
    if not isinstance(data, Mapping):
        raise BackstretchError(Problem(source, "", _(
            "must be a JSON object of the share's fields ({fields})").format(
                fields=", ".join(FIELDS))))
    check = Checker(source)
    for key in data:
        if key not in FIELDS:
            check.fail(checks.describe(key)[:40], _(
                "is not a field of a share; the fields are {fields}").format(
                    fields=", ".join(FIELDS)))
    for key in FIELDS:
        if key not in data:
            check.fail(key, _("is missing (null where there is no value)"))
    check.raise_if_any()
    share = Share(
        week=check("week", _week, data["week"], today),
        named=check("named", checks.flag, data["named"]),
        days=check("days", checks.whole, data["days"], 0, 7),
        planned=check("planned", checks.optional_whole, data["planned"], 1, 7),
        usual_pain=check("usual_pain", checks.optional_whole, data["usual_pain"], PAIN_MIN,
                         PAIN_MAX),
        activities=check("activities", _optional, _number, data["activities"], 0, 10),
        pain_change=check("pain_change", checks.optional_whole, data["pain_change"], -10, 10),
        pain_reached=check("pain_reached", _optional, checks.flag, data["pain_reached"]),
        activities_change=check("activities_change", _optional, _number,
                                data["activities_change"], -10, 10),
        activities_reached=check("activities_reached", _optional, checks.flag,
                                 data["activities_reached"]),
        pain_rising=check("pain_rising", _optional, checks.flag, data["pain_rising"]))
    check.raise_if_any()
    _agree(share, check)
    check.raise_if_any()
    return share


def _agree(share: Share, check: Checker) -> None:
    """The figures must fit together as the check-ins make them."""
    if share.usual_pain is None:
        for key in ("activities", "pain_change", "activities_change", "pain_rising"):
            if getattr(share, key) is not None:
                check.fail(key, _("must be null when usual_pain is (no recent check-in)"))
    if (share.pain_change is None) != (share.pain_reached is None):
        check.fail("pain_reached", _("must be given with pain_change, and only with it"))
    elif share.pain_change is not None and share.usual_pain is not None:
        start = share.usual_pain - share.pain_change
        if not PAIN_MIN <= start <= PAIN_MAX:
            check.fail("pain_change", _("{change} from {pain} starts outside {low} to "
                                        "{high}").format(change=share.pain_change,
                                                         pain=share.usual_pain, low=PAIN_MIN,
                                                         high=PAIN_MAX))
        elif share.pain_reached != pain_reached(start, share.usual_pain):
            check.fail("pain_reached", _("does not match pain_change"))
    if (share.activities_change is None) != (share.activities_reached is None):
        check.fail("activities_reached", _("must be given with activities_change, and only "
                                           "with it"))
    elif share.activities_change is not None \
            and share.activities_reached != activities_reached(0, share.activities_change):
        check.fail("activities_reached", _("does not match activities_change"))
    if share.pain_rising is not None and not share.named:
        check.fail("pain_rising", _("may be told only in a named share; use null"))


def with_name(share: Share, name: str | None) -> Share:
    """The share as the service keeps it: named with ``name``, or with no name at all."""
    return replace(share, name=name if share.named else None)
