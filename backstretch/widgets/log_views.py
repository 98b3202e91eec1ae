"""The session log as notebook 04 shows it, kept up to date: where it lives, the weeks so
far, and their four charts."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.filenames import shown_path
from ..base.formats import clock
from ..base.language import _
from ..log.store import PainPoint, SessionLog, Week, log_file, on_write
from ..log.weekly_text import weeks_summary
from .buttons import control_button

CHART_DPI = 100
"""As a notebook shows a chart a cell returns."""


class LogViews:
    """The log at ``path`` (default: the data folder's) in views a cell each shows:
    ``summary`` (where the log lives, how many sessions on how many days, a Refresh
    button) and the charts ``minutes``, ``days``, ``pain`` and ``groups``.

    Every view is drawn again after each write to the log in this kernel (a session
    imported, a check-in) and on **Refresh** (for sessions another notebook's kernel
    recorded); a chart only when what it shows changed. ``today`` is injectable for tests.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None,
                 today: Callable[[], date] = date.today):
        self.path = log_file(path)
        self.today = today
        self.weeks: list[Week] = []
        """The weeks as last read, Monday to Sunday, empty ones included, up to today."""
        self._drawn: tuple[list[Week], list[PainPoint]] | None = None
        self.text = w.HTML()
        self.text.add_class("bs-log-summary-text")
        self.refresh_button = control_button(_("Refresh"), "refresh", "bs-log-refresh",
                                             self.refresh)
        self.refresh_button.tooltip = _("Read the log again, for sessions done in another "
                                        "notebook")
        self.summary = w.VBox([self.text, self.refresh_button],
                              layout=w.Layout(align_items="flex-start"))
        self.summary.add_class("bs-log-summary")
        self.minutes, self.days, self.pain, self.groups = (
            self._chart(f"bs-log-{name}") for name in ("minutes", "days", "pain", "groups"))
        on_write(self.path, self.refresh)
        self.refresh()

    @staticmethod
    def _chart(css: str) -> w.HTML:
        chart = w.HTML()
        chart.add_class("bs-log-chart")
        chart.add_class(css)
        return chart

    def refresh(self) -> None:
        """Read the log and draw what changed; the summary says when it was read."""
        where = "<b>" + _("Your log:") + f"</b> <code>{escape(shown_path(self.path))}</code>"
        try:
            with SessionLog(self.path) as log:
                weeks, pain = log.weekly(until=self.today()), log.pain_series()
        except BackstretchError as exc:
            self.text.value = f"{where}<br><b>" + _("Cannot read it:") + \
                f"</b> {escape(exc.shown())}"
            return
        self.weeks = weeks
        # TRANSLATORS: {summary}: "4 sessions on 3 days"; {time}: a time of day, 14:05
        read = _("{summary}, as read at {time}.").format(summary=escape(weeks_summary(weeks)),
                                                         time=clock(datetime.now()))
        self.text.value = f"{where}<br>{read}"
        if self._drawn != (weeks, pain):
            self._draw(weeks, pain)
            self._drawn = (weeks, pain)

    def _draw(self, weeks: list[Week], pain: list[PainPoint]) -> None:
        """Draw the charts whose data changed since the last draw: the three of the weeks,
        the pain chart, or all four."""
        from ..charts import progress
        from ..charts.routine_charts import figure_html

        drawn_weeks, drawn_pain = self._drawn or (None, None)
        if weeks != drawn_weeks:
            self.minutes.value = figure_html(progress.minutes_chart(weeks), CHART_DPI)
            self.days.value = figure_html(progress.days_chart(weeks), CHART_DPI)
            self.groups.value = figure_html(progress.group_week_chart(weeks), CHART_DPI)
        if pain != drawn_pain:
            self.pain.value = figure_html(progress.pain_chart(pain), CHART_DPI)
