"""Reminders as an iCalendar file, read back as a calendar would: the dates it expands to,
its alarm, its words."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from backstretch import BackstretchError, load_routine
from backstretch.programme.plan import Plan, plan_routines, revised
from backstretch.programme.reminders import ALARM_MINUTES, PRODID, write_reminders

NOW = datetime(2026, 12, 2, 9, 15, tzinfo=timezone.utc)
PARIS = ZoneInfo("Europe/Paris")


def read_back(path):
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def occurrences(event) -> list[datetime]:
    rule = event["RRULE"].to_ical().decode()
    return list(rrulestr(rule, dtstart=event["DTSTART"].dt))


def written(tmp_path, plan, catalogue, name="plan.ics"):
    return write_reminders(plan, plan_routines(plan, catalogue), tmp_path / name, now=NOW,
                           zone=PARIS)


@pytest.mark.parametrize(("start", "count"), [(date(2026, 11, 30), 18), (date(2026, 12, 2), 17),
                                              (date(2026, 12, 6), 18)])
def test_six_weeks_of_three_days_from_the_day_the_plan_starts(tmp_path, catalogue, start,
                                                             count):
    plan = Plan(("daily-back-care",), start)
    cal, event = read_back(written(tmp_path, plan, catalogue))
    dates = occurrences(event)
    first_monday = plan.week_starts()[0]
    expected = [first_monday + timedelta(days=7 * week + day)
                for week in range(6) for day in (0, 2, 4)]
    assert [d.date() for d in dates] == [d for d in expected if d >= start]
    assert len(dates) == count and dates[0].date() >= start  # none in the past
    assert {d.time() for d in dates} == {time(7, 30)} and {d.tzinfo for d in dates} == {PARIS}
    assert "METHOD" not in cal and [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [
        "Europe/Paris"]
    assert str(cal["PRODID"]) == PRODID and str(cal["VERSION"]) == "2.0"
    assert event["DTSTAMP"].dt == NOW
    assert event["SUMMARY"] == "Stretch: Daily back care"
    assert "Stop if pain sharpens or spreads down a leg" in event["DESCRIPTION"]
    assert "Not medical advice" in event["DESCRIPTION"]


def test_the_alarm_goes_off_before_the_time(tmp_path, catalogue):
    _, event = read_back(written(tmp_path, Plan(("desk-break",), date(2026, 12, 2)), catalogue))
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == timedelta(minutes=-ALARM_MINUTES)
    assert "Desk break" in alarms[0]["DESCRIPTION"]


@pytest.mark.parametrize("days, weeks, count", [(("sun",), 52, 52), (("mon", "tue", "wed",
                         "thu", "fri", "sat", "sun"), 1, 7), (("tue", "sat"), 3, 6)])
def test_the_recurrence_ends_with_the_plan(tmp_path, catalogue, days, weeks, count):
    plan = Plan(("daily-back-care",), date(2026, 12, 28), days_per_week=len(days),
                reminder_days=days, reminder_time="18:05", weeks=weeks)
    _, event = read_back(written(tmp_path, plan, catalogue))
    dates = occurrences(event)
    assert len(dates) == count
    assert dates[0].date() >= plan.start and dates[-1].date() <= plan.end
    assert dates[0] == event["DTSTART"].dt  # the first reminder is the event's start
    assert {d.strftime("%a").lower() for d in dates} == set(days)
    assert {d.time() for d in dates} == {time(18, 5)}


def test_two_routines_and_odd_names_come_back_as_written(tmp_path, catalogue):
    odd = dataclasses.replace(load_routine("desk-break", catalogue),
                              name="<b>Evening</b>; calm, & slow 🧘\u200d♀️")
    odd.save(tmp_path / "odd.yaml")
    plan = Plan(("daily-back-care", str(tmp_path / "odd.yaml")), date(2026, 12, 2))
    _, event = read_back(written(tmp_path, plan, catalogue))
    assert event["SUMMARY"] == "Stretch: Daily back care or <b>Evening</b>; calm, & slow 🧘\u200d♀️"


def test_the_uid_is_the_plans_so_a_changed_plan_updates_its_events(tmp_path, catalogue):
    plan = Plan(("daily-back-care",), date(2026, 12, 2))
    _, first = read_back(written(tmp_path, plan, catalogue, "a.ics"))
    later = revised(dataclasses.replace(plan, reminder_time="19:00"), plan)
    routines = plan_routines(later, catalogue)
    path = write_reminders(later, routines, tmp_path / "b.ics", now=NOW + timedelta(days=3))
    _, second = read_back(path)
    assert first["UID"] == second["UID"] == f"{plan.id}@backstretch"
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)
    assert second["DTSTART"].dt.time() == time(19)
    other = Plan(("daily-back-care",), date(2026, 12, 2))  # the same words, another plan
    assert read_back(written(tmp_path, other, catalogue, "c.ics"))[1]["UID"] != first["UID"]


def test_the_times_stay_local_across_a_clock_change(tmp_path, catalogue):
    plan = Plan(("daily-back-care",), date(2026, 10, 12), weeks=4)  # Paris: 25 October
    dates = occurrences(read_back(written(tmp_path, plan, catalogue))[1])
    assert {d.astimezone(PARIS).time() for d in dates} == {time(7, 30)}
    assert {d.utcoffset() for d in dates} == {timedelta(hours=2), timedelta(hours=1)}


@pytest.mark.parametrize(("tz", "link", "named", "expected"), [
    ("America/New_York", "/usr/share/zoneinfo/Europe/Lisbon", "", "America/New_York"),
    (":Asia/Tokyo", None, "", "Asia/Tokyo"),
    ("", "/usr/share/zoneinfo/Europe/Lisbon", "Asia/Tokyo", "Europe/Lisbon"),
    ("", None, "Africa/Nairobi\n", "Africa/Nairobi"),
    ("Not/A_Zone", "/nowhere", "../../etc/passwd", "UTC"),
])
def test_the_zone_is_this_computers(monkeypatch, tmp_path, tz, link, named, expected):
    from backstretch.programme import reminders

    monkeypatch.setenv("TZ", tz)
    if link:
        (tmp_path / "localtime").symlink_to(link)
    if named:
        (tmp_path / "timezone").write_text(named)
    assert str(reminders.system_zone(tmp_path)) == expected


def test_a_file_that_cannot_be_written_is_a_clear_error(tmp_path, catalogue):
    (tmp_path / "taken").write_text("a file, not a folder")
    plan = Plan(("daily-back-care",), date(2026, 12, 2))
    with pytest.raises(BackstretchError) as info:
        write_reminders(plan, plan_routines(plan, catalogue), tmp_path / "taken" / "plan.ics")
    assert str(info.value) == (f"{tmp_path / 'taken' / 'plan.ics'}: cannot be written: "
                               "taken is a file, not a folder")  # by shown_path
