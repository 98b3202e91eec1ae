"""The page's player and the kernel that records it: the timeline sent, the events heard.

The page (player.js) plays the session from its own clock; the kernel replays what it
reports. Here the page's messages are sent as the page sends them, and the page's own
session rules (``Play`` in player.js, run by Node) are checked against the Python session
over many random presses, so the two can never drift apart.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess

import pytest
import yaml

from backstretch import Catalogue, Routine, RoutineItem, Settings, load_routine
from backstretch.base.resources import data_dir
from backstretch.guided.pretend_clock import PretendClock
from backstretch.guided.session import Session
from backstretch.guided.timeline import page_timeline
from backstretch.routines.steps import FINISHED_SPOKEN, FINISHED_TITLE

pytest.importorskip("anywidget")
from backstretch.guided import player_asset  # noqa: E402
from backstretch.guided.checklist import Checklist  # noqa: E402
from backstretch.widgets import ClassView, SessionLogPanel, SessionTimer  # noqa: E402

PLAYER_JS = player_asset("player.js")
T0 = 1_790_000_000.0
"""A page's clock reading (seconds since 1970) at Start."""


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


class Page:
    """Sends what player.js sends: each event once, numbered, at the page's time."""

    def __init__(self, view, deliver: bool = True):
        self.view = view
        self.seq = 0
        self.held: list[dict] | None = None if deliver else []

    def send(self, event: str, at: float, index: int = 0, state: str = "") -> None:
        self.seq += 1
        content = {"event": event, "seq": self.seq, "at": at, "index": index, "state": state}
        if self.held is not None:
            self.held.append(content)  # the kernel is busy: it waits in the queue
        else:
            self.view.player._handle_custom_msg(content, [])

    def deliver(self) -> None:
        for content in self.held or []:
            self.view.player._handle_custom_msg(content, [])
        self.held = None

    def play_through(self, session_start: float = T0) -> None:
        """Start, then a tick at each step's end, as the page's clock runs out each one."""
        self.send("start", session_start)
        at = session_start
        for step in self.view.session.steps:
            at += step.seconds
            self.send("tick", at)


# -- the timeline the page plays -----------------------------------------------------------
def test_the_timeline_carries_every_step_in_the_steps_own_words(article):
    timeline = page_timeline(article)
    steps = article.steps()
    assert [s["title"] for s in timeline["steps"]] == [s.title for s in steps]
    for shown, step in zip(timeline["steps"], steps):
        assert (shown["kind"], shown["seconds"], shown["start"], shown["side"]) == \
            (step.kind, step.seconds, step.start, step.side)
        assert (shown["cue"], shown["spoken"], shown["action"], shown["reminder"]) == \
            (step.cue, step.spoken, step.action, step.reminder)
        assert shown["completes"] == (list(step.completes) if step.completes else None)
    session = Session(article, PretendClock())  # "next" is the session's own next
    for shown in timeline["steps"]:
        nxt = session.next
        assert shown["next"] == (nxt.title if nxt else "the end")
        session.skip()
    assert timeline["finished"] == {"title": FINISHED_TITLE, "cue": timeline["finished"]["cue"],
                                    "spoken": FINISHED_SPOKEN}
    assert timeline["steps"][0]["side_line"] == "start on the left side"
    assert timeline["steps"][1]["side_line"] == "left side"
    assert {s["side_line"] for s in timeline["steps"] if s["kind"] == "rest"} <= {""}


def test_the_page_gets_a_figure_for_every_step_and_nothing_else(article):
    view = ClassView(article)
    timeline = view.player.timeline
    keys = {s["figure"] for s in timeline["steps"]}
    assert set(timeline["figures"]) == keys
    assert all("<svg" in svg for svg in timeline["figures"].values())
    assert "call 112 or your local emergency number" in timeline["class_line"] and view.player.view == "class"
    assert json.loads(json.dumps(timeline)) == timeline  # plain data, as it is sent


def test_markup_in_a_name_is_sent_as_plain_text_and_drawn_escaped(catalogue):
    data = yaml.safe_load((data_dir() / "stretches.yaml").read_text(encoding="utf-8"))
    for s in data["stretches"]:
        if s["id"] == "back-rounders":
            s["name"] = "<img src=x onerror=alert(1)>"
    marked = Catalogue.from_dict(data)
    r = Routine("<script>alert(1)</script>", (RoutineItem("back-rounders"),), marked)
    timeline = SessionTimer(r, checklist=Checklist(r, None)).player.timeline
    assert timeline["routine"] == "<script>alert(1)</script>"  # the page sets it as text
    assert timeline["steps"][0]["stretch"] == "<img src=x onerror=alert(1)>"
    assert "<img" not in "".join(timeline["figures"].values())  # the SVG escapes it
    assert "<img" not in json.dumps(timeline["motions"])  # the frames hold no markup of a name
    js = PLAYER_JS.read_text()
    assert ".textContent" in js and "innerHTML = (timeline.figures" in js
    assert "title.textContent = label" in js and 'setAttribute("aria-label", label)' in js


