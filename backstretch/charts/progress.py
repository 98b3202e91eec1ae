"""Charts of the session log: minutes and days per week, pain, seconds per muscle group.

Each function takes what ``SessionLog.weekly()`` or ``pain_series()`` returns and
gives a ``matplotlib.figure.Figure`` (no pyplot state). As in ``charts``: one hue,
readable in grey-scale, and weeks short of the guideline are hatched and labelled
in words. With no sessions a chart says so instead of failing. Artists carry
``gid`` values (``week:<label>``, ``short:<label>``, ``guideline``, ``empty``) so
tests and styling can find them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..base.language import _, ngettext, pgettext
from ..base.palette import PRIMARY_COLOUR, SECONDARY_COLOUR, SHORT_COLOUR
from ..catalogue.muscles import MUSCLE_GROUPS
from ..log.records import short_day, week_number
from ..log.store import PainPoint, Week
from ..routines.dose import DAYS_PER_WEEK
from .routine_charts import literal_text

STRIP_HEIGHT = 3.2
"""Inches high of the one-row charts (minutes, days, pain)."""


def _empty(title: str, size: tuple[float, float]) -> Figure:
    """A figure that says there is nothing to chart yet."""
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=11)
    ax.text(0.5, 0.5, _("No sessions yet: finish a guided session and it shows here."),
            ha="center", va="center", transform=ax.transAxes, fontsize=10, gid="empty")
    return fig


def _strip(title: str, width: float):  # noqa: ANN202 - a Figure and its Axes
    """A one-row chart's figure and titled axes, with room for the week labels."""
    fig = Figure(figsize=(width, STRIP_HEIGHT))
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.2, top=0.88)
    ax = fig.add_subplot()
    ax.set_title(title, loc="left", fontsize=11)
    return fig, ax


def _tick_step(count: int) -> int:
    """Label every n-th of ``count`` places, so that at most 12 labels show."""
    return max(1, math.ceil(count / 12))


def week_tick(monday: date) -> str:
    """A week's label on an axis: its ISO number over its Monday ('W48' over '23 Nov')."""
    return f"{week_number(monday)}\n{short_day(monday)}"


def _week_axis(ax, weeks: Sequence[Week]) -> None:  # noqa: ANN001 - a matplotlib Axes
    """Label every week (every n-th when there are many) with its ISO week and Monday."""
    ticks = range(0, len(weeks), _tick_step(len(weeks)))
    ax.set_xticks(list(ticks), [week_tick(weeks[i].start) for i in ticks], fontsize=8)
    ax.set_xlim(-0.6, len(weeks) - 0.4)


@literal_text
def minutes_chart(weeks: Sequence[Week], width: float = 8.0) -> Figure:
    """Minutes of guided stretching per week."""
    title = _("Minutes per week")
    if not weeks:
        return _empty(title, (width, STRIP_HEIGHT))
    fig, ax = _strip(title, width)
    for x, w in enumerate(weeks):
        ax.bar(x, w.minutes, color=PRIMARY_COLOUR, gid=f"week:{w.label}")
        if w.minutes:
            ax.text(x, w.minutes, f"{w.minutes:.0f}", ha="center", va="bottom", fontsize=8)
    _week_axis(ax, weeks)
    ax.set_ylim(0, max(w.minutes for w in weeks) * 1.2 + 1)
    ax.set_ylabel(_("minutes"))
    return fig


