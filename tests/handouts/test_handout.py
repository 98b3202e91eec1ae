"""Handouts: the HTML page and the PDF say the same things, and typed text stays text."""

from __future__ import annotations

import dataclasses
import io
import re
from html import escape
from pathlib import Path

import pytest

from backstretch import BackstretchError, dose_report, load_routine
from backstretch.cli import main
from backstretch.handouts.content import Handout, dose_text
from backstretch.handouts.files import save_handout
from backstretch.handouts.html import handout_html
from backstretch.safety.flags import STOP_SIGNS, TIERS

pytest.importorskip("matplotlib")
pypdf = pytest.importorskip("pypdf")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

RED_FLAGS = tuple(flag.text for tier in TIERS for flag in tier.flags)


@pytest.fixture(scope="module")
def daily(catalogue):
    return load_routine("daily-back-care", catalogue)


@pytest.fixture(scope="module")
def prank(daily):
    return dataclasses.replace(daily, name=f"{SCRIPT} Rückenübung ✓", description=IMG)


@pytest.fixture(scope="module")
def page(prank):
    return handout_html(prank)


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_typed_markup_is_escaped_everywhere_in_the_html(page):
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rückenübung ✓" in page  # title, h1, img alt
    assert page.count("&lt;script&gt;") >= 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_is_self_contained_and_printable(page):
    assert page.startswith("<!DOCTYPE html>") and "@page" in page and "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external resources"
    assert page.count('src="data:image/png;base64,') == 2  # coverage chart and body map


def test_html_has_every_stretch_its_steps_holds_and_cautions(daily, page):
    for i in range(len(daily.items)):
        s = daily.stretch(i)
        assert escape(f"{i + 1}. {s.name}") in page
        for text in (*s.steps, *s.cautions):
            assert escape(text) in page
        assert escape(dose_text(daily, i)) in page
    assert "15 min 14 s in all, 9 stretches" in page


def test_html_checklist_has_one_box_per_stretch_and_side(daily, page):
    boxes = daily.checklist_boxes()
    assert page.count('<span class="bs-box"></span>') == len(boxes) == 15
    for box in boxes:
        assert f'<span class="bs-box"></span>{escape(daily.box_label(box))}</li>' in page


def test_html_has_the_safety_notes_and_dose_check(daily, page):
    for line in (*STOP_SIGNS, *RED_FLAGS, *dose_report(daily).lines()):
        assert escape(line) in page
    assert page.index("Emergency: call 999") < page.index("Urgent: get a same-day")


def test_dose_text_follows_the_routines_overrides(catalogue):
    r = load_routine("source-article", catalogue)
    assert dose_text(r, 0) == "Hold 5 s, once; left side, then right side."
    r = r.changed(0, hold=25, reps=3, sides="right", rest=7)
    assert dose_text(r, 0) == "Hold 25 s, 3 times; right side only; rest 7 s between."
    assert dose_text(r, 1) == "Hold 10 s, once."  # back rounders: both sides at once
    daily = load_routine("daily-back-care", catalogue)
    assert dose_text(daily, 0) == "8 slow repetitions, about 4 s each."  # pelvic tilt: moves
    assert [r.box_label(b) for b in r.checklist_boxes()][0] == "Single knee to chest, right side"


