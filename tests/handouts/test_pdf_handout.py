"""The PDF handout, checked with tools no one here wrote: pdfua (PDF/UA), poppler's
pdfinfo, pdftotext, pdfimages and pdftoppm, qpdf, and pikepdf for the structure tree.

A screen reader follows the tags: they must hold every word, in reading order, red flags
first; headings, lists, the checklist's boxes, the dose table and the figures' alt text
must be what they look like; page furniture must be out of the way (artifacts)."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from pdf_tools import (
    pages,
    pdf_info,
    pdf_text,
    pdfua,
    qpdf_check,
    run,
    structure,
    tags,
    tool,
    untreed_marks,
)

from backstretch import load_routine
from backstretch.base.language import page_tag, speaking
from backstretch.base.resources import ready_routines
from backstretch.cli import main
from backstretch.figures.drawing import stretch_alt
from backstretch.handouts.content import Handout
from backstretch.handouts.files import save_handout
from backstretch.safety.flags import STOP_SIGNS, TIERS

pytest.importorskip("matplotlib")
pytest.importorskip("weasyprint")

RED_FLAGS = tuple(flag.text for tier in TIERS for flag in tier.flags)
PRANK = "<script>alert(1)</script> $x^2$ Rückenübung ✓"
SECTIONS = ["Safety first", "The stretches", "Checklist", "Against the guideline",
            "What it stretches"]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def daily(catalogue):
    return load_routine("daily-back-care", catalogue)


@pytest.fixture(scope="module")
def daily_pdf(daily, tmp_path_factory) -> Path:
    saved = save_handout(daily, tmp_path_factory.mktemp("pdf") / "daily.pdf")
    assert saved.note == ""  # every character has a font here
    return saved.path


@pytest.fixture(scope="module")
def prank_pdf(daily, tmp_path_factory) -> Path:
    prank = dataclasses.replace(daily, name=PRANK, description="<img src=x onerror=alert(1)>")
    return save_handout(prank, tmp_path_factory.mktemp("pdf") / "prank.pdf").path


def in_order(text: str, parts: list[str]) -> None:
    """Each of ``parts`` is in ``text``, each after the one before."""
    at = 0
    for part in parts:
        found = text.find(flat(part), at)
        assert found >= 0, f"{part!r} is missing, or not after what comes before it"
        at = found + 1


@pytest.mark.parametrize("which", ["daily_pdf", "prank_pdf"])
def test_pdfua_qpdf_and_pdfinfo_pass(which, request):
    path = request.getfixturevalue(which)
    report = pdfua(path)
    assert report["summary"]["errors"] == 0, report["findings"]
    # pdfua's one heuristic doubt: it looks for /Scope on header cells, while WeasyPrint
    # links each data cell to its headers (/Headers to their /IDs), checked below
    assert {f["rule_id"] for f in report["findings"]} <= {"UA-15-003"}, report["findings"]
    assert "No syntax or stream encoding errors" in qpdf_check(path)
    info = pdf_info(path)
    assert info["Tagged"] == "yes" and info["Page size"].endswith("(A4)")
    assert info["Title"] == (PRANK if which == "prank_pdf" else "Daily back care")


def test_language_title_and_its_display_are_set(daily_pdf):
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(daily_pdf) as pdf:
        assert str(pdf.Root.Lang) == page_tag()
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert bool(pdf.Root.MarkInfo.Marked) is True
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Daily back care"
        assert meta["pdfuaid:part"] == "1"


def test_the_tags_hold_every_word_in_reading_order_red_flags_first(daily, daily_pdf):
    document = tags(daily_pdf)
    assert document[0].role == "Document"
    said = document[0].text
    h = Handout.from_routine(daily)
    in_order(said, ["Daily back care", *RED_FLAGS, *STOP_SIGNS,
                    *(part for n, s in enumerate(h.stretches, 1)
                      for part in (f"{n}. {s.name}", s.dose, *s.steps, *s.cautions)),
                    *h.checklist, *(r.group for r in h.dose), *h.dose_notes])
    assert said.index("Emergency: call 112") < said.index("1. Pelvic tilt")
    # page furniture is printed but not read: it is not under any tag
    assert "page 1 of" in pdf_text(daily_pdf) and "page 1 of" not in said


def test_headings_lists_table_and_figures_are_tagged_as_such(daily, daily_pdf):
    h = Handout.from_routine(daily)
    document = tags(daily_pdf)
    by_role = lambda role: [t.text for t in document if t.role == role]  # noqa: E731
    assert by_role("H1") == ["Daily back care"]
    assert by_role("H2") == SECTIONS
    assert by_role("H3") == [f"{n}. {s.name}" for n, s in enumerate(h.stretches, 1)]
    # the checklist: a list of items, each labelled by an empty box
    at = next(i for i, t in enumerate(document) if t.role == "H2" and t.text == "Checklist")
    checklist = next(t for t in document[at:] if t.role == "L")
    items = [t for t in document[at:] if t.role == "LI"][:len(h.checklist)]
    assert [flat(t.text) for t in items] == [f"☐ {x}" for x in h.checklist]
    assert checklist.text == flat(" ".join(f"☐ {x}" for x in h.checklist))
    assert len([t for t in document if t.role == "Lbl" and t.text == "☐"]) == len(h.checklist)

    tree = structure(daily_pdf)
    headers = {e.id for e in tree.walk() if e.role == "TH"}
    cells = [e for e in tree.walk() if e.role == "TD"]
    assert len(cells) == 3 * len(h.dose) and len(headers) == 4 + len(h.dose)
    for cell in cells:  # each cell names its row's and its column's header
        assert len(cell.attributes["Headers"]) == 2 and set(cell.attributes["Headers"]) <= headers

    figures = [e.alt for e in tree.walk() if e.role == "Figure"]
    poses = [stretch_alt(daily.catalogue, s.stretch_id, s.side, frame)
             for s in h.stretches for frame in (("start", "hold") if s.way_in else ("hold",))]
    assert figures[:len(poses)] == poses and len(figures) == len(poses) + 2
    holds = [alt for alt in figures if ": the position it starts from" not in alt]
    for alt, s in zip(holds, h.stretches):  # what the pose shows, not only its name
        assert alt.startswith(f"Drawing of {s.name}") and s.steps[0] in alt and "Shaded" in alt
    assert figures[-2].startswith("Seconds of stretch per muscle group, for Daily back care")


@pytest.mark.parametrize("key", sorted(ready_routines()))
def test_the_pages_safety_first_each_card_whole_none_near_empty(key, catalogue, daily_pdf,
                                                               tmp_path):
    routine = load_routine(key, catalogue)
    pdf = daily_pdf if key == "daily-back-care" else \
        save_handout(routine, tmp_path / f"{key}.pdf").path
    h = Handout.from_routine(routine)
    count = pages(pdf)
    texts = [pdf_text(pdf, page) for page in range(1, count + 1)]
    assert all(flat(line) in texts[0] for line in (*RED_FLAGS, *STOP_SIGNS))
    for n, s in enumerate(h.stretches, 1):
        page = next(t for t in texts if f"{n}. {flat(s.name)}" in t)
        assert all(flat(x) in page for x in (s.dose, *s.steps, *s.cautions)), s.name
    for n, text in enumerate(texts, 1):
        assert f"{flat(routine.name)} · page {n} of {count}" in text
    # each page is inked down to at least a third of the space between the margins
    from PIL import Image

    run("pdftoppm", "-png", "-gray", "-r", "24", pdf, tmp_path / "p")
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == count
    for png in images:
        with Image.open(png) as picture:
            img = picture.convert("L")
            width, height = img.size
            top, bottom = int(height * 14 / 297), int(height * (1 - 16 / 297))
            rows = [y for y in range(top, bottom)
                    if img.crop((0, y, width, y + 1)).getextrema()[0] < 200]
        filled = (max(rows) - top) / (bottom - top) if rows else 0
        assert filled > 1 / 3, f"{png.name} is near empty: inked {filled:.0%} of the way down"


def test_typed_text_prints_as_written(prank_pdf):
    text = pdf_text(prank_pdf)
    assert PRANK in text and "<img src=x onerror=alert(1)>" in text
    # on the charts' page: the charts' titles ("Coverage: ...", "Body map: ...") and the
    # page's foot, each as typed (matplotlib's $...$ mathematics is off)
    assert pdf_text(prank_pdf, pages(prank_pdf)).count(PRANK) == 3


def test_poses_and_charts_stay_vector(daily_pdf):
    """The only pictures in pixels are the emoji glyphs and the body map's colour bar."""
    listing = run("pdfimages", "-list", daily_pdf).splitlines()[2:]
    images = [row.split() for row in listing if row.split()[2] == "image"]
    assert len(images) <= 3, listing
    assert all(int(height) <= 160 for *_, height in (row[:5] for row in images)), listing


