"""The session log's weeks in words, counted as the charts count them."""

from __future__ import annotations

from collections.abc import Sequence

from ..base.formats import counted
from .store import Week


def _stopped(n: int) -> str:
    return f"; {counted(n, 'session')} stopped before any hold was done (not counted)" \
        if n else ""


def weeks_summary(weeks: Sequence[Week]) -> str:
    """'3 sessions on 2 days over 1 week; 1 session stopped before any hold ... (not counted)'."""
    sessions = sum(w.sessions for w in weeks)
    days = sum(w.days for w in weeks)
    return (f"{counted(sessions, 'session')} on {counted(days, 'day')} over "
            f"{counted(len(weeks), 'week')}{_stopped(sum(w.stopped for w in weeks))}")


def week_line(week: Week) -> str:
    """'2026-W48: 3 days, 42 min, ok' (or 'short', under the guideline's days)."""
    verdict = "ok" if week.guideline_met else "short"
    return (f"{week.label}: {counted(week.days, 'day')}, {round(week.minutes)} min, "
            f"{verdict}{_stopped(week.stopped)}")
