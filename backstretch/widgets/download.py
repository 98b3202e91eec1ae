"""Hand a file the kernel wrote to the person at the browser, wherever the kernel runs.

Voila refuses ``/files/...`` and ``/voila/files/...`` (403) and a kernel on JupyterHub may
be on another machine, so a path on the server is no use to the instructor at the browser.
A link that carries the bytes itself (a ``data:`` URL with the ``download`` attribute)
works in Lab, Voila and JupyterHub alike, with no server route and no custom JavaScript.
"""

from __future__ import annotations

import base64
import mimetypes
from html import escape
from pathlib import Path

from ..base.language import _

LINK_STYLE = "font-weight: 600; color: #1f4e79; text-decoration: underline; cursor: pointer"
MIME_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html"}


def download_link(path: Path, text: str | None = None) -> str:
    """An ``<a download>`` element carrying ``path``'s bytes; clicking it saves the file."""
    mime = (MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            or "application/octet-stream")
    payload = base64.b64encode(path.read_bytes()).decode("ascii")
    label = text if text is not None else _("Download {file}").format(file=path.name)
    title = _("Save a copy on this computer")
    return (f'<a class="bs-download" download="{escape(path.name)}" '
            f'href="data:{mime};base64,{payload}" title="{escape(title)}" '
            f'style="{LINK_STYLE}">\N{DOWNWARDS ARROW} {escape(label)}</a>')