# -- the kernel records what the page reports ------------------------------------------------
def test_a_whole_session_heard_from_the_page_ticks_the_checklist_and_the_log(article, tmp_path):
    timer = SessionTimer(article, checklist=Checklist(article, tmp_path / "c.json"))
    panel = SessionLogPanel(timer, tmp_path / "log.sqlite")
    page = Page(timer)
    page.play_through()
    assert timer.session.state == "finished"
    assert timer.session.completed == article.checklist_boxes()
    assert all(box.value for box in timer.boxes.values())
    assert timer.player.position["heard"] == page.seq
    rec = panel.last
    assert rec is not None and rec.steps_completed == len(article.checklist_boxes())
    assert (rec.ended_at - rec.started_at).total_seconds() == pytest.approx(article.duration)
    assert rec.ended_at.timestamp() == pytest.approx(T0 + article.duration)  # the page's time


def test_a_kernel_that_hears_late_records_the_same(article, tmp_path):
    """A busy kernel hears a burst of events at once: the times are the page's, not its own."""
    on_time = SessionTimer(article, checklist=Checklist(article, tmp_path / "a.json"))
    late = SessionTimer(article, checklist=Checklist(article, tmp_path / "b.json"))
    log_a = SessionLogPanel(on_time, tmp_path / "a.sqlite")
    log_b = SessionLogPanel(late, tmp_path / "b.sqlite")
    Page(on_time).play_through()
    held = Page(late, deliver=False)
    held.play_through()
    assert late.session.state == "ready" and log_b.last is None  # busy: nothing heard yet
    held.deliver()  # the cell ends: everything at once
    assert late.session.completed == on_time.session.completed
    assert (log_b.last.started_at, log_b.last.ended_at) == \
        (log_a.last.started_at, log_a.last.ended_at)


def test_pause_skip_back_and_reset_replay_as_the_page_did(article, tmp_path):
    timer = SessionTimer(article, checklist=Checklist(article, tmp_path / "c.json"))
    finished = []
    timer.finished.subscribe(finished.append)
    page = Page(timer)
    page.send("start", T0)
    page.send("tick", T0 + 10)  # get ready ends: the first hold begins
    page.send("pause", T0 + 12)
    assert timer.session.state == "paused" and timer.session.remaining == pytest.approx(3)
    page.send("resume", T0 + 100)
    assert timer.session.deadline == pytest.approx(T0 + 103)
    page.send("skip", T0 + 101)
    assert timer.session.skipped == [1] and timer.session.index == 2
    page.send("back", T0 + 102)
    assert timer.session.index == 1
    page.send("reset", T0 + 103)
    assert timer.session.state == "ready" and len(finished) == 1  # recorded before the reset


def test_an_event_heard_twice_or_garbled_changes_nothing(article, tmp_path):
    timer = SessionTimer(article, checklist=Checklist(article, tmp_path / "c.json"))
    page = Page(timer)
    page.send("start", T0)
    page.send("tick", T0 + 10)
    before = (timer.session.index, timer.session.state, timer.player.position)
    again = {"event": "tick", "seq": 2, "at": T0 + 10, "index": 2, "state": "running"}
    for content in (again, {"event": "explode", "seq": 9, "at": T0, "index": 0},
                    {"event": "skip", "seq": "9", "at": T0, "index": 0},
                    {"event": "skip", "seq": 9, "at": float("nan"), "index": 0},
                    {"event": "skip", "seq": 9, "at": 1e308, "index": 0},
                    {"event": "skip", "seq": 9, "at": -5.0, "index": 0},
                    {"event": "skip", "seq": 9, "at": T0, "index": None},
                    {"key": " "}, [1, 2], "skip", None):
        timer.player._handle_custom_msg(content, [])
        assert (timer.session.index, timer.session.state, timer.player.position) == before


def test_during_a_hold_the_kernel_sends_nothing(article, tmp_path):
    timer = SessionTimer(article, checklist=Checklist(article, tmp_path / "c.json"))
    sent = []
    timer.player.send_state = lambda key=None: sent.append(key)
    timer.player.send = lambda *a, **k: sent.append(a)
    page = Page(timer)
    page.send("start", T0)
    page.send("tick", T0 + 10)
    assert sent  # the receipt of each event, at the step's start
    sent.clear()
    # the page counts the hold down by itself: nothing comes from the kernel meanwhile,
    # as no ticker, timer or loop is left in the kernel to send it
    import asyncio

    async def a_while():
        await asyncio.sleep(0.05)
    asyncio.run(a_while())
    assert sent == []
    page.send("tick", T0 + 15)
    assert sent