def test_pdf_has_the_same_content_as_the_html(prank, daily, tmp_path):
    path = save_handout(prank, tmp_path / "class.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    text = _flat(_pdf_text(data))
    assert f"{SCRIPT} Rückenübung ✓" in text and IMG in text  # printed as plain text
    h = Handout.from_routine(daily)
    for s in h.stretches:
        assert _flat(s.name) in text and _flat(s.dose) in text
        for step in s.steps:
            assert _flat(step) in text
    for line in (*STOP_SIGNS, *RED_FLAGS, *h.dose, *h.checklist):
        assert _flat(line) in text
    assert text.index("Emergency: call 999") < text.index("Urgent: get a same-day")
    images = sum(len(p.images) for p in reader.pages)
    assert images == 2 + len(prank.items)  # the two charts and each stretch's figure


def test_pdf_checklist_draws_one_box_per_line(daily, tmp_path):
    """Each checklist line is a drawn square (a 're' path op) followed by its label."""
    from backstretch.handouts.pdf import handout_pdf

    reader = pypdf.PdfReader(io.BytesIO(handout_pdf(daily, charts=[])))
    squares = sum(len(re.findall(rb"[\d.]+ [\d.]+ 11\.91 -11\.91 re", p.get_contents().get_data()))
                  for p in reader.pages)
    assert squares == len(daily.checklist_boxes())


def test_save_handout_writes_html_atomically_and_refuses_other_suffixes(daily, tmp_path):
    path = save_handout(daily, tmp_path / "sub" / "class.HTML")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(BackstretchError) as info:
        save_handout(daily, tmp_path / "class.docx")
    assert str(info.value) == (f"{tmp_path / 'class.docx'}: cannot tell the format from "
                               "'.docx'; end the name in .html or .pdf")
    (tmp_path / "taken.pdf").mkdir()
    with pytest.raises(BackstretchError, match="is a folder"):
        save_handout(daily, tmp_path / "taken.pdf")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["class.HTML"]


def test_an_empty_routine_has_no_handout(daily, tmp_path):
    with pytest.raises(BackstretchError, match="add at least one stretch"):
        save_handout(daily.with_items(()), tmp_path / "empty.html")
    assert not (tmp_path / "empty.html").exists()


def test_cli_writes_html_and_pdf(tmp_path, capsys):
    assert main(["handout", "source-article", "-o", str(tmp_path / "a.html")]) == 0
    assert "Single knee to chest" in (tmp_path / "a.html").read_text(encoding="utf-8")
    assert main(["handout", "data/routines/desk-break.yaml", "--output",
                 str(tmp_path / "b.pdf")]) == 0
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    assert capsys.readouterr().out.count("Wrote ") == 2


def test_cli_exit_codes_and_clean_errors(tmp_path, capsys):
    assert main(["handout", "no-such-routine", "-o", str(tmp_path / "x.html")]) == 1
    assert capsys.readouterr().err.strip() == "no-such-routine: no such file or ready routine"
    assert main(["handout", "tests/cli/bad_inputs/unknown-stretch.yaml", "-o",
                 str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tests/cli/bad_inputs/unknown-stretch.yaml: items[")
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as info:
        main(["handout", "source-article", "-o", str(tmp_path / "x.txt")])
    assert info.value.code == 2
    assert "end the file name in .html or .pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["handout", "source-article"])  # -o is required
    assert info.value.code == 2
    (tmp_path / "taken.html").mkdir()
    assert main(["handout", "source-article", "-o", str(tmp_path / "taken.html")]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_handout_panel_saves_the_current_routine_and_reports_cleanly(catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import HandoutPanel

    current = [load_routine("desk-break", catalogue)]
    panel = HandoutPanel(lambda: current[0], file_name=str(tmp_path / "out" / "class.pdf"))
    assert "bs-handout-html" in panel.html_button._dom_classes
    assert "bs-handout-pdf" in panel.pdf_button._dom_classes
    current[0] = load_routine("source-article", catalogue)  # the routine at the press counts
    panel.html_button.click()
    saved = tmp_path / "out" / "class.html"
    assert "The five from the article" in saved.read_text(encoding="utf-8")
    # outside the notebook's folder: the file's name alone, never the server's folders
    assert panel.status.value.startswith("Saved <code>class.html</code>")
    assert str(tmp_path) not in panel.status.value
    panel.pdf_button.click()
    assert (tmp_path / "out" / "class.pdf").read_bytes().startswith(b"%PDF-")


def test_handout_panel_shows_problems_escaped(catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import HandoutPanel

    daily = load_routine("daily-back-care", catalogue)
    assert Path(HandoutPanel(dataclasses.replace(daily, name=SCRIPT)).file_name.value).name == \
        "alert-1"
    (tmp_path / f"{IMG}.html").mkdir()
    panel = HandoutPanel(daily, file_name=str(tmp_path / IMG))
    panel.html_button.click()
    assert panel.status.value.startswith("<b>Not saved:</b> ") and "<img" not in panel.status.value
    assert "&lt;img src=x onerror=alert(1)&gt;.html: cannot be written: it is a folder" in \
        panel.status.value
    empty = HandoutPanel(daily.with_items(()), file_name=str(tmp_path / "empty"))
    empty.pdf_button.click()
    assert "add at least one stretch" in empty.status.value
    assert not (tmp_path / "empty.pdf").exists()


def test_a_path_is_shown_relative_to_the_notebook_or_the_home_or_by_its_name_alone(hub,
                                                                                   monkeypatch):
    from backstretch.base.filenames import editable_path, shown_path

    here, home = Path.cwd(), hub.parent
    assert shown_path(here / "handouts" / "a.pdf") == "handouts/a.pdf"
    assert shown_path("handouts/a.pdf") == "handouts/a.pdf"
    assert shown_path(here) == "."
    assert shown_path(hub / "handouts" / "a.pdf") == "~/backstretch-data/handouts/a.pdf"
    assert shown_path(home) == "~"
    assert shown_path("/srv/hub/other/a.pdf") == "a.pdf"
    # a text box needs a path that works: the same, else in full
    assert editable_path(hub / "a.pdf") == "~/backstretch-data/a.pdf"
    assert editable_path("/srv/hub/other/a.pdf") == "/srv/hub/other/a.pdf"
    # a home that is the root is no one's: everything would be "in" it
    monkeypatch.setenv("HOME", "/")
    assert shown_path("/srv/hub/other/a.pdf") == "a.pdf"


def test_on_a_class_hub_handouts_go_to_the_data_folder_shown_from_the_home(catalogue, hub):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import HandoutPanel

    panel = HandoutPanel(load_routine("desk-break", catalogue))
    assert panel.file_name.value == "~/backstretch-data/handouts/desk-break"
    panel.html_button.click()
    assert (hub / "handouts" / "desk-break.html").is_file()
    assert not Path("handouts").exists()  # nothing in the workbook's clone
    assert panel.status.value.startswith(
        "Saved <code>~/backstretch-data/handouts/desk-break.html</code>")
    assert HandoutPanel(load_routine("desk-break", catalogue)).file_name.value == \
        "~/backstretch-data/handouts/desk-break-2"


def test_each_stretch_prints_its_start_and_hold_with_how_to_move_between(catalogue):
    from backstretch.figures.poses import poses_for

    routine = load_routine("source-article", catalogue)
    html = handout_html(routine, charts=[])
    sections = html.split('<section class="bs-stretch">')[1:]
    poses = poses_for(catalogue)
    assert len(sections) == len(routine.items)
    for item, section in zip(routine.items, sections):
        stretch = catalogue[item.stretch]
        then = "Hold" if stretch.is_static else "Move"
        assert section.count("<svg") == 2 and ": where you start</title>" in section
        assert "<figcaption>Start</figcaption>" in section and f"<figcaption>{then}<" in section
        assert f'<p class="bs-way-in">{escape(poses[item.stretch].way_in)}</p>' in section
        assert "@keyframes" not in section  # printed: stills, nothing moves
    assert [s.way_in for s in Handout.from_routine(routine).stretches] == [
        poses[i.stretch].way_in for i in routine.items]
