"""Build a routine: start from one, edit it (``builder_rows``), watch its totals, dose and
charts (``builder_charts``) update live, save and load it, undo a replacement."""

from __future__ import annotations

import dataclasses
import os
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.filenames import shown_path, title_stem, typed_path, unique_path
from ..base.language import N_, _, ngettext
from ..base.palette import DONE_COLOUR, SHORT_COLOUR
from ..base.signals import Signal
from ..base.userdata import own_folder
from ..catalogue.stretches import Catalogue
from ..routines.library import (
    ROUTINE_FOLDER,
    ROUTINE_SUFFIXES,
    copy_of_ready,
    ready_by_name,
    saved_routines,
)
from ..routines.model import Routine, format_duration
from ..routines.reading import load_routine
from .builder_charts import ChartTabs
from .builder_rows import item_row
from .dose_panel import dose_html
from .shown import Shown

EMPTY = ""
HELD = "\0held"
"""The "Start from" choice standing for what the builder holds, when that is neither
empty nor a ready routine (a file, the planner's suggestion)."""
REFUSED = {(False, "name"): N_("Not a usable name: {problem}"),
           (False, "description"): N_("Not a usable description: {problem}"),
           (True, "name"): N_("Not saved, not a usable name: {problem}"),
           (True, "description"): N_("Not saved, not a usable description: {problem}")}
Kept = tuple[Routine, Routine, str, str, "Path | None"]
"""What Undo brings back: the routine, its unedited form, origin, origin label, own file."""


