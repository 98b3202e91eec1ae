"""The charts in Spanish, German and French: titles, axis labels, legends, week ticks and
annotations translated, and, as in English, nothing read as mathtext."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from backstretch import load_routine
from backstretch.base.language import speaking

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from backstretch.charts import progress as pc  # noqa: E402
from backstretch.charts import routine_charts as charts  # noqa: E402
from backstretch.charts.outcomes import outcome_chart  # noqa: E402
from backstretch.log import SessionLog  # noqa: E402

T0 = datetime(2026, 11, 2, 18, 0, tzinfo=timezone.utc)  # Monday of 2026-W45
MON = date(2026, 3, 2)
ENGLISH = ("Days with", "per week", "guideline", "Pain before", "primary",
           "Coverage", "Body map", "Timeline", "seconds of static", "Your weekly",
           "noticeable", "average")


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj() if hasattr(t, "get_text") and t.get_text()]


def _no_english(fig) -> None:
    said = " ".join(_texts(fig))
    assert not [w for w in ENGLISH if w in said], said


@pytest.fixture
def weeks(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        for days, pain in ((0, (6, 4)), (2, (5, None)), (14, (None, 2))):
            start = T0 + timedelta(days=days)
            log.record("Daily", "k", start, start + timedelta(minutes=10), 600,
                       group_seconds={"glutes": 60}, pain_before=pain[0], pain_after=pain[1])
        yield log.weekly(tz=timezone.utc), log.pain_series()


def test_the_progress_charts_are_labelled_in_french(weeks):
    with speaking("fr"):
        days = pc.days_chart(weeks[0])
        pain = pc.pain_chart(weeks[1])
        minutes = pc.minutes_chart(weeks[0])
    texts = _texts(days)
    assert days.axes[0].get_title("left") == ("Jours avec une séance par semaine "
                                              "(recommandation\u00a0: au moins 2 à 3)")
    assert days.axes[0].get_ylabel() == "jours"
    assert "S45\n2 nov." in texts  # the week's number and its Monday, as French writes them
    assert {"2 jours ou plus", "insuffisant\u00a0: moins de 2 jours", "2 à 3 jours"} <= set(texts)
    assert "0\ninsuffisant" in texts
    assert pain.axes[0].get_xlabel().startswith("séances avec un score de douleur")
    assert {"avant", "après"} <= set(texts + _texts(pain))
    assert "échelle numérique" in pain.axes[0].get_title("left")
    assert minutes.axes[0].get_ylabel() == "minutes"
    for fig in (days, pain, minutes):
        _no_english(fig)
        FigureCanvasAgg(fig).draw()


def test_a_week_tick_in_german_says_kw():
    with speaking("de"):
        assert pc.week_tick(date(2026, 11, 30)) == "KW49\n30. Nov."
    assert pc.week_tick(date(2026, 11, 30)) == "W49\n30 Nov"


def test_the_routine_charts_are_labelled_in_french(catalogue):
    routine = load_routine("source-article", catalogue)
    with speaking("fr"):
        coverage = charts.coverage_chart(routine)
        body = charts.body_map(routine)
        timeline = charts.timeline_chart(routine)
        shown = charts.charts_for("handout")
    ax = coverage.axes[0]
    assert ax.get_xlabel() == ("secondes d'étirement statique par côté (le secondaire compte "
                               "pour moitié)")
    assert ax.get_title("left") == f"Couverture\u00a0: {routine.name}"
    assert {"principal", "secondaire (moitié)", "recommandation de 60 s"} <= set(_texts(coverage))
    assert any("manque" in t for t in _texts(coverage))
    assert [a.get_title() for a in body.axes[:2]] == ["Face", "Dos"]
    assert body._suptitle.get_text() == f"Carte du corps\u00a0: {routine.name}"
    assert timeline.axes[0].get_xlabel() == "minutes:secondes (G / D = côté)"
    assert {"G", "D"} <= set(_texts(timeline))
    assert [c.caption for c in shown] == ["Secondes d'étirement par groupe musculaire",
                                          "Carte du corps\u00a0: ce que la routine étire"]
    assert charts.figure_alt(timeline).startswith("Déroulé")
    for fig in (coverage, body, timeline):
        _no_english(fig)
    assert charts.charts_for("handout")[0].caption == "Seconds of stretch per muscle group"


def test_the_check_in_chart_in_spanish_keeps_the_person_s_words_as_written(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        log.check_in(MON, 6, {"$x$ calcetines": 2})
        log.check_in(MON + timedelta(weeks=2), 4, {"$x$ calcetines": 5})
        checkins, activities = log.checkins(), log.activities(retired=True)
    with speaking("es"):
        fig = outcome_chart(checkins, activities)
    FigureCanvasAgg(fig).draw()
    texts = _texts(fig)
    assert fig._suptitle.get_text() == "Sus controles semanales"
    assert "PSFS" in fig.axes[1].get_title("left")
    assert {"dolor habitual", "promedio", "cambio perceptible: 4,2 o menos",
            "cambio perceptible: 4,0 o más", "S10\n2 mar"} <= set(texts)
    names = [t for t in fig.findobj() if hasattr(t, "get_parse_math")
             and t.get_text() == "$x$ calcetines"]
    assert names and not any(t.get_parse_math() for t in names)
    _no_english(fig)
