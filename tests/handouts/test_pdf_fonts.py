"""PDF handouts show Chinese, Arabic (right to left, joined), Hindi and emoji, or say what
they cannot show. Read back with pypdf."""

from __future__ import annotations

import dataclasses
import io
import os

import pytest

from backstretch import Catalogue, Routine, RoutineItem
from backstretch.handouts import fonts as pdf_fonts
from backstretch.handouts.fonts import FALLBACKS, plan_fonts

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("fpdf")

CHINESE = "背部伸展"
ARABIC = "تمارين الظهر اليومية"
HINDI = "पीठ का व्यायाम"
EMOJI = "💪🏽"


def _pdf_text(routine: Routine) -> str:
    from backstretch.handouts.pdf import handout_pdf

    reader = pypdf.PdfReader(io.BytesIO(handout_pdf(routine, charts=[])))
    # pypdf reads the CJK font's two-byte codes with a NUL before each character
    # (poppler's pdftotext reads them clean): drop those
    return "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")


@pytest.fixture
def routine(catalogue) -> Routine:
    return Routine("r", (RoutineItem("childs-pose"),), catalogue)


@pytest.fixture
def noto_fonts():
    """Skip where Debian's Noto fonts are missing (not root), except in CI, which installs
    them (make test runs scripts/ensure-fonts)."""
    dirs = tuple(pdf_fonts.font_dirs())
    absent = [f.file for f in FALLBACKS if pdf_fonts._find(f.file, dirs) is None]
    if absent and not os.environ.get("CI"):
        pytest.skip(f"fonts not installed: {', '.join(absent)} (run scripts/ensure-fonts as root)")


def test_latin_text_needs_no_fallback_and_no_shaping():
    plan = plan_fonts(["Daily back care ✓ Rückenübung, Ωμέγα, Спина"])
    assert plan.fonts == () and plan.missing == () and not plan.shaping and plan.note() == ""


def test_right_to_left_indic_and_joined_emoji_turn_shaping_on():
    for text in (ARABIC, "שלום", HINDI, "👩\u200d👩\u200d👧"):
        assert plan_fonts([text]).shaping, text


def test_pdf_shows_chinese_arabic_hindi_and_emoji(catalogue, noto_fonts):
    hindi = Catalogue([dataclasses.replace(catalogue["childs-pose"], name=HINDI)])
    text = _pdf_text(Routine(f"{CHINESE} {EMOJI}", (RoutineItem("childs-pose"),), hindi,
                             description=ARABIC))
    assert CHINESE in text and EMOJI in text
    # pypdf reads right-to-left runs back in logical order only when they were laid out
    # right to left; laid out left to right, the word comes back reversed
    assert ARABIC in text and ARABIC[::-1] not in text
    assert HINDI in text  # a stretch's name, from a catalogue of one's own
    assert "cannot show" not in text


def test_without_fonts_the_pdf_names_what_it_cannot_show(routine, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_fonts, "font_dirs", lambda: [tmp_path])  # no Noto fonts at all
    text = " ".join(_pdf_text(dataclasses.replace(routine, name=f"Back {CHINESE}")).split())
    assert "This PDF cannot show some of the text" in text
    assert "U+80CC (CJK UNIFIED IDEOGRAPH-80CC)" in text and "fonts-noto-cjk" in text
    assert "Back" in text and "Child's pose" in text  # the rest of the handout is whole


def test_every_set_up_installs_the_fonts_the_handouts_look_for():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    wanted = {f.package for f in FALLBACKS}
    assert set((root / "apt.txt").read_text().split()) == wanted  # repo2docker images
    script = (root / "scripts" / "ensure-fonts").read_text()
    assert all(f"need+=({package})" in script for package in wanted)  # make test, make lab
