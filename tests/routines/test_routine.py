"""Routines: timeline, duration, coverage, dose check, editing and saving."""

from __future__ import annotations

import os

import pytest
import yaml

from backstretch import (
    BackstretchError,
    Routine,
    RoutineItem,
    Settings,
    dose_report,
    load_routine,
    ready_routines,
)
from backstretch.base.resources import data_dir
from backstretch.cli import check_file


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def test_ready_routines_are_shipped():
    assert {"source-article", "desk-break", "acute-spasm-gentle", "daily-back-care"} <= set(
        ready_routines())


@pytest.mark.parametrize("path", sorted((data_dir() / "routines").iterdir()), ids=lambda p: p.name)
def test_every_file_in_data_routines_loads_and_checks_clean(path, catalogue):
    assert path.suffix == ".yaml" and ready_routines()[path.stem] == path  # offered by name
    assert check_file(str(path), None) == []
    routine = load_routine(path.stem, catalogue)
    assert routine.name.strip() and routine.items and routine.description


def test_article_routine_keeps_the_article_order(article):
    assert [i.stretch for i in article.items] == [
        "knee-to-chest", "back-rounders", "wall-warrior", "figure-four-glute", "seated-hamstring"]


def test_article_timeline_step_by_step(article):
    # knee to chest: ready 10, left 5, switch 5, right 5 -> 25 s
    # back rounders: ready 10, hold 5 (low end of 5 to 10) -> 15 s
    # wall warrior: ready 10, 5 lifts x 4 s left, switch 5, 5 x 4 s right -> 55 s
    # figure four and seated hamstring: ready 10, 30, switch 5, 30 -> 75 s each
    steps = article.steps()
    summary = [(s.kind, s.seconds, s.side) for s in steps[:4]]
    assert summary == [("get_ready", 10, None), ("hold", 5, "left"), ("switch", 5, "right"),
                       ("hold", 5, "right")]
    assert [s.start for s in steps[:5]] == [0, 10, 15, 20, 25]
    warrior = [s for s in steps if s.stretch.id == "wall-warrior"]
    assert [(s.kind, s.seconds) for s in warrior] == [("get_ready", 10), ("move", 20),
                                                      ("switch", 5), ("move", 20)]
    assert article.duration == 25 + 20 + 55 + 75 + 75 == 250
    assert all(a.end == b.start for a, b in zip(steps, steps[1:]))


def test_reps_add_rests_between_holds(catalogue):
    r = Routine("r", (RoutineItem("figure-four-glute", hold=20, reps=3, rest=7),), catalogue)
    left = [(s.kind, s.seconds, s.rep) for s in r.steps() if s.side == "left"]
    assert left == [("hold", 20, 1), ("rest", 7, 1), ("hold", 20, 2), ("rest", 7, 1),
                    ("hold", 20, 3)]
    assert r.duration == 10 + 2 * (3 * 20 + 2 * 7) + 5


def test_one_side_only_and_settings(catalogue):
    r = Routine("r", (RoutineItem("figure-four-glute", sides="left"),), catalogue,
                settings=Settings(get_ready=0, switch_sides=0, rest=0))
    assert [(s.kind, s.side) for s in r.steps()] == [("hold", "left")]
    assert r.duration == 30
    assert r.checklist_boxes() == [(0, "left")]


def test_checklist_boxes_and_completing_steps(article):
    boxes = article.checklist_boxes()
    assert boxes[:3] == [(0, "left"), (0, "right"), (1, None)]
    assert len(boxes) == 2 + 1 + 2 + 2 + 2
    assert [s.completes for s in article.steps() if s.completes] == boxes


def test_article_coverage(article):
    cov = article.coverage()
    # lower back: knee to chest 5 + rounders 10 (primary); figure four, hamstring half of 30
    assert (cov["lower_back"].primary, cov["lower_back"].secondary) == (15, 30)
    assert cov["lower_back"].stretch == 45
    # glutes: knee to chest 5 + figure four 30 + rounders' secondary 5
    assert cov["glutes"].stretch == 40
    assert cov["glutes"].active == 20  # the wall warrior, counted apart
    assert cov["hamstrings"].stretch == 30  # knee to chest no longer counts them
    assert cov["hamstrings"].active == 10  # warrior's secondary, half
    assert cov["deep_hip_rotators"].stretch == 30
    assert "hip_flexors" not in cov


