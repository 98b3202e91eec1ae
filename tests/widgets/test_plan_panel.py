"""The plan panel, used as a person would: choose, Save, see the weeks, take the reminders."""

from __future__ import annotations

import base64
import dataclasses
import re
from datetime import date, datetime, timedelta, timezone

import pytest

from backstretch import load_routine
from backstretch.log import SessionLog
from backstretch.programme.plan import Plan, load_plan, plan_file, save_plan

pytest.importorskip("ipywidgets")
from backstretch.widgets.plan_panel import PlanPanel  # noqa: E402

TODAY = date(2026, 12, 9)  # a Wednesday


@pytest.fixture
def panel(tmp_path):
    return PlanPanel(folder=tmp_path / "my-routines", today=lambda: TODAY,
                     log_path=tmp_path / "sessions.sqlite",
                     reminders_path=tmp_path / "reminders" / "plan.ics")


def ticked(panel):
    return [b.description for b in panel.weekdays if b.value]


def test_a_new_panel_offers_the_advised_plan(panel):
    assert "No plan saved yet" in panel.progress.value
    assert panel.first.value == "daily-back-care" and panel.second.value == ""
    assert "Daily back care (ready)" in [label for label, _ in panel.first.options]
    assert panel.days.value == 3 and ticked(panel) == ["Mon", "Wed", "Fri"]
    assert panel.time.value == "07:30" and panel.weeks.value == 6
    assert panel.start.value == TODAY  # a new plan starts today, not on Monday
    assert "ACSM: at least 2 to 3 days a week; daily is best" in panel.widget.children[2] \
        .children[1].value


def test_days_a_week_and_the_reminder_days_follow_each_other(panel):
    panel.days.value = 2
    assert ticked(panel) == ["Tue", "Fri"]
    panel.weekdays[6].value = True
    assert panel.days.value == 3 and ticked(panel) == ["Tue", "Fri", "Sun"]


def test_save_keeps_the_plan_and_shows_the_weeks_against_it(panel, tmp_path):
    panel.second.value = "desk-break"
    panel.time.value = "18:30"
    panel.save_button.click()
    assert "Saved your plan:" in panel.status.value
    assert load_plan() == Plan(("daily-back-care", "desk-break"), TODAY, reminder_time="18:30")
    assert "Week 1 of 6. 2 more days this week." in panel.progress.value  # Wed and Fri left
    with SessionLog(tmp_path / "sessions.sqlite") as log:
        start = datetime(2026, 12, 9, 12, tzinfo=timezone.utc)
        log.record("Daily back care", "k", start, start + timedelta(minutes=8), 600,
                   steps_completed=3)
    panel.show_progress()
    assert "1 more day this week." in panel.progress.value
    assert "Week 1 (this week): 1 of 2 days so far, 1 session." in panel.progress.value
    again = PlanPanel(folder=tmp_path / "my-routines", today=lambda: TODAY)
    assert again.second.value == "desk-break" and again.time.value == "18:30"


def test_bad_values_are_not_saved_and_lose_nothing(panel):
    save_plan(Plan(("desk-break",), date(2026, 12, 7)))
    before = plan_file().read_text()
    panel.time.value = "25:99"
    panel.weeks.value = 10**9
    assert panel.save() is None
    assert "<b>Not saved:</b> Reminder at: &#x27;25:99&#x27; is not valid" in panel.status.value
    assert "Weeks: 1000000000 is not valid" in panel.status.value
    for button in panel.weekdays:
        button.value = False
    panel.time.value = "07:30"
    panel.weeks.value = 4
    panel.save()
    assert "Reminder days: pick at least one day" in panel.status.value
    assert plan_file().read_text() == before


def test_a_damaged_plan_file_is_named_and_save_writes_a_good_one(tmp_path):
    plan_file().parent.mkdir(parents=True, exist_ok=True)
    plan_file().write_text("version: 1\nroutines: [desk-break]\nstart: 2026-12-07\ndays: 3\n")
    panel = PlanPanel(folder=tmp_path, today=lambda: TODAY, log_path=tmp_path / "log.sqlite")
    assert "Your plan could not be read:" in panel.status.value
    assert "days: unknown field" in panel.status.value
    assert "Progress not shown" in panel.progress.value
    panel.save()
    assert load_plan() is not None and "Week 1 of 6" in panel.progress.value


def test_reminders_come_as_a_download_of_the_plan_shown(panel):
    panel.days.value = 2
    panel.weeks.value = 2
    panel.reminders_button.click()
    status = panel.status.value
    assert "Reminders for your calendar:" in status and "not saved yet" in status
    href = re.search(r'href="data:text/calendar;base64,([^"]+)"', status)
    from icalendar import Calendar

    event = Calendar.from_ical(base64.b64decode(href[1])).walk("VEVENT")[0]
    assert "BYDAY=TU,FR" in event["RRULE"].to_ical().decode()
    panel.save()
    panel.reminders()
    assert "not saved yet" not in panel.status.value
    panel.time.value = "7h30"
    assert panel.reminders() is None
    assert "No reminders written:" in panel.status.value


def _event(panel):
    from icalendar import Calendar

    href = re.search(r'href="data:text/calendar;base64,([^"]+)"', panel.status.value)
    return Calendar.from_ical(base64.b64decode(href[1])).walk("VEVENT")[0]


def test_the_reminders_of_the_saved_plan_and_of_its_change_share_its_uid(panel):
    saved = panel.save()
    panel.reminders()
    first = _event(panel)
    assert (str(first["UID"]), first["SEQUENCE"]) == (f"{saved.id}@backstretch", 0)
    panel.time.value = "19:00"
    panel.reminders()  # shown, not saved yet: the same plan, changed
    assert "not saved yet" in panel.status.value
    assert (str(_event(panel)["UID"]), _event(panel)["SEQUENCE"]) == (str(first["UID"]), 1)
    assert panel.save().revision == 2 and load_plan().id == saved.id
    panel.reminders()
    assert _event(panel)["SEQUENCE"] == 1 and "not saved yet" not in panel.status.value


def test_a_routine_saved_in_the_builder_is_offered_first(tmp_path, catalogue):
    folder = tmp_path / "my-routines"
    odd = dataclasses.replace(load_routine("desk-break", catalogue),
                              name='<img src=x onerror="alert(1)"> Calm')
    typed = {"path": str(folder / "calm")}  # what the builder's File box holds, no .yaml
    panel = PlanPanel(routine=lambda: typed["path"], folder=folder, catalogue=catalogue,
                      today=lambda: TODAY, log_path=tmp_path / "log.sqlite")
    assert panel.first.value == "daily-back-care"  # not saved yet: not offered
    odd.save(folder / "calm.yaml")
    panel.refresh_button.click()
    assert panel.first.value == str((folder / "calm.yaml").resolve())
    assert '<img src=x onerror="alert(1)"> Calm (calm.yaml)' in [
        label for label, _ in panel.first.options]  # a dropdown shows labels as text
    panel.save()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Calm" in panel.status.value
    assert "<img" not in panel.status.value
