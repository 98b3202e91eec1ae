"""Pick a routine without code: the ready ones and the files saved in a folder."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.language import _, ngettext
from ..base.signals import Signal
from ..base.userdata import own_folder
from ..catalogue.stretches import Catalogue
from ..routines.library import (
    ROUTINE_FOLDER,
    last_picked,
    ready_by_name,
    remember_pick,
    saved_routines,
)
from ..routines.model import Routine, format_duration
from ..routines.reading import load_routine
from .buttons import control_button
from .shown import Shown


class RoutinePicker(Shown):
    """A dropdown of the ready routines and the ``*.yaml`` files in ``folder`` (by default
    where the builder saves them), by name.

    Choosing one loads it and sends it to ``changed`` (subscribe to follow it). A file
    that does not load leaves the routine as it was and says why. **Refresh** looks in
    the folder again, for routines saved since. The last one picked is remembered
    (per folder and ``routine``, the default) and picked again by the next picker,
    after a kernel restart too, while it still loads.
    """

    def __init__(self, routine: str = "source-article",
                 folder: str | os.PathLike[str] | None = None, catalogue: Catalogue | None = None):
        self.folder = Path(folder) if folder is not None else own_folder(ROUTINE_FOLDER)
        self.catalogue = catalogue
        self.changed: Signal[Routine] = Signal()
        self._quiet = False
        self._memory = f"{self.folder.resolve()} {routine}"
        last = last_picked(self._memory)
        try:
            self.routine = load_routine(last, catalogue) if last else None
        except BackstretchError:
            self.routine = None
        if self.routine is None:
            self.routine = load_routine(routine, catalogue)
        else:
            routine = last
        self.choice = w.Dropdown(description=_("Routine"), layout=w.Layout(width="32em"))
        self.choice.add_class("bs-pick")
        self.refresh_button = control_button(_("Refresh"), "refresh", "bs-pick-refresh",
                                             self.refresh)
        self.status = w.HTML()
        self.status.add_class("bs-pick-status")
        self.refresh(select=routine)
        self.choice.observe(self._on_choice, names="value")
        self.widget = w.VBox([w.HBox([self.choice, self.refresh_button]), self.status])

    def options(self) -> list[tuple[str, str]]:
        """(label, name or path) for every ready routine, then every file in the folder:
        'Desk break (ready)', 'Evening calm (evening-calm.yaml)'."""
        ready = [(_("{name} (ready)").format(name=name), key)
                 for name, key in ready_by_name(self.catalogue)]
        return ready + [(s.label, str(s.path)) for s in saved_routines(self.folder,
                                                                        self.catalogue)]

    def refresh(self, select: str | None = None) -> None:
        """List the routines again, keeping the current choice when it is still there."""
        keep = select if select is not None else self.choice.value
        options = self.options()
        values = [v for _, v in options]
        if keep not in values:
            options.append((keep, keep))
        self._quiet = True  # a new list of options may pass through other values
        try:
            self.choice.options = options
            self.choice.value = keep
        finally:
            self._quiet = False
        self._describe()

    def pick(self, name: str) -> None:
        """Load the routine ``name`` (a ready name or a file) and send it to ``changed``."""
        try:
            routine = load_routine(name, self.catalogue)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not loaded:") + "</b> " + "<br>".join(
                escape(p.shown()) for p in exc.problems)
            return
        self.routine = routine
        self._describe()
        try:
            remember_pick(self._memory, name)
        except BackstretchError:
            pass  # not remembered (a read-only data folder): the pick itself still stands
        self.changed.send(routine)

    def _on_choice(self, change: dict) -> None:
        if not self._quiet and change["new"] is not None:
            self.pick(change["new"])

    def _describe(self) -> None:
        r = self.routine
        n = len(r.items)
        self.status.value = (f"<b>{escape(r.name)}</b>: {format_duration(r.duration)}, "
                             + ngettext("{n} stretch", "{n} stretches", n).format(n=n))
