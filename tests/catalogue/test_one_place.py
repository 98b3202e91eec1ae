"""A new muscle group or prop is added in one place, and every part that shows it
follows: the catalogue's checks, coverage, the dose check, the body map, the pose figures,
the filters and the planner."""

from __future__ import annotations

import shutil

import pytest
import yaml

from backstretch import Routine, RoutineItem, dose_report, load_catalogue
from backstretch.catalogue import muscles, props
from backstretch.figures.poses import poses_path

NECK = muscles.MuscleGroup("neck", "Neck", ("levator scapulae",), "back",
                           (("neck", 0.1, 0.9, "back"),),
                           ((muscles._box(-0.1, 0.1, 6.75, 6.95),), 1))


@pytest.fixture
def with_neck(monkeypatch, tmp_path, catalogue):
    """The shipped catalogue and poses, copied, with a Neck group given to the sphinx."""
    monkeypatch.setitem(muscles.MUSCLE_GROUPS, "neck", NECK)
    data = yaml.safe_load(poses_path(catalogue).with_name("stretches.yaml").read_text())
    for entry in data["stretches"]:
        if entry["id"] == "sphinx":
            entry["primary"] = [*entry["primary"], "neck"]
    (tmp_path / "stretches.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    shutil.copy(poses_path(catalogue), tmp_path / "poses.yaml")
    return load_catalogue(tmp_path / "stretches.yaml")


def test_a_new_muscle_group_needs_only_its_entry_in_muscles(with_neck):
    routine = Routine("Neck", (RoutineItem("sphinx"),), with_neck)
    assert routine.coverage()["neck"].stretch > 0
    assert any(line.text.startswith("Neck:") for line in dose_report(routine).entries())

    from backstretch.charts.routine_charts import body_map
    from backstretch.figures.drawing import stretch_svg
    from backstretch.figures.scene import PRIMARY

    figure = body_map(routine)
    assert any(p.get_gid() == "region:neck" for ax in figure.axes for p in ax.patches)
    assert stretch_svg(with_neck, "sphinx").count(PRIMARY) > \
        stretch_svg(load_catalogue(), "sphinx").count(PRIMARY)


def test_an_unknown_muscle_group_is_refused_until_it_is_added(catalogue, tmp_path):
    data = yaml.safe_load(poses_path(catalogue).with_name("stretches.yaml").read_text())
    data["stretches"][0]["primary"].append("neck")
    (tmp_path / "stretches.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    from backstretch import BackstretchError
    with pytest.raises(BackstretchError, match="primary"):
        load_catalogue(tmp_path / "stretches.yaml")


def test_every_prop_word_comes_from_the_props_table():
    from backstretch.catalogue.stretches import EQUIPMENT
    from backstretch.figures import poses, scene

    assert EQUIPMENT == tuple(props.PROPS)
    assert set(poses.PROPS) == {p.id for p in props.PROPS.values() if p.colour}
    assert set(poses.SURFACES) == {"floor"} | {p.id for p in props.PROPS.values() if p.surface}
    assert all(scene.PROP_COLOURS[p] == props.PROPS[p].colour for p in poses.PROPS)


def test_the_dose_panel_colours_exactly_the_lines_the_report_marks_short(catalogue):
    pytest.importorskip("ipywidgets")
    from backstretch import load_routine
    from backstretch.base.palette import SHORT_COLOUR
    from backstretch.widgets.dose_panel import dose_html

    routine = load_routine("desk-break", catalogue)
    report = dose_report(routine)
    html = dose_html(routine)
    assert html.count(SHORT_COLOUR) == len(report.short) > 0
    assert [line.short for line in report.entries()][:len(report.groups)] == \
        [not g.met for g in report.groups]
