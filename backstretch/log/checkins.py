"""The weekly check-in: usual pain over the past week (0 to 10) and the person's own
activities, rated 0 to 10 each week.

The activities follow the Patient-Specific Functional Scale (Stratford et al. 1995): up
to five everyday things the person's back makes hard, named in their own words, each
rated from 0 (cannot do it) to 10 (can do it as well as before the back trouble). An
activity left out of a later check-in is retired, not deleted, so its past ratings
stay; naming it again brings it back with them. There is one check-in per ISO week
(Monday to Sunday): a second one in the same week replaces the first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from ..base import checks
from ..base.checks import Checker
from ..base.errors import BackstretchError
from ..base.language import _, ngettext
from .records import MAX_NOTE, PAIN_MAX, PAIN_MIN, month_day, week_start

MAX_ACTIVITIES = 5
MAX_ACTIVITY = 80
"""Longest activity name, in characters."""
RATING_MIN, RATING_MAX = 0, 10


def shown_day(day: date) -> str:
    """Like ``3 March`` (``3 de marzo`` in Spanish)."""
    return month_day(day)


def _day(value: Any) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, datetime) or not isinstance(value, date) or not 2 <= value.year <= 9998:
        raise checks.not_valid(value, _("a date, like 2026-03-02"))
    return value


def _activity_name(value: Any) -> str:
    return checks.text(value, MAX_ACTIVITY)


def _ratings(value: Any) -> MappingProxyType[str, int | None]:
    """Activity name to rating (0 to 10, or None for not rated this week), in order; the
    count is checked first, so a long list costs nothing."""
    if not isinstance(value, Mapping):
        raise checks.not_valid(value, _("a mapping of activity name to a rating from 0 to 10"))
    if len(value) > MAX_ACTIVITIES:
        raise checks.Invalid(ngettext("names {n} activity; choose at most {most}",
                                      "names {n} activities; choose at most {most}",
                                      len(value)).format(n=len(value), most=MAX_ACTIVITIES))
    out: dict[str, int | None] = {}
    seen: set[str] = set()
    for name, rating in value.items():
        try:
            clean = _activity_name(name)
        except checks.Invalid as exc:
            # TRANSLATORS: {problem} is what is wrong with the name, like "is empty"
            raise checks.Invalid(_("an activity's name {problem}").format(problem=exc),
                                 field=checks.describe(name)) from None
        if clean.casefold() in seen:
            raise checks.Invalid(_("names {name} twice; name each activity once").format(
                name=repr(clean)))
        seen.add(clean.casefold())
        try:
            out[clean] = checks.optional_whole(rating, RATING_MIN, RATING_MAX)
        except checks.Invalid as exc:
            raise checks.Invalid(str(exc), field=clean) from None
    return MappingProxyType(out)


@dataclass(frozen=True)
class Activity:
    """One of the person's activities; ``retired_on`` is None while it is a current one."""

    id: int
    name: str
    position: int
    """Its place among the current activities, from 0."""
    added_on: date
    retired_on: date | None = None


@dataclass(frozen=True)
class CheckIn:
    """One week's check-in, checked when built (a bad field raises BackstretchError)."""

    id: int
    day: date
    """The day it was made."""
    usual_pain: int
    """Usual pain over the past week, 0 (none) to 10 (worst imaginable)."""
    ratings: Mapping[int, int]
    """Activity id to its rating this week, 0 (cannot do) to 10 (as before)."""
    note: str = ""

    def __post_init__(self) -> None:
        check = Checker("<check-in>")
        values = {
            "day": check("day", _day, self.day),
            "usual_pain": check("usual_pain", checks.whole, self.usual_pain, PAIN_MIN, PAIN_MAX),
            "ratings": MappingProxyType({k: check(f"ratings.{k}", checks.whole, v, RATING_MIN,
                                                  RATING_MAX) for k, v in self.ratings.items()}),
            "note": check("note", checks.text, self.note, MAX_NOTE, required=False,
                          multiline=True),
        }
        check.raise_if_any()
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def week(self) -> date:
        """The Monday of its week."""
        return week_start(self.day)

    @property
    def activity_average(self) -> float | None:
        """The average rating of the activities rated, or None when none was."""
        return sum(self.ratings.values()) / len(self.ratings) if self.ratings else None


@dataclass(frozen=True)
class Entry:
    """A check-in to save, checked: ``ratings`` None keeps the current activities."""

    day: date
    usual_pain: int
    ratings: Mapping[str, int | None] | None
    note: str


def _day_so_far(value: Any, today: date) -> date:
    """A day up to ``today``: a check-in is about a week lived, not one to come."""
    day = _day(value)
    if day > today:
        raise checks.Invalid(_("{day} is after today ({today}); a check-in is about the week "
                               "just lived: use today or a day before").format(
            day=day.isoformat(), today=today.isoformat()))
    return day


