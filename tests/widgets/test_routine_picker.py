"""Picking a routine without code, and the class view and handout panel following it."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("ipywidgets")

from fakes import FakeClock  # noqa: E402

from backstretch import load_routine  # noqa: E402
from backstretch.widgets import ClassView, HandoutPanel, RoutineBuilder, RoutinePicker  # noqa: E402


@pytest.fixture
def folder(tmp_path, catalogue):
    saved = tmp_path / "my-routines"
    load_routine("desk-break", catalogue).changed(0, hold=25).save(saved / "mine.yaml")
    (saved / "broken.yaml").write_text("version: 1\nname: <b>x</b>\nitems: [nope]\n")
    return saved


def test_lists_ready_routines_and_saved_files(folder, catalogue):
    picker = RoutinePicker("source-article", folder, catalogue)
    values = [v for _, v in picker.choice.options]
    assert {"source-article", "desk-break", "daily-back-care"} <= set(values)
    assert str(folder / "mine.yaml") in values and str(folder / "broken.yaml") in values
    assert picker.routine.name == "The five from the article"


def test_choosing_loads_it_and_tells_the_listeners(folder, catalogue):
    picker = RoutinePicker("source-article", folder, catalogue)
    seen = []
    picker.changed.subscribe(seen.append)
    picker.choice.value = str(folder / "mine.yaml")
    assert seen and seen[-1] == picker.routine and picker.routine.hold(0) == 25
    assert f"{len(picker.routine.items)} stretches" in picker.status.value


def test_a_broken_file_keeps_the_routine_and_says_why_escaped(folder, catalogue):
    picker = RoutinePicker("source-article", folder, catalogue)
    seen = []
    picker.changed.subscribe(seen.append)
    picker.choice.value = str(folder / "broken.yaml")
    assert not seen and picker.routine.name == "The five from the article"
    assert "Not loaded" in picker.status.value and "items[0].stretch" in picker.status.value
    assert "<b>x</b>" not in picker.status.value


def test_refresh_finds_a_routine_saved_since(folder, catalogue):
    picker = RoutinePicker("source-article", folder, catalogue)
    load_routine("acute-spasm-gentle", catalogue).save(folder / "later.yaml")
    assert str(folder / "later.yaml") not in [v for _, v in picker.choice.options]
    picker.refresh_button.click()
    assert str(folder / "later.yaml") in [v for _, v in picker.choice.options]
    assert picker.choice.value == "source-article"


def test_class_view_and_handouts_follow_the_picker(folder, catalogue):
    picker = RoutinePicker("source-article", folder, catalogue)
    clock = FakeClock()
    view = ClassView(picker.routine, clock)
    handouts = HandoutPanel(picker.routine)
    picker.changed.subscribe(view.set_routine)
    picker.changed.subscribe(handouts.set_routine)
    view.start()
    clock.advance(3)
    view.tick()
    picker.choice.value = "desk-break"
    desk = load_routine("desk-break", catalogue)
    assert view.session.state == "ready" and view.session.routine == desk
    assert view.player.timeline["routine"] == desk.name
    assert (view.player.position["state"], view.player.position["left"]) == ("ready", 10)
    assert handouts.routine() == desk and Path(handouts.file_name.value).name == "desk-break"


def test_by_default_it_lists_what_the_builder_saved_on_a_hub_in_the_data_folder(catalogue, hub):
    RoutineBuilder(catalogue, "desk-break").save_button.click()
    picker = RoutinePicker("source-article", catalogue=catalogue)
    assert picker.folder == hub / "my-routines"
    assert str(hub / "my-routines" / "desk-break.yaml") in [v for _, v in picker.choice.options]


def test_by_default_it_lists_what_the_builder_saved_on_a_laptop_beside_it(catalogue, laptop):
    RoutineBuilder(catalogue, "desk-break").save_button.click()
    picker = RoutinePicker("source-article", catalogue=catalogue)
    assert picker.folder == Path("my-routines")
    assert "my-routines/desk-break.yaml" in [v for _, v in picker.choice.options]
    assert (laptop / "my-routines" / "desk-break.yaml").is_file()
