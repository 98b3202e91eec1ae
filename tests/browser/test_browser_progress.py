"""04 in JupyterLab, as a person uses it: save a plan, take its reminders to a calendar,
check in with their own words, and read what the workbook suggests next.

Chromium presses the panels' buttons; the calendar file is caught as a download and
read back with icalendar, the way a calendar program would import it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser_fixtures import open_notebook, run_all_cells, shot

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None

ACTIVITY = "<b>Putting on socks</b> & $x$"  # typed text, shown literally


@pytest.mark.browser
def test_plan_reminders_check_in_and_next_step_in_lab(page, lab):
    import icalendar

    open_notebook(page, lab, "04_progress.ipynb", "t04")
    run_all_cells(page)

    # a plan: the defaults (3 days a week), saved to the data folder
    plan = page.locator(".bs-plan-panel").first
    plan.locator(".bs-plan-save").click()
    expect(plan.locator(".bs-plan-status")).to_contain_text("Saved your plan")
    assert (lab.data_dir / "plan.yaml").is_file()
    # from today: this week, or (made on a Sunday, reminders on Mon, Wed and Fri) the next
    expect(plan.locator(".bs-plan-progress")).to_contain_text(
        re.compile("this week|Your plan starts on Monday"))
    shot(page, "04-1-plan-saved")

    # its reminders, delivered to the browser and read back as a calendar imports them
    plan.locator(".bs-plan-reminders").click()
    link = plan.locator(".bs-plan-status a.bs-download")
    expect(link).to_have_attribute("download", "stretching-plan.ics")
    with page.expect_download() as info:
        link.click()
    calendar = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and len(rule["BYDAY"]) == 3
    assert event.walk("VALARM"), "the reminder carries an alarm"
    first = event.decoded("DTSTART").date()
    assert date.today() <= first < date.today() + timedelta(days=7)  # none in the past

    # a weekly check-in, in the person's own words (markup and $ stay text)
    checkin = page.locator(".bs-checkin-panel").first
    checkin.locator(".bs-checkin-save").click()
    expect(checkin.locator(".bs-checkin-status")).to_contain_text("Not saved")
    checkin.locator(".bs-usual-pain select").select_option(label="6")
    checkin.locator("input[placeholder^='an everyday thing']").first.fill(ACTIVITY)
    checkin.locator("select").nth(1).select_option(label="3")
    checkin.locator(".bs-checkin-save").click()
    status = checkin.locator(".bs-checkin-status")
    expect(status).to_contain_text("Saved your check-in")
    expect(status).to_contain_text("usual pain 6, 1 activity rated")
    expect(checkin.locator(".bs-outcomes")).to_contain_text("does not show the stretching")
    assert checkin.locator(".bs-checkin-panel b", has_text="Putting on socks").count() == 0
    shot(page, "04-2-checked-in")

    # the next step: not yet, and why, for a new log
    nxt = page.locator(".bs-progression").first
    expect(nxt.locator(".bs-progress-suggestion")).to_contain_text("So far")
    shot(page, "04-3-next-step")

    # sharing with the instructor: off the class hub it says so and sends nothing; the
    # preview (read again on a change of choice) shows the check-in just made
    share = page.locator(".bs-share-panel").first
    expect(share.locator(".bs-share-status")).to_contain_text("needs the class hub")
    expect(share.locator(".bs-share-send")).to_be_disabled()
    share.get_by_label("With my name").check()
    expect(share.locator(".bs-share-preview")).to_contain_text("shared with your name")
    expect(share.locator(".bs-share-preview")).to_contain_text("Usual pain: 6")
    assert "Putting on socks" not in share.locator(".bs-share-preview").inner_text()
    shot(page, "04-4-share-off-the-hub")
