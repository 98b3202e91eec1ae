"""The log's words in Spanish, German and French: check-in messages, weekly words and
import summaries counted by each language's own plural rule (CLDR), days written as the
language writes them, errors translated; what the log stores stays language-neutral."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from backstretch import BackstretchError
from backstretch.base.language import speaking
from backstretch.log import SessionLog, Week
from backstretch.log.checkins import shown_day
from backstretch.log.records import long_day, short_day, week_number
from backstretch.log.take_home import Imported
from backstretch.log.weekly_text import week_line, weeks_summary

MON = date(2026, 3, 2)  # a Monday, ISO week 2026-W10


@pytest.fixture
def log(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as opened:
        yield opened


def _week(sessions: int, days: int, stopped: int = 0) -> Week:
    return Week(2026, 10, 20.0 * days, sessions, days, {}, stopped)


def test_a_saved_check_in_speaks_spanish_with_its_plural(log):
    with speaking("es"):
        one = log.check_in(MON, 6, {"Caminar": 4}, today=MON).message
        two = log.check_in(MON + timedelta(days=7), 5,
                           {"Caminar": 5, "Agacharse": 3},
                           today=MON + timedelta(days=7)).message
    assert one == ("Se guardó su control de la semana del 2 de marzo: dolor habitual 6, "
                   "1 actividad puntuada.")
    assert two.endswith("2 actividades puntuadas.")
    assert "Saved" not in one + two and "rated" not in one + two


def test_a_replaced_check_in_says_so_in_german(log):
    with speaking("de"):
        log.check_in(MON, 6, today=MON + timedelta(days=3))
        again = log.check_in(MON + timedelta(days=2), 4,
                             today=MON + timedelta(days=3)).message
    assert "Woche vom 2. März" in again and "keine Aktivität bewertet" in again
    assert "Sie ersetzt die vom 2. März: Es gibt eine Wochenbilanz pro Woche." in again


def test_weekly_words_take_each_language_s_plural_forms():
    with speaking("de"):
        assert weeks_summary([_week(1, 1)]) == "1 Einheit, verteilt auf 1 Tag in 1 Woche"
        assert weeks_summary([_week(3, 2, 1), _week(0, 0)]).startswith(
            "3 Einheiten, verteilt auf 2 Tage in 2 Wochen; 1 Einheit vor")
    with speaking("fr"):  # French counts 0 as one: "0 séance", unlike English "0 sessions"
        assert weeks_summary([_week(0, 0)]) == "0 séance sur 0 jour en 1 semaine"
        assert week_line(_week(2, 2)) == "2026-W10\u00a0: 2 jours, 40 min, ok"
    with speaking("es"):
        assert week_line(_week(1, 1)).endswith("1 día, 20 min, insuficiente")
    assert weeks_summary([_week(0, 0)]) == "0 sessions on 0 days over 1 week"


def test_days_are_written_as_each_language_writes_them():
    day = date(2026, 11, 30)
    assert (shown_day(day), short_day(day), long_day(day)) == (
        "30 November", "30 Nov", "Monday, 30 November 2026")
    with speaking("es"):
        assert (shown_day(day), long_day(day)) == ("30 de noviembre",
                                                   "lunes, 30 de noviembre de 2026")
    with speaking("de"):
        assert (shown_day(day), short_day(day), week_number(day)) == (
            "30. November", "30. Nov.", "KW49")
    with speaking("fr"):
        assert (shown_day(day), long_day(day)) == ("30 novembre", "lundi 30 novembre 2026")


def test_an_import_summary_and_an_error_are_translated(log):
    with speaking("fr"):
        assert Imported("f", 3, []).summary() == (
            "0 séance ajoutée à votre journal\u00a0; 3 séances déjà présentes")
        with pytest.raises(BackstretchError) as caught:
            log.check_in(date(2026, 3, 9), 5, today=MON)
    assert "est après aujourd'hui (2026-03-02)" in str(caught.value)
    assert "after today" not in str(caught.value)


def test_what_the_log_stores_stays_language_neutral(log, tmp_path):
    with speaking("de"):
        log.check_in(MON, 6, {"Gehen": 4}, today=MON)
        path = log.export_checkins_csv(tmp_path / "checkins.csv")
    header = next(csv.reader(path.open(encoding="utf-8")))
    assert header == ["week", "day", "usual_pain", "activities_average", "note", "Gehen"]
