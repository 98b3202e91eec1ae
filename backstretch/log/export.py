"""The session log and the weekly check-ins as CSV files that open safely in a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from ..base.yamlio import atomic_write_text
from ..catalogue.muscles import MUSCLE_GROUPS
from .checkins import Activity, CheckIn
from .records import SessionRecord

COLUMNS = ("id", "routine", "routine_key", "started_at", "ended_at", "minutes",
           "planned_seconds", "steps_completed", "steps_skipped", "pain_before", "pain_after",
           "note", *(f"seconds_{g}" for g in MUSCLE_GROUPS))
CHECKIN_COLUMNS = ("week", "day", "usual_pain", "activities_average", "note")


def _cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: no leading formula character."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _optional(value: int | None) -> str | int:
    return "" if value is None else value


def _write(rows: Iterable[Iterable[object]], path: str | os.PathLike[str]) -> Path:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    atomic_write_text(path, buf.getvalue())
    return Path(path)


def write_csv(records: Iterable[SessionRecord], path: str | os.PathLike[str]) -> Path:
    """Write one CSV row per session, atomically; return the path.

    Columns: ``COLUMNS``: the session fields, ``minutes``, then ``seconds_<group>`` for
    every muscle group. A routine name or note starting with ``= + - @`` gets a leading
    ``'`` so that a spreadsheet shows it as text instead of running it as a formula.
    """
    return _write([COLUMNS, *([
        r.id, _cell(r.routine), r.routine_key, r.started_at.isoformat(), r.ended_at.isoformat(),
        f"{r.minutes:.2f}", r.planned_seconds, r.steps_completed, r.steps_skipped,
        _optional(r.pain_before), _optional(r.pain_after), _cell(r.note),
        *(f"{r.group_seconds.get(g, 0):g}" for g in MUSCLE_GROUPS)] for r in records)], path)


def write_checkins_csv(checkins: Iterable[CheckIn], activities: Iterable[Activity],
                       path: str | os.PathLike[str]) -> Path:
    """Write one CSV row per weekly check-in, atomically; return the path: for a
    clinician, the weeks' usual pain and the activities' ratings side by side.

    Columns: ``CHECKIN_COLUMNS`` (``activities_average``: of the activities rated that
    week), then one per activity, current and retired, named in the person's words (made
    safe for a spreadsheet, as the notes are).
    """
    named = list(activities)
    rows: list[list[object]] = [[*CHECKIN_COLUMNS, *(_cell(a.name) for a in named)]]
    for c in checkins:
        average = "" if c.activity_average is None else f"{c.activity_average:.2f}"
        rows.append([c.week.isoformat(), c.day.isoformat(), c.usual_pain, average,
                     _cell(c.note), *(_optional(c.ratings.get(a.id)) for a in named)])
    return _write(rows, path)
