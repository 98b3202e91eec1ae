"""The session log as a CSV file that opens safely in a spreadsheet."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from ..base.yamlio import atomic_write_text
from ..catalogue.muscles import MUSCLE_GROUPS
from .records import SessionRecord

COLUMNS = ("id", "routine", "routine_key", "started_at", "ended_at", "minutes",
           "planned_seconds", "steps_completed", "steps_skipped", "pain_before", "pain_after",
           "note", *(f"seconds_{g}" for g in MUSCLE_GROUPS))


def _cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: no leading formula character."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _optional(value: int | None) -> str | int:
    return "" if value is None else value


def write_csv(records: Iterable[SessionRecord], path: str | os.PathLike[str]) -> Path:
    """Write one CSV row per session, atomically; return the path.

    Columns: ``COLUMNS``: the session fields, ``minutes``, then ``seconds_<group>`` for
    every muscle group. A routine name or note starting with ``= + - @`` gets a leading
    ``'`` so that a spreadsheet shows it as text instead of running it as a formula.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow([r.id, _cell(r.routine), r.routine_key, r.started_at.isoformat(),
                         r.ended_at.isoformat(), f"{r.minutes:.2f}", r.planned_seconds,
                         r.steps_completed, r.steps_skipped, _optional(r.pain_before),
                         _optional(r.pain_after), _cell(r.note),
                         *(f"{r.group_seconds.get(g, 0):g}" for g in MUSCLE_GROUPS)])
    atomic_write_text(path, buf.getvalue())
    return Path(path)
