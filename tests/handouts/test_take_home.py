"""The take-home page (``backstretch follow``) and its sessions, read back into the log."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
import yaml

from backstretch import Catalogue, Routine, RoutineItem, load_routine
from backstretch.base.errors import BackstretchError
from backstretch.base.resources import data_dir
from backstretch.cli import main
from backstretch.guided import player_asset
from backstretch.handouts.take_home import take_home_html
from backstretch.log.store import SessionLog
from backstretch.log.take_home import FORMAT, import_take_home, read_take_home

T0 = 1_790_000_000.0
SCRIPT = "<img src=x onerror=alert(1)>"


def _played(routine: Routine, start: float = T0, pain=(4, 2), note: str = "") -> dict:
    """One session as the page records it: Start, then each step's time running out."""
    events = [{"event": "start", "seq": 1, "at": start, "index": 0, "state": "running"}]
    at = start
    for n, step in enumerate(routine.steps(), 2):
        at += step.seconds
        events.append({"event": "tick", "seq": n, "at": at, "index": 0, "state": "running"})
    return {"events": events, "pain_before": pain[0], "pain_after": pain[1], "note": note}


def _file(tmp_path, routine: Routine, sessions: list[dict], name: str = "s.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"format": FORMAT, "version": 1, "routine": routine.to_dict(),
                                "sessions": sessions}), encoding="utf-8")
    return path


