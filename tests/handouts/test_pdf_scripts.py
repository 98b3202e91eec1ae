"""PDF handouts show Chinese, Arabic (right to left, joined), Hindi, Greek, Cyrillic and
emoji, or name what no installed font can show. Read back with poppler's pdftotext."""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from pathlib import Path

import pytest
from pdf_tools import pdf_text, run

from backstretch import Catalogue, Routine, RoutineItem
from backstretch.handouts import glyphs
from backstretch.handouts.files import save_handout
from backstretch.handouts.glyphs import FONT_PACKAGES, missing_glyphs, parse_charsets

pytest.importorskip("weasyprint")

CHINESE = "背部伸展"
ARABIC = "تمارين الظهر اليومية"
HINDI = "पीठ का व्यायाम"
EMOJI = "💪🏽"
KHITAN = "\U00018B00"
"""A letter of the Khitan small script: in Unicode, in no font Debian's packages install."""
BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u200e\u200f"))
"""pdftotext wraps right-to-left runs in embedding marks; dropped before comparing."""


@pytest.fixture
def routine(catalogue) -> Routine:
    return Routine("r", (RoutineItem("childs-pose"),), catalogue)


@pytest.fixture
def noto_fonts():
    """Skip where Debian's Noto fonts are missing (not root), except in CI, which installs
    them (make test runs scripts/ensure-fonts)."""
    absent = missing_glyphs([CHINESE, ARABIC, HINDI, EMOJI])
    if absent and not os.environ.get("CI"):
        pytest.skip(f"no font for {''.join(absent)} (run scripts/ensure-fonts as root)")


def test_fontconfig_charsets_read_as_ranges():
    coverage = parse_charsets("20-7e a0-17f\n41-5a 391 ## 3a3-3a9\n")
    assert coverage.starts == (0x20, 0xA0, 0x391, 0x3A3) and coverage.ends[1] == 0x17F
    assert coverage.has("A") and coverage.has("Ω") and not coverage.has("Ϊ")
    assert missing_glyphs(["AΩ\u200d\u0301 背"], coverage) == ("背",)  # marks draw nothing


def test_the_pdf_shows_chinese_arabic_hindi_and_emoji(catalogue, noto_fonts, tmp_path):
    hindi = Catalogue([dataclasses.replace(catalogue["childs-pose"], name=HINDI)])
    saved = save_handout(Routine(f"{CHINESE} {EMOJI} Ωμέγα Спина", (RoutineItem("childs-pose"),),
                                 hindi, description=ARABIC), tmp_path / "h.pdf")
    assert saved.note == ""
    text = pdf_text(saved.path).translate(BIDI_MARKS)
    assert f"{CHINESE} {EMOJI} Ωμέγα Спина" in text
    # pdftotext gives right-to-left runs back in logical order when they were laid out
    # right to left; laid out left to right, the word would come back reversed
    assert ARABIC in text and ARABIC[::-1] not in text
    assert HINDI in text  # a stretch's name, from a catalogue of one's own
    assert "cannot show" not in text
    # each script drawn in a font that has it, embedded (pdffonts: name ... emb sub uni)
    fonts = [row.split() for row in run("pdffonts", saved.path).splitlines()[2:]]
    assert all(row[-5] == "yes" for row in fonts), fonts
    names = " ".join(row[0] for row in fonts)
    for family in ("Noto-Sans-CJK", "Noto-Color-Emoji", "Noto-Sans-Devanagari", "DejaVu-Sans"):
        assert f"+{family}" in names, names


def test_the_pdf_and_the_status_name_what_no_font_has(routine, tmp_path, capsys):
    from backstretch.cli import main

    named = dataclasses.replace(routine, name=f"Back {KHITAN}")
    saved = save_handout(named, tmp_path / "h.pdf")
    assert KHITAN in missing_glyphs([KHITAN])  # truly in no installed font
    said = f"U+18B00 ({unicodedata.name(KHITAN)})"
    assert saved.note.startswith("This PDF cannot show some of the text: no font on this "
                                 f"computer has {said}.")
    text = pdf_text(saved.path)
    assert said in text and "Child's pose" in text  # the rest of the handout is whole
    path = tmp_path / "named.yaml"
    named.save(path)
    assert main(["handout", str(path), "-o", str(tmp_path / "cli.pdf")]) == 0
    assert capsys.readouterr().err.startswith(f"note: This PDF cannot show some of the text: "
                                              f"no font on this computer has {said}.")
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import HandoutPanel

    panel = HandoutPanel(named, file_name=str(tmp_path / "panel"))
    panel.pdf_button.click()
    assert panel.status.value.startswith("Saved <code>panel.pdf</code><br><b>Note:</b> This PDF "
                                         f"cannot show some of the text: no font on this "
                                         f"computer has {said}.")


def test_without_fonts_every_letter_beyond_them_is_named(routine, monkeypatch, tmp_path):
    latin = parse_charsets("20-7e a0-17f")  # as if DejaVu Sans were the only font
    monkeypatch.setattr(glyphs, "installed", lambda: latin)
    saved = save_handout(dataclasses.replace(routine, name=f"Back {CHINESE}"), tmp_path / "h.pdf")
    assert "U+80CC (CJK UNIFIED IDEOGRAPH-80CC)" in saved.note
    assert "fonts-noto-cjk" in saved.note
    assert "U+80CC (CJK UNIFIED IDEOGRAPH-80CC)" in pdf_text(saved.path)


def test_where_fontconfig_cannot_be_asked_nothing_is_called_missing(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    glyphs.installed.cache_clear()
    try:
        assert missing_glyphs([KHITAN, CHINESE]) == ()
    finally:
        glyphs.installed.cache_clear()


def test_every_set_up_installs_the_fonts_the_handouts_use():
    root = Path(__file__).resolve().parents[2]
    assert set((root / "apt.txt").read_text().split()) >= set(FONT_PACKAGES)  # repo2docker
    script = (root / "scripts" / "ensure-fonts").read_text()
    assert all(f"need+=({package})" in script for package in FONT_PACKAGES)  # make test, lab
