"""The session log's weeks in words, counted as the charts count them."""

from __future__ import annotations

from collections.abc import Sequence

from ..base.language import _, ngettext, pgettext
from .store import Week


def _stopped(text: str, n: int) -> str:
    """``text``, and how many sessions stopped before any hold was done (if any)."""
    if not n:
        return text
    # TRANSLATORS: a week's words, then how many sessions were stopped early
    return _("{text}; {stopped}").format(text=text, stopped=ngettext(
        "{n} session stopped before any hold was done (not counted)",
        "{n} sessions stopped before any hold was done (not counted)", n).format(n=n))


def weeks_summary(weeks: Sequence[Week]) -> str:
    """'3 sessions on 2 days over 1 week; 1 session stopped before any hold ... (not counted)'."""
    sessions = sum(w.sessions for w in weeks)
    days = sum(w.days for w in weeks)
    # TRANSLATORS: {sessions} is like "3 sessions", {days} like "2 days", {weeks} like "1 week"
    text = _("{sessions} on {days} over {weeks}").format(
        sessions=ngettext("{n} session", "{n} sessions", sessions).format(n=sessions),
        days=ngettext("{n} day", "{n} days", days).format(n=days),
        weeks=ngettext("{n} week", "{n} weeks", len(weeks)).format(n=len(weeks)))
    return _stopped(text, sum(w.stopped for w in weeks))


def week_line(week: Week) -> str:
    """'2026-W48: 3 days, 42 min, ok' (or 'short', under the guideline's days)."""
    # TRANSLATORS: a week's verdict against the guideline's days; short = too few days
    verdict = pgettext("week", "ok") if week.guideline_met else pgettext("week", "short")
    # TRANSLATORS: {week} is like "2026-W48", {days} like "3 days", {verdict} "ok" or "short"
    return _stopped(_("{week}: {days}, {minutes} min, {verdict}").format(
        week=week.label, days=ngettext("{n} day", "{n} days", week.days).format(n=week.days),
        minutes=round(week.minutes), verdict=verdict), week.stopped)