def test_article_dose_falls_short_and_says_so(article):
    report = dose_report(article)
    assert not report.ok
    assert [g.group for g in report.groups] == ["lower_back", "glutes", "deep_hip_rotators",
                                                "hamstrings"]
    assert {g.group for g in report.short} == {g.group for g in report.groups}
    assert {(h.item, h.seconds, h.too_short) for h in report.holds} == {(0, 5, True)}
    text = str(report)
    assert "15 s short" in text  # lower back: 45 of 60
    assert "shorter than the 10 to 30 s" in text
    assert "2 to 3 days a week" in text


def test_daily_routine_reaches_the_guideline(catalogue):
    daily = load_routine("daily-back-care", catalogue)
    report = dose_report(daily)
    reached = {g.group for g in report.groups if g.met}
    assert {"lower_back", "glutes", "hamstrings", "hip_flexors", "deep_hip_rotators",
            "flank"} <= reached
    assert 12 * 60 <= daily.duration <= 22 * 60


def test_desk_break_has_no_floor_work(catalogue):
    desk = load_routine("desk-break", catalogue)
    assert desk.items and not any(desk.stretch(i).floor_work for i in range(len(desk.items)))
    assert desk.duration <= 8 * 60


def test_gentle_routine_avoids_deep_moves(catalogue):
    gentle = load_routine("acute-spasm-gentle", catalogue)
    for i in range(len(gentle.items)):
        s = gentle.stretch(i)
        assert s.level == "gentle", s.id
        assert not {"deep-flexion", "load"} & set(s.flags), s.id


def test_one_side_coverage_reports_the_less_stretched_side(catalogue):
    r = Routine("r", (RoutineItem("figure-four-glute", sides="left"),), catalogue)
    assert r.coverage()["glutes"].stretch == 0


def test_editing_returns_new_routines(article):
    longer = article.changed(0, hold=20)
    assert article.hold(0) == 5 and longer.hold(0) == 20
    assert longer.duration == article.duration + 2 * 15
    assert longer.changed(0, hold=None).duration == article.duration
    moved = article.moved(4, 0)
    assert moved.items[0].stretch == "seated-hamstring"
    assert len(article.removed(1).items) == 4
    assert article.added("knee-to-chest").items[-1].stretch == "knee-to-chest"
    with pytest.raises(BackstretchError, match="hold"):
        article.changed(0, hold=-5)
    with pytest.raises(BackstretchError, match="no stretch with id"):
        article.added("nope")


def test_save_and_load_round_trip(article, tmp_path, catalogue):
    edited = article.changed(3, hold=25, reps=2).changed(0, sides="right")
    path = tmp_path / "mine.yaml"
    edited.save(path)
    again = load_routine(path, catalogue)
    assert again == edited
    assert again.duration == edited.duration
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["items"][3] == {"stretch": "figure-four-glute",
                                                         "hold": 25, "reps": 2}


def test_save_is_atomic(article, tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    article.save(path)
    before = path.read_bytes()

    def crash(*_args):
        raise OSError("disk unplugged")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(BackstretchError) as caught:
        article.changed(0, hold=20).save(path)
    assert str(caught.value) == f"{path}: cannot be written: disk unplugged"
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]


def test_unicode_and_markup_names_survive_a_round_trip(article, tmp_path, catalogue):
    odd = Routine("<b>Zoë's</b> 背中 🧘 routine", article.items, catalogue)
    odd.save(tmp_path / "odd.yaml")
    assert load_routine(tmp_path / "odd.yaml", catalogue).name == odd.name


def test_empty_routine_cannot_be_saved(catalogue, tmp_path):
    empty = Routine("empty", (), catalogue)
    assert empty.duration == 0 and empty.steps() == []
    with pytest.raises(BackstretchError, match="at least one stretch"):
        empty.save(tmp_path / "e.yaml")
