"""The notebooks are committed clean and read like lessons (nbval runs them separately)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
nbformat = pytest.importorskip("nbformat")


def test_the_workbook_is_all_there():
    names = [p.stem for p in NOTEBOOKS]
    for expected in ("00_start_here", "01_catalogue", "02_build_a_routine", "03_guided_session",
                     "04_progress", "05_class_mode"):
        assert expected in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_a_lesson(path):
    book = nbformat.read(path, as_version=4)
    assert book.metadata.kernelspec.name == "python3"
    first = book.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "## Overview" in first.source
    text = "\n".join(c.source for c in book.cells if c.cell_type == "markdown")
    assert "## Summary" in text and "What's next?" in text
    code = [c.source for c in book.cells if c.cell_type == "code"]
    assert any("assert " in c for c in code), "a notebook checks its own results"
    assert max(len(c.splitlines()) for c in code) <= 12, "the package does the work"


def test_notebooks_are_committed_without_outputs():
    result = subprocess.run([sys.executable, "-m", "nbstripout", "--verify", *map(str, NOTEBOOKS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