# -- the page ------------------------------------------------------------------------------
def test_the_page_is_one_file_that_loads_nothing_and_runs_only_its_own_script(catalogue):
    html = take_home_html(load_routine("desk-break", catalogue))
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:|#)""", html)  # no outside file
    assert "@import" not in html and "url(http" not in html and "//cdn" not in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    run = [body for attrs, body in scripts if 'type="module"' in attrs]
    assert len(run) == 1 and all('type="application/json"' in a or 'type="module"' in a
                                 for a, _ in scripts)
    digest = base64.b64encode(hashlib.sha256(run[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy  # that script, and no other, may run
    assert player_asset("player.js").read_text(encoding="utf-8") in run[0]  # the same player


def test_the_page_carries_the_timeline_the_safety_notes_and_the_checklist(catalogue):
    routine = load_routine("desk-break", catalogue)
    html = take_home_html(routine)
    data = json.loads(re.search(r'id="bs-data">(.*?)</script>', html, re.S).group(1))
    assert [s["title"] for s in data["timeline"]["steps"]] == [s.title for s in routine.steps()]
    assert [b["label"] for b in data["timeline"]["boxes"]] == \
        [routine.box_label(b) for b in routine.checklist_boxes()]
    assert data["routine"] == routine.to_dict() and data["format"] == FORMAT
    for words in ("call 112", "Not medical advice", "Stop the stretch at once"):
        assert words in html, words


def test_every_ready_routines_page_is_small(catalogue):
    for path in sorted((data_dir() / "routines").glob("*.yaml")):
        size = len(take_home_html(load_routine(path.stem, catalogue)).encode())
        assert size < 400_000, (path.stem, size)


def test_markup_in_names_is_inert_in_the_page(catalogue):
    data = yaml.safe_load((data_dir() / "stretches.yaml").read_text(encoding="utf-8"))
    for s in data["stretches"]:
        if s["id"] == "back-rounders":
            s["name"] = SCRIPT
    marked = Catalogue.from_dict(data)
    html = take_home_html(Routine(f"{SCRIPT}</script><script>alert(2)</script>",
                                  (RoutineItem("back-rounders"),), marked))
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the title, shown literally
    assert "\\u003cimg src=x" in html  # and as data the page sets as text


def test_follow_writes_the_page_and_refuses_another_suffix(tmp_path, capsys):
    out = tmp_path / "desk-break.html"
    assert main(["follow", "desk-break", "-o", str(out)]) == 0
    assert "offline" in capsys.readouterr().out and out.read_text().startswith("<!DOCTYPE")
    with pytest.raises(SystemExit) as exc:
        main(["follow", "desk-break", "-o", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2
    assert main(["follow", "no-such-routine", "-o", str(out)]) == 1


# -- its sessions, back into the log -----------------------------------------------------------
def test_sessions_are_added_once_however_often_imported(catalogue, tmp_path):
    routine = load_routine("desk-break", catalogue)
    path = _file(tmp_path, routine, [_played(routine), _played(routine, T0 + 86_400, (3, 1),
                                                               "better")])
    with SessionLog(tmp_path / "log.sqlite") as log:
        first = import_take_home(path, log, catalogue)
        again = import_take_home(path, log, catalogue)
        rows = log.sessions()
    assert (first.found, len(first.added), len(again.added)) == (2, 2, 0)
    assert again.summary() == "0 sessions added to your log; 2 sessions already there"
    assert len(rows) == 2 and {r.note for r in rows} == {"", "better"}
    done = rows[0]
    assert done.steps_completed == len(routine.checklist_boxes()) and done.counts
    assert dict(done.group_seconds) == {g: c.stretch for g, c in routine.coverage().items()
                                        if c.stretch}
    assert done.started_at.timestamp() == pytest.approx(min(T0, T0 + 86_400))
    assert (done.ended_at - done.started_at).total_seconds() == pytest.approx(routine.duration)


def test_a_session_stopped_early_is_recorded_as_far_as_it_went(catalogue, tmp_path):
    routine = load_routine("desk-break", catalogue)
    played = _played(routine)
    played["events"] = played["events"][:3] + [
        {"event": "reset", "seq": 4, "at": played["events"][2]["at"] + 1, "index": 0,
         "state": "ready"}]
    with SessionLog(tmp_path / "log.sqlite") as log:
        import_take_home(_file(tmp_path, routine, [played]), log, catalogue)
        (rec,) = log.sessions()
    assert rec.steps_completed < len(routine.checklist_boxes())


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d.update(format="something else"), "format"),
    (lambda d: d.update(version=7), "version"),
    (lambda d: d.update(sessions="lots"), "sessions"),
    (lambda d: d["routine"]["items"][0].update(stretch="nope"), "routine.items[0].stretch"),
    (lambda d: d["sessions"][1].update(pain_after=11), "sessions[1].pain_after"),
    (lambda d: d["sessions"][1].update(note="x" * 5000), "sessions[1].note"),
    (lambda d: d["sessions"][1].update(extra=1), "sessions[1].extra"),
    (lambda d: d["sessions"][1]["events"][2].update(event="explode"),
     "sessions[1].events[2].event"),
    (lambda d: d["sessions"][1]["events"][2].update(at=-1), "sessions[1].events[2].at"),
    (lambda d: d["sessions"][1]["events"][2].update(at=1.0), "sessions[1].events[2].at"),
    (lambda d: d["sessions"][1]["events"].pop(0), "sessions[1].events[0]"),
    (lambda d: d["sessions"][1].update(events=[]), "sessions[1].events"),
])
def test_a_bad_file_writes_nothing_and_names_the_field(catalogue, tmp_path, change, field):
    routine = load_routine("desk-break", catalogue)
    data = {"format": FORMAT, "version": 1, "routine": routine.to_dict(),
            "sessions": [_played(routine), _played(routine, T0 + 999)]}
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with SessionLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(BackstretchError) as exc:
            import_take_home(path, log, catalogue)
        assert log.sessions() == []  # the good session was not written either
    assert exc.value.problems[0].file == str(path)
    assert any(p.field == field for p in exc.value.problems), exc.value.problems


@pytest.mark.parametrize("content", [b"", b"[1", b"\xff\xfe", b"[]", b"null", b'"text"'])
def test_a_file_that_is_not_sessions_gets_one_clear_message(catalogue, tmp_path, content):
    with SessionLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(BackstretchError) as exc:
            read_take_home(("phone.json", content), log, catalogue)
    assert exc.value.problems[0].file == "phone.json"


def test_log_import_from_the_command_line(catalogue, tmp_path, capsys):
    routine = load_routine("desk-break", catalogue)
    path = _file(tmp_path, routine, [_played(routine)])
    assert main(["log", "import", str(path)]) == 0
    assert "1 session added to your log" in capsys.readouterr().out
    assert main(["log", "import", str(path)]) == 0
    assert "1 session already there" in capsys.readouterr().out
    path.write_text("{}", encoding="utf-8")
    assert main(["log", "import", str(path)]) == 1
    assert "format: is missing" in capsys.readouterr().err


def test_the_import_panel_adds_an_uploaded_file_once(catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import ImportPanel

    routine = load_routine("desk-break", catalogue)
    content = _file(tmp_path, routine, [_played(routine)]).read_bytes()
    panel = ImportPanel(tmp_path / "log.sqlite")
    panel.add("phone.json", content)
    assert "1 session added" in panel.status.value
    panel.add("phone.json", content)
    assert "already there" in panel.status.value
    panel.add("<b>x</b>.json", b"{")
    assert "Nothing imported" in panel.status.value and "<b>x" not in panel.status.value
    with SessionLog(tmp_path / "log.sqlite") as log:
        assert len(log.sessions()) == 1


@pytest.mark.parametrize(("content", "holds"), [(b"null", "None"), (b"[]", "[]"),
                                                (b'"text"', "'text'"), (b"7", "7")])
def test_a_file_that_is_not_an_object_says_what_it_holds(catalogue, tmp_path, content, holds):
    with SessionLog(tmp_path / "log.sqlite") as log, pytest.raises(BackstretchError) as exc:
        read_take_home(("phone.json", content), log, catalogue)
    assert str(exc.value) == (f"phone.json: holds {holds}, not the file a take-home page offers "
                              "(a JSON object with format, version, routine and sessions)")
    assert "empty" not in str(exc.value) and "YAML" not in str(exc.value)


def test_a_file_saved_with_a_byte_order_mark_is_imported(catalogue, tmp_path):
    routine = load_routine("desk-break", catalogue)
    path = _file(tmp_path, routine, [_played(routine)])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with SessionLog(tmp_path / "log.sqlite") as log:
        assert len(import_take_home(path, log, catalogue).added) == 1


@pytest.mark.parametrize("note", [[], {}, False, 0, ["x"], 1.5, True])
def test_a_note_that_is_not_text_is_refused_by_name(catalogue, tmp_path, note):
    routine = load_routine("desk-break", catalogue)
    path = _file(tmp_path, routine, [_played(routine, note=note)])
    with SessionLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(BackstretchError) as exc:
            import_take_home(path, log, catalogue)
        assert log.sessions() == []
    assert [(p.field, p.message) for p in exc.value.problems] == [
        ("sessions[0].note", f"must be text, not {note!r}")]


@pytest.mark.parametrize("at", [-86_400.0, -0.5, 32_503_680_000.5, 1e12, 1e300])
def test_an_event_time_out_of_range_names_at_and_the_range(catalogue, tmp_path, at):
    routine = load_routine("desk-break", catalogue)
    played = _played(routine)
    played["events"][0]["at"] = at
    with SessionLog(tmp_path / "log.sqlite") as log, pytest.raises(BackstretchError) as exc:
        import_take_home(_file(tmp_path, routine, [played]), log, catalogue)
    (problem,) = exc.value.problems
    assert problem.field == "sessions[0].events[0].at"
    assert problem.message == (f"{at!r} is not valid; use a time in seconds since 1970, from 0 "
                               "(1 January 1970) to 32503680000 (1 January 3000)")


def test_a_session_longer_than_a_day_is_refused_not_cut(catalogue, tmp_path):
    routine = load_routine("desk-break", catalogue)
    played = _played(routine)
    played["events"][-1]["at"] = T0 + 10 * 86_400
    with SessionLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(BackstretchError) as exc:
            import_take_home(_file(tmp_path, routine, [played]), log, catalogue)
        assert log.sessions() == []
    (problem,) = exc.value.problems
    assert problem.field == f"sessions[0].events[{len(played['events']) - 1}].at"
    assert problem.message == ("is 240 hours after the session's start; a session lasts at "
                               "most 24 hours")
