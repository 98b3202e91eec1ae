"""The weekly check-in: usual pain and up to five of the person's own activities,
saved to the session log, with what the check-ins say, and their chart, shown under it."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.language import _
from ..log.checkins import MAX_ACTIVITIES
from ..log.store import SessionLog, on_write
from ..programme.outcomes import OutcomeLine, outcome_lines
from ..safety.notes import URGENT_STYLE, short_line_html, stop_signs_html
from .shown import Shown

NOT_GIVEN = ""


def pain_choices() -> list[tuple[str, object]]:
    """The usual-pain dropdown's choices, in the current language."""
    return [(_("choose"), NOT_GIVEN), (_("0 (no pain)"), 0), *((str(n), n) for n in range(1, 10)),
            (_("10 (worst)"), 10)]


def rating_choices() -> list[tuple[str, object]]:
    """An activity's rating choices, in the current language."""
    return [(_("not rated"), NOT_GIVEN), (_("0 (cannot do it)"), 0),
            *((str(n), n) for n in range(1, 10)), (_("10 (as before)"), 10)]


def instructions() -> str:
    """How to check in, as HTML."""
    return "".join(f"<p>{text}</p>" for text in (
        _("Once a week, take a minute to check in."),
        _("<b>Usual pain:</b> how bad has your back usually been over the past week? 0 is no "
          "pain, 10 the worst you can imagine."),
        _("<b>Your activities:</b> name up to five everyday things your back makes hard, in "
          "your own words, like putting on socks or sitting through a film. Rate each one: 0 "
          "means you cannot do it at all, 10 that you can do it as well as before your back "
          "trouble. Keep the same ones week to week so the change shows; clear a name to drop "
          "it.")))


def outcomes_html(lines: list[OutcomeLine], safety_link: str = "00_start_here.ipynb") -> str:
    """The outcome lines as HTML, escaped; a warning comes boxed, with its stop signs and
    the short red-flag line linking to the full list."""
    out = []
    for line in lines:
        if line.kind == "warning":
            out.append(f'<div class="bs-outcome-warning" style="{URGENT_STYLE}">'
                       f"<p>{escape(line.text)}</p>"
                       f"{stop_signs_html(line.stop_signs, intro=False)}"
                       f"{short_line_html(safety_link)}</div>")
        else:
            style = ' style="color:#555"' if line.kind == "caveat" else ""
            out.append(f'<p class="bs-outcome-{line.kind}"{style}>{escape(line.text)}</p>')
    return "".join(out)


class CheckInPanel(Shown):
    """Usual pain (which a check-in needs), up to five activities with a rating each, and
    a note; **Save** writes the check-in for ``today()``'s week (a second one that week
    replaces the first). The outcome lines and the check-ins' chart show under it, drawn
    again after every write to the log in this kernel (this panel's saves, sessions
    imported)."""

    def __init__(self, path: str | os.PathLike[str] | None = None,
                 today: Callable[[], date] = date.today,
                 safety_link: str = "00_start_here.ipynb"):
        self.path = path
        self.today = today
        self.safety_link = safety_link
        style = {"description_width": "initial"}
        self.pain = w.Dropdown(options=pain_choices(), value=NOT_GIVEN, style=style,
                               description=_("Usual pain over the past week (0 to 10)"),
                               layout=w.Layout(width="max-content"))
        self.pain.add_class("bs-usual-pain")
        self.status = w.HTML()
        self.status.add_class("bs-checkin-status")
        try:
            with self._open() as log:
                current = [a.name for a in log.activities()]
        except BackstretchError as exc:
            current = []
            self.status.value = "<b>" + _("Cannot read the log:") + f"</b> {escape(exc.shown())}"
        self.names = [w.Text(value=current[i] if i < len(current) else "",
                             placeholder=_("an everyday thing your back makes hard"),
                             description=_("Activity {number}").format(number=i + 1),
                             style=style,
                             layout=w.Layout(width="60%")) for i in range(MAX_ACTIVITIES)]
        self.ratings = [w.Dropdown(options=rating_choices(), value=NOT_GIVEN, style=style,
                                   description=_("rated"),  # its label, for screen readers too
                                   layout=w.Layout(width="max-content"))
                        for _row in range(MAX_ACTIVITIES)]
        self.note = w.Text(placeholder=_("Anything to remember about this week? (optional)"),
                           description=_("Note"), layout=w.Layout(width="95%"))
        self.save_button = w.Button(description=_("Save check-in"), icon="save",
                                    layout=w.Layout(width="max-content"))
        self.save_button.add_class("bs-checkin-save")
        self.save_button.on_click(lambda _b: self.save())
        self.outcomes = w.HTML()
        self.outcomes.add_class("bs-outcomes")
        self.chart = w.HTML()
        self.chart.add_class("bs-outcome-chart")
        self._charted: tuple | None = None
        heading = "<b>" + _("Weekly check-in") + "</b>" + instructions()
        self.widget = w.VBox([w.HTML(heading), self.pain,
                              *(w.HBox([n, r]) for n, r in zip(self.names, self.ratings)),
                              self.note, self.save_button, self.status, self.outcomes,
                              self.chart])
        self.widget.add_class("bs-checkin-panel")
        on_write(self.path, self.show_outcomes)
        self.show_outcomes()

    def _open(self) -> SessionLog:
        return SessionLog(self.path)

    def save(self) -> None:
        """Save the check-in shown; say what was saved, or why not."""
        if self.pain.value == NOT_GIVEN:
            self.status.value = "<b>{}</b> {}".format(
                _("Not saved:"), _("choose your usual pain over the past week (0 to 10) first."))
            return
        ratings: dict[str, int | None] = {}
        for name, rating in zip(self.names, self.ratings):
            if name.value.strip():
                ratings[name.value] = None if rating.value == NOT_GIVEN else rating.value
        try:
            with self._open() as log:
                today = self.today()
                saved = log.check_in(today, self.pain.value, ratings, self.note.value, today)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not saved:") + f"</b> {escape(exc.shown())}"
            return
        self.status.value = f"<b>{escape(saved.message)}</b>"

    def show_outcomes(self) -> None:
        """Show what the check-ins and the sessions' pain scores say now, and the
        check-ins' chart (drawn again only when they changed)."""
        try:
            with self._open() as log:
                checkins, activities = log.checkins(), log.activities(retired=True)
                lines = outcome_lines(checkins, log.pain_series())
        except BackstretchError as exc:
            self.outcomes.value = "<b>" + _("Cannot read the log:") + f"</b> {escape(exc.shown())}"
            return
        self.outcomes.value = outcomes_html(lines, self.safety_link)
        if self._charted != (checkins, activities):
            from ..charts.outcomes import outcome_chart
            from ..charts.routine_charts import figure_html

            self.chart.value = figure_html(outcome_chart(checkins, activities), dpi=100)
            self._charted = (checkins, activities)
