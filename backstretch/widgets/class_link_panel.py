"""The instructor's nbgitpuller link, built in the page from the hub's address."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ..base.errors import BackstretchError
from ..base.language import _
from ..classroom.link import NOTEBOOKS, UIS, ClassLink, origin_url
from .shown import Shown


class ClassLinkPanel(Shown):
    """Hub address, repository, notebook and interface in; the link to hand out, out."""

    def __init__(self, hub: str = "", repo: str | None = None,
                 notebook: str = "03_guided_session"):
        wide = w.Layout(width="40em")
        self.hub = w.Text(value=hub, description=_("Hub address"), layout=wide,
                          placeholder="https://hub.example.org")
        self.repo = w.Text(value=repo if repo is not None else origin_url() or "",
                           description=_("Repository"), layout=wide,
                           placeholder="https://git.example.org/you/backstretch")
        self.notebook = w.Dropdown(options=NOTEBOOKS, value=notebook, description=_("Opens"))
        self.ui = w.Dropdown(options=list(UIS), value="lab", description=_("As"))
        self.link = w.HTML()
        self.link.add_class("bs-class-link")
        for field in (self.hub, self.repo, self.notebook, self.ui):
            field.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.hub, self.repo, w.HBox([self.notebook, self.ui]), self.link])

    def update(self) -> None:
        """Show the link, or what is missing, for what the fields hold now."""
        if not self.hub.value.strip() or not self.repo.value.strip():
            self.link.value = "<i>" + _("Type the hub's address and the repository to get the "
                                        "link.") + "</i>"
            return
        try:
            url = ClassLink(self.hub.value, self.repo.value, notebook=self.notebook.value,
                            ui=self.ui.value).url
        except BackstretchError as exc:
            self.link.value = "<br>".join(escape(p.shown()) for p in exc.problems)
            return
        self.link.value = _("Hand out this link: {link}").format(
            link=f"<code style='word-break: break-all'>{escape(url)}</code>")
