"""Save a routine's handout, as HTML or PDF, from a notebook."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.filenames import shown_path, title_stem, typed_path, unique_path
from ..base.language import N_, _
from ..base.userdata import own_folder
from ..handouts.files import save_handout
from ..handouts.html import PAPERS
from ..handouts.take_home import save_take_home
from ..routines.model import Routine
from .buttons import control_button
from .download import download_link
from .shown import Shown

HandoutSource = Routine | Callable[[], Routine]
HANDOUT_FOLDER = "handouts"
"""The folder handouts go in by default (where: ``base.userdata.own_folder``)."""
HANDOUT_SUFFIXES = (".html", ".pdf")
TAKE_HOME = "-take-home.html"
"""What a take-home page's file name ends in (``handouts/desk-break-take-home.html``)."""


def default_file_name(routine: Routine, folder: Path) -> str:
    """'handouts/daily-back-care': the readable words of the routine's name, as a name no
    handout in ``folder`` has yet, as ``shown_path`` shows it (on a hub
    '~/backstretch-data/handouts/...', or the name alone)."""
    stem = title_stem(routine.name, "handout")
    return shown_path(unique_path(folder, stem, HANDOUT_SUFFIXES), folder)


PAPER_NAMES = {"a4": N_("A4"), "letter": N_("US Letter")}
"""How the paper choice names each of ``PAPERS``."""


class HandoutPanel(Shown):
    """A file name, a paper size, three buttons (HTML, PDF, Take it home) and a status line
    saying where it went, with a link that downloads it.

    ``routine`` is a routine, or a function returning the current one (say, the
    builder's), called at each press. The suffix of the file name is set by the
    button pressed; Take it home writes the guided session as one page that runs in any
    browser, offline (:mod:`backstretch.handouts.take_home`).
    """

    def __init__(self, routine: HandoutSource, file_name: str | None = None):
        self.source = routine
        self._saved: tuple[Routine, Path, str] | None = None
        given = typed_path(file_name) if file_name else None
        self.folder = given.parent if given else own_folder(HANDOUT_FOLDER)
        """The folder a name alone is kept in: the one of ``file_name``, else handouts'."""
        self._default = default_file_name(self.routine(), self.folder)
        shown = shown_path(given, self.folder) if given else self._default
        self.file_name = w.Text(value=shown, description=_("File name"),
                                tooltip=_("A name (kept in your handouts folder), a path from "
                                          "this notebook's folder, or ~/… in your home; .html "
                                          "or .pdf is added for you"),
                                layout=w.Layout(width="32em"))
        self.paper = w.Dropdown(options=[(_(PAPER_NAMES[p]), p) for p in PAPERS], value="a4",
                                description=_("Paper"), layout=w.Layout(width="14em"))
        self.paper.add_class("bs-handout-paper")
        self.html_button = control_button(_("Save HTML handout"), "file-code-o", "bs-handout-html",
                                          lambda: self.save(".html"))
        self.pdf_button = control_button(_("Save PDF handout"), "file-pdf-o", "bs-handout-pdf",
                                         lambda: self.save(".pdf"))
        self.home_button = control_button(_("Take it home"), "mobile", "bs-take-home-save",
                                          lambda: self.save(TAKE_HOME))
        self.home_button.tooltip = _("The guided session as one web page: it counts down, "
                                     "speaks and keeps a checklist on a phone, offline")
        self.status = w.HTML()
        self.status.add_class("bs-handout-status")
        buttons = w.HBox([self.html_button, self.pdf_button, self.home_button])
        self.widget = w.VBox([w.HBox([self.file_name, self.paper]), buttons, self.status])
        self.widget.add_class("bs-handout")

    def set_routine(self, routine: Routine) -> None:
        """Save handouts of ``routine`` from now on; a default file name follows its name."""
        renamed = title_stem(routine.name, "") != title_stem(self.routine().name, "")
        self.source = routine
        if renamed and self.file_name.value == self._default:
            self._default = default_file_name(routine, self.folder)
            self.file_name.value = self._default
        self._follow_status()

    def routine(self) -> Routine:
        """The routine a press saves: the one given, or what the function returns now."""
        return self.source() if callable(self.source) else self.source

    def path_for(self, suffix: str) -> Path:
        """The file name typed (read as ``shown_path`` shows paths), with ``suffix`` in place
        of any .html or .pdf ending."""
        path = typed_path(self.file_name.value.strip() or "handout", self.folder)
        if path.suffix.lower() in (".html", ".htm", ".pdf"):
            path = path.with_suffix("")
        name = path.name.removesuffix(TAKE_HOME.removesuffix(".html"))
        return path.with_name(name + suffix)

    def save(self, suffix: str) -> Path | None:
        """Write the handout; report which file (never the server's folders) with its
        download link, or the problem, in the status line."""
        path = self.path_for(suffix)
        self.status.value = _("Saving…")
        routine = self.routine()
        try:
            if suffix == TAKE_HOME:
                saved, note = save_take_home(routine, path), ""
            else:
                handout = save_handout(routine, path, self.paper.value)
                saved, note = handout.path, handout.note
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Not saved:") + "</b> " + "<br>".join(
                escape(p.shown()) for p in exc.problems)
            return None
        link = download_link(saved)
        self._saved = (routine, saved, link)
        use = ("<br>" + _("Open it in any browser, on a phone too, with no internet: it runs "
                          "the session and keeps its own checklist.")
               if suffix == TAKE_HOME else "")
        if note:
            use += "<br><b>" + _("Note:") + f"</b> {escape(note)}"
        shown = escape(shown_path(saved, self.folder))
        saved_as = _("Saved {file}").format(file=f"<code>{shown}</code>")
        self.status.value = f"{saved_as}{use}<br>{link}"
        return saved

    def _follow_status(self) -> None:
        """A handout saved of another routine than the one now held is said to be so."""
        if self._saved is None or self._saved[0] == self.routine():
            return
        before, saved, link = self._saved
        shown = escape(shown_path(saved, self.folder))
        self.status.value = _("The handout saved last, {file}, is of “{name}” as it was "
                              "before; save again for this routine.").format(
            file=f"<code>{shown}</code>", name=escape(before.name)) + f"<br>{link}"