def test_a_change_made_in_python_moves_the_page(article, tmp_path):
    timer = SessionTimer(article, PretendClock(), checklist=Checklist(article, tmp_path / "c.json"))
    rev = timer.player.position["rev"]
    timer.start()
    pos = timer.player.position
    assert pos["rev"] == rev + 1 and pos["state"] == "running" and pos["left"] == 10
    assert pos["deadline"] is None  # a pretend clock's time means nothing to the page
    Page(timer).send("tick", T0 + 10)  # the page's events keep the kernel's rev
    assert timer.player.position["rev"] == rev + 1 and timer.player.position["index"] == 1
    timer.set_routine(load_routine("desk-break", article.catalogue))
    assert timer.player.position["rev"] == rev + 2 and timer.player.position["state"] == "ready"
    assert timer.player.timeline["routine"] == "Desk break"


# -- the page's rules are the session's rules ----------------------------------------------------
NODE_RUN = """
import { Play } from %(module)s;
let text = "";
for await (const chunk of process.stdin) text += chunk;
const cases = JSON.parse(text);
const out = cases.map(({ steps, presses }) => {
  const play = new Play(steps);
  return presses.map(([what, now]) => {
    if (what === "due") play.due(now); else play[what](now);
    return [play.state, play.index, Number(play.remaining(now).toFixed(6)),
            play.completed.map(String), [...play.skipped]];
  });
});
console.log(JSON.stringify(out));
"""


def _python_run(routine: Routine, presses: list) -> list:
    clock = PretendClock()
    session = Session(routine, clock)
    seen = []
    for what, now in presses:
        clock.now = now
        {"due": session.tick, "start": session.start, "pause": session.pause,
         "toggle": session.toggle, "skip": session.skip, "back": session.back,
         "reset": session.reset}[what]()
        seen.append([session.state, session.index, round(session.remaining, 6),
                     [f"{item},{side or ''}" for item, side in session.completed],
                     list(session.skipped)])
    return seen


def _random_presses(catalogue: Catalogue) -> list[tuple[Routine, list]]:
    """60 routines' worth of presses and clock jumps, the same every run."""
    routines = [load_routine(k, catalogue) for k in ("source-article", "desk-break")]
    routines.append(Routine("quick", (RoutineItem("back-rounders", hold=1),), catalogue,
                            settings=Settings(get_ready=1)))
    rng = random.Random(23)
    cases = []
    for n in range(60):
        routine = routines[n % len(routines)]
        now, presses = 0.0, []
        for _ in range(40):
            now += rng.choice([0.0, 0.4, 1.0, 3.7, 9.0, 30.0])
            presses.append([rng.choice(["due", "due", "due", "start", "pause", "toggle", "skip",
                                        "back", "reset"]), now])
        cases.append((routine, presses))
    return cases


def test_the_class_tests_simulated_page_plays_by_the_sessions_rules(catalogue):
    """The class test's pages without a browser (tests/simulated_class.py) keep the same rules."""
    simulated_class = pytest.importorskip("simulated_class")
    for routine, presses in _random_presses(catalogue):
        play = simulated_class.Play(page_timeline(routine)["steps"])
        for press, (state, index, left, *_done) in zip(presses, _python_run(routine, presses)):
            what, now = press
            getattr(play, what)(now)
            assert (play.state, play.index, round(play.remaining(now), 6)) == \
                (state, index, left), (routine.name, press)


def test_the_page_plays_by_the_sessions_rules(catalogue, tmp_path):
    if shutil.which("node") is None:  # the README's set-up installs it (the hub's proxy)
        if os.environ.get("CI"):
            pytest.fail("Node is missing: the page's rules cannot be checked")
        pytest.skip("needs Node")
    cases = _random_presses(catalogue)
    module = tmp_path / "player.mjs"
    module.write_text(PLAYER_JS.read_text(encoding="utf-8"), encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(NODE_RUN % {"module": json.dumps(module.as_uri())}, encoding="utf-8")
    given = [{"steps": page_timeline(r)["steps"], "presses": p} for r, p in cases]
    ran = subprocess.run(["node", str(script)], input=json.dumps(given), capture_output=True,
                         text=True, timeout=60, check=True)
    page = json.loads(ran.stdout)
    for (routine, presses), in_page in zip(cases, page):
        in_python = _python_run(routine, presses)
        assert len(in_page) == len(presses)
        for press, a, b in zip(presses, in_python, in_page):
            assert a == b, (routine.name, press)
