"""Progress charts over the session log: the right weeks, the guideline, an empty log."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from backstretch.charts import progress as pc  # noqa: E402
from backstretch.log import SessionLog  # noqa: E402

T0 = datetime(2026, 11, 2, 18, 0, tzinfo=timezone.utc)  # Monday of 2026-W45


def _gids(fig) -> list[str]:
    return [a.get_gid() for a in fig.findobj() if a.get_gid()]


def _texts(fig) -> str:
    return " ".join(t.get_text() for t in fig.findobj() if hasattr(t, "get_text"))


@pytest.fixture
def weeks(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        for days, minutes, pain in ((0, 12, (6, 4)), (2, 10, (5, None)), (14, 8, (None, 2)),
                                    (16, 9, (None, None))):
            start = T0 + timedelta(days=days)
            log.record("Daily", "k", start, start + timedelta(minutes=minutes), 600,
                       group_seconds={"glutes": 60, "calves": days}, pain_before=pain[0],
                       pain_after=pain[1])
        yield log.weekly(tz=timezone.utc), log.pain_series()


def test_days_chart_marks_the_guideline_and_the_short_week(weeks):
    fig = pc.days_chart(weeks[0])
    gids = _gids(fig)
    assert "guideline" in gids and "guideline-band" in gids
    assert [g for g in gids if g.startswith(("week:", "short:"))] == \
        ["week:2026-W45", "short:2026-W46", "week:2026-W47"]
    line = next(a for a in fig.findobj() if a.get_gid() == "guideline")
    assert set(line.get_ydata()) == {2}
    assert "short" in _texts(fig)
    bars = {a.get_gid(): a.get_height() for a in fig.findobj()
            if (a.get_gid() or "").startswith(("week:", "short:"))}
    assert bars == {"week:2026-W45": 2, "short:2026-W46": 0, "week:2026-W47": 2}


def test_minutes_chart_plots_each_week_in_order(weeks):
    fig = pc.minutes_chart(weeks[0])
    bars = [(a.get_gid(), a.get_height()) for a in fig.findobj()
            if (a.get_gid() or "").startswith("week:")]
    assert bars == [("week:2026-W45", 22), ("week:2026-W46", 0), ("week:2026-W47", 17)]
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["W45\n2 Nov", "W46\n9 Nov", "W47\n16 Nov"]


def test_pain_chart_leaves_gaps_for_scores_not_recorded(weeks):
    fig = pc.pain_chart(weeks[1])
    lines = {a.get_gid(): list(a.get_ydata()) for a in fig.findobj()
             if (a.get_gid() or "").startswith("pain:")}
    assert lines["pain:before"][:2] == [6, 5] and str(lines["pain:before"][2]) == "nan"
    assert str(lines["pain:after"][1]) == "nan" and lines["pain:after"][2] == 2
    assert len(lines["pain:after"]) == 3  # the session with no score is left out


def test_group_chart_has_a_row_per_group_and_a_column_per_week(weeks):
    fig = pc.group_week_chart(weeks[0])
    (image,) = [a for a in fig.findobj() if a.get_gid() == "heatmap"]
    data = image.get_array()
    assert data.shape == (2, 3)  # glutes and calves, three weeks
    assert list(data[0]) == [120, 0, 120] and list(data[1]) == [2, 0, 30]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Glutes", "Calves"]


@pytest.mark.parametrize("chart", [pc.minutes_chart, pc.days_chart, pc.pain_chart,
                                   pc.group_week_chart])
def test_an_empty_log_gives_a_figure_that_says_so(chart, tmp_path):
    with SessionLog(tmp_path / "empty.sqlite") as log:
        data = log.pain_series() if chart is pc.pain_chart else log.weekly(until=date.today())
    fig = chart(data)
    assert "empty" in _gids(fig) and "No sessions yet" in _texts(fig)
    FigureCanvasAgg(fig).draw()  # it renders


def test_many_weeks_keep_the_labels_readable(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as log:
        log.record("Daily", "k", T0, T0 + timedelta(minutes=5), 300)
        weeks = log.weekly(tz=timezone.utc, until=date(2027, 11, 1))
    fig = pc.days_chart(weeks)
    assert len(weeks) == 53 and len(fig.axes[0].get_xticklabels()) <= 12
    FigureCanvasAgg(fig).draw()
