"""Keep at it: choose a plan, see the weeks against it, and take its reminders to a calendar."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.checks import Invalid
from ..base.errors import BackstretchError, Problem
from ..base.filenames import shown_path
from ..base.formats import clock, weekday_names
from ..base.language import N_, _
from ..base.userdata import own_folder
from ..catalogue.stretches import Catalogue, load_catalogue
from ..log.store import SessionLog, on_write
from ..programme.adherence import adherence
from ..programme.plan import (
    DAYS_ADVICE,
    DEFAULT_ROUTINE,
    SPREAD,
    WEEKDAYS,
    Plan,
    load_plan,
    long_date,
    plan_file,
    plan_routines,
    revised,
    routine_names,
    routine_reference,
    save_plan,
)
from ..programme.reminders import write_reminders
from ..routines.library import ROUTINE_FOLDER, ready_by_name, saved_routines
from .buttons import control_button
from .download import download_link
from .shown import Shown

NONE = ""
REMINDER_FOLDER = "reminders"
"""The folder the calendar file goes in (where: ``base.userdata.own_folder``)."""
REMINDER_FILE = "stretching-plan.ics"
LABELS = {"routines": N_("Routine"), "days_per_week": N_("Days a week"),
          "reminder_days": N_("Reminder days"), "reminder_time": N_("Reminder at"),
          "weeks": N_("Weeks"), "start": N_("Starting")}
"""The form's name for each field of a plan, for its messages."""
RoutineSource = str | os.PathLike[str] | Callable[[], "str | os.PathLike[str] | None"] | None


def _problems(exc: BackstretchError) -> str:
    """Each problem on a line, a field of the plan by its name in the form."""
    def line(p: Problem) -> str:
        label = LABELS.get(p.field.split("[")[0])
        # TRANSLATORS: a field of the plan's form, and what is wrong with it
        return _("{field}: {problem}").format(field=_(label), problem=p.message) \
            if p.file == "<plan>" and label else p.shown()
    return "<br>".join(escape(line(p)) for p in exc.problems)


