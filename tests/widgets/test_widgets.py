"""The widgets, driven as a person would (click, set values) without a front end."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from backstretch import load_routine

pytest.importorskip("ipywidgets")
from fakes import FakeClock  # noqa: E402

from backstretch.guided.checklist import Checklist  # noqa: E402
from backstretch.widgets import CatalogueBrowser, RoutineBuilder, SessionTimer  # noqa: E402


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def _classes(widget) -> set[str]:
    return set(widget._dom_classes)


def test_timer_is_the_pages_player_above_the_checklist(article, tmp_path):
    t = SessionTimer(article, FakeClock(), Checklist(article, tmp_path / "c.json"))
    assert "bs-timer-box" in _classes(t.widget) and t.player in t.widget.children
    assert "bs-player" in _classes(t.player) and t.player.view == "timer"
    assert "bs-checklist" in _classes(t.checklist_box)
    assert all("bs-check" in _classes(cb) for cb in t.boxes.values())
    assert len(t.boxes) == 9


def test_timer_runs_with_a_fake_clock_and_ticks_the_checklist(article, tmp_path):
    clock = FakeClock()
    t = SessionTimer(article, clock, Checklist(article, tmp_path / "c.json"))
    t.start()
    clock.now = 10.5
    t.tick()
    assert t.player.position["index"] == 1 and t.player.position["state"] == "running"
    clock.now = 15.0
    t.tick()
    assert t.boxes[(0, "left")].value is True
    assert Checklist(article, tmp_path / "c.json").ticked == {(0, "left")}
    t.toggle()
    assert t.player.position["state"] == "paused" and t.player.position["left"] == 5
    clock.now = 100.0
    t.tick()
    assert t.session.remaining == 5


def test_reset_stops_and_reports_the_session(article, tmp_path):
    seen = []
    clock = FakeClock()
    t = SessionTimer(article, clock, Checklist(article, tmp_path / "c.json"))
    t.finished.subscribe(seen.append)
    t.start()
    clock.now = 30
    t.tick()
    t.reset()
    assert len(seen) == 1 and t.session.state == "ready"
    assert t.player.position["state"] == "ready" and t.player.position["left"] == 10


def test_tick_by_hand_on_the_checklist_is_saved(article, tmp_path):
    t = SessionTimer(article, FakeClock(), Checklist(article, tmp_path / "c.json"))
    t.boxes[(4, "right")].value = True
    assert Checklist(article, tmp_path / "c.json").ticked == {(4, "right")}
    t.clear_button.click()
    assert Checklist(article, tmp_path / "c.json").ticked == set()


def test_browser_filters(catalogue):
    b = CatalogueBrowser(catalogue)
    everything = len(b.shown)
    b.position.value = "standing"
    assert 0 < len(b.shown) < everything
    assert all(catalogue[i].position == "standing" for i in b.shown)
    assert b.cards.value.count('class="bs-card"') == len(b.shown)
    b.muscle.value = "calves"
    assert all("calves" in catalogue[i].primary + catalogue[i].secondary for i in b.shown)


def test_builder_edits_update_totals_and_charts(catalogue, tmp_path):
    b = RoutineBuilder(catalogue, save_path=str(tmp_path / "mine.yaml"))
    assert "0 stretches" in b.total.value
    b.start_from.value = "source-article"
    b.start_button.click()
    assert "4 min 10 s" in b.total.value
    chart_before = b.charts.children[0].value
    hold = b.rows.children[0].children[1]
    hold.value = 20
    assert b.routine.hold(0) == 20 and "4 min 40 s" in b.total.value
    assert b.charts.children[0].value != chart_before
    b.rows.children[4].children[6].click()  # remove the last stretch
    assert len(b.routine.items) == 4 and len(b.rows.children) == 4
    b.rows.children[0].children[5].click()  # move the first one down
    assert b.routine.items[1].stretch == "knee-to-chest"
    b.to_add.value = "seated-hamstring"
    b.add_button.click()
    assert b.routine.items[-1].stretch == "seated-hamstring"


def test_builder_save_and_load_back(catalogue, tmp_path):
    path = tmp_path / "mine.yaml"
    b = RoutineBuilder(catalogue, load_routine("desk-break", catalogue), save_path=str(path))
    b.name.value = "<script>alert(1)</script> desk"
    b.save_button.click()
    assert "Saved" in b.status.value and path.exists()
    other = RoutineBuilder(catalogue, save_path=str(path))
    other.load_button.click()
    assert other.routine.items == b.routine.items
    assert other.routine.name == "<script>alert(1)</script> desk"
    assert "<script>" not in other.status.value + other.total.value


def test_builder_reports_a_bad_file_without_a_traceback(catalogue, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: x\nitems:\n  - stretch: <img src=x onerror=alert(1)>\n")
    b = RoutineBuilder(catalogue, save_path=str(bad))
    b.load_button.click()
    assert "Not loaded" in b.status.value and "no stretch with id" in b.status.value
    assert "<img" not in b.status.value
    assert b.routine.items == ()


def test_changing_the_routine_stops_reports_and_swaps_the_checklist(catalogue):
    clock = FakeClock()
    article = load_routine("source-article", catalogue)
    desk = load_routine("desk-break", catalogue)
    stopped = []
    t = SessionTimer(article, clock)
    t.finished.subscribe(stopped.append)
    t.start()
    t.boxes[(0, "left")].value = True  # ticked during the session
    clock.now += 3
    t.tick()
    t.set_routine(desk)
    assert stopped and stopped[0].routine == article  # the session under way is reported
    assert t.session.routine == desk and t.session.state == "ready"
    assert t.player.timeline["routine"] == desk.name
    assert set(t.boxes) == set(desk.checklist_boxes())
    assert len(t.checklist_box.children) == len(desk.checklist_boxes()) + 2
    t.set_routine(article)  # each routine keeps its own saved checklist
    assert t.boxes[(0, "left")].value is True


def test_a_handout_panel_follows_the_builder_name_and_all(catalogue, tmp_path):
    from backstretch.widgets import HandoutPanel

    b = RoutineBuilder(catalogue, load_routine("source-article", catalogue))
    handouts = HandoutPanel(b.routine)
    b.changed.subscribe(handouts.set_routine)
    b.change(0, hold=25)
    assert handouts.routine().hold(0) == 25
    b.name.value = "Morning <b>back</b>"
    assert handouts.routine().name == "Morning <b>back</b>"
    assert Path(handouts.file_name.value).name == "morning-back"  # the words, not the markup
    handouts.file_name.value = str(tmp_path / "mine")
    saved = handouts.save(".html")
    assert saved == tmp_path / "mine.html"
    assert "Morning &lt;b&gt;back&lt;/b&gt;" in saved.read_text()


def test_in_a_kernel_the_totals_update_at_once_and_a_burst_of_edits_draws_once(catalogue,
                                                                              monkeypatch):
    from backstretch.widgets import builder_charts

    async def scenario():
        later = []  # the loop's timers, run when the test says
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "call_later",
                            lambda delay, action: later.append((delay, action)) or object())
        b = RoutineBuilder(catalogue, load_routine("source-article", catalogue))
        later.pop()[1]()  # the first drawing
        drawn = []
        real = b.chart_tabs._kept[0].png
        b.chart_tabs._kept[0].png = lambda r: drawn.append(r) or real(r)
        before = b.charts.children[0].value
        hold = b.rows.children[0].children[1]
        hold.value = 2
        hold.value = 25  # typing "25": two changes
        assert "4 min 50 s" in b.total.value  # the totals did not wait
        assert b.charts.children[0].value == before and drawn == []
        assert [delay for delay, _ in later] == [builder_charts.CHART_DELAY]
        later.pop()[1]()
        return b, before, drawn

    b, before, drawn = asyncio.run(scenario())
    assert len(drawn) == 1 and b.charts.children[0].value != before
    assert drawn[-1].hold(0) == 25
