"""The programme in Spanish, German and French: the plan's days as a CLDR list of the
language's weekday names, its dates as the language writes them, the weeks and outcomes
counted by its own plural rule (with the scales' validated names), the progression's
suggestion and the calendar file in the language it was made in; what is stored stays as
it was."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from backstretch import BackstretchError, Routine, RoutineItem, load_routine
from backstretch.base.language import speaking
from backstretch.log import SessionLog, Week
from backstretch.log.checkins import CheckIn
from backstretch.programme.adherence import adherence
from backstretch.programme.outcomes import outcome_lines
from backstretch.programme.plan import Plan, day_names, load_plan, plan_yaml, save_plan
from backstretch.programme.progression import STEADY_SESSIONS, suggest
from backstretch.programme.reminders import write_reminders
from backstretch.safety.flags import STOP_SIGNS

WED = date(2026, 12, 2)
START = date(2026, 11, 2)  # a Monday
NOW = datetime(2026, 12, 2, 9, 15, tzinfo=timezone.utc)
T0 = datetime(2026, 11, 2, 18, 0, tzinfo=timezone.utc)


def test_the_plan_lists_its_days_by_cldr_in_each_language():
    plan = Plan(("daily-back-care",), WED)
    with speaking("es"):
        assert day_names()[:3] == ("lun", "mar", "mié")
        assert plan.days_text() == "lun, mié y vie"
        assert plan.describe() == ("3 días a la semana durante 6 semanas, desde el miércoles, "
                                   "2 de diciembre de 2026; recordatorios los lun, mié y vie "
                                   "a las 7:30")
    with speaking("de"):
        assert plan.days_text() == "Mo., Mi. und Fr."
        assert plan.describe().startswith("3 Tage pro Woche für 6 Wochen, ab Mittwoch, "
                                          "2. Dezember 2026")
    with speaking("fr"):
        assert plan.days_text() == "lun., mer. et ven."
        one = Plan(("daily-back-care",), WED, days_per_week=1, weeks=1)
        assert one.describe().startswith("1 jour par semaine pendant 1 semaine")


def test_the_plan_file_stays_the_same_in_every_language(tmp_path):
    plan = Plan(("daily-back-care",), WED, id="plan-1")
    english = plan_yaml(plan)
    with speaking("de"):
        assert plan_yaml(plan) == english
        saved = save_plan(plan, tmp_path / "plan.yaml")
    assert "reminder_days: [mon, wed, fri]" in english
    assert load_plan(tmp_path / "plan.yaml") == saved


def test_a_plan_s_error_is_in_german_with_its_plural():
    with speaking("de"), pytest.raises(BackstretchError) as caught:
        Plan(("daily-back-care",), WED, days_per_week=3, reminder_days=("mon", "fri"))
    assert "nennt 2 Tage, aber days_per_week ist 3" in str(caught.value)


def test_the_weeks_against_the_plan_in_french():
    plan = Plan(("daily-back-care",), START, days_per_week=2)
    weeks = [Week(2026, 45, 20.0, 3, 2, {}), Week(2026, 46, 10.0, 1, 1, {})]
    with speaking("fr"):
        done = adherence(plan, weeks, date(2026, 11, 11))
        assert done.lines() == [
            "Semaine 2 (cette semaine)\u00a0: 1 sur 2 jours pour l'instant, 1 séance.",
            "Semaine 1 (à partir du 2 nov.)\u00a0: 2 sur 2 jours, 3 séances. "
            "Programme respecté."]
        assert done.summary() == ("Semaine 2 sur 6. Programme respecté\u00a0: 1 semaine. "
                                  "Encore 1 jour cette semaine.")
        assert adherence(plan, [], date(2026, 10, 28)).summary() == (
            "Votre programme commence le mardi 3 novembre 2026.")


def _checkin(cid: int, day: date, pain: int, ratings: dict[int, int]) -> CheckIn:
    return CheckIn(cid, day, pain, ratings)


def test_outcomes_name_the_scales_as_validated_in_each_language():
    checkins = [_checkin(1, date(2026, 3, 3), 6, {1: 3, 2: 4}),
                _checkin(2, date(2026, 3, 17), 3, {1: 6, 2: 6})]
    with speaking("de"):
        pain, activities, caveat = (line.text for line in outcome_lines(checkins))
    assert pain.startswith("Übliche Schmerzen: 6 → 3 seit dem 3. März, ein Rückgang um "
                           "3 Punkte (50 %)")
    assert "3,5 → 6,0" in activities and "2,5 Punkte" in activities
    assert "Patient-Specific Functional Scale (PSFS)" in activities
    assert "Rückenschmerzen bessern sich oft von selbst" in caveat
    with speaking("es"):
        text = " ".join(line.text for line in outcome_lines(checkins[:1]))
    assert text.startswith("Por ahora, un control (3 de marzo).")
    assert "check-in" not in text


def test_a_warning_in_spanish_lists_the_stop_signs():
    checkins = [_checkin(i, date(2026, 3, 3) + timedelta(weeks=i), p, {})
                for i, p in enumerate((3, 4, 5))]
    with speaking("es"):
        warning = outcome_lines(checkins)[0]
    assert warning.kind == "warning"
    assert warning.text.startswith("Su dolor habitual subió en cada uno de sus dos últimos "
                                   "controles (3 → 4 → 5).")
    assert len(warning.stop_signs) == len(STOP_SIGNS)


@pytest.fixture
def desk(catalogue) -> Routine:
    return Routine("Desk break", (RoutineItem("figure-four-glute", hold=20),
                                  RoutineItem("seated-hamstring", hold=30)), catalogue)


def test_a_suggestion_in_french_names_its_copy_without_piling_up(tmp_path, desk):
    with SessionLog(tmp_path / "log.sqlite") as log:
        for k in range(STEADY_SESSIONS):
            start = T0 + timedelta(days=k)
            log.record(desk.name, desk.key(), start, start + timedelta(minutes=6),
                       desk.duration, len(desk.checklist_boxes()), 0, pain_before=3,
                       pain_after=3)
        with speaking("fr"):
            first = suggest(desk, log.sessions())
            assert first.button == "Faire une copie avec des maintiens plus longs"
            assert first.text.startswith("tenez ") and "pendant 25 s" in first.text
            assert first.why.startswith(f"Lors de vos {STEADY_SESSIONS} dernières séances")
            copy = first.apply(desk)
            assert copy.name == "Desk break (maintien 25 s)"
            assert copy.description.startswith("Créée à partir de «\u00a0Desk break\u00a0»")
            for k in range(STEADY_SESSIONS):
                start = T0 + timedelta(days=10 + k)
                log.record(copy.name, copy.key(), start, start + timedelta(minutes=6),
                           copy.duration, len(copy.checklist_boxes()), 0)
            second = suggest(copy, log.sessions()).apply(copy)
    assert second.name == "Desk break (maintien 30 s)"


def test_the_calendar_file_speaks_german_and_still_parses(tmp_path):
    plan = Plan(("daily-back-care",), WED, id="plan-de")
    routine = load_routine("daily-back-care")
    with speaking("de"):
        path = write_reminders(plan, [routine], tmp_path / "plan.ics", now=NOW,
                               zone=ZoneInfo("Europe/Berlin"))
    cal = Calendar.from_ical(path.read_bytes())
    event = cal.walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Dehnen: ")
    assert event["SUMMARY"].params["LANGUAGE"] == "de"
    assert "Ihr Plan:" in event["DESCRIPTION"] and "Mo., Mi. und Fr. um 07:30" in \
        event["DESCRIPTION"]
    assert "Dies ist kein ärztlicher Rat." in event["DESCRIPTION"]
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]).startswith("Zeit zum Dehnen: ")
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]  # the codes, not the words
    assert b"Your plan" not in path.read_bytes() and b"Stretch:" not in path.read_bytes()
