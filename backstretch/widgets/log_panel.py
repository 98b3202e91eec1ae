"""Pain scores and a note beside the guided-session timer, saved to the session log."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.language import _, ngettext
from ..guided.session import Event, Session
from ..log.store import SessionLog, SessionRecord
from ..routines.model import format_duration
from .guided.timer import SessionTimer
from .shown import Shown

NOT_RECORDED = ""
"""The pain choice meaning "not recorded" (a score is optional)."""


def pain_choices() -> list[tuple[str, object]]:
    """A pain dropdown's choices, in the current language."""
    return [(_("not recorded"), NOT_RECORDED), (_("0 (no pain)"), 0),
            *((str(n), n) for n in range(1, 10)), (_("10 (worst)"), 10)]


def _pain(dropdown: w.Dropdown) -> int | None:
    return None if dropdown.value == NOT_RECORDED else dropdown.value


class SessionLogPanel(Shown):
    """Pain before and after (0 to 10, optional) and a note, recorded with the session.

    It subscribes to ``timer.started``: a session is written to the log the moment
    it starts, and brought up to date at every step (``timer.stepped``) and pause
    (``timer.paused``), so a closed tab or a stopped kernel loses nothing done before
    the last step; and to ``timer.finished``, for the last update when it ends or is
    stopped by Reset. **Save** puts the pain scores and note shown into the session's
    row at any time. A new session clears the pain after and note left from the last
    one (pain before is set before Start, so it stays). ``now`` is injectable for tests.
    """

    def __init__(self, timer: SessionTimer, path: str | os.PathLike[str] | None = None,
                 now: Callable[[], datetime] | None = None):
        self.timer = timer
        self.path = path
        self.now = now
        self.last: SessionRecord | None = None
        timer.started.subscribe(self._on_start)
        timer.stepped.subscribe(self._on_step)
        timer.paused.subscribe(self._on_progress)
        timer.finished.subscribe(self.record)

        layout = w.Layout(width="max-content")
        style = {"description_width": "initial"}
        self.pain_before = w.Dropdown(options=pain_choices(), value=NOT_RECORDED,
                                      description=_("Pain before (0 to 10)"), style=style,
                                      layout=layout)
        self.pain_before.add_class("bs-pain-before")
        self.pain_after = w.Dropdown(options=pain_choices(), value=NOT_RECORDED,
                                     description=_("Pain after (0 to 10)"), style=style,
                                     layout=layout)
        self.pain_after.add_class("bs-pain-after")
        self.note = w.Text(placeholder=_("How did it go? (optional)"), description=_("Note"),
                           layout=w.Layout(width="95%"))
        self.note.add_class("bs-note")
        self.save_button = w.Button(description=_("Save pain after and note"), icon="save",
                                    disabled=True, layout=w.Layout(width="max-content"),
                                    tooltip=_("Update the session just recorded"))
        self.save_button.add_class("bs-log-save")
        self.save_button.on_click(lambda _b: self.save())
        self.status = w.HTML(_("The session goes into your log as it starts, and is kept up "
                               "to date as you go."))
        self.status.add_class("bs-log-status")
        self.widget = w.VBox([w.HTML("<b>" + _("Session log") + "</b>"),
                              w.HBox([self.pain_before, self.pain_after]), self.note,
                              self.save_button, self.status])
        self.widget.add_class("bs-log-panel")

    def _on_start(self, session: Session) -> None:
        if self.last is not None:
            self.last = None
            self.pain_after.value = NOT_RECORDED
            self.note.value = ""
        self.record(session, ended=False)

    def _on_step(self, event: Event) -> None:
        if event.kind == "step":
            self._on_progress(self.timer.session)

    def _on_progress(self, session: Session) -> None:
        if self.last is not None:
            self.record(session, ended=False)

    def _open(self) -> SessionLog:
        return SessionLog(self.path)

    def record(self, session: Session, ended: bool = True) -> None:
        """Write ``session`` as it is now, with the pain scores and note shown, into its
        row (a new one at its start); report on the status line."""
        try:
            with self._open() as log:
                self.last = log.record_session(
                    session, _pain(self.pain_before), _pain(self.pain_after), self.note.value,
                    ended_at=self.now() if self.now else self.timer.page_time(),
                    record_id=self.last.id if self.last is not None else None)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not recorded:") + f"</b> {escape(exc.shown())}"
            return
        self.save_button.disabled = False
        if not ended:
            self.status.value = "<b>" + _("In your log:") + "</b> " + _(
                "{session}, so far. It is kept up to date as you go.").format(
                session=escape(self._describe(self.last)))
            return
        stopped = "" if self.last.counts else " " + \
            _("No hold was done to its end, so it does not count toward your days.")
        self.status.value = "<b>" + _("Recorded:") + "</b> " + \
            escape(self._describe(self.last)) + "." + stopped + \
            " " + _("Set pain after and a note now if you like, then press Save.")

    def save(self) -> None:
        """Put the pain scores and note shown into the session last recorded."""
        if self.last is None:
            return
        try:
            with self._open() as log:
                self.last = log.amend(self.last.id, _pain(self.pain_before),
                                      _pain(self.pain_after), self.note.value)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not saved:") + f"</b> {escape(exc.shown())}"
            return
        self.status.value = "<b>" + _("Saved:") + f"</b> {escape(self._describe(self.last))}."

    @staticmethod
    def _describe(rec: SessionRecord) -> str:
        def score(v: int | None) -> str:
            return "-" if v is None else str(v)
        done = format_duration((rec.ended_at - rec.started_at).total_seconds())
        n = rec.steps_completed
        # TRANSLATORS: a session: "Desk break, 5 min, 3 stretch sides done"
        text = ngettext("{routine}, {time}, {n} stretch side done",
                        "{routine}, {time}, {n} stretch sides done", n).format(
            routine=rec.routine, time=done, n=n)
        if rec.pain_before is not None or rec.pain_after is not None:
            # TRANSLATORS: added to the line above: "..., pain 5 to 3"
            text += _(", pain {before} to {after}").format(before=score(rec.pain_before),
                                                           after=score(rec.pain_after))
        return text + (_(', note "{note}"').format(note=rec.note) if rec.note else "")
