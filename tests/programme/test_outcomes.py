"""What the check-ins say: the change since the start against the minimal important change,
the caveat always, kind words with too little data, and warnings that point to safety."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from backstretch.log.checkins import CheckIn
from backstretch.programme.outcomes import CAVEAT, OutcomeLine, outcome_lines, pain_target
from backstretch.log.records import PainPoint
from backstretch.safety.flags import short_line, stop_signs

MON = date(2026, 3, 3)


def _weeks(*pains: int, ratings: list[dict[int, int]] | None = None) -> list[CheckIn]:
    ratings = ratings or [{}] * len(pains)
    return [CheckIn(i + 1, MON + timedelta(weeks=i), p, r)
            for i, (p, r) in enumerate(zip(pains, ratings))]


def _kind(lines: list[OutcomeLine], kind: str) -> list[OutcomeLine]:
    return [line for line in lines if line.kind == kind]


def _pain_points(*pairs: tuple[int | None, int | None]) -> list[PainPoint]:
    start = datetime(2026, 3, 9, 12, 0, tzinfo=timezone.utc)
    return [PainPoint(start + timedelta(days=i), b, a) for i, (b, a) in enumerate(pairs)]


def test_a_fall_that_reaches_the_change_most_people_notice():
    (line,) = _kind(outcome_lines(_weeks(6, 5, 3)), "pain")
    assert line.reached is True
    assert line.text == ("Usual pain: 6 → 3 since 3 March, a fall of 3 points (50 %): that "
                         "reaches the change most people notice (2 points or 30 %; Ostelo et "
                         "al. 2008).")


@pytest.mark.parametrize(("start", "end", "reached"), [
    (6, 5, False),   # 1 point, 17 %
    (6, 4, True),    # 2 points
    (3, 2, True),    # 1 point but 33 %
    (10, 9, False),  # 1 point, 10 %
    (1, 0, True),    # 100 %
    (0, 0, False), (4, 6, False),
])
def test_the_pain_rule_is_two_points_or_thirty_percent(start, end, reached):
    (line,) = _kind(outcome_lines(_weeks(start, end)), "pain")
    assert line.reached is reached
    assert ("that reaches" in line.text) is reached


def test_no_fall_is_said_plainly():
    (same,) = _kind(outcome_lines(_weeks(5, 5)), "pain")
    (rise,) = _kind(outcome_lines(_weeks(4, 5)), "pain")
    assert same.text.endswith("no change.") and rise.text.endswith("a rise of 1 point.")


def test_the_pain_target_is_the_smaller_of_the_two_falls():
    assert pain_target(6) == pytest.approx(4.2) and pain_target(10) == 8 and pain_target(0) == 0


def test_the_activity_average_counts_only_activities_rated_at_both_ends():
    lines = outcome_lines(_weeks(6, 6, 6, ratings=[{1: 2, 2: 4, 3: 9}, {1: 3},
                                                   {1: 5, 2: 6, 4: 0}]))
    (line,) = _kind(lines, "activities")
    # activities 1 and 2: 3.0 -> 5.5; 3 (not rated at the end) and 4 (new) do not count
    assert line.text.startswith("Activities (the average of the 2 activities rated at both "
                                "ends): 3.0 → 5.5 since 3 March, a rise of 2.5 points: that "
                                "reaches the change most people notice (about 2 points; "
                                "Maughan & Lewis 2010")
    assert line.reached is True


@pytest.mark.parametrize(("first", "last", "reached"), [
    ({1: 3, 2: 4}, {1: 5, 2: 6}, True), ({1: 3, 2: 4}, {1: 4, 2: 6}, False),
    ({1: 5}, {1: 4}, False), ({1: 5}, {1: 5}, False),
])
def test_the_activity_rule_is_about_two_points(first, last, reached):
    (line,) = _kind(outcome_lines(_weeks(5, 5, ratings=[first, last])), "activities")
    assert line.reached is reached


def test_no_common_activity_says_there_is_nothing_to_compare_yet():
    (line,) = _kind(outcome_lines(_weeks(5, 5, ratings=[{1: 3}, {2: 6}])), "activities")
    assert "no change to show yet" in line.text and line.reached is None


def test_no_activity_rated_gives_no_activity_line():
    assert _kind(outcome_lines(_weeks(5, 4)), "activities") == []


@pytest.mark.parametrize("checkins", [[], _weeks(5)])
def test_too_little_data_says_so_kindly(checkins):
    lines = outcome_lines(checkins)
    (waiting,) = _kind(lines, "waiting")
    assert ("next week" in waiting.text) if checkins else ("first one" in waiting.text)
    assert _kind(lines, "pain") == [] and lines[-1].text == CAVEAT


def test_the_caveat_is_always_last():
    for checkins in ([], _weeks(5), _weeks(6, 3), _weeks(3, 4, 5)):
        lines = outcome_lines(checkins)
        assert lines[-1].kind == "caveat"
        assert lines[-1].text == ("A change over weeks does not show the stretching caused it: "
                                  "back pain often eases by itself (NHS).")


def _assert_points_to_safety(line: OutcomeLine) -> None:
    assert line.kind == "warning"
    assert "stop signs" in line.text and "red flags" in line.text and "clinician" in line.text
    assert short_line() in line.text and line.stop_signs == stop_signs()
    assert all(s in str(line) for s in stop_signs())


def test_pain_after_above_before_twice_in_a_row_warns():
    lines = outcome_lines(_weeks(5, 5), _pain_points((4, 3), (4, 6), (None, 7), (5, 6)))
    (warning,) = _kind(lines, "warning")
    _assert_points_to_safety(warning)
    assert "(4 → 6 on 10 March, 5 → 6 on 12 March)" in warning.text
    assert lines[0] is warning  # warnings come first


@pytest.mark.parametrize("pairs", [
    [(4, 6), (5, 5)], [(4, 6)], [(4, 6), (6, 4), (5, 6)], [(4, None), (None, 6)],
])
def test_no_warning_without_two_rises_in_a_row(pairs):
    assert _kind(outcome_lines(_weeks(5, 5), _pain_points(*pairs)), "warning") == []


@pytest.mark.parametrize(("pains", "says"), [
    ((3, 4, 5), "rose at each of your last two check-ins (3 → 4 → 5)"),
    ((3, 3, 5), "is 2 points higher than at your first check-in (3 → 5)"),
    ((2, 6), "is 4 points higher"),
    ((6, 3, 4, 5), "rose at each of your last two check-ins (3 → 4 → 5)"),
])
def test_usual_pain_rising_warns(pains, says):
    (warning,) = _kind(outcome_lines(_weeks(*pains)), "warning")
    _assert_points_to_safety(warning)
    assert says in warning.text


@pytest.mark.parametrize("pains", [(3, 4), (5, 4, 5), (4, 5, 5), (6, 5, 4), (5,), ()])
def test_small_or_single_rises_do_not_warn(pains):
    assert _kind(outcome_lines(_weeks(*pains)), "warning") == []