@literal_text
def days_chart(weeks: Sequence[Week], width: float = 8.0) -> Figure:
    """Days with a session per week, against the guideline's 2 to 3 days.

    The band shows 2 to 3 days, the dashed line (``gid="guideline"``) 2 days;
    weeks below it are hatched and marked "short".
    """
    low, high = DAYS_PER_WEEK
    title = _("Days with a session per week (guideline: at least {low} to {high})").format(
        low=low, high=high)
    if not weeks:
        return _empty(title, (width, STRIP_HEIGHT))
    fig, ax = _strip(title, width)
    ax.axhspan(low, high, color=SECONDARY_COLOUR, alpha=0.35, linewidth=0, gid="guideline-band")
    ax.axhline(low, color="black", linestyle="--", linewidth=1.2, gid="guideline")
    for x, w in enumerate(weeks):
        short = not w.guideline_met
        ax.bar(x, w.days, color="white" if short else PRIMARY_COLOUR,
               edgecolor=SHORT_COLOUR if short else PRIMARY_COLOUR, hatch="///" if short else None,
               gid=f"{'short' if short else 'week'}:{w.label}")
        label = f"{w.days}\n{pgettext('week', 'short')}" if short else f"{w.days}"
        ax.text(x, w.days + 0.1, label, ha="center",
                va="bottom", fontsize=8, color=SHORT_COLOUR if short else "black")
    _week_axis(ax, weeks)
    ax.set_ylim(0, 8)
    ax.set_yticks(range(0, 8))
    ax.set_ylabel(_("days"))
    ax.legend(handles=[Patch(color=PRIMARY_COLOUR, label=ngettext(
                           "{n} day or more", "{n} days or more", low).format(n=low)),
                       Patch(facecolor="white", edgecolor=SHORT_COLOUR, hatch="///",
                             label=ngettext("short: under {n} day", "short: under {n} days",
                                            low).format(n=low)),
                       Patch(color=SECONDARY_COLOUR, alpha=0.35, label=ngettext(
                           "{low} to {n} day", "{low} to {n} days", high).format(
                           low=low, n=high))],
              loc="upper right", fontsize=8, ncols=3, framealpha=0.95)
    return fig


@literal_text
def pain_chart(points: Sequence[PainPoint], width: float = 8.0) -> Figure:
    """Pain before (open circles, dashed) and after (filled, solid) each session, 0 to 10."""
    # TRANSLATORS: the 0-10 pain scale (NRS); name it as patients meet it in your language
    title = _("Pain before and after each session (0 = none, 10 = worst)")
    if not points:
        return _empty(title, (width, STRIP_HEIGHT))
    fig, ax = _strip(title, width)
    xs = np.arange(len(points))
    for attr, style, face, name in (("before", "--", "white", pgettext("pain", "before")),
                                    ("after", "-", PRIMARY_COLOUR, pgettext("pain", "after"))):
        ys = np.array([np.nan if getattr(p, attr) is None else getattr(p, attr) for p in points],
                      dtype=float)
        ax.plot(xs, ys, linestyle=style, marker="o", color=PRIMARY_COLOUR, markerfacecolor=face,
                label=name, gid=f"pain:{attr}")
    step = _tick_step(len(points))
    ax.set_xticks(list(xs[::step]),
                  [short_day(p.when.astimezone().date()) for p in points[::step]], fontsize=8)
    ax.set_ylim(-0.5, 10.5)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel(_("pain score"))
    ax.set_xlabel(_("sessions with a pain score, oldest first"))
    ax.legend(loc="upper right", fontsize=8)
    return fig


@literal_text
def group_week_chart(weeks: Sequence[Week], width: float = 9.0) -> Figure:
    """A heat map: seconds of static stretch per muscle group (rows) per week (columns).

    Shade runs from white (none) to dark; each cell shows its seconds in words, and a
    group with no stretch that week shows a dash.
    """
    from matplotlib import colormaps

    groups = [g for g in MUSCLE_GROUPS if any(g in w.group_seconds for w in weeks)]
    size = (width, 0.36 * max(len(groups), 4) + 1.4)
    title = _("Seconds of static stretch per muscle group per week")
    if not groups:
        return _empty(title, size)
    fig = Figure(figsize=size)
    height = fig.get_figheight()
    fig.subplots_adjust(left=0.2, right=0.98, bottom=0.65 / height, top=1 - 0.4 / height)
    ax = fig.add_subplot()
    values = np.array([[w.group_seconds.get(g, 0.0) for w in weeks] for g in groups])
    top = max(values.max(), 1.0)
    ax.imshow(values, cmap=colormaps["Blues"], vmin=0, vmax=top, aspect="auto", gid="heatmap")
    for (row, col), v in np.ndenumerate(values):
        ax.text(col, row, f"{v:.0f}" if v else "-", ha="center", va="center", fontsize=7,
                color="white" if v > top * 0.6 else "black")
    ax.set_yticks(range(len(groups)), [MUSCLE_GROUPS[g].name for g in groups], fontsize=8)
    _week_axis(ax, weeks)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    ax.set_title(title, loc="left", fontsize=11)
    return fig
