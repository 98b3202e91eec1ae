"""The weeks of the session log against the plan: days done, the run on plan, what is left,
in kind and factual words."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from backstretch.log import SessionLog
from backstretch.programme.adherence import adherence
from backstretch.programme.plan import Plan

START = date(2026, 11, 2)  # a Monday
UNKIND = re.compile(r"\b(fail\w*|miss\w*|bad\w*|only|behind|lazy|should)\b", re.IGNORECASE)


@pytest.fixture
def log(tmp_path):
    with SessionLog(tmp_path / "sessions.sqlite") as log:
        yield log


def stretch(log, day: date, held: bool = True, hour: int = 8):
    start = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
    log.record("Daily back care", "k", start, start + timedelta(minutes=10), 600,
               steps_completed=4 if held else 0, steps_skipped=0 if held else 1)


def on(week: int, weekday: int) -> date:
    """A day of the plan's week ``week`` (1 first), Monday being 0."""
    return START + timedelta(days=7 * (week - 1) + weekday)


def progress(log, today, **plan):
    p = Plan(("daily-back-care",), START, **{"weeks": 6, **plan})
    return adherence(p, log.weekly(tz=timezone.utc, until=today), today)


def test_each_week_shows_its_days_against_the_plan(log):
    for week, days in ((1, (0, 2, 4)), (2, (1,)), (3, (0, 3))):
        for d in days:
            stretch(log, on(week, d))
    stretch(log, on(1, 0), hour=18)  # a second session the same day: one day
    result = progress(log, on(3, 4))
    assert [(w.number, w.days, w.sessions, w.on_plan) for w in result.weeks] == [
        (1, 3, 4, True), (2, 1, 1, False), (3, 2, 2, False)]
    assert result.lines() == [
        "Week 3 (this week): 2 of 3 days so far, 2 sessions.",
        "Week 2 (from 9 Nov): 1 of 3 days, 1 session.",
        "Week 1 (from 2 Nov): 3 of 3 days, 4 sessions. On plan.",
    ]
    assert result.left() == "1 more day this week."
    assert result.summary() == "Week 3 of 6. 1 more day this week."


def test_the_run_counts_finished_weeks_on_plan_back_from_last_week(log):
    for week in (1, 3, 4):
        for d in (0, 2):
            stretch(log, on(week, d))
    result = progress(log, on(5, 0), days_per_week=2)
    assert result.run == 2  # weeks 3 and 4; week 2 had no day
    assert result.summary() == "Week 5 of 6. On plan: 2 weeks in a row. 2 more days this week."
    stretch(log, on(5, 0))
    stretch(log, on(5, 1))
    done = progress(log, on(5, 1), days_per_week=2)
    assert done.run == 3 and done.left() == "This week's plan is done."
    assert done.on_plan == 4
    assert done.lines()[0] == "Week 5 (this week): 2 of 2 days, 2 sessions. On plan."


def test_a_week_still_going_does_not_break_the_run(log):
    for d in (0, 1, 2):
        stretch(log, on(1, d))
    result = progress(log, on(2, 6))
    assert result.run == 1 and result.run_text() == "On plan: 1 week."
    assert result.left() == "3 more days this week."


def test_sessions_stopped_before_any_hold_count_toward_nothing(log):
    stretch(log, on(1, 0))
    for d in (1, 2, 3):
        stretch(log, on(1, d), held=False)
    week = progress(log, on(1, 6)).weeks[0]
    assert (week.days, week.sessions, week.on_plan) == (1, 1, False)


def test_before_the_plan_starts_and_after_it_ends(log):
    stretch(log, START - timedelta(days=3))  # before the plan: not its week
    early = progress(log, START - timedelta(days=1))
    assert early.weeks == () and early.this_week is None and early.run == 0
    assert early.summary() == "Your plan starts on Monday, 2 November 2026."
    for week in (1, 2):
        for d in (0, 2, 4):
            stretch(log, on(week, d))
    stretch(log, on(4, 0))  # after the plan: not its week
    late = progress(log, on(4, 2), weeks=2)
    assert [w.number for w in late.weeks] == [1, 2] and late.this_week is None
    assert late.summary() == ("On plan: 2 weeks in a row. Your plan ended on Sunday, "
                              "15 November 2026, with 2 of 2 weeks on plan.")


def test_an_empty_log_shows_the_plan_week_by_week(log):
    result = progress(log, on(2, 3), days_per_week=1)
    assert result.lines() == ["Week 2 (this week): 0 of 1 day so far, 0 sessions.",
                              "Week 1 (from 2 Nov): 0 of 1 day, 0 sessions."]
    assert result.left() == "1 more day this week."


def test_the_words_stay_kind(log):
    texts = []
    for week, days in ((1, (0,)), (2, ()), (3, (0, 1, 2, 3))):
        for d in days:
            stretch(log, on(week, d))
    for today in (START - timedelta(days=2), on(1, 0), on(2, 6), on(3, 3), on(9, 0)):
        for per_week in (1, 3, 7):
            result = progress(log, today, days_per_week=per_week, weeks=4)
            texts += [result.summary(), result.left(), result.run_text(), *result.lines()]
    assert texts and not [t for t in texts if UNKIND.search(t)]
    assert not [t for t in texts if re.search(r"\b1 (days|sessions|weeks)\b", t)]


def test_more_days_than_planned_are_shown_as_such(log):
    for d in range(5):
        stretch(log, on(1, d))
    assert progress(log, on(2, 0), days_per_week=2).lines()[1] == (
        "Week 1 (from 2 Nov): 5 days (2 planned), 5 sessions. On plan.")