class PlanPanel(Shown):
    """A plan (one or two routines, days a week, reminder days and time, weeks) with
    **Save**, the weeks of the session log against the saved plan, and **Reminders for
    your calendar**, an ``.ics`` file to download and import.

    ``routine`` (a ready routine's name, a routine file, or a function returning one,
    like ``builder.target``) is offered as the first routine when it exists;
    **Refresh** asks again and lists the routines saved in ``folder`` since. ``plan_path``,
    ``log_path`` and ``today`` are injectable for tests.
    """

    def __init__(self, routine: RoutineSource = None, folder: str | os.PathLike[str] | None = None,
                 catalogue: Catalogue | None = None,
                 plan_path: str | os.PathLike[str] | None = None,
                 log_path: str | os.PathLike[str] | None = None,
                 today: Callable[[], date] = date.today,
                 reminders_path: str | os.PathLike[str] | None = None):
        self.source = routine
        self.folder = Path(folder) if folder is not None else own_folder(ROUTINE_FOLDER)
        self.catalogue = catalogue if catalogue is not None else load_catalogue()
        self.plan_path = Path(plan_path) if plan_path is not None else plan_file()
        self.log_path = log_path
        self.today = today
        self.reminders_path = Path(reminders_path) if reminders_path is not None else \
            own_folder(REMINDER_FOLDER) / REMINDER_FILE
        self._quiet = False
        wide = {"style": {"description_width": "8em"}}
        self.first = w.Dropdown(description=_("Routine"), layout=w.Layout(width="32em"), **wide)
        self.second = w.Dropdown(description=_("Or else"), layout=w.Layout(width="32em"), **wide)
        self.refresh_button = control_button(_("Refresh"), "refresh", "bs-plan-refresh",
                                             self.refresh)
        self.days = w.Dropdown(options=list(range(1, 8)), description=_("Days a week"),
                               layout=w.Layout(width="14em"), **wide)
        self.days.observe(self._on_days, names="value")
        self.weekdays = [w.ToggleButton(description=name, layout=w.Layout(width="4em"))
                         for name in weekday_names()]
        for button in self.weekdays:
            button.observe(self._on_weekday, names="value")
        self.time = w.Text(description=_("Reminder at"), placeholder="07:30",
                           layout=w.Layout(width="16em"), **wide)
        self.weeks = w.IntText(description=_("Weeks"), layout=w.Layout(width="14em"), **wide)
        self.start = w.DatePicker(description=_("Starting"), **wide)
        self.save_button = control_button(_("Save"), "save", "bs-plan-save", self.save,
                                          "primary")
        self.reminders_button = control_button(_("Reminders for your calendar"), "calendar",
                                               "bs-plan-reminders", self.reminders)
        self.status = w.HTML()
        self.status.add_class("bs-plan-status")
        self.progress = w.HTML()
        self.progress.add_class("bs-plan-progress")
        self.widget = w.VBox([
            w.HBox([self.first, self.refresh_button]), self.second,
            w.HBox([self.days, w.HTML(f"<i>{escape(_(DAYS_ADVICE))}</i>")]),
            w.HBox([w.Label(_("Remind me on"), layout=w.Layout(width="8.5em")), *self.weekdays]),
            w.HTML("<i>" + _("Any day you stretch counts; the reminder days are when your "
                             "calendar reminds you.") + "</i>"),
            self.time, self.weeks, self.start,
            w.HBox([self.save_button, self.reminders_button]), self.status, self.progress])
        self.widget.add_class("bs-plan-panel")
        try:
            saved = load_plan(self.plan_path)
        except BackstretchError as exc:
            saved = None
            self.status.value = ("<b>" + _("Your plan could not be read:") +
                                 f"</b> {_problems(exc)}<br>" +
                                 _("Save writes a new one in its place."))
        self.show(saved or Plan((DEFAULT_ROUTINE,), self.today()))
        if self.source is not None:
            self.refresh()
        on_write(self.log_path, self.show_progress)
        self.show_progress()

    # -- the form ----------------------------------------------------------------------
    def options(self) -> list[tuple[str, str]]:
        """(label, reference) of every ready routine, then every routine saved in the
        folder that loads."""
        ready = [(_("{name} (ready)").format(name=name), key)
                 for name, key in ready_by_name(self.catalogue)]
        return ready + [(s.label, str(s.path.resolve()))
                        for s in saved_routines(self.folder, self.catalogue)
                        if s.name is not None]

    def refresh(self) -> None:
        """List the routines again; a routine given (or the builder's, saved since) is
        picked as the first."""
        self._list_routines(self._wanted() or self.first.value, self.second.value)

    def _list_routines(self, first: str, second: str) -> None:
        """Offer every routine, and ``first`` and ``second`` (a plan's, saved elsewhere)
        too; pick them."""
        options = self.options()
        for ref in (first, second):
            if ref and ref not in [v for _, v in options]:
                options.append((shown_path(ref), ref))
        self.first.options = options
        self.second.options = [(_("(none)"), NONE), *options]
        self.first.value, self.second.value = first or options[0][1], second or NONE

    def _wanted(self) -> str | None:
        """The routine given, as a plan refers to it, or None if it is not there (yet)."""
        value = self.source() if callable(self.source) else self.source
        if not value:
            return None
        for candidate in (str(value), f"{value}.yaml"):  # the builder adds .yaml if need be
            try:
                return routine_reference(candidate)
            except Invalid:
                continue
        return None

    def show(self, plan: Plan) -> None:
        """Fill the form with ``plan``."""
        self._list_routines(plan.routines[0], plan.routines[1] if len(plan.routines) > 1
                            else NONE)
        self._set_weekdays(plan.reminder_days)
        self.time.value = f"{plan.reminder_time:%H:%M}"
        self.weeks.value = plan.weeks
        self.start.value = plan.start

    def form_plan(self) -> Plan:
        """The plan the form holds (with no start date, from today); BackstretchError
        says what is not valid."""
        routines = tuple(r for r in (self.first.value, self.second.value) if r)
        days = tuple(d for d, b in zip(WEEKDAYS, self.weekdays) if b.value)
        if not days:
            raise BackstretchError(Problem("<plan>", "reminder_days", _("pick at least one day")))
        start = self.start.value or self.today()
        return Plan(routines, start, days_per_week=self.days.value, reminder_days=days,
                    reminder_time=self.time.value, weeks=self.weeks.value)

    def _set_weekdays(self, days: tuple[str, ...]) -> None:
        self._quiet = True
        try:
            for day, button in zip(WEEKDAYS, self.weekdays):
                button.value = day in days
            if days:
                self.days.value = len(days)
        finally:
            self._quiet = False

    def _on_days(self, change: dict) -> None:
        if not self._quiet and sum(b.value for b in self.weekdays) != change["new"]:
            self._set_weekdays(SPREAD[change["new"]])

    def _on_weekday(self, _change: dict) -> None:
        if not self._quiet:
            self._set_weekdays(tuple(d for d, b in zip(WEEKDAYS, self.weekdays) if b.value))

    # -- the buttons -------------------------------------------------------------------
    def save(self) -> Plan | None:
        """Check and save the plan shown; the status says what was saved, or why not (the
        saved plan stays as it was)."""
        try:
            plan = self.form_plan()
            routines = plan_routines(plan, self.catalogue)
            plan = save_plan(plan, self.plan_path)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not saved:") + f"</b> {_problems(exc)}"
            return None
        # TRANSLATORS: {routines}: the plan's routines; {plan}: "3 days a week for 6 weeks..."
        self.status.value = "<b>" + _("Saved your plan:") + "</b> " + _(
            "{routines}, {plan}.").format(routines=escape(routine_names(routines)),
                                          plan=escape(plan.describe()))
        self.show_progress()
        return plan

    def reminders(self) -> Path | None:
        """Write the plan shown as a calendar file and offer it for download."""
        try:
            saved = load_plan(self.plan_path)
        except BackstretchError:
            saved = None
        try:
            plan = revised(self.form_plan(), saved)  # the saved plan's id: its events update
            path = write_reminders(plan, plan_routines(plan, self.catalogue),
                                   self.reminders_path)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("No reminders written:") + f"</b> {_problems(exc)}"
            return None
        unsaved = "" if plan == saved else \
            " " + _("The plan above is not saved yet: press Save to keep it.")
        self.status.value = (
            "<b>" + _("Reminders for your calendar:") + f"</b> {download_link(path)}<br>" +
            _("Open the file on your phone or computer, or import it into Google Calendar or "
              "Outlook: a weekly reminder on {days} at {time}, until {end}.").format(
                days=escape(plan.days_text()), time=clock(plan.reminder_time),
                end=long_date(plan.end)) + unsaved)
        return path

    def show_progress(self) -> None:
        """The weeks of the log against the saved plan, newest first."""
        try:
            plan = load_plan(self.plan_path)
            if plan is None:
                self.progress.value = "<i>" + _("No plan saved yet: choose one above and "
                                                "press Save.") + "</i>"
                return
            today = self.today()
            with SessionLog(self.log_path) as log:
                progress = adherence(plan, log.weekly(until=today), today)
        except BackstretchError as exc:
            self.progress.value = "<b>" + _("Progress not shown:") + f"</b> {_problems(exc)}"
            return
        items = "".join(f"<li>{escape(line)}</li>" for line in progress.lines())
        self.progress.value = (f"<b>{escape(progress.summary())}</b>"
                               + (f"<ul>{items}</ul>" if items else ""))