class RoutineBuilder(Shown):
    """Edit a routine with widgets; ``routine`` always holds the current, valid one.

    ``routine`` is a routine, or the name of a ready routine to start from. Saving
    goes to ``save_path`` if given, else to a file in ``folder`` named after the routine
    (by default ``my-routines``, where ``base.userdata.own_folder`` puts it); a file this
    builder did not load or save is replaced only when the user says so. Replacing unsaved
    edits (Start from, Load, the planner) can be undone. ``changed`` sends the routine
    after every change (subscribe to follow it).
    """

    def __init__(self, catalogue: Catalogue, routine: Routine | str | None = None,
                 save_path: str | None = None, folder: str | os.PathLike[str] | None = None):
        self.catalogue = catalogue
        given = typed_path(save_path) if save_path else None
        if given:
            folder = given.parent
        self.folder = Path(folder) if folder is not None else own_folder(ROUTINE_FOLDER)
        self.changed: Signal[Routine] = Signal()
        origin = routine if isinstance(routine, str) else EMPTY if routine is None else HELD
        if isinstance(routine, str):
            routine = copy_of_ready(routine, catalogue)
        self.routine = routine if routine is not None else Routine(_("My routine"), (), catalogue)
        self._clean = self.routine  # as it came from its origin, before any edit
        self._own_file: Path | None = None  # the file this builder loaded or saved
        self._undo: Kept | None = None
        self._asking: Path | None = None
        self.conditions: tuple[str, ...] = ()
        """Conditions chosen (``safety.flags.CONDITIONS`` keys); the dose panel warns of stretches
        they rule out."""

        self._ready = ready_by_name(catalogue)  # (name, key) of each: read once, not per change
        self.start_from = w.Dropdown(description=_("Start from"))
        self.start_from.add_class("bs-start-from")
        self._origin_label = _("the routine in the builder")
        self._show_origin(origin)
        self.start_button = w.Button(description=_("Start from this"), icon="file")
        self.start_button.add_class("bs-start-from-button")
        self.start_button.on_click(lambda _b: self.start_from_choice())
        self.name = w.Text(value=self.routine.name, description=_("Name"),
                           layout=w.Layout(width="28em"))
        self.name.add_class("bs-name")
        self.name.observe(self._on_name, names="value")
        self.description = w.Textarea(value=self.routine.description, description=_("Description"),
                                      placeholder=_("What the routine is for (shown on handouts)"),
                                      layout=w.Layout(width="40em", height="4.5em"))
        self.description.add_class("bs-description")
        self.description.observe(self._on_description, names="value")

        self.rows = w.VBox()
        self.rows.add_class("bs-items")
        self.to_add = w.Dropdown(options=sorted(((s.name, s.id) for s in catalogue.values())),
                                 description=_("Stretch"), layout=w.Layout(width="28em"))
        self.add_button = w.Button(description=_("Add"), icon="plus", button_style="success")
        self.add_button.add_class("bs-add")
        self.add_button.on_click(lambda _b: self.add(self.to_add.value))

        self.total = w.HTML()
        self.total.add_class("bs-total")
        self.dose = w.HTML()
        self.chart_tabs = ChartTabs()
        self.charts = self.chart_tabs.widget

        self._fixed_path = save_path is not None
        self.path = w.Text(value=shown_path(given, self.folder) if given
                           else self._default_path(), description=_("File"),
                           tooltip=_("A name (kept in your routines folder), a path from this "
                                     "notebook's folder, or ~/… in your home"),
                           layout=w.Layout(width="28em"))
        self.path.add_class("bs-path")
        self.save_button = w.Button(description=_("Save"), icon="save")
        self.save_button.add_class("bs-save")
        self.save_button.on_click(lambda _b: self.save())
        self.load_button = w.Button(description=_("Load"), icon="folder-open")
        self.load_button.add_class("bs-load")
        self.load_button.on_click(lambda _b: self.load())
        self.status = w.HTML()
        self.status.add_class("bs-status")
        self.undo_button = w.Button(description=_("Undo"), icon="undo",
                                    layout=w.Layout(width="auto", display="none"))
        self.undo_button.add_class("bs-undo")
        self.undo_button.on_click(lambda _b: self.undo())
        self.replace_button = w.Button(description=_("Replace it"), icon="exchange",
                                       button_style="danger", layout=w.Layout(width="auto"))
        self.replace_button.add_class("bs-replace")
        self.replace_button.on_click(lambda _b: self._confirm(replace=True))
        self.new_file_button = w.Button(description=_("Save as a new file"), icon="plus",
                                        button_style="success", layout=w.Layout(width="auto"))
        self.new_file_button.add_class("bs-save-new")
        self.new_file_button.on_click(lambda _b: self._confirm(replace=False))
        self.cancel_button = w.Button(description=_("Cancel"), layout=w.Layout(width="auto"))
        self.cancel_button.add_class("bs-save-cancel")
        self.cancel_button.on_click(lambda _b: self._stop_asking(_("Not saved.")))
        self.ask = w.HBox([self.replace_button, self.new_file_button, self.cancel_button],
                          layout=w.Layout(display="none"))
        self.ask.add_class("bs-ask")
        self.saved_list = w.HTML()
        self.saved_list.add_class("bs-saved-list")

        self.widget = w.VBox([
            w.HBox([self.start_from, self.start_button]), self.name, self.description,
            self.rows, w.HBox([self.to_add, self.add_button]), self.total, self.dose,
            self.charts, w.HBox([self.path, self.save_button, self.load_button]),
            w.HBox([self.status, self.undo_button]), self.ask, self.saved_list,
        ])
        self.widget.add_class("bs-builder")
        self._build_rows()
        self._refresh()
        self._list_saved()

    # -- actions ------------------------------------------------------------------------
    def set_routine(self, routine: Routine, rebuild: bool = True) -> None:
        """Show ``routine`` as an edit of the one held; ``rebuild`` redraws the item rows
        (not needed for a value edit)."""
        before = self.routine
        self.routine = routine
        if self.name.value.strip() != routine.name:
            self.name.value = routine.name
        if self.description.value.strip() != routine.description:
            self.description.value = routine.description
        if not self._fixed_path and self.path.value == self._default_path(before):
            self.path.value = self._default_path()
        if rebuild:
            self._build_rows()
        self._refresh()
        self._offer_undo(None)  # an edit since a replacement: undo would lose it
        self.changed.send(routine)

    def replace(self, routine: Routine, origin: str, label: str = "",
                own_file: Path | None = None) -> None:
        """Hold ``routine``, which came from ``origin`` (a ready name, EMPTY, or HELD with
        a ``label`` like "the planner's suggestion"); unsaved edits it replaces can be undone."""
        kept = (self.routine, self._clean, self.start_from.value, self._origin_label,
                self._own_file)
        edited = self.routine != self._clean and routine != self.routine
        self._clean, self._own_file = routine, own_file
        self.set_routine(routine)
        self._show_origin(origin, label)
        self._offer_undo(kept if edited else None)
        self._say(_("The builder now holds {what}.").format(what=self._origin_label))

    def undo(self) -> None:
        """Bring back the edited routine the last replacement took away."""
        if self._undo is None:
            return
        routine, clean, origin, label, own_file = self._undo
        self.set_routine(routine)
        self._clean, self._own_file = clean, own_file
        self._show_origin(origin, label)
        self._say(_("Back to your edited “{name}”.").format(name=routine.name))

    def set_conditions(self, conditions: tuple[str, ...]) -> None:
        """Warn, from now on, of stretches that any of ``conditions`` rules out."""
        self.conditions = tuple(conditions)
        self.dose.value = dose_html(self.routine, self.conditions)

    def start_from_choice(self) -> None:
        choice = self.start_from.value
        if choice == HELD:
            self._say(_("The builder already holds {what}.").format(what=self._origin_label))
            return
        if choice == EMPTY:
            self.replace(Routine(_("My routine"), (), self.catalogue), EMPTY)
        else:
            self.replace(copy_of_ready(choice, self.catalogue), choice)
        self._say(_("Started from {what}.").format(what=self.start_from.label))

    def add(self, stretch_id: str) -> None:
        self.set_routine(self.routine.added(stretch_id))

    def remove(self, index: int) -> None:
        self.set_routine(self.routine.removed(index))

    def move(self, index: int, to: int) -> None:
        if 0 <= to < len(self.routine.items):
            self.set_routine(self.routine.moved(index, to))

    def change(self, index: int, **overrides: object) -> None:
        try:
            self.set_routine(self.routine.changed(index, **overrides), rebuild=False)
        except BackstretchError as exc:
            self._say(exc.shown(), error=True)

    def save(self) -> None:
        """Save to the file named in **File**; a file this builder did not load or save
        first is replaced only after the user says so (or saved beside, as a new file)."""
        if not (self._set_text("name", self.name.value, saving=True)
                and self._set_text("description", self.description.value, saving=True)):
            return
        path = self.target()
        if path.exists() and path.resolve() != self._own_file:
            try:
                same = load_routine(path, self.catalogue) == self.routine
                held = _("the routine “{name}”").format(
                    name=load_routine(path, self.catalogue).name)
            except BackstretchError:
                same, held = False, _("something that is not a routine")
            if not same:
                self._asking = path
                self.ask.layout.display = "flex"
                self._say(_("{file} {where} already holds {what}. Replace it, or save this "
                            "one as a new file?").format(
                    file=path.name, where=self._folder_words(path.parent), what=held))
                return
        self._write(path)

    def load(self) -> None:
        typed = typed_path(self.path.value, self.folder)
        path = typed if typed.exists() else self.target()
        try:
            routine = load_routine(path, self.catalogue)
        except BackstretchError as exc:
            self._say(_("Not loaded: {problem}").format(problem=exc.shown()), error=True)
            return
        self.replace(routine, HELD, _("the file {file}").format(file=path.name), path.resolve())
        self._say(_("Loaded “{name}” from {file} {where}.").format(
            name=routine.name, file=path.name, where=self._folder_words(path.parent)))

    # -- inside -------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        if self._undo is not None and not error:
            text += " " + _("Your unsaved edits of “{name}” were replaced: Undo brings them "
                            "back.").format(name=self._undo[0].name)
        colour = SHORT_COLOUR if error else DONE_COLOUR
        body = escape(text).replace("\n", "<br>")
        self.status.value = f'<span style="color:{colour}">{body}</span>'

    def _offer_undo(self, undo: Kept | None) -> None:
        self._undo = undo
        self.undo_button.layout.display = None if undo else "none"

    def _show_origin(self, origin: str, label: str = "") -> None:
        """Make **Start from** show where the routine held came from: EMPTY, a ready
        name, or HELD, shown as ``label`` (or the label it had)."""
        options = [(_("an empty routine"), EMPTY), *self._ready]
        if origin == HELD:
            self._origin_label = label or self._origin_label
            options.insert(0, (self._origin_label, HELD))
        else:
            self._origin_label = dict((v, k) for k, v in options)[origin]
        self.start_from.options = options
        self.start_from.value = origin

    def _default_path(self, routine: Routine | None = None) -> str:
        stem = title_stem((routine or self.routine).name, "my-routine")
        return shown_path(self.folder / f"{stem}.yaml", self.folder)

    def target(self) -> Path:
        """The file **Save** writes: the **File** box read by ``typed_path`` (a name alone
        is in ``folder``), ending in .yaml."""
        path = typed_path(self.path.value.strip() or self._default_path(), self.folder)
        return path if path.suffix in ROUTINE_SUFFIXES else path.with_name(path.name + ".yaml")

    def _shown_file(self, path: Path) -> str:
        """``path`` for the **File** box, as ``shown_path`` shows it when that reads back
        to it; a file the person named outside the places that rule names (an absolute
        path they typed) keeps the form they gave it."""
        shown = shown_path(path, self.folder)
        return shown if typed_path(shown, self.folder) == path.absolute() else str(path)

    @staticmethod
    def _folder_words(folder: Path) -> str:
        """'in the folder my-routines' ('~/backstretch-data/my-routines' on a hub), or 'in
        this notebook's folder' (never the server's path)."""
        folder = shown_path(folder)
        # TRANSLATORS: where a file is: "Saved “Desk” as desk.yaml {where}."
        return _("in this notebook's folder") if folder == "." else \
            _("in the folder {folder}").format(folder=folder)

    def _confirm(self, replace: bool) -> None:
        path, self._asking = self._asking, None
        self.ask.layout.display = "none"
        if path is None:
            return
        if not replace:
            path = unique_path(path.parent, path.stem, ROUTINE_SUFFIXES).with_suffix(".yaml")
            self.path.value = self._shown_file(path)
        self._write(path)

    def _stop_asking(self, text: str) -> None:
        self._asking = None
        self.ask.layout.display = "none"
        self._say(text)

    def _write(self, path: Path) -> None:
        try:
            self.routine.save(path)
        except BackstretchError as exc:
            self._say(_("Not saved: {problem}").format(problem=exc.shown()), error=True)
            return
        self._own_file, self._clean = path.resolve(), self.routine
        self._say(_("Saved “{name}” as {file} {where}.").format(
            name=self.routine.name, file=path.name, where=self._folder_words(path.parent)))
        self._list_saved()

    def _list_saved(self) -> None:
        saved = [s for s in saved_routines(self.folder, self.catalogue) if s.name is not None]
        where = escape(self._folder_words(self.folder))
        if not saved:
            self.saved_list.value = "<i>" + _("No routines saved {where} yet.").format(
                where=where) + "</i>"
            return
        items = "".join(f"<li><b>{escape(s.name or '')}</b> ({escape(s.path.name)})</li>"
                        for s in saved)
        self.saved_list.value = _("Your routines saved {where}:").format(where=where) + \
            f"<ul>{items}</ul>"

    def _on_name(self, change: dict) -> None:
        self._set_text("name", change["new"])

    def _on_description(self, change: dict) -> None:
        self._set_text("description", change["new"])

    def _set_text(self, field: str, text: str, saving: bool = False) -> bool:
        """Give the routine the name or description typed; a text the routine refuses is
        reported (False; ``saving``: as not saved), and the routine keeps its last usable one."""
        if text.strip() != getattr(self.routine, field):
            try:
                edited = dataclasses.replace(self.routine, **{field: text})
            except BackstretchError as exc:
                self._say(_(REFUSED[saving, field]).format(problem=exc.shown()), error=True)
                return False
            self.set_routine(edited, rebuild=False)
        return True

    def _build_rows(self) -> None:
        rows = [item_row(self.routine, i, self.change, self.move, self.remove)
                for i in range(len(self.routine.items))]
        empty = "<i>" + _("No stretches yet: add one below.") + "</i>"
        self.rows.children = rows or [w.HTML(empty)]

    def _refresh(self) -> None:
        r = self.routine
        n = len(r.items)
        how_many = ngettext("{n} stretch", "{n} stretches", n).format(n=n)
        total = _("Total: {duration}").format(duration=format_duration(r.duration))
        self.total.value = f"<b>{total}</b> ({r.duration} s, {how_many})"
        self.dose.value = dose_html(r, self.conditions)
        self.chart_tabs.show(r)
