"""The check-in chart: it builds, marks the minimal important change, leaves empty weeks as
gaps, shows the person's own words as written, and says so when there is nothing yet."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from backstretch.charts.outcomes import EMPTY_TEXT, outcome_chart  # noqa: E402
from backstretch.log import SessionLog  # noqa: E402

MON = date(2026, 3, 2)


def _gids(fig) -> dict[str, object]:
    return {a.get_gid(): a for a in fig.findobj() if a.get_gid()}


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj() if hasattr(t, "get_text") and t.get_text()]


@pytest.fixture
def logged(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        log.check_in(MON, 6, {"$x$ socks": 2, "<b>film</b> $\\frac{$": 4})
        log.check_in(MON + timedelta(weeks=2), 5, {"$x$ socks": 4, "<b>film</b> $\\frac{$": 5})
        log.check_in(MON + timedelta(weeks=3), 3, {"$x$ socks": 5})
        yield log.checkins(), log.activities(retired=True)


def test_the_chart_builds_and_draws(logged):
    fig = outcome_chart(*logged)
    FigureCanvasAgg(fig).draw()  # a name that would be bad mathtext does not fail to draw
    gids = _gids(fig)
    assert {"pain", "average", "mic:pain", "mic:activities", "activity:1",
            "activity:2"} <= set(gids)


def test_user_text_shows_as_written(logged):
    fig = outcome_chart(*logged)
    names = [t for t in fig.findobj() if hasattr(t, "get_parse_math")
             and t.get_text() in ("$x$ socks", "<b>film</b> $\\frac{$")]
    assert {t.get_text() for t in names} == {"$x$ socks", "<b>film</b> $\\frac{$"}
    assert not any(t.get_parse_math() for t in names)  # never read as mathtext


def test_weeks_run_from_first_to_last_with_gaps(logged):
    fig = outcome_chart(*logged)
    pain = _gids(fig)["pain"].get_ydata()
    assert len(pain) == 4 and math.isnan(pain[1]) and list(pain[[0, 2, 3]]) == [6, 5, 3]
    average = _gids(fig)["average"].get_ydata()
    assert list(average[[0, 2, 3]]) == [3, 4.5, 5]
    assert "W10\n2 Mar" in _texts(fig) and "W13\n23 Mar" in _texts(fig)


def test_the_minimal_important_change_is_marked_from_the_start(logged):
    gids = _gids(outcome_chart(*logged))
    assert list(gids["mic:pain"].get_ydata()) == pytest.approx([4.2, 4.2])
    assert list(gids["mic:activities"].get_ydata()) == [5, 5]


def test_no_check_in_yet_says_so():
    fig = outcome_chart([])
    assert _gids(fig)["empty"].get_text() == EMPTY_TEXT
    FigureCanvasAgg(fig).draw()


def test_check_ins_without_activities_say_none_is_rated(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        log.check_in(MON, 4)
        fig = outcome_chart(log.checkins())
    assert "no-activities" in _gids(fig) and "mic:activities" not in _gids(fig)
