"""The weekly check-ins over the weeks: usual pain, and the person's activities.

Two panels share the week axis (every ISO week from the first check-in's to the last,
weeks without one left as gaps): usual pain (0 to 10, lower is better) with a dashed
line (``gid="mic:pain"``) at the minimal important fall from the first check-in, and
the activities' average (0 to 10, higher is better) with each activity faint behind
it and a dashed line (``gid="mic:activities"``) 2 points above the first average.
Activity names are the person's own words and show as written (never as mathtext).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from matplotlib.figure import Figure

from ..base.language import N_, _
from ..base.palette import PRIMARY_COLOUR, SECONDARY_COLOUR
from ..log.checkins import Activity, CheckIn
from ..programme.outcomes import ACTIVITY_MIC_POINTS, one_decimal, pain_target
from .progress import week_tick
from .routine_charts import literal_text

HEIGHT = 5.6
"""Inches high of the two panels."""
EMPTY_TEXT = N_("No weekly check-in yet: make one and it shows here.")


def _weeks(checkins: Sequence[CheckIn]) -> list[date]:
    first, last = checkins[0].week, checkins[-1].week
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _series(weeks: list[date], checkins: Sequence[CheckIn],
            value: Callable[[CheckIn], float | None]) -> np.ndarray:
    by_week = {c.week: value(c) for c in checkins}
    return np.array([np.nan if by_week.get(w) is None else by_week[w] for w in weeks],
                    dtype=float)


@literal_text
def outcome_chart(checkins: Sequence[CheckIn], activities: Sequence[Activity] = (),
                  width: float = 8.0) -> Figure:
    """Usual pain and the activities' average per week, from ``SessionLog.checkins()``
    and ``SessionLog.activities(retired=True)`` (which names the activities)."""
    title = _("Your weekly check-ins")
    fig = Figure(figsize=(width, HEIGHT))
    if not checkins:
        ax = fig.add_subplot()
        ax.axis("off")
        ax.set_title(title, loc="left", fontsize=11)
        ax.text(0.5, 0.5, _(EMPTY_TEXT), ha="center", va="center", transform=ax.transAxes,
                fontsize=10, gid="empty")
        return fig
    weeks = _weeks(checkins)
    xs = np.arange(len(weeks))
    fig.subplots_adjust(left=0.09, right=0.68, bottom=0.12, top=0.92, hspace=0.35)
    pain_ax, act_ax = fig.subplots(2, 1, sharex=True)
    fig.suptitle(title, x=0.09, ha="left", fontsize=11)

    pain = _series(weeks, checkins, lambda c: c.usual_pain)
    pain_ax.plot(xs, pain, marker="o", color=PRIMARY_COLOUR, label=_("usual pain"), gid="pain")
    target = pain_target(checkins[0].usual_pain)
    pain_ax.axhline(target, color="black", linestyle="--", linewidth=1, gid="mic:pain",
                    label=_("noticeable change: {value} or lower").format(
                        value=one_decimal(target)))
    # TRANSLATORS: the 0-10 pain scale (NRS); name it as patients meet it in your language
    pain_ax.set_title(_("Usual pain over the past week (0 = none, 10 = worst)"), loc="left",
                      fontsize=9)

    names = {a.id: a.name for a in activities}
    rated = sorted({a for c in checkins for a in c.ratings})
    for aid in rated:
        act_ax.plot(xs, _series(weeks, checkins, lambda c, a=aid: c.ratings.get(a)),
                    marker=".", color=SECONDARY_COLOUR, alpha=0.6, linewidth=1,
                    label=names.get(aid) or _("activity {number}").format(number=aid),
                    gid=f"activity:{aid}")
    average = _series(weeks, checkins, lambda c: c.activity_average)
    if rated:
        act_ax.plot(xs, average, marker="o", color=PRIMARY_COLOUR, linewidth=2.2,
                    label=_("average"), gid="average")
        start = next(c.activity_average for c in checkins if c.ratings)
        line = min(start + ACTIVITY_MIC_POINTS, 10)
        act_ax.axhline(line, color="black", linestyle="--", linewidth=1, gid="mic:activities",
                       label=_("noticeable change: {value} or higher").format(
                           value=one_decimal(line)))
    else:
        act_ax.text(0.5, 0.5, _("No activity rated yet."), ha="center", va="center",
                    transform=act_ax.transAxes, fontsize=9, gid="no-activities")
    # TRANSLATORS: the Patient-Specific Functional Scale; name it as validated in your
    # language (German and Argentine Spanish keep "Patient-Specific Functional Scale (PSFS)")
    act_ax.set_title(_("Your activities (0 = cannot do, 10 = as before)"), loc="left",
                     fontsize=9)

    for ax in (pain_ax, act_ax):
        ax.set_ylim(-0.5, 10.5)
        ax.set_yticks(range(0, 11, 2))
        ax.set_xlim(-0.6, len(weeks) - 0.4)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
    step = max(1, -(-len(weeks) // 12))
    act_ax.set_xticks(list(xs[::step]), [week_tick(w) for w in weeks[::step]], fontsize=8)
    return fig
