"""Bring sessions done with a take-home page into the session log, from notebook 04."""

from __future__ import annotations

import os
from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.language import _
from ..log.store import SessionLog
from ..log.take_home import import_take_home
from .shown import Shown


class ImportPanel(Shown):
    """A file chooser for the sessions file a take-home page downloads; each file chosen is
    checked whole and its new sessions added to the log (``path``), once however often it
    is chosen; the status line says what happened, or the one problem, naming the field."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = path
        self.upload = w.FileUpload(accept=".json,application/json", multiple=False,
                                   description=_("Import sessions"), icon="upload",
                                   layout=w.Layout(width="max-content"))
        self.upload.add_class("bs-import")
        self.upload.observe(lambda _change: self._imported(), names="value")
        # TRANSLATORS: "Download your sessions" is the take-home page's button, as it names it
        self.status = w.HTML(_("Choose the file <i>Download your sessions</i> saved from a "
                               "take-home page (<code>backstretch follow</code>)."))
        self.status.add_class("bs-import-status")
        heading = "<b>" + _("Sessions done away from the workbook") + "</b>"
        self.widget = w.VBox([w.HTML(heading),
                              self.upload, self.status])
        self.widget.add_class("bs-import-panel")

    def add(self, name: str, content: bytes) -> None:
        """Import one file's bytes (``name`` is how the status line calls it)."""
        try:
            with SessionLog(self.path) as log:
                done = import_take_home((name, content), log)
        except BackstretchError as exc:
            self.status.value = "<b>" + _("Nothing imported:") + "</b> " + "<br>".join(
                escape(p.shown()) for p in exc.problems)
            return
        # TRANSLATORS: the file imported, before what it added ("sessions.json: 1 session added")
        label = _("{file}:").format(file=escape(name))
        self.status.value = f"<b>{label}</b> {escape(done.summary())}."

    def _imported(self) -> None:
        for upload in self.upload.value:
            self.add(upload["name"], bytes(upload["content"]))
        if self.upload.value:
            self.upload.value = ()  # the same file chosen again is heard again