def entry(file: str, day: Any, usual_pain: Any, ratings: Any = None, note: Any = "",
          today: date | None = None) -> Entry:
    """Check what a check-in is to hold (made on ``day``, not after ``today``, by default
    this computer's today); every fault is one Problem naming ``file`` and the field."""
    check = Checker(file)
    values = Entry(check("day", _day_so_far, day, today or date.today()),
                   check("usual_pain", checks.whole, usual_pain, PAIN_MIN, PAIN_MAX),
                   None if ratings is None else check("activities", _ratings, ratings),
                   check("note", checks.text, note, MAX_NOTE, required=False, multiline=True))
    check.raise_if_any()
    return values


@dataclass(frozen=True)
class Saved:
    """A check-in just saved, the one of the same week it replaced (if any), and the
    current activities."""

    checkin: CheckIn
    replaced: CheckIn | None
    activities: tuple[Activity, ...]

    @property
    def message(self) -> str:
        """What to tell the person."""
        n = len(self.checkin.ratings)
        if n:
            text = ngettext(
                "Saved your check-in for the week of {week}: usual pain {pain}, {n} activity "
                "rated.",
                "Saved your check-in for the week of {week}: usual pain {pain}, {n} activities "
                "rated.", n)
        else:
            text = _("Saved your check-in for the week of {week}: usual pain {pain}, no "
                     "activity rated.")
        text = text.format(week=shown_day(self.checkin.week), pain=self.checkin.usual_pain, n=n)
        if self.replaced is not None:
            text += " " + _("It replaces the one from {day}: there is one check-in a "
                            "week.").format(day=shown_day(self.replaced.day))
        return text


def _set_activities(conn: sqlite3.Connection, names: list[str], day: date) -> dict[str, int]:
    """Make ``names`` the current activities, in order; return name to id."""
    known = conn.execute("SELECT id, name, retired_on FROM activities "
                         "ORDER BY retired_on IS NOT NULL, retired_on DESC, id DESC").fetchall()
    ids: dict[str, int] = {}
    for position, name in enumerate(names):
        match = next((r for r in known if r[1].casefold() == name.casefold()
                      and r[0] not in ids.values()), None)
        if match is None:
            ids[name] = conn.execute("INSERT INTO activities (name, position, added_on) "
                                     "VALUES (?, ?, ?)",
                                     (name, position, day.isoformat())).lastrowid
        else:
            ids[name] = match[0]
            conn.execute("UPDATE activities SET name = ?, position = ?, retired_on = NULL "
                         "WHERE id = ?", (name, position, match[0]))
    conn.execute("UPDATE activities SET retired_on = ? WHERE retired_on IS NULL AND id NOT IN "
                 f"({', '.join('?' * len(ids))})", (day.isoformat(), *ids.values()))
    return ids


def write(conn: sqlite3.Connection, new: Entry) -> tuple[int, CheckIn | None]:
    """Store ``new`` inside the caller's transaction, replacing its week's check-in;
    return its id and the one it replaced."""
    week = week_start(new.day).isoformat()
    old = [c for c in read_checkins(conn) if c.week.isoformat() == week]
    if old:
        conn.execute("DELETE FROM activity_ratings WHERE checkin_id = ?", (old[0].id,))
        conn.execute("DELETE FROM checkins WHERE id = ?", (old[0].id,))
    cid = conn.execute("INSERT INTO checkins (week, day, usual_pain, note) VALUES (?, ?, ?, ?)",
                       (week, new.day.isoformat(), new.usual_pain, new.note)).lastrowid
    if new.ratings is not None:
        ids = _set_activities(conn, list(new.ratings), new.day)
        conn.executemany("INSERT INTO activity_ratings (checkin_id, activity_id, rating) "
                         "VALUES (?, ?, ?)",
                         [(cid, ids[n], r) for n, r in new.ratings.items() if r is not None])
    return cid, old[0] if old else None


def read_checkins(conn: sqlite3.Connection, file: str = "<log>") -> list[CheckIn]:
    """Every check-in, oldest first (one statement, so one snapshot); a row changed
    outside the workbook into what no check-in can be raises BackstretchError."""
    rows = conn.execute("SELECT c.id, c.day, c.usual_pain, c.note, r.activity_id, r.rating "
                        "FROM checkins c LEFT JOIN activity_ratings r ON r.checkin_id = c.id "
                        "ORDER BY c.week, r.activity_id").fetchall()
    out: dict[int, tuple[tuple[Any, ...], dict[int, int]]] = {}
    for r in rows:
        ratings = out.setdefault(r[0], (r[:4], {}))[1]
        if r[4] is not None:
            ratings[r[4]] = r[5]
    result = []
    for (cid, day, pain, note), ratings in out.values():
        try:
            result.append(CheckIn(cid, day, pain, ratings, note))
        except BackstretchError as exc:
            raise exc.inside(file, f"check-in {cid}") from None
    return result


def read_activities(conn: sqlite3.Connection, retired: bool = False) -> list[Activity]:
    """The current activities in order, then (with ``retired``) the retired ones."""
    rows = conn.execute("SELECT id, name, position, added_on, retired_on FROM activities "
                        + ("" if retired else "WHERE retired_on IS NULL ")
                        + "ORDER BY retired_on IS NOT NULL, position, id").fetchall()
    return [Activity(i, n, p, date.fromisoformat(a), date.fromisoformat(r) if r else None)
            for i, n, p, a, r in rows]
