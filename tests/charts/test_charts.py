"""Chart functions: the right groups highlighted, the guideline line present."""

from __future__ import annotations

import pytest

from backstretch import Routine, RoutineItem, load_routine

pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from backstretch.charts import routine_charts as charts  # noqa: E402


def _gids(fig: Figure, prefix: str) -> set[str]:
    return {a.get_gid()[len(prefix):] for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)}


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def test_coverage_chart_marks_the_guideline_and_the_short_groups(article):
    fig = charts.coverage_chart(article)
    assert isinstance(fig, Figure)
    line = next(a for a in fig.findobj() if a.get_gid() == "guideline")
    assert list(line.get_xdata()) == [60, 60]
    assert _gids(fig, "short:") == {"lower_back", "glutes", "deep_hip_rotators", "hamstrings"}
    bars = {a.get_gid(): a for a in fig.findobj() if (a.get_gid() or "").startswith("primary:")}
    assert bars["primary:lower_back"].get_width() == 15
    bold = {t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"}
    assert bold == {"Lower back", "Glutes", "Deep hip rotators", "Hamstrings"}


def test_a_routine_that_meets_the_guideline_has_nothing_short(catalogue):
    r = Routine("r", (RoutineItem("seated-hamstring", hold=30, reps=2),), catalogue)
    fig = charts.coverage_chart(r)
    assert _gids(fig, "short:") == set()
    assert "hamstrings" in _gids(fig, "primary:")


def test_body_map_shades_every_group_and_hatches_the_short(article):
    fig = charts.body_map(article)
    regions = [a for a in fig.findobj() if (a.get_gid() or "").startswith("region:")]
    assert {a.get_gid()[7:] for a in regions} == set(__import__("backstretch").MUSCLE_GROUPS)
    hatched = {a.get_gid()[7:] for a in regions if a.get_hatch()}
    assert hatched == {"lower_back", "glutes", "deep_hip_rotators", "hamstrings"}
    shade = {a.get_gid()[7:]: a.get_facecolor() for a in regions}
    assert shade["hip_flexors"] == (1.0, 1.0, 1.0, 1.0)  # not covered: white
    # more seconds, darker: lower back (45 s) is darker than hamstrings (30 s)
    lum = {g: 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] for g, c in shade.items()}
    assert lum["lower_back"] < lum["hamstrings"] < lum["hip_flexors"]
    texts = " ".join(t.get_text() for t in fig.findobj() if hasattr(t, "get_text"))
    assert "Lower back\n45 s short" in texts and "Front" in texts and "Back" in texts


def test_timeline_chart_has_one_bar_per_step(article):
    fig = charts.timeline_chart(article)
    bars = [a for a in fig.findobj() if (a.get_gid() or "").startswith("step:")]
    assert len(bars) == len(article.steps())
    assert sum(b.get_width() for b in bars) == article.duration


def test_charts_of_an_empty_routine_draw_an_empty_frame_that_says_so(catalogue):
    empty = Routine("empty", (), catalogue)
    coverage = charts.coverage_chart(empty)
    texts = [t.get_text() for t in coverage.findobj(Text)]
    assert "No stretches yet" in texts and "Coverage: empty" in texts
    assert not _gids(coverage, "primary:") and not _gids(coverage, "short:")
    assert coverage.axes[0].get_xlim()[1] >= 60  # the guideline still shows
    regions = [a for a in charts.body_map(empty).findobj()
               if (a.get_gid() or "").startswith("region:")]
    assert regions and all(a.get_facecolor() == (1, 1, 1, 1) and not a.get_hatch()
                           for a in regions)
    timeline = charts.timeline_chart(empty)
    assert not _gids(timeline, "step:") and timeline.axes[0].get_yticks().size == 0
    assert not timeline.legends[0].get_texts()


def test_a_chart_returned_by_a_cell_shows_as_a_picture_in_jupyter():
    """The charts never use pyplot, so the package itself registers the PNG display."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_code_cell(
        "import backstretch\nfrom backstretch.charts import routine_charts as charts\n"
        "charts.body_map(backstretch.load_routine('source-article'))")]
    nbclient.NotebookClient(book, kernel_name="python3", timeout=120).execute()
    shown = [o for o in book.cells[0].outputs if o.output_type == "execute_result"]
    assert shown and "image/png" in shown[0].data


def test_the_kept_coverage_chart_updates_to_what_a_fresh_one_draws(catalogue):
    one = Routine("one", (RoutineItem("seated-hamstring", hold=30),), catalogue)
    kept = charts.CoverageChart()
    kept.png(one)
    figure = kept.figure
    for hold in (20, 25, 12):  # hamstrings stay short, every group under 60 s: the same frame
        edit = one.changed(0, hold=hold)
        assert kept.png(edit) == charts.CoverageChart().png(edit)
    assert kept.figure is figure  # only bars, notes and title were redrawn
    for edit, rebuilt in ((one.changed(0, reps=3), True),  # 90 s: no longer short, axis grows
                          (one.changed(0, hold=28, reps=3), False),  # the axis stays put
                          (one.changed(0, hold=20), True),  # short again
                          (one.added("butterfly"), True)):  # a new group
        figure = kept.figure
        png = kept.png(edit)
        assert (kept.figure is not figure) == rebuilt
        bars = {a.get_gid(): a.get_width() for a in kept.figure.findobj()
                if (a.get_gid() or "").startswith(("primary:", "secondary:"))}
        coverage = edit.coverage()
        assert bars == {f"{part}:{g}": getattr(c, part) for g, c in coverage.items()
                        for part in ("primary", "secondary")}
        assert max(c.stretch for c in coverage.values()) < kept.figure.axes[0].get_xlim()[1]
        if rebuilt:
            assert png == charts.CoverageChart().png(edit)


def test_a_chart_is_registered_once_and_shown_where_it_says(catalogue, article, monkeypatch):
    pytest.importorskip("ipywidgets")
    from backstretch.handouts.content import chart_svgs
    from backstretch.widgets import RoutineBuilder

    extra = charts.Chart("Steps", "Steps of the routine", charts.timeline_chart,
                         frozenset({"builder", "handout"}))
    monkeypatch.setattr(charts, "CHARTS", (*charts.CHARTS, extra))
    builder = RoutineBuilder(catalogue, article)
    assert builder.charts.titles == ("Coverage", "Body map", "Timeline", "Steps")
    builder.charts.selected_index = 3
    shown = builder.charts.children[3].value  # a picture with its caption as alt text
    assert shown.startswith(f'<img alt="Steps of the routine: {article.name}" ')
    assert 'src="data:image/png;base64,iVBORw0KGgo' in shown
    drawn = chart_svgs(article)
    assert all(svg.startswith('<?xml') and "<svg" in svg for _, svg in drawn)
    captions = [caption for caption, _ in drawn]
    assert captions == ["Seconds of stretch per muscle group",
                        "Body map: where the routine stretches", "Steps of the routine"]