def test_cli_writes_a_letter_pdf(tmp_path, capsys):
    out = tmp_path / "h.pdf"
    assert main(["handout", "daily-back-care", "-o", str(out), "--paper", "letter"]) == 0
    assert pdf_info(out)["Page size"] == "612 x 792 pts (letter)"
    assert capsys.readouterr().err == ""


def test_pdfua_finds_what_the_old_pdf_lacked(tmp_path):
    """The checker is not blind: a PDF without tags or language fails it."""
    tool("pdfua")
    bare = tmp_path / "bare.pdf"
    pytest.importorskip("weasyprint")
    from weasyprint import HTML

    HTML(string="<p>Hello</p>").write_pdf(bare)
    report = pdfua(bare)
    assert report["summary"]["errors"] > 0
    assert {"UA-01-005", "UA-06-001"} <= {f["rule_id"] for f in report["findings"]}
    assert subprocess.run([tool("qpdf"), "--check", str(bare)], capture_output=True).returncode == 0
    assert not re.search("Tagged: +yes", run("pdfinfo", bare))


def test_page_furniture_is_marked_as_artifacts(daily, daily_pdf, tmp_path):
    """WeasyPrint tags the margin boxes' text outside the structure tree; the handout
    marks it as artifacts instead, so every tagged word is in the tree."""
    from backstretch.handouts.html import handout_html
    from backstretch.handouts.pdf import VARIANT, engine

    raw = tmp_path / "raw.pdf"
    raw.write_bytes(engine()(string=handout_html(daily)).write_pdf(pdf_variant=VARIANT))
    count = pages(daily_pdf)
    assert len(untreed_marks(raw)) >= count  # a name and page number on each page
    assert untreed_marks(daily_pdf) == []
    content = pdf_text(daily_pdf)
    assert all(f"Daily back care · page {n} of {count}" in content for n in range(1, count + 1))


def test_a_pdf_made_in_spanish_is_in_spanish_and_says_so(catalogue, tmp_path):
    """Printed under the language it was made in: its /Lang, its headings and the page
    furniture in Spanish (issue 34)."""
    pikepdf = pytest.importorskip("pikepdf")
    routine = load_routine("desk-break", catalogue)
    with speaking("es"):
        path = save_handout(routine, tmp_path / "desk.pdf").path
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "es"
    headings = [t.text for t in tags(path) if t.role == "H2"]
    assert headings[:4] == ["Primero, la seguridad", "Los estiramientos", "Lista de control",
                            "Comparado con la recomendación"]
    printed = pdf_text(path)
    assert "página 1 de" in printed and "page 1 of" not in printed
