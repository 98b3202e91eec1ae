"""The weekly check-in: what is saved comes back, one a week, activities kept with their past
ratings, and every bad input refused with one clear message."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backstretch import BackstretchError
from backstretch.log import SessionLog
from backstretch.log.checkins import MAX_ACTIVITIES, CheckIn
from backstretch.log.records import week_start

MON = date(2026, 3, 2)  # a Monday, ISO week 2026-W10


@pytest.fixture
def log(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as opened:
        yield opened


def _names(log: SessionLog, retired: bool = False) -> list[str]:
    return [a.name for a in log.activities(retired)]


def test_a_check_in_reads_back_after_reopening(tmp_path):
    path = tmp_path / "log.sqlite"
    with SessionLog(path) as log:
        saved = log.check_in(date(2026, 3, 4), 6, {"Putting on socks": 3,
                                                   "Sitting through a film": None},
                             note="A bad week\nat work")
    assert saved.replaced is None
    assert saved.message == ("Saved your check-in for the week of 2 March: usual pain 6, "
                             "1 activity rated.")
    with SessionLog(path) as log:
        (back,) = log.checkins()
        assert back == saved.checkin and back.week == MON and back.day == date(2026, 3, 4)
        assert back.usual_pain == 6 and back.note == "A bad week\nat work"
        socks, film = log.activities()
        assert (socks.name, socks.position, film.name, film.position) == \
            ("Putting on socks", 0, "Sitting through a film", 1)
        assert dict(back.ratings) == {socks.id: 3} and back.activity_average == 3


def test_a_second_check_in_the_same_week_replaces_the_first_and_says_so(log):
    log.check_in(MON, 7, {"Socks": 2})
    saved = log.check_in(date(2026, 3, 8), 5, {"Socks": 4})  # the Sunday of the same week
    assert saved.replaced is not None and saved.replaced.usual_pain == 7
    assert "It replaces the one from 2 March: there is one check-in a week." in saved.message
    (only,) = log.checkins()
    assert only.usual_pain == 5 and list(only.ratings.values()) == [4]
    later = log.check_in(date(2026, 3, 9), 4)  # the next Monday is a new week
    assert later.replaced is None and later.message.endswith("usual pain 4, no activity rated.")
    assert [c.usual_pain for c in log.checkins()] == [5, 4]


def test_an_activity_left_out_is_retired_with_its_ratings_and_can_come_back(log):
    log.check_in(MON, 6, {"Socks": 2, "Film": 3})
    log.check_in(date(2026, 3, 9), 5, {"Socks": 4, "Gardening": 1})
    assert _names(log) == ["Socks", "Gardening"]
    film = next(a for a in log.activities(retired=True) if a.name == "Film")
    assert film.retired_on == date(2026, 3, 9)
    assert log.checkins()[0].ratings[film.id] == 3  # the past rating is kept
    log.check_in(date(2026, 3, 16), 5, {"film": 6, "Socks": 5})  # named again, any case
    assert _names(log) == ["film", "Socks"]
    assert log.activities()[0].id == film.id and log.checkins()[-1].ratings[film.id] == 6


def test_without_ratings_the_activities_stay_as_they_are(log):
    log.check_in(MON, 6, {"Socks": 2})
    log.check_in(date(2026, 3, 9), 5)
    assert _names(log) == ["Socks"] and log.checkins()[-1].ratings == {}


def test_user_text_is_kept_as_written_and_trimmed(log):
    name = '  <b>Tie "shoes"</b> & $x$ 🙂 '
    log.check_in(MON, 3, {name: 5}, note="<script>alert(1)</script>")
    assert _names(log) == ['<b>Tie "shoes"</b> & $x$ 🙂']
    assert log.checkins()[0].note == "<script>alert(1)</script>"


@pytest.mark.parametrize(("kwargs", "field", "says"), [
    ({"usual_pain": 11}, "usual_pain", "from 0 to 10"),
    ({"usual_pain": -1}, "usual_pain", "from 0 to 10"),
    ({"usual_pain": 4.5}, "usual_pain", "whole number"),
    ({"usual_pain": True}, "usual_pain", "whole number"),
    ({"usual_pain": None}, "usual_pain", "whole number"),
    ({"usual_pain": "5"}, "usual_pain", "whole number"),
    ({"day": "next Tuesday"}, "day", "a date"),
    ({"day": "2026-02-30"}, "day", "a date"),
    ({"ratings": ["Socks"]}, "activities", "a mapping"),
    ({"ratings": {"Socks": 11}}, "activities.Socks", "from 0 to 10"),
    ({"ratings": {"Socks": "x"}}, "activities.Socks", "from 0 to 10"),
    ({"ratings": {"   ": 1}}, "activities", "must not be empty"),
    ({"ratings": {"a" * 81: 1}}, "activities", "at most 80"),
    ({"ratings": {"evil\u202etxt": 1}}, "activities", "control or invisible"),
    ({"ratings": {"bell\x07": 1}}, "activities", "control or invisible"),
    ({"ratings": {"Socks": 1, " socks ": 2}}, "activities", "twice"),
    ({"ratings": {str(n): 1 for n in range(MAX_ACTIVITIES + 1)}}, "activities", "at most 5"),
    ({"note": "x" * 2001}, "note", "at most 2000"),
])
def test_bad_input_is_refused_with_the_file_and_field_and_nothing_saved(log, kwargs, field,
                                                                        says):
    args = {"day": MON, "usual_pain": 5, **kwargs}
    with pytest.raises(BackstretchError) as caught:
        log.check_in(**args)
    message = str(caught.value)
    assert f"{log.path}: {field}" in message and says in message
    assert "Traceback" not in message
    assert log.checkins() == [] and log.activities() == []


@pytest.mark.parametrize("ahead", [1, 400])
def test_a_check_in_dated_after_today_is_refused_and_never_counts_as_the_latest(log, ahead):
    log.check_in(MON, 6, today=MON)
    later = MON + timedelta(days=ahead)
    with pytest.raises(BackstretchError) as caught:
        log.check_in(later, 2, today=MON)
    assert str(caught.value) == (
        f"{log.path}: day: {later.isoformat()} is after today ({MON.isoformat()}); a check-in "
        "is about the week just lived: use today or a day before")
    assert [c.day for c in log.checkins()] == [MON]
    assert log.check_in(later, 2, today=later).checkin.day == later  # once that day comes


def test_too_many_activities_are_refused_before_any_name_is_read(log, monkeypatch):
    from backstretch.log import checkins

    read = []
    monkeypatch.setattr(checkins, "_activity_name", lambda name: read.append(name) or name)
    with pytest.raises(BackstretchError, match="names 10000 activities; choose at most 5"):
        log.check_in(MON, 5, {f"Activity {n}": 1 for n in range(10_000)})
    assert read == []


def test_a_datetime_is_not_a_day(log):
    from datetime import datetime
    with pytest.raises(BackstretchError, match="day: .* use a date"):
        log.check_in(datetime(2026, 3, 2, 9, 0), 5)


def test_a_row_changed_outside_the_workbook_is_named(log):
    log.check_in(MON, 5)
    log._conn.execute("UPDATE checkins SET day = 'soon'")
    log._conn.commit()
    with pytest.raises(BackstretchError, match=r"check-in 1\.day"):
        log.checkins()


def test_the_week_is_its_monday():
    assert week_start(date(2026, 3, 8)) == MON and week_start(MON) == MON
    assert CheckIn(1, date(2026, 3, 5), 2, {}).week == MON


# -- the panel ------------------------------------------------------------------------------
def test_the_panel_saves_a_check_in_and_shows_what_it_says(tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets.checkin_panel import NOT_GIVEN, CheckInPanel

    path = tmp_path / "log.sqlite"
    days = iter([MON, date(2026, 3, 4), date(2026, 3, 16)])
    panel = CheckInPanel(path, today=lambda: next(days))
    assert "No weekly check-in yet" in panel.outcomes.value
    assert "putting on socks" in panel.widget.children[0].value  # what to pick
    panel.save()
    assert "choose your usual pain" in panel.status.value
    panel.pain.value = 6
    panel.names[0].value, panel.ratings[0].value = "<b>Socks</b> & $x$", 3
    panel.names[2].value = "Film"  # named, not rated
    panel.save()
    assert "Saved your check-in for the week of 2 March" in panel.status.value
    panel.save()  # again that week
    assert "It replaces the one from 2 March" in panel.status.value
    panel.pain.value, panel.ratings[0].value = 3, 6
    panel.save()
    assert "Usual pain: 6 → 3 since 4 March" in panel.outcomes.value
    assert "does not show the stretching caused it" in panel.outcomes.value
    with SessionLog(path) as log:
        assert [a.name for a in log.activities()] == ["<b>Socks</b> & $x$", "Film"]
    again = CheckInPanel(path)
    assert [n.value for n in again.names] == ["<b>Socks</b> & $x$", "Film", "", "", ""]
    assert again.ratings[0].value == NOT_GIVEN


def test_the_panel_shows_a_bad_name_as_text_and_saves_nothing(tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets.checkin_panel import CheckInPanel

    panel = CheckInPanel(tmp_path / "log.sqlite", today=lambda: MON)
    panel.pain.value = 4
    panel.names[0].value = "<img src=x onerror=alert(1)>\u202e"
    panel.save()
    assert "Not saved" in panel.status.value and "<img" not in panel.status.value
    assert "&lt;img" in panel.status.value
    with SessionLog(tmp_path / "log.sqlite") as log:
        assert log.checkins() == []


def test_the_panel_boxes_a_warning_with_the_stop_signs(tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.safety.flags import STOP_SIGNS
    from backstretch.widgets.checkin_panel import CheckInPanel

    with SessionLog(tmp_path / "log.sqlite") as log:
        for week, pain in enumerate((3, 4, 5)):
            log.check_in(MON + timedelta(weeks=week), pain)
    html = CheckInPanel(tmp_path / "log.sqlite").outcomes.value
    assert 'class="bs-outcome-warning"' in html and "00_start_here.ipynb" in html
    assert all(s in html for s in STOP_SIGNS)


def test_the_check_ins_export_for_a_clinician(tmp_path):
    """One row a week: usual pain, the average, and each activity (retired ones too),
    the person's words made safe for a spreadsheet."""
    import csv

    with SessionLog(tmp_path / "log.sqlite") as log:
        log.check_in(date(2026, 3, 3), 6, {"=SUM(A1)": 2, "Sitting through a film": 4},
                     note="-stiff mornings")
        log.check_in(date(2026, 3, 10), 5, {"Sitting through a film": 6, "Walking": None})
        out = log.export_checkins_csv(tmp_path / "out" / "checkins.csv")
    rows = list(csv.reader(out.open(encoding="utf-8")))
    head = rows[0]  # the current activities in order, then the retired one
    assert head == ["week", "day", "usual_pain", "activities_average", "note",
                    "Sitting through a film", "Walking", "'=SUM(A1)"]
    first = dict(zip(head, rows[1]))
    second = dict(zip(head, rows[2]))
    assert (first["week"], first["day"], first["usual_pain"]) == ("2026-03-02", "2026-03-03", "6")
    assert first["activities_average"] == "3.00" and first["note"] == "'-stiff mornings"
    assert first["'=SUM(A1)"] == "2" and first["Sitting through a film"] == "4"
    assert second["'=SUM(A1)"] == "" and second["Sitting through a film"] == "6"
    assert second["Walking"] == "" and second["activities_average"] == "6.00"
