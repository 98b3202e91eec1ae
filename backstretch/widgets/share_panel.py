"""Share this week with my instructor (notebook 04), and the instructor's view of what
the class shared (notebook 05): thin panels over ``backstretch.sharing``."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.formats import cldr_locale
from ..base.language import N_, _
from ..log.records import week_start
from ..log.store import SessionLog
from ..programme.plan import load_plan
from ..sharing.class_page import RISING_CSS, figures_html
from ..sharing.client import NOT_ON_HUB, ShareService
from ..sharing.share import Share
from ..sharing.this_week import week_share
from .buttons import control_button
from .shown import Shown

NAMED, ANONYMOUS = N_("With my name"), N_("Without my name")
"""The choice's values (shown translated)."""
FROM_ENV = "from-env"
"""The service the server was started with (None: not on the class hub)."""
EXPLAIN = N_(
    "Nothing is shared until you press <b>Send</b>. What would be sent is shown below, "
    "all of it: no notes, no activities' names, no session times. <b>With my name</b>, your "
    "instructor sees your row; <b>without</b>, your figures count only inside the class's "
    "figures once five or more students share anonymously, and the hub keeps no name with "
    "them. <b>Withdraw</b> deletes this week's share.")


def _lines_html(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


class SharePanel(Shown):
    """This week's share, shown in full before it is sent: named or anonymous, and (named
    only) whether the instructor may be told the pain is rising; **Send**, **Withdraw**,
    and the list of everything shared. ``service`` is the hub's (None: not on a hub);
    ``log_path``, ``plan_path`` and ``today`` are injectable for tests."""

    def __init__(self, service: ShareService | None | str = FROM_ENV,
                 log_path: str | os.PathLike[str] | None = None,
                 plan_path: str | os.PathLike[str] | None = None,
                 today: Callable[[], date] = date.today):
        self.service = ShareService.from_env() if service == FROM_ENV else service
        self.log_path, self.plan_path, self.today = log_path, plan_path, today
        self.shown: Share | None = None
        """The share the preview shows: the only one Send sends."""
        self.named = w.RadioButtons(options=[(_(NAMED), NAMED), (_(ANONYMOUS), ANONYMOUS)],
                                    value=ANONYMOUS, description=_("Share"))
        self.rising = w.Checkbox(value=False, indent=False,
                                 description=_("My instructor may be told if my pain is "
                                               "rising"))
        self.preview = w.HTML()
        self.preview.add_class("bs-share-preview")
        self.status = w.HTML(_(NOT_ON_HUB) if self.service is None else "")
        self.status.add_class("bs-share-status")
        self.shared = w.HTML()
        self.shared.add_class("bs-shared")
        self.send_button = control_button(_("Send this week"), "paper-plane", "bs-share-send",
                                          self.send, "primary")
        self.withdraw_button = control_button(_("Withdraw this week's share"), "trash",
                                              "bs-share-withdraw", self.withdraw)
        for button in (self.send_button, self.withdraw_button):
            button.disabled = self.service is None
        self.named.observe(lambda _c: self.show_preview(), "value")
        self.rising.observe(lambda _c: self.show_preview(), "value")
        heading = "<b>" + _("Share this week with my instructor") + f"</b><p>{_(EXPLAIN)}</p>"
        self.widget = w.VBox([w.HTML(heading),
                              self.named, self.rising, self.preview,
                              w.HBox([self.send_button, self.withdraw_button]), self.status,
                              self.shared])
        self.widget.add_class("bs-share-panel")
        self.show_preview()
        self.show_shared()

    def share(self) -> Share:
        """What **Send** would send now."""
        with SessionLog(self.log_path) as log:
            weeks, checkins = log.weekly(until=self.today()), log.checkins()
        return week_share(load_plan(self.plan_path), weeks, checkins, self.today(),
                          self.named.value == NAMED, self.rising.value)

    def show_preview(self) -> None:
        """Show exactly what would be sent."""
        self.rising.disabled = self.named.value != NAMED
        if self.rising.disabled:
            self.rising.value = False
        self.shown = None
        try:
            share = self.share()
        except BackstretchError as exc:
            self.preview.value = "<b>" + _("Cannot read your log or plan:") + \
                f"</b> {escape(str(exc))}"
            return
        self.shown = share
        self.preview.value = "<p>" + _("What would be sent:") + \
            f"</p>{_lines_html(share.lines())}"

    def send(self) -> None:
        """Send the share shown; if the log or plan changed since, show the new one
        instead and send nothing."""
        def send(service: ShareService) -> str:
            shown = self.shown
            self.show_preview()
            if shown is None or self.shown != shown:
                return _("Your log or plan changed: look at what would be sent, then Send.")
            week = service.send(shown).week
            month = cldr_locale().months["format"]["wide"][week.month]
            # TRANSLATORS: the week's Monday: {day} its day of the month, {month} its month
            return _("Sent: your week of {day} {month}.").format(day=week.day, month=month)

        self._act(send)

    def withdraw(self) -> None:
        def withdraw(service: ShareService) -> str:
            monday = week_start(self.today())
            gone = [service.withdraw(monday, named) for named in (True, False)]
            return _("Withdrawn and deleted.") if any(gone) else \
                _("Nothing was shared this week.")

        self._act(withdraw)

    def _act(self, action: Callable[[ShareService], str]) -> None:
        if self.service is None:
            self.status.value = _(NOT_ON_HUB)
            return
        try:
            self.status.value = f"<b>{escape(action(self.service))}</b>"
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not done:") + f"</b> {escape(str(exc))}"
        self.show_shared()

    def show_shared(self) -> None:
        """List everything this person has shared that the hub still holds."""
        if self.service is None:
            return
        try:
            mine = self.service.mine()
        except BackstretchError as exc:
            self.shared.value = "<b>" + _("Cannot list what you shared:") + \
                f"</b> {escape(str(exc))}"
            return
        self.shared.value = "<p><b>" + _("Everything you have shared:") + "</b></p>" + (
            "".join(_lines_html(s.lines()) for s in mine) if mine else
            "<p>" + _("Nothing.") + "</p>")


class ClassSharesPanel(Shown):
    """The instructor's view of the week students shared, this week or last. Nothing shows
    until **Show** is pressed (a notebook on a projector shows no one's row by itself).
    ``service`` as for ``SharePanel``."""

    def __init__(self, service: ShareService | None | str = FROM_ENV,
                 today: Callable[[], date] = date.today):
        self.service = ShareService.from_env() if service == FROM_ENV else service
        self.today = today
        self.week = w.ToggleButtons(options=[(_("This week"), "This week"),
                                             (_("Last week"), "Last week")], value="This week")
        self.view = w.HTML("<p>" + _("Press <b>Show</b> to read what the class shared (not "
                                     "with the class looking on).") + "</p>")
        self.view.add_class("bs-class-shares-view")
        self.week.observe(lambda _c: self.refresh(), "value")
        self.widget = w.VBox([w.HBox([self.week, control_button(
            _("Show"), "eye", "bs-class-shares-show", self.refresh)]), self.view])
        self.widget.add_class("bs-class-shares-panel")

    def refresh(self) -> None:
        """Read the class's figures again."""
        if self.service is None:
            self.view.value = "<p>" + _("The class's shared weeks are on the class hub: open "
                                        "this notebook there, signed in as the instructor.") \
                + "</p>"
            return
        monday = week_start(self.today()) - timedelta(weeks=self.week.index)
        try:
            self.view.value = f"<style>{RISING_CSS}</style>" + figures_html(
                self.service.figures(monday))
        except BackstretchError as exc:
            self.view.value = "<b>" + _("Cannot show the class's figures:") + \
                f"</b> {escape(str(exc))}"
