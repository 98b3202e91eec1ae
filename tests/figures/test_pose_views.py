"""The figures where people look: cards, builder rows, timer, class view, handouts, CLI."""

from __future__ import annotations

import base64
import re
from html import unescape

import pytest

from backstretch import load_routine
from backstretch.cli import main
from backstretch.handouts.content import Handout
from backstretch.figures.drawing import stretch_alt, stretch_svg
from backstretch.handouts.html import handout_html

pytest.importorskip("ipywidgets")
from fakes import FakeClock  # noqa: E402

import backstretch.guided.timeline as timeline_module  # noqa: E402
from backstretch.widgets import (  # noqa: E402
    CatalogueBrowser,
    ClassView,
    RoutineBuilder,
    SessionTimer,
)

TITLE = re.compile(r'aria-label="([^"]*)"')


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def _titles(markup: str) -> list[str]:
    return [unescape(t) for t in TITLE.findall(markup)]


def _moves(name: str) -> list[str]:
    """The titles of a stretch's start, hold and played movement."""
    return [f"{name}: where you start", name,
            f"{name}: the movement, from the start into the hold"]


def test_every_card_shows_its_start_and_hold_and_plays_its_movement_when_asked(catalogue):
    cards = CatalogueBrowser(catalogue).cards.value
    assert _titles(cards) == [t for s in catalogue.values()
                              for t in _moves(s.name + (", right side" if s.per_side else ""))]
    assert cards.count("<summary>Play the movement</summary>") == len(catalogue)
    assert cards.count("<details>") == len(catalogue)  # shut: nothing plays on its own
    assert "prefers-reduced-motion: reduce" in cards


def test_each_builder_row_shows_its_figure_on_its_side(catalogue, article, tmp_path):
    b = RoutineBuilder(catalogue, article, save_path=str(tmp_path / "r.yaml"))
    rows = b.rows.children
    assert [_titles(r.children[0].children[0].value) for r in rows] == [
        _moves(article.stretch(i).name + (", left side" if article.stretch(i).per_side else ""))
        for i in range(len(article.items))]
    sides = next(c for c in rows[0].children if "bs-sides" in c._dom_classes)
    sides.value = "right"
    assert _titles(rows[0].children[0].children[0].value) == _moves(
        "Single knee to chest, right side")


@pytest.mark.parametrize("view", [SessionTimer, ClassView])
def test_figure_follows_the_step_and_is_drawn_once_per_stretch_and_side(article, monkeypatch,
                                                                        view):
    drawn = []

    def counting(*args, **kwargs):
        drawn.append(args[1:])
        return original(*args, **kwargs)

    original = timeline_module.stretch_svg
    monkeypatch.setattr(timeline_module, "stretch_svg", counting)
    timeline = view(article, FakeClock()).player.timeline
    changes = [(i.stretch, side) for n, i in enumerate(article.items)
               for side in article.sides(n)]
    assert drawn == changes  # once per stretch and side, sent once: the page never redraws it
    shown: list[list[str]] = []
    for step in timeline["steps"]:  # the figure the page shows at each step
        titles = _titles(timeline["figures"][step["figure"]])
        if not shown or shown[-1] != titles:
            shown.append(titles)
    assert shown[:3] == [["Single knee to chest, left side"],
                         ["Single knee to chest, right side"], ["Back rounders"]]


def test_class_view_moves_a_moving_stretch_through_its_cycle_at_its_pace(catalogue):
    from backstretch import Routine, RoutineItem

    routine = Routine("Warrior", (RoutineItem("wall-warrior", hold=5, reps=3),), catalogue)
    timeline = ClassView(routine, FakeClock()).player.timeline
    assert len(timeline["motions"]["wall-warrior"]["cycle"]) > 2
    moves = [s for s in timeline["steps"] if s["kind"] == "move"]
    assert [m["motion"][0]["period"] for m in moves] == [5.0, 5.0]  # a lift each 5 s


def test_html_handout_draws_every_stretch(article):
    html = handout_html(article, charts=[])
    sections = re.findall(r'<section class="bs-stretch">.*?</section>', html, re.S)
    assert len(sections) == len(article.items)
    h = Handout.from_routine(article)
    for section, s in zip(sections, h.stretches):
        drawn = re.findall(r'<img(?: class="bs-pose")? alt="([^"]*)" '
                           r'src="data:image/svg\+xml;base64,([^"]*)"', section)
        frames = ("start", "hold") if s.way_in else ("hold",)  # the start too, where it has one
        assert len(drawn) == len(frames)
        for (alt, data), frame in zip(drawn, frames):
            svg = base64.b64decode(data).decode("utf-8")  # vector, as drawn
            assert svg == stretch_svg(article.catalogue, s.stretch_id, s.side, frame=frame)
            assert _titles(svg)[0].startswith(s.name)
            assert unescape(alt) == stretch_alt(article.catalogue, s.stretch_id, s.side, frame)


def test_pdf_handout_draws_every_stretch_in_print(article, tmp_path):
    """Printed, each card's figure is there in ink: the body's colour on every card."""
    pytest.importorskip("weasyprint")
    from PIL import Image
    from pdf_tools import pdf_text, run

    from backstretch.figures.scene import BODY
    from backstretch.handouts.files import save_handout

    pdf = save_handout(article, tmp_path / "a.pdf").path
    run("pdftoppm", "-png", "-r", "30", pdf, tmp_path / "p")
    body = tuple(int(BODY[i:i + 2], 16) for i in (1, 3, 5))
    names = [f"{i}. {article.stretch(i - 1).name}" for i in range(1, len(article.items) + 1)]
    shown = 0
    for n, png in enumerate(sorted(tmp_path.glob("p-*.png")), 1):
        text = pdf_text(pdf, n)
        cards = sum(name in text for name in names)
        with Image.open(png) as img:
            colours = dict((c, k) for k, c in img.convert("RGB").getcolors(1 << 20))
        near = sum(k for c, k in colours.items() if max(abs(a - b) for a, b in zip(c, body)) < 12)
        assert (near > 40 * cards) if cards else True, (png.name, cards, near)
        shown += cards
    assert shown == len(article.items)


def test_cli_draws_a_pose(tmp_path, capsys):
    assert main(["pose", "seated-hamstring", "-o", str(tmp_path / "h.svg"), "--side", "left"]) == 0
    svg = (tmp_path / "h.svg").read_text()
    assert svg.startswith("<svg") and "LEFT SIDE" in svg
    assert main(["pose", "sphinx", "-o", str(tmp_path / "s.png")]) == 0
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    assert "Wrote" in capsys.readouterr().out
    assert main(["pose", "sphinks", "-o", str(tmp_path / "x.svg")]) == 1
    assert "did you mean 'sphinx'" in capsys.readouterr().err
    assert main(["pose", "sphinx", "-o", str(tmp_path / "x.gif")]) == 1
    assert "end the name in .svg or .png" in capsys.readouterr().err
    assert not (tmp_path / "x.gif").exists()


def test_check_reads_a_poses_file(capsys):
    assert main(["check", "data/poses.yaml"]) == 0
    assert capsys.readouterr().out.strip() == "data/poses.yaml: ok"
