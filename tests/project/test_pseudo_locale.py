"""In the pseudo-locale (every message accented, longer and bracketed) nothing a person
meets is plain English: the command line, the widgets, the handout, the class page, the
take-home page's words and the safety notes. A word left in ASCII did not go through the
catalogue. (The browser test of the same pages at 390 px is in tests/browser.)"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel import Locale

import backstretch
from pseudo_locale import english_words, visible_text

ROOT = Path(__file__).resolve().parents[2]

ENGLISH_CLDR = Locale.parse("en")
ALLOWED = frozenset(
    {"backstretch", "and", "or", ENGLISH_CLDR.get_display_name("en")}
    | {name for width in ("abbreviated", "wide") for name in ENGLISH_CLDR.days["format"][width].values()}
    | {name for width in ("abbreviated", "wide") for name in ENGLISH_CLDR.months["format"][width].values()}
)
"""What CLDR writes for the pseudo-locale (it has English's lists and dates) and the
program's own name."""


def typed_words() -> frozenset[str]:
    """What a person types on the command line, and so reads in its help as it is typed:
    the commands, the options, their fixed choices (ids such as ``supine``) and the
    metavars that are the same in every language (URL, ID, N)."""
    import argparse

    from backstretch.cli import _parser

    words: set[str] = {"URL", "ID", *backstretch.load_catalogue()}
    parsers = [_parser()]
    while parsers:
        for action in parsers.pop()._actions:
            words.update(part for option in action.option_strings for part in option.split("-"))
            words.update(str(choice) for choice in action.choices or ())
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
    return frozenset(words)


def assert_no_english(text: str, where: str) -> None:
    text = re.sub(r"https?://\S+", " ", text)
    left = english_words(text, ALLOWED | typed_words())
    assert not left, f"{where}: untranslated words {sorted(set(left))[:20]}"


COMMANDS = (
    ["--help"], ["list"], ["list", "--help"], ["show", "source-article"],
    ["coverage", "daily-back-care"], ["safety"], ["check", "data/stretches.yaml"],
    ["plan"], ["show", "no-such-routine"], ["handout", "--help"], ["follow", "--help"],
    ["remind", "--help"], ["class-link", "--help"], ["pose", "--help"], ["log", "--help"],
)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_the_command_line(pseudo: str, args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "backstretch", *args],
                          capture_output=True, text=True)
    assert_no_english(done.stdout + done.stderr, "backstretch " + " ".join(args))


def test_the_safety_notes(pseudo: str) -> None:
    from backstretch.safety import notes

    assert_no_english(visible_text(notes.markdown()), "safety notes")
    assert_no_english(visible_text(notes.safety_html()), "safety notes (HTML)")


def test_the_handout_and_the_take_home_page(pseudo: str, catalogue) -> None:
    from backstretch.handouts.html import handout_html
    from backstretch.handouts.take_home import take_home_html

    routine = backstretch.load_routine("daily-back-care")
    assert_no_english(visible_text(handout_html(routine)), "handout")
    assert_no_english(visible_text(take_home_html(routine)), "take-home page (first paint)")


def test_the_class_page(pseudo: str) -> None:
    from backstretch.sharing.class_figures import class_figures
    from backstretch.sharing.class_page import class_page

    page = class_page(class_figures([], date(2026, 11, 30)))
    assert_no_english(visible_text(page), "class page")


def widget_words(widget) -> str:
    """Every word a widget tree shows: descriptions, labels, values of text widgets,
    options, tooltips and placeholders."""
    import ipywidgets

    parts: list[str] = []
    seen: set[int] = set()

    def walk(w) -> None:
        if id(w) in seen:
            return
        seen.add(id(w))
        for name in ("description", "tooltip", "placeholder", "button_style_label"):
            value = getattr(w, name, None)
            if isinstance(value, str):
                parts.append(value)
        if isinstance(w, (ipywidgets.HTML, ipywidgets.Label, ipywidgets.HTMLMath)):
            parts.append(visible_text(w.value))
        if isinstance(w, (ipywidgets.Text, ipywidgets.Textarea)) and not w.value:
            parts.append(w.placeholder)
        labels = getattr(w, "_options_labels", ())
        parts.extend(str(label) for label in labels)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(parts)


def test_every_widget(pseudo: str, catalogue, tmp_path) -> None:
    pytest.importorskip("ipywidgets")
    from backstretch import widgets
    from fakes import FakeClock

    routine = backstretch.load_routine("source-article")
    made = {
        "builder": widgets.RoutineBuilder(catalogue, folder=tmp_path),
        "catalogue": widgets.CatalogueBrowser(catalogue),
        "picker": widgets.RoutinePicker("source-article"),
        "planner": widgets.PlannerPanel(catalogue, widgets.RoutineBuilder(catalogue)),
        "plan": widgets.PlanPanel(),
        "check-in": widgets.CheckInPanel(),
        "handout": widgets.HandoutPanel(routine),
        "class link": widgets.ClassLinkPanel(),
        "share": widgets.SharePanel(),
        "import": widgets.ImportPanel(),
        "timer": widgets.SessionTimer(routine, FakeClock()),
        "class view": widgets.ClassView(routine, FakeClock()),
        "language": widgets.LanguagePicker(),
    }
    for name, widget in made.items():
        assert_no_english(widget_words(widget), name)


def test_every_notebook(pseudo: str) -> None:
    """The notebooks the script makes in the pseudo-locale: their prose, headings, tables,
    code comments and safety notes (code and what a code span or link names aside)."""
    import json

    from test_translated_notebooks import script

    for path, text in script.wanted([pseudo], ROOT / "build").items():
        for number, cell in enumerate(json.loads(text)["cells"], start=1):
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                source = "\n".join(line.split("#", 1)[1] for line in source.splitlines()
                                   if "#" in line)
            source = re.sub(r"`[^`]*`|\]\([^)]*\)|<!--.*?-->", " ", source, flags=re.S)
            assert_no_english(visible_text(source), f"{path.name} cell {number}")
