"""The presented class page (05 in Voila): the class view first, no author-only text, no link
it cannot follow. The browser test looks at the page; this one reads the notebook, fast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backstretch.classroom.presenting import AUTHOR_ONLY, PRESENTING_CSS

nbformat = pytest.importorskip("nbformat")
CLASS_MODE = Path(__file__).resolve().parents[2] / "notebooks" / "05_class_mode.ipynb"
TERMINAL = re.compile(r"`(make|backstretch|jupyter|voila|pip|conda) ")


def shown_cells() -> list:
    book = nbformat.read(CLASS_MODE, as_version=4)
    return [c for c in book.cells if AUTHOR_ONLY not in c.metadata.get("tags", [])]


def test_the_style_hides_the_tagged_cells_of_the_page():
    assert f".celltag_{AUTHOR_ONLY}" in PRESENTING_CSS and "display: none" in PRESENTING_CSS
    code = [c.source for c in shown_cells() if c.cell_type == "code"]
    assert "presenting_style()" in code[0]


def test_the_class_view_comes_first_and_no_shown_text_is_for_authors():
    cells = shown_cells()
    assert cells[0].cell_type == "code" and cells[1].cell_type == "code"
    assert cells[1].source.rstrip().endswith("view")  # the first thing the page shows
    for cell in cells:
        if cell.cell_type == "markdown":
            assert "](" not in cell.source, f"a link Voila cannot follow: {cell.source[:60]}"
            assert not TERMINAL.search(cell.source), f"a terminal command: {cell.source[:60]}"
