"""The plan: what it holds, how it is checked, and how it is kept in the data folder."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, time, timedelta
from pathlib import Path

import pytest
import yaml

from backstretch import BackstretchError, load_routine
from backstretch.base.userdata import data_home
from backstretch.programme.plan import (
    DAYS_ADVICE,
    Plan,
    load_plan,
    plan_file,
    plan_from_dict,
    plan_routines,
    plan_yaml,
    revised,
    save_plan,
    week_start,
)

WED = date(2026, 12, 2)
MON = date(2026, 11, 30)


def good(**changes):
    data = {"version": 1, "routines": ["daily-back-care"], "days_per_week": 3,
            "reminder_days": ["mon", "wed", "fri"], "reminder_time": "07:30", "weeks": 6,
            "start": "2026-11-30"}
    data.update(changes)
    return data


def test_a_new_plan_spreads_its_days_and_starts_on_the_day_it_is_made():
    plan = Plan(("daily-back-care",), WED)
    assert plan.start == plan.first_day == WED and plan.end == date(2027, 1, 10)
    assert plan.week_starts()[0] == MON and plan.planned(MON) == 2  # Wed and Fri are left
    assert plan.planned(MON + timedelta(days=7)) == 3
    assert plan.days_per_week == 3 and plan.reminder_days == ("mon", "wed", "fri")
    assert plan.reminder_time == time(7, 30) and plan.weeks == 6
    assert Plan(("desk-break",), WED, days_per_week=2).reminder_days == ("tue", "fri")
    assert plan.describe() == ("3 days a week for 6 weeks, from Wednesday, 2 December 2026; "
                               "reminders on Mon, Wed and Fri at 07:30")


@pytest.mark.parametrize("made", [date(2026, 12, 6) + timedelta(days=n) for n in range(7)])
def test_a_plan_made_on_any_day_has_no_reminder_before_that_day(made):
    plan = Plan(("daily-back-care",), made)
    assert made <= plan.first_day < made + timedelta(days=7)
    assert plan.first_day.strftime("%a").lower() in plan.reminder_days
    assert plan.week_starts()[0] == week_start(plan.first_day)
    assert plan.end == week_start(plan.first_day) + timedelta(days=7 * plan.weeks - 1)
    sunday = Plan(("daily-back-care",), date(2026, 12, 6))  # the Sunday
    assert sunday.first_day == date(2026, 12, 7) and sunday.planned(date(2026, 12, 7)) == 3


def test_a_plan_keeps_its_id_and_counts_its_changes_when_saved(tmp_path):
    first = save_plan(Plan(("daily-back-care",), WED), tmp_path / "a.yaml")
    other = save_plan(Plan(("daily-back-care",), WED), tmp_path / "b.yaml")
    assert first.id != other.id and first == other  # the same words, two plans
    assert load_plan(tmp_path / "a.yaml").id == first.id and first.revision == 1
    again = save_plan(Plan(("daily-back-care",), WED), tmp_path / "a.yaml")
    assert (again.id, again.revision) == (first.id, 1)  # nothing changed
    later = save_plan(Plan(("desk-break",), WED, reminder_time="19:00"), tmp_path / "a.yaml")
    assert (later.id, later.revision) == (first.id, 2)
    assert (load_plan(tmp_path / "a.yaml").id, load_plan(tmp_path / "a.yaml").revision) == \
        (first.id, 2)
    assert revised(dataclasses.replace(later, weeks=3), later).revision == 3


def test_a_plan_saved_before_plans_had_ids_keeps_the_uid_its_calendar_knows(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(good()), encoding="utf-8")
    assert load_plan(path).id == "plan-2026-11-30" and load_plan(path).revision == 1


@pytest.mark.parametrize(("field", "value"), [("id", "../etc"), ("id", ""), ("id", 7),
                                              ("revision", 0), ("revision", 10**7)])
def test_a_bad_id_or_revision_is_named(tmp_path, field, value):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(good(**{field: value})), encoding="utf-8")
    with pytest.raises(BackstretchError) as info:
        load_plan(path)
    assert [p.field for p in info.value.problems] == [field]
    assert "2 to 3 days a week" in DAYS_ADVICE and "daily" in DAYS_ADVICE


def test_no_plan_saved_yet_is_none_not_an_error():
    assert plan_file() == data_home() / "plan.yaml"
    assert load_plan() is None


def test_saved_plan_reads_back_the_same_and_stays_editable():
    plan = Plan(("daily-back-care", "desk-break"), WED, days_per_week=2,
                reminder_days=("tue", "sat"), reminder_time="18:00", weeks=8)
    assert save_plan(plan) == plan
    path = data_home() / "plan.yaml"
    assert load_plan() == plan
    text = path.read_text()
    assert text.startswith("# Your stretching plan.")
    assert 'reminder_time: "18:00"' in text  # quoted, else YAML reads 18:00 as 1080
    path.write_text(text.replace("weeks: 8", "weeks: 12").replace("[tue, sat]", "[Mon, THU]"))
    edited = load_plan()
    assert edited.weeks == 12 and edited.reminder_days == ("mon", "thu")
    path.write_text(text.replace("[tue, sat]", "sat, wed"))
    assert load_plan().reminder_days == ("wed", "sat")


def test_a_saved_routine_file_is_kept_by_its_full_path(tmp_path, catalogue, monkeypatch):
    load_routine("desk-break", catalogue).save(tmp_path / "mine.yaml")
    monkeypatch.chdir(tmp_path)
    plan = Plan(("mine.yaml",), WED)
    assert plan.routines == (str(tmp_path.resolve() / "mine.yaml"),)
    save_plan(plan)
    monkeypatch.chdir(Path.home())
    assert [r.name for r in plan_routines(load_plan(), catalogue)] == ["Desk break"]


def test_a_routine_file_gone_since_is_named_with_the_plan_file(tmp_path, catalogue):
    load_routine("desk-break", catalogue).save(tmp_path / "mine.yaml")
    save_plan(Plan((str(tmp_path / "mine.yaml"),), WED))
    (tmp_path / "mine.yaml").unlink()
    with pytest.raises(BackstretchError) as info:
        load_plan()
    assert str(info.value).startswith(f"{plan_file()}: routines[0]: ")
    assert str(info.value).endswith(f"no such routine file: {tmp_path / 'mine.yaml'}")


def test_a_routine_file_that_no_longer_loads_is_named_too(tmp_path, catalogue):
    (tmp_path / "mine.yaml").write_text("version: 1\nname: Mine\nitems: [no-such-stretch]\n")
    plan = Plan((str(tmp_path / "mine.yaml"),), WED)
    with pytest.raises(BackstretchError) as info:
        plan_routines(plan, catalogue, "plan.yaml")
    assert str(info.value).startswith("plan.yaml: routines[0]: ")
    assert "no-such-stretch" in str(info.value)


@pytest.mark.parametrize("field, value, message", [
    ("days_per_week", 0, "days_per_week: 0 is not valid; use a whole number from 1 to 7"),
    ("days_per_week", 8, "days_per_week: 8 is not valid"),
    ("days_per_week", True, "days_per_week: True is not valid"),
    ("weeks", -1, "weeks: -1 is not valid; use a whole number from 1 to 52"),
    ("weeks", 10**9, "weeks: 1000000000 is not valid"),
    ("weeks", 2.5, "weeks: 2.5 is not valid"),
    ("reminder_time", "25:99", "reminder_time: '25:99' is not valid; use a time like 07:30"),
    ("reminder_time", "7.30", "reminder_time: '7.30' is not valid"),
    ("reminder_time", 1080, 'reminder_time: 1080 is not valid; write the time in quotes, '
                            'like "18:00"'),
    ("reminder_days", ["mon", "funday", "fri"], "reminder_days: 'funday' is not valid; "
                                                 "use any of: mon, tue"),
    ("reminder_days", ["mon", "wed"], "reminder_days: lists 2 days but days_per_week is 3"),
    ("reminder_days", ["mon", "mon", "fri"], "reminder_days: lists the same value twice"),
    ("routines", ["no-such"], "routines[0]: 'no-such' is not valid; use a ready routine"),
    ("routines", [], "routines: [] is not valid; list one or two routines"),
    ("routines", ["desk-break", "daily-back-care", "source-article"],
     "routines: ['desk-break', 'daily-back-care', 'so... is not valid; list one or two"),
    ("routines", ["desk-break", "desk-break"], "routines: lists the same routine twice"),
    ("routines", ["<script>alert(1)</script>"], "routines[0]: '<script>alert(1)</script>' is"),
    ("routines", ["desk\u202ebreak"], "routines[0]: contains control or invisible characters"),
    ("start", "yesterday", "start: 'yesterday' is not valid; use a date like 2026-11-30"),
    ("start", "1999-12-31", "start: '1999-12-31' is not valid"),
    ("start", date(2101, 1, 3), "start: '2101-01-03' is not valid"),
])
def test_each_bad_value_is_one_line_naming_file_and_field(field, value, message):
    with pytest.raises(BackstretchError) as info:
        plan_from_dict(good(**{field: value}), "plan.yaml")
    assert len(info.value.problems) == 1
    assert str(info.value).startswith(f"plan.yaml: {message}")
    assert "\n" not in str(info.value) and "\u202e" not in str(info.value)


def test_odd_unicode_in_a_routine_is_shown_escaped():
    with pytest.raises(BackstretchError) as info:
        Plan(("my-routines/x\u202eevil.yaml",), WED)
    assert "\u202e" not in str(info.value)
    with pytest.raises(BackstretchError) as info:
        Plan(("my-routines/<b>x</b>\u0007.yaml",), WED)
    assert "\x07" not in str(info.value) and "invisible characters" in str(info.value)


def test_unknown_and_missing_fields_are_named():
    data = good(weekz=6)
    del data["start"]
    with pytest.raises(BackstretchError) as info:
        plan_from_dict(data, "plan.yaml")
    lines = str(info.value).splitlines()
    assert "plan.yaml: weekz: unknown field (did you mean 'weeks'?)" in lines[0]
    assert lines[1] == "plan.yaml: start: is missing"


def test_damaged_files_are_one_clear_message(tmp_path):
    path = tmp_path / "plan.yaml"
    for text, words in [("routines: [desk-break\n", "invalid YAML"), ("", "is empty"),
                        ("- 1\n", "must be a mapping"),
                        (plan_yaml(Plan(("desk-break",), WED)).replace("version: 1", "version: 9"),
                         "version: 9 is not supported")]:
        path.write_text(text)
        with pytest.raises(BackstretchError) as info:
            load_plan(path)
        assert str(info.value).startswith(str(path)) and words in str(info.value)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(BackstretchError, match="is not UTF-8 text"):
        load_plan(path)


def test_a_failed_save_leaves_the_saved_plan_whole(monkeypatch):
    first = Plan(("desk-break",), WED)
    save_plan(first)

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched, \
            pytest.raises(BackstretchError, match="plan.yaml: cannot be written: disk full"):
        patched.setattr(os, "replace", full_disk)
        save_plan(Plan(("daily-back-care",), WED, weeks=3))
    assert load_plan() == first
    assert not [p for p in plan_file().parent.iterdir() if p.name.endswith(".tmp")]
