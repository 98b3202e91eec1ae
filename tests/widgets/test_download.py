"""The handout panel hands the saved file's bytes to the browser in a link."""

from __future__ import annotations

import base64
import re
from html import unescape

import pytest

pytest.importorskip("ipywidgets")


def link_bytes(html: str) -> tuple[str, str, bytes]:
    m = re.search(r'<a class="bs-download" download="([^"]*)" href="data:([^;]+);base64,([^"]+)"',
                  html)
    assert m, html[:300]
    return unescape(m.group(1)), m.group(2), base64.b64decode(m.group(3))


def test_the_download_link_carries_the_file_name_type_and_bytes(tmp_path):
    from backstretch.widgets.download import download_link

    path = tmp_path / 'a "quoted" <name>.pdf'
    path.write_bytes(b"%PDF-1.4 \x00\xff bytes")
    name, mime, data = link_bytes(download_link(path))
    assert (name, mime, data) == (path.name, "application/pdf", path.read_bytes())
    assert "<name>" not in download_link(path)  # the name is shown escaped


def test_each_saved_handout_comes_with_its_download(tmp_path):
    from backstretch import load_routine
    from backstretch.catalogue.stretches import load_catalogue
    from backstretch.widgets import HandoutPanel

    panel = HandoutPanel(load_routine("desk-break", load_catalogue()),
                         file_name=str(tmp_path / "class"))
    for suffix, mime in ((".html", "text/html"), (".pdf", "application/pdf")):
        saved = panel.save(suffix)
        assert saved is not None
        name, got_mime, data = link_bytes(panel.status.value)
        assert (name, got_mime) == (f"class{suffix}", mime)
        assert data == saved.read_bytes()
