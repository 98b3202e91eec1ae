"""Counts written in prose (the README, the docs, the notebooks) match the data they count,
so adding a stretch, a muscle group or a ready routine cannot leave a page behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import backstretch

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
         *sorted((ROOT / "notebooks").glob("*.ipynb"))]
COUNTS = {
    r"(?:the|all|its|of) (\d+) stretches\b": lambda: len(backstretch.load_catalogue()),
    r"\b(\d+) muscle groups\b": lambda: len(backstretch.MUSCLE_GROUPS),
    r"\b(\d+) ready routines\b": lambda: len(backstretch.ready_routines()),
}


def prose(page: Path) -> str:
    if page.suffix == ".ipynb":
        cells = json.loads(page.read_text())["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return page.read_text()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_count_in_prose_is_the_count_of_the_data(page):
    text = prose(page)
    wrong = [f"{m.group(0)!r} (there are {count()})"
             for pattern, count in COUNTS.items()
             for m in re.finditer(pattern, text, re.IGNORECASE)
             if int(m.group(1)) != count()]
    assert not wrong, f"{page.name}: " + "; ".join(wrong)


def test_the_check_sees_the_readme_count():
    assert re.search(next(iter(COUNTS)), prose(ROOT / "README.md"))
