"""What to change next in a routine, from its sessions in the log: a suggestion in words
and one button that saves a copy with the change, then the copy's dose check."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.filenames import shown_path, title_stem, unique_path
from ..base.language import _
from ..base.palette import DONE_COLOUR, SHORT_COLOUR
from ..base.userdata import own_folder
from ..catalogue.stretches import Catalogue
from ..log.store import SessionLog, log_file, on_write
from ..programme.progression import Suggestion, status, suggest
from ..routines.library import ROUTINE_FOLDER, ROUTINE_SUFFIXES, saved_routines
from ..routines.model import Routine
from ..safety.notes import stop_signs_html
from .buttons import control_button
from .dose_panel import dose_html
from .routine_picker import RoutinePicker
from .shown import Shown


class ProgressionPanel(Shown):
    """Pick a routine; see what ``programme.progression.suggest`` makes of its sessions in
    ``log`` (a log, or its file; by default the data folder's), read afresh each time.

    The suggestion follows every write to the log in this kernel; **Read the log again**
    looks for sessions done since in another (03's). The other button saves the
    suggested copy in ``folder`` (by default where the builder saves
    routines), under a file name no other routine there has, and shows the copy's dose
    check. The routine picked is never changed; nothing changes without the button.
    """

    def __init__(self, log: SessionLog | str | os.PathLike[str] | None = None,
                 routine: str = "source-article",
                 folder: str | os.PathLike[str] | None = None,
                 catalogue: Catalogue | None = None):
        self.log_path = log.path if isinstance(log, SessionLog) else log_file(log)
        self.folder = Path(folder) if folder is not None else own_folder(ROUTINE_FOLDER)
        self.catalogue = catalogue
        self.picker = RoutinePicker(routine, self.folder, catalogue)
        self.suggestion: Suggestion | None = None
        self.saved: Path | None = None
        """The file the last copy was saved to."""
        self.text = w.HTML()
        self.text.add_class("bs-progress-suggestion")
        self.make_button = control_button(_("Make a copy"), "copy", "bs-progress-copy",
                                          self.make_copy, "primary")
        self.again_button = control_button(_("Read the log again"), "refresh",
                                           "bs-progress-refresh", self.refresh)
        self.result = w.HTML()
        self.result.add_class("bs-progress-result")
        self.picker.changed.subscribe(lambda _r: self.refresh())
        self.widget = w.VBox([self.picker.widget, self.text,
                              w.HBox([self.make_button, self.again_button]), self.result])
        self.widget.add_class("bs-progression")
        on_write(self.log_path, self._suggest)
        self.refresh()

    @property
    def routine(self) -> Routine:
        return self.picker.routine

    def refresh(self) -> None:
        """Read the log again and show the suggestion for the routine picked."""
        self.result.value = ""
        self._suggest()

    def _suggest(self) -> None:
        """The suggestion for the routine picked, from the log as it is now."""
        try:
            with SessionLog(self.log_path) as log:
                sessions = log.sessions()
        except BackstretchError as exc:
            self.text.value = "<b>" + _("Cannot read the log:") + f"</b> {escape(exc.shown())}"
            return
        self.suggestion = suggest(self.routine, sessions)
        s = self.suggestion
        if s is None:
            self.text.value = f"<p>{escape(status(self.routine, sessions))}</p>"
        else:
            stop_html = stop_signs_html(s.stop_signs) if s.stop_signs else ""
            self.text.value = (f"<p>{escape(s.why)}</p><p><b>" + _("Suggestion:") + "</b> "
                               f"{escape(s.text[:1].upper() + s.text[1:])}</p>{stop_html}"
                               "<p><i>" + _("Only a suggestion: your routine stays as it is "
                                            "unless you make a copy.") + "</i></p>")
        can = s is not None and bool(s.changes)
        self.make_button.description = s.button if can else _("Make a copy")
        self.make_button.disabled = not can
        self.make_button.layout.display = None if can else "none"

    def make_copy(self) -> Routine | None:
        """Save the suggested copy, say where, and show its dose check; return it."""
        if self.suggestion is None or not self.suggestion.changes:
            return None
        taken = [x.name for x in saved_routines(self.folder, self.catalogue) if x.name]
        copy = self.suggestion.apply(self.routine, taken)
        stem = title_stem(copy.name, "my-routine")
        path = unique_path(self.folder, stem, ROUTINE_SUFFIXES).with_suffix(".yaml")
        try:
            copy.save(path)
        except BackstretchError as exc:
            why = "; ".join(p.message for p in exc.problems)
            not_saved = _("Not saved: {problem}").format(problem=why)
            self.result.value = f'<span style="color:{SHORT_COLOUR}">{escape(not_saved)}</span>'
            return None
        self.saved = path
        self.picker.refresh()
        said = _("Saved “{name}” as {file}. Pick it in 03_guided_session to follow it.").format(
            name=escape(copy.name), file=f"<code>{escape(shown_path(path))}</code>")
        self.result.value = f'<p style="color:{DONE_COLOUR}">{said}</p>' + dose_html(copy)
        return copy
