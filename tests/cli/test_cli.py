"""The backstretch command line."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest

from backstretch import load_routine
from backstretch.cli import main


def test_list_filters(capsys):
    assert main(["list", "--position", "standing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "wall-warrior" in " ".join(out)
    assert all("[standing;" in line for line in out[:-1])
    assert out[-1].endswith("stretches")


def test_list_json_by_muscle(capsys):
    assert main(["list", "--muscle", "deep_hip_rotators", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "figure-four-glute" in [s["id"] for s in found]
    assert all("deep_hip_rotators" in s["primary"] + s["secondary"] for s in found)


def test_show_prints_the_article_timeline(capsys):
    assert main(["show", "data/routines/source-article.yaml"]) == 0
    out = capsys.readouterr().out
    assert "0:10     5 s    Hold, left side" in out
    assert out.rstrip().endswith("Total: 4 min 10 s (250 s), 5 stretches")


def test_show_json_matches_the_timeline(capsys):
    assert main(["show", "source-article", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["duration"] == 250
    assert sum(s["seconds"] for s in data["steps"]) == 250
    assert data["steps"][1] == {"start": 10, "seconds": 5, "kind": "hold",
                                "stretch": "knee-to-chest", "side": "left", "rep": 1, "reps": 1,
                                "title": "Single knee to chest: Hold, left side",
                                "label": "Hold, left side"}


def test_coverage_reports_the_shortfall(capsys):
    assert main(["coverage", "source-article"]) == 0
    out = capsys.readouterr().out
    assert "Lower back: 45 s of 60 s, 15 s short." in out
    assert "(+20 s active)" in out


def test_coverage_json(capsys):
    assert main(["coverage", "source-article", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["coverage"]["glutes"]["stretch"] == 40
    assert data["dose"]["ok"] is False


def test_check_ok_files(capsys):
    assert main(["check", "data/stretches.yaml", "desk-break"]) == 0
    assert capsys.readouterr().out.splitlines() == ["data/stretches.yaml: ok", "desk-break: ok"]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["list", "--position", "upside-down"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_missing_routine_name_is_a_clean_error(capsys):
    assert main(["show", "no-such-routine"]) == 1
    assert capsys.readouterr().err.strip() == "no-such-routine: no such file or ready routine"


def test_console_script_and_module_agree():
    bin_dir = __import__("pathlib").Path(sys.executable).parent
    via_script = subprocess.run([str(bin_dir / "backstretch"), "show", "source-article"],
                                capture_output=True, text=True, check=True).stdout
    via_module = subprocess.run([sys.executable, "-m", "backstretch", "show", "source-article"],
                                capture_output=True, text=True, check=True).stdout
    assert via_script == via_module and "Total: 4 min 10 s" in via_script


# -- remind and plan: a plan's reminders as a calendar file ----------------------------------
def _reminders(path):
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    rule = event["RRULE"].to_ical().decode()
    return event, list(rrulestr(rule, dtstart=event["DTSTART"].dt))


def test_remind_without_a_plan_uses_the_defaults_it_documents(tmp_path, capsys):
    from datetime import date

    assert main(["remind", "-o", str(tmp_path / "plan.ics")]) == 0
    assert "reminders for Daily back care, 3 days" in capsys.readouterr().out
    event, dates = _reminders(tmp_path / "plan.ics")
    assert event["SUMMARY"] == "Stretch: Daily back care"
    assert 16 <= len(dates) <= 18 and {d.strftime("%a %H:%M") for d in dates} == {
        "Mon 07:30", "Wed 07:30", "Fri 07:30"}
    assert date.today() <= dates[0].date() < date.today() + timedelta(days=7)
    with pytest.raises(SystemExit):
        main(["remind", "--help"])
    assert "mon,wed,fri at 07:30 for 6 weeks" in " ".join(capsys.readouterr().out.split())


def test_remind_takes_the_saved_plan_and_the_options_given(tmp_path, capsys):
    from datetime import date

    from backstretch.programme.plan import Plan, load_plan, save_plan

    plan = Plan(("desk-break",), date(2026, 12, 2), days_per_week=2,
                reminder_days=("tue", "thu"), reminder_time="18:15", weeks=2)
    save_plan(plan)
    assert main(["remind", "-o", str(tmp_path / "saved.ics")]) == 0
    event, dates = _reminders(tmp_path / "saved.ics")
    assert event["SUMMARY"] == "Stretch: Desk break"
    assert [d.strftime("%Y-%m-%dT%H:%M") for d in dates] == [
        "2026-12-03T18:15", "2026-12-08T18:15", "2026-12-10T18:15"]  # from Wed 2 Dec
    assert main(["remind", "--days", "Sat", "--at", "06:45", "--weeks", "3", "--routine",
                 "source-article", "--routine", "desk-break", "-o",
                 str(tmp_path / "given.ics")]) == 0
    event, dates = _reminders(tmp_path / "given.ics")
    assert event["SUMMARY"] == "Stretch: The five from the article or Desk break"
    assert [d.date().isoformat() for d in dates] == ["2026-12-05", "2026-12-12", "2026-12-19"]
    assert load_plan() == plan  # the saved plan is not changed
    assert event["UID"] == f"{plan.id}@backstretch" and event["SEQUENCE"] == 1  # changed


def test_every_confirmation_shows_routine_names_as_written(tmp_path, capsys):
    """remind, handout and follow name the routine as its author typed it: no repr
    quotes or doubled backslashes (still made safe for the terminal)."""
    from datetime import date

    from backstretch.programme.plan import Plan, save_plan

    for name in ("Dos \\ hanches", "L'été «doux»", "Yoga 🧘\u200d♀️"):
        routine = load_routine("desk-break")
        routine = type(routine)(name, routine.items, routine.catalogue)
        mine = str(tmp_path / "mine.yaml")
        routine.save(mine)
        save_plan(Plan((mine,), date(2026, 12, 2)))
        assert main(["remind", "-o", str(tmp_path / "p.ics")]) == 0
        assert f"reminders for {name}, 3 days" in capsys.readouterr().out
        assert main(["handout", mine, "-o", str(tmp_path / "h.html")]) == 0
        assert capsys.readouterr().out.strip().endswith(f"a handout of {name}")
        assert main(["follow", mine, "-o", str(tmp_path / "f.html")]) == 0
        assert f": {name}, as a page that runs" in capsys.readouterr().out
    assert main(["pose", "knee-to-chest", "-o", str(tmp_path / "k.svg")]) == 0
    assert capsys.readouterr().out.strip().endswith("the figure of Single knee to chest")


@pytest.mark.parametrize("args, line", [
    (["--at", "25:99"], "--at: '25:99' is not valid; use a time like 07:30"),
    (["--at", "<b>7</b>"], "--at: '<b>7</b>' is not valid"),
    (["--weeks", "-1"], "--weeks: -1 is not valid; use a whole number from 1 to 52"),
    (["--weeks", "10**9"], "--weeks: '10**9' is not valid"),
    (["--weeks", "0"], "--weeks: 0 is not valid"),
    (["--days", "mon,funday"], "--days: 'funday' is not valid; use any of: mon, tue"),
    (["--days", "mon,mon"], "--days: lists the same value twice"),
    (["--days", "mon,tue,wed,thu,fri,sat,sun,xyz"], "--days: 'xyz' is not valid"),
    (["--days", ""], "--days: '' is not valid"),
    (["--routine", "no-such"], "--routine: 'no-such' is not valid; use a ready routine"),
    (["--routine", "evil\x1b[2J.yaml"], "--routine: contains control or invisible"),
    (["--start", "yesterday"], "--start: 'yesterday' is not valid"),
    (["--routine", "desk-break", "--routine", "desk-break"], "--routine: lists the same routine"),
    (["--routine", "desk-break", "--routine", "source-article", "--routine", "daily-back-care"],
     "is not valid; list one or two routines"),
])
def test_remind_refuses_bad_values_as_a_usage_error(tmp_path, capsys, args, line):
    with pytest.raises(SystemExit) as info:
        main(["remind", *args, "-o", str(tmp_path / "plan.ics")])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert line in err.splitlines()[-1] and "error: argument --" in err and "\x1b" not in err
    assert not (tmp_path / "plan.ics").exists()


def test_remind_wants_an_ics_file_and_a_readable_plan(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["remind", "-o", str(tmp_path / "plan.txt")])
    assert info.value.code == 2
    assert "end the file name in .ics" in capsys.readouterr().err
    from backstretch.programme.plan import plan_file

    plan_file().parent.mkdir(parents=True, exist_ok=True)
    plan_file().write_text("version: 1\nroutines: [desk-break]\nstart: 2026-11-30\nweeks: 99\n")
    assert main(["remind", "-o", str(tmp_path / "plan.ics")]) == 1
    assert capsys.readouterr().err == (f"{plan_file()}: weeks: 99 is not valid; use a whole "
                                       "number from 1 to 52\n")


def test_plan_prints_the_plan_and_the_weeks_against_it(capsys):
    from datetime import date, datetime, timedelta

    from backstretch.log import SessionLog
    from backstretch.programme.plan import Plan, save_plan, week_start

    assert main(["plan"]) == 0
    assert capsys.readouterr().out.startswith("No plan saved yet")
    monday = week_start(date.today())
    save_plan(Plan(("desk-break",), monday - timedelta(days=7), days_per_week=1))
    noon = datetime.combine(monday - timedelta(days=5), datetime.min.time()).replace(hour=12)
    with SessionLog() as log:
        log.record("Desk break", "k", noon, noon + timedelta(minutes=5), 300, steps_completed=2)
    assert main(["plan"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Desk break: 1 day a week for 6 weeks, from ")
    assert out[1] == "Week 2 of 6. On plan: 1 week. 1 more day this week."
    first = monday - timedelta(days=7)
    assert out[2:] == ["  Week 2 (this week): 0 of 1 day so far, 0 sessions.",
                       f"  Week 1 (from {first.day} {first:%b}): 1 of 1 day, 1 session. "
                       "On plan."]


def test_pose_draws_the_start_the_hold_or_the_whole_way_in(tmp_path, capsys):
    import re
    import xml.etree.ElementTree as ET

    from backstretch import load_catalogue
    from backstretch.figures.layout import layout
    from backstretch.figures.poses import poses_for

    drawn = {}
    for frame in ("start", "hold", "all"):
        target = tmp_path / f"{frame}.svg"
        assert main(["pose", "standing-hamstring", "--frame", frame, "--side", "left",
                     "-o", str(target)]) == 0
        drawn[frame] = target.read_text()
        ET.fromstring(drawn[frame])  # well-formed
    out = capsys.readouterr().out
    assert "the start of Standing hamstring stretch" in out and "the way in of" in out
    assert "where you start" in drawn["start"] and "LEFT SIDE" in drawn["start"]
    assert drawn["start"] != drawn["hold"]

    def width(svg):
        return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))

    pose = poses_for(load_catalogue())["standing-hamstring"]
    keys = 2 + len(pose.between)  # start, the frames between, the hold
    assert width(drawn["all"]) == pytest.approx(keys * width(drawn["hold"]), abs=0.1 * keys)
    assert len(layout(pose).keys) == keys
    assert main(["pose", "sphinx", "--frame", "start", "-o", str(tmp_path / "s.png")]) == 0
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"


def test_pose_refuses_an_unknown_frame(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["pose", "sphinx", "--frame", "middle", "-o", str(tmp_path / "s.svg")])
    assert stop.value.code == 2 and "invalid choice: 'middle'" in capsys.readouterr().err
    assert not (tmp_path / "s.svg").exists()
