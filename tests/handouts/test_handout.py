"""Handouts: the HTML page and the PDF say the same things, and typed text stays text.
(The PDF's tags, pages and checkers: test_pdf_handout.py.)"""

from __future__ import annotations

import dataclasses
import re
import sys
from html import escape
from pathlib import Path

import pytest
from pdf_tools import pdf_info, pdf_text

from backstretch import BackstretchError, dose_report, load_routine
from backstretch.cli import main
from backstretch.handouts.content import Handout, dose_text
from backstretch.handouts.files import save_handout
from backstretch.handouts.html import css_string, handout_html
from backstretch.safety.flags import STOP_SIGNS, TIERS

pytest.importorskip("matplotlib")

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


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_typed_markup_is_escaped_everywhere_in_the_html(page):
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rückenübung ✓" in page  # title, h1, img alt
    assert page.count("&lt;script&gt;") >= 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_is_self_contained_and_printable(daily, page):
    assert page.startswith("<!DOCTYPE html>") and "@page" in page and "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external resources"
    # the charts (coverage, body map) and each stretch's pose, as vector drawings
    stills = sum(2 if s.way_in else 1 for s in Handout.from_routine(daily).stretches)
    assert page.count('src="data:image/svg+xml;base64,') == 2 + stills  # charts, poses
    assert "size: A4;" in page and "size: letter;" in handout_html(daily, [], paper="letter")
    assert "counter(page) \" of \" counter(pages)" in page
    with pytest.raises(BackstretchError, match="no paper 'a3'; choose a4 or letter"):
        handout_html(daily, [], paper="a3")


def test_the_name_in_the_page_margin_cannot_break_out_of_its_css_string():
    hostile = 'a"}</style><script>alert(1)</script>\\\n'
    quoted = css_string(hostile)
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1]
    assert "<" not in quoted and "\n" not in quoted and "}" not in quoted
    # read back as CSS does: each escape is a code point in hex and one optional space
    back = re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m[1], 16)), quoted[1:-1])
    assert back == hostile


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
    ticks = re.search(r'<ul class="bs-ticks">(.*?)</ul>', page)[1]
    assert ticks == "".join(f"<li>{escape(daily.box_label(b))}</li>" for b in boxes)
    assert len(boxes) == 15
    assert re.search(r'ul\.bs-ticks \{ list-style: "\\2610', page)  # each item's label: a box


def test_html_has_the_safety_notes_and_dose_check(daily, page):
    report = dose_report(daily)
    for line in (*STOP_SIGNS, *RED_FLAGS, *report.lines()[len(report.groups):]):
        assert escape(line) in page
    assert page.index("Emergency: call 112") < page.index("Urgent: get a same-day")
    rows = re.findall(r'<tr(?: class="bs-short")?><th scope="row">([^<]*)</th>'
                      r'<td class="bs-num">([^<]*)</td>', page)
    assert rows == [(escape(Handout.from_routine(daily).dose[i].group), f"{g.seconds:g} s")
                    for i, g in enumerate(report.groups)]
    assert page.index("Emergency: call 112") < page.index("1. Pelvic tilt")


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
    saved = save_handout(prank, tmp_path / "class.pdf")
    assert saved.path.read_bytes().startswith(b"%PDF-") and saved.note == ""
    text = pdf_text(saved.path)
    assert f"{SCRIPT} Rückenübung ✓" in text and IMG in text  # printed as plain text
    h = Handout.from_routine(daily)
    for s in h.stretches:
        assert _flat(s.name) in text and _flat(s.dose) in text
        for step in s.steps:
            assert _flat(step) in text
    for line in (*STOP_SIGNS, *RED_FLAGS, *h.dose_notes, *h.checklist):
        assert _flat(line) in text
    assert text.index("Emergency: call 112") < text.index("Urgent: get a same-day")


class _NoPango:
    """An import hook that fails as WeasyPrint does where Pango is not installed."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001, ANN201
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
                          "shared object file: No such file or directory")
        return None


def test_without_pango_the_pdf_says_so_in_one_line_and_html_still_works(
        daily, tmp_path, monkeypatch, capsys):
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    with pytest.raises(BackstretchError) as info:
        save_handout(daily, tmp_path / "h.pdf")
    said = str(info.value)
    assert said.startswith(f"{tmp_path / 'h.pdf'}: a PDF handout needs WeasyPrint and the "
                           "Pango library (cannot load libpango-1.0-0)")
    assert "\n" not in said and "the HTML handout works without them" in said
    assert not (tmp_path / "h.pdf").exists()
    assert save_handout(daily, tmp_path / "h.html").path.is_file()
    assert main(["handout", "desk-break", "-o", str(tmp_path / "d.pdf")]) == 1
    out = capsys.readouterr()
    assert out.out == "" and len(out.err.strip().splitlines()) == 1
    assert "needs WeasyPrint and the Pango library" in out.err
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import HandoutPanel

    panel = HandoutPanel(daily, file_name=str(tmp_path / "p"))
    panel.pdf_button.click()
    assert panel.status.value.startswith("<b>Not saved:</b> ")
    assert "needs WeasyPrint and the Pango library" in panel.status.value
    panel.html_button.click()
    assert panel.status.value.startswith("Saved <code>p.html</code>")


def test_save_handout_writes_html_atomically_and_refuses_other_suffixes(daily, tmp_path):
    path = save_handout(daily, tmp_path / "sub" / "class.HTML").path
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
    out = capsys.readouterr()
    assert out.out.count("Wrote ") == 2 and out.err == ""


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
    panel.paper.value = "letter"
    panel.pdf_button.click()
    assert (tmp_path / "out" / "class.pdf").read_bytes().startswith(b"%PDF-")
    assert pdf_info(tmp_path / "out" / "class.pdf")["Page size"] == "612 x 792 pts (letter)"
    assert panel.status.value.startswith("Saved <code>class.pdf</code>")


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
        assert section.count('<img alt="Drawing of ') == 2
        assert f'alt="Drawing of {escape(stretch.name)}' in section
        assert ": the position it starts from, " in section  # the start's own alt text
        assert "<figcaption>Start</figcaption>" in section and f"<figcaption>{then}<" in section
        assert (f'<p class="bs-way-in"><b>From the start:</b> '
                f'{escape(poses[item.stretch].way_in)}</p>') in section
        assert "@keyframes" not in section  # printed: stills, nothing moves
    assert [s.way_in for s in Handout.from_routine(routine).stretches] == [
        poses[i.stretch].way_in for i in routine.items]
