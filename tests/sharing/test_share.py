"""What a share holds: this week's days against the plan, the check-in's pain and
activities, the changes against the minimal important change, and nothing else; and the
one check every share passes, on the student's side and in the service."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backstretch.base.errors import BackstretchError
from backstretch.log.checkins import CheckIn
from backstretch.log.records import Week
from backstretch.programme.plan import Plan
from backstretch.sharing.share import FIELDS, MAX_BYTES, Share, read_share, with_name
from backstretch.sharing.this_week import week_share

TODAY = date(2026, 12, 10)  # a Thursday
MONDAY = date(2026, 12, 7)
PLAN = Plan(("daily-back-care",), MONDAY - timedelta(weeks=2), days_per_week=3)


def week(monday: date, days: int) -> Week:
    year, number, _ = monday.isocalendar()
    return Week(year, number, 10.0 * days, days, days, {})


def checkins(*pains: int, note: str = "my secret note") -> list[CheckIn]:
    """Weekly check-ins ending this week, rating activities 1 and 2 (rising 2 a week)."""
    start = MONDAY - timedelta(weeks=len(pains) - 1)
    return [CheckIn(i + 1, start + timedelta(weeks=i, days=1), p,
                    {1: 3 + 2 * i, 2: 4 + 2 * i}, note) for i, p in enumerate(pains)]


def test_a_share_holds_the_weeks_figures_and_nothing_else():
    share = week_share(PLAN, [week(MONDAY - timedelta(weeks=1), 3), week(MONDAY, 2)],
                       checkins(6, 5, 4), TODAY, named=True)
    assert share == Share(MONDAY, True, 2, 3, 4, 7.5, -2, True, 4.0, True, None)
    sent = json.dumps(share.to_json())
    assert set(share.to_json()) == set(FIELDS)
    assert "secret" not in sent and "\"name\"" not in sent  # no note, no name from them
    assert share.lines() == [
        "Week of 7 December: shared with your name.",
        "Days with a session: 2 of 3 days planned.",
        "Usual pain: 4. Activities' average: 7.5.",
        "Change in usual pain since the start: -2 (a change most people notice).",
        "Change in activities' average since the start: +4 (a change most people notice)."]


def test_without_a_plan_or_a_recent_check_in_less_is_shared():
    old = checkins(6, 5)
    old = [replace(c, day=c.day - timedelta(weeks=3)) for c in old]
    share = week_share(None, [], old, TODAY, named=False)
    assert (share.days, share.planned, share.usual_pain, share.pain_change) == (0, None, None,
                                                                               None)
    assert "no plan" in share.lines()[1] and "No check-in this week or last" in share.lines()[2]
    first = week_share(PLAN, [], checkins(6), TODAY, named=False)  # one check-in: no change
    assert first.pain_change is None and "not yet" in first.lines()[3]


def test_rising_pain_is_told_only_when_named_and_allowed():
    rising = checkins(3, 4, 5)
    assert week_share(PLAN, [], rising, TODAY, named=True).pain_rising is None
    assert week_share(PLAN, [], rising, TODAY, named=False, tell_if_rising=True).pain_rising \
        is None
    told = week_share(PLAN, [], rising, TODAY, named=True, tell_if_rising=True)
    assert told.pain_rising is True and "it is." in told.lines()[-1]
    easing = week_share(PLAN, [], checkins(6, 5, 4), TODAY, named=True, tell_if_rising=True)
    assert easing.pain_rising is False


def test_a_share_read_back_is_the_share_sent():
    share = week_share(PLAN, [week(MONDAY, 1)], checkins(7, 6, 5), TODAY, named=False)
    assert read_share(share.to_json(), TODAY) == share
    assert read_share(json.loads(json.dumps(share.to_json())), TODAY + timedelta(days=6)) \
        == share  # still this week on Sunday, and last week the next
    assert with_name(share, "ada").name is None  # an anonymous share keeps no name
    assert with_name(replace(share, named=True), "ada").name == "ada"


GOOD = {"week": "2026-12-07", "named": True, "days": 2, "planned": 3, "usual_pain": 4,
        "activities": 5.5, "pain_change": -2, "pain_reached": True,
        "activities_change": 1.0, "activities_reached": False, "pain_rising": None}


@pytest.mark.parametrize("change, field, words", [
    ({"days": 8}, "days", "from 0 to 7"),
    ({"days": "2"}, "days", "whole number"),
    ({"usual_pain": -1}, "usual_pain", "from 0 to 10"),
    ({"activities": float("nan")}, "activities", "from 0 to 10"),
    ({"activities": "<script>alert(1)</script>"}, "activities", "from 0 to 10"),
    ({"planned": 0}, "planned", "from 1 to 7"),
    ({"week": "2026-12-08"}, "week", "a Monday"),
    ({"week": "2026-11-23"}, "week", "not this week or last"),
    ({"week": "2026-12-14"}, "week", "not this week or last"),
    ({"named": "yes"}, "named", "true or false"),
    ({"pain_reached": False}, "pain_reached", "does not match"),
    ({"pain_change": -9}, "pain_change", "starts outside"),
    ({"activities_reached": True}, "activities_reached", "does not match"),
    ({"pain_change": None}, "pain_reached", "only with it"),
    ({"named": False, "pain_rising": True}, "pain_rising", "only in a named share"),
    ({"usual_pain": None}, "activities", "must be null"),
    ({"note": "hello"}, "'note'", "not a field of a share"),
    ({"name": "bo"}, "'name'", "not a field of a share"),
])
def test_a_bad_share_is_refused_naming_the_field(change, field, words):
    with pytest.raises(BackstretchError) as caught:
        read_share({**GOOD, **change}, TODAY, "share")
    assert f"share: {field}: " in str(caught.value) and words in str(caught.value)


def test_missing_fields_and_a_share_that_is_not_an_object():
    with pytest.raises(BackstretchError, match="share: days: is missing"):
        read_share({k: v for k, v in GOOD.items() if k != "days"}, TODAY, "share")
    with pytest.raises(BackstretchError, match="must be a JSON object"):
        read_share([GOOD], TODAY, "share")
    assert len(json.dumps(GOOD)) < MAX_BYTES / 8


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4), max_leaves=12)


@settings(max_examples=120, deadline=None)
@given(st.one_of(json_values, st.fixed_dictionaries(
    {k: json_values for k in FIELDS})), st.sampled_from(sorted(GOOD)), json_values)
def test_any_json_is_a_share_or_one_clear_error(data, key, value):
    """Whatever a client sends, the one check answers with a share or a BackstretchError
    (the service's 400), never another exception."""
    for candidate in (data, {**GOOD, key: value}):
        try:
            assert isinstance(read_share(candidate, TODAY, "share"), Share)
        except BackstretchError as exc:
            assert str(exc).startswith("share")


def test_a_share_in_spanish_and_its_faults_in_french():
    from backstretch.base.language import speaking

    share = week_share(PLAN, [week(MONDAY - timedelta(weeks=1), 3), week(MONDAY, 2)],
                       checkins(6, 5, 4), TODAY, named=True)
    with speaking("es"):
        lines = share.lines()
    assert lines == [
        "Semana del 7 de diciembre: compartida con su nombre.",
        "Días con sesión: 2 de 3 días previstos.",
        "Dolor habitual: 4. Media de las actividades: 7,5.",
        ("Cambio del dolor habitual desde el inicio: -2 (un cambio que nota la mayoría de "
         "las personas)."),
        ("Cambio de la media de las actividades desde el inicio: +4 (un cambio que nota la "
         "mayoría de las personas).")]
    with speaking("fr"):
        with pytest.raises(BackstretchError) as unknown:
            read_share({**share.to_json(), "mood": 3}, TODAY, "partage")
        with pytest.raises(BackstretchError) as alone:
            read_share({**share.to_json(), "pain_reached": None}, TODAY, "partage")
    assert "'mood': n'est pas un champ d'un partage" in str(unknown.value)
    assert str(alone.value) == ("partage: pain_reached: doit être donné avec pain_change, et "
                                "seulement avec lui")
