"""Pose data and the geometry of the figures: every stretch drawn, and drawn possibly."""

from __future__ import annotations

import copy
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from backstretch import BackstretchError, Catalogue, load_catalogue
from backstretch.catalogue.muscles import MUSCLE_GROUPS
from backstretch.cli import check_file
from backstretch.figures.drawing import scene_svg, stretch_png, stretch_svg
from backstretch.figures.layout import HEAD_R, LENGTHS, Body, Layout, layout
from backstretch.figures.poses import poses_for, poses_from_dict, poses_path

TOL = 3.0
"""Centimetres a touching point may be off its surface, or sink into it."""
SHIPPED = load_catalogue()
POSES = poses_for(SHIPPED)


def test_every_stretch_has_a_pose():
    assert [s for s in SHIPPED if s not in POSES] == []


def test_every_muscle_group_has_a_place_on_the_figure():
    assert all(g.bands and g.region[0] for g in MUSCLE_GROUPS.values())


def _samples(b: Body):
    """Points along every part with the half-thickness there, and the head."""
    for part in b.parts:
        for a, c in zip(part.points, part.points[1:]):
            for i in range(9):
                t = i / 8
                point = (a[0] + t * (c[0] - a[0]), a[1] + t * (c[1] - a[1]))
                yield part.name, point, part.width / 2
    yield "head", b.points["head"], HEAD_R


def _layouts():
    for stretch_id, pose in POSES.items():
        for side in (("right", "left") if SHIPPED[stretch_id].per_side else (None,)):
            yield pytest.param(layout(pose, side), id=f"{stretch_id}-{side or 'both'}")


LAYOUTS = list(_layouts())


def _length(points):
    return sum(math.dist(a, b) for a, b in zip(points, points[1:]))


@pytest.mark.parametrize("lay", LAYOUTS)
def test_limbs_keep_their_length_between_frames(lay: Layout):
    for frame, b in zip(lay.pose.frames, lay.bodies):
        seen = dict(frame.depth)
        for part in b.parts:
            if part.kind not in LENGTHS or part.kind == "foot":
                continue
            chord = math.dist(part.points[0], part.points[-1])
            true = chord / seen.get(part.name, 1.0)
            if part.kind == "torso":  # a curved spine is longer than its chord
                true = _length(part.points) / seen.get("torso", 1.0)
                assert LENGTHS["torso"] - 0.01 <= true <= LENGTHS["torso"] * 1.12, part.name
            else:
                assert true == pytest.approx(LENGTHS[part.kind], abs=0.01), part.name


def assert_clear(lay: Layout, b: Body, when: str) -> None:
    """No part of ``b`` passes through the floor, the wall, the chair or the step."""
    for name, (x, y), r in _samples(b):
        where = f"{when}, {name} at ({x:.0f}, {y:.0f})"
        if lay.floor is not None:
            assert y - r >= lay.floor - TOL, f"{where} is under the floor"
        if "wall" in lay.surfaces:
            wall = lay.surfaces["wall"][1]
            hip = b.points["hip"][0]
            inside = x + r - wall if hip < wall else wall - (x - r)
            assert inside <= TOL, f"{where} is in the wall"
        for box in lay.boxes:
            if not box.solid or box.name == "wall":
                continue
            dx = max(box.x0 - x, 0.0, x - box.x1)
            dy = max(box.y0 - y, 0.0, y - box.y1)
            assert math.hypot(dx, dy) >= r - TOL, f"{where} is in the {box.name}"


@pytest.mark.parametrize("lay", LAYOUTS)
def test_nothing_passes_through_floor_wall_or_chair(lay: Layout):
    for n, b in enumerate(lay.bodies):
        assert_clear(lay, b, f"frame {n + 1}")


@pytest.mark.parametrize("lay", LAYOUTS)
def test_points_meant_to_touch_touch(lay: Layout):
    for n, (frame, b) in enumerate(zip(lay.pose.frames, lay.bodies)):
        for point, target in frame.touch:
            (x, y), r = b.points[point], b.radii[point]
            where = f"frame {n + 1}: {point} on {target}"
            if target in b.points:
                gap = math.dist((x, y), b.points[target]) - r - b.radii[target]
                assert gap <= TOL, f"{where} is {gap:.1f} cm off"
            elif target == "floor":
                assert abs(y - r - lay.floor) <= TOL, f"{where} is {y - r - lay.floor:.1f} cm off"
            elif target == "wall":
                assert abs(abs(x - lay.surfaces["wall"][1]) - r) <= TOL, where
            else:  # resting on the top of a chair or a step
                assert abs(y - r - lay.surfaces[target][1]) <= TOL, where


@pytest.mark.parametrize("lay", LAYOUTS)
def test_figure_stays_inside_its_frame(lay: Layout):
    for b in lay.bodies:
        for name, (x, y), r in _samples(b):
            assert r <= x <= lay.width - r and r <= y <= lay.height - r, name
    for box in lay.boxes:
        assert 0 <= box.x0 <= box.x1 <= lay.width and 0 <= box.y0 <= box.y1 <= lay.height


@pytest.mark.parametrize("stretch_id", [s for s in POSES if SHIPPED[s].per_side])
def test_left_mirrors_right(stretch_id):
    right, left = layout(POSES[stretch_id], "right"), layout(POSES[stretch_id], "left")
    assert (right.width, right.height) == (left.width, left.height)
    for rb, lb in zip(right.bodies, left.bodies):
        for rp, lp in zip(rb.parts, lb.parts):
            assert rp.name == lp.name
            for (rx, ry), (lx, ly) in zip(rp.points, lp.points):
                assert (lx, ly) == pytest.approx((right.width - rx, ry))
    svg_r, svg_l = (stretch_svg(SHIPPED, stretch_id, s) for s in ("right", "left"))
    assert "RIGHT SIDE" in svg_r and "LEFT SIDE" in svg_l and svg_r != svg_l


# -- the five stretches of the article, as it describes them --------------------------
def _angle(b: Body, part: str) -> float:
    (x0, y0), (x1, y1) = next(p for p in b.parts if p.name == part).points[::len(
        next(p for p in b.parts if p.name == part).points) - 1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0)) % 360


def _on_floor(lay: Layout, b: Body, *points: str) -> bool:
    return all(abs(b.points[p][1] - b.radii[p] - lay.floor) <= TOL for p in points)


def test_article_knee_to_chest():
    lay = layout(POSES["knee-to-chest"], "right")
    b = lay.bodies[0]
    assert _on_floor(lay, b, "head", "shoulder", "hip", "other_heel", "other_toe")
    assert b.points["other_knee"][1] > b.points["hip"][1] + 20  # knee bent, foot flat
    shoulder = b.points["shoulder"]
    near = math.dist(b.points["work_knee"], shoulder)
    assert near < math.dist(b.points["other_knee"], shoulder) - 15  # drawn to the chest
    assert math.dist(b.points["work_hand"], b.points["work_knee"]) < 12  # held at the knee


def test_article_back_rounders():
    lay = layout(POSES["back-rounders"])
    b = lay.bodies[0]
    hip, shoulder = b.points["hip"], b.points["shoulder"]
    for side in ("work", "other"):
        knee = b.points[f"{side}_knee"]
        assert knee[1] > hip[1] + 20 and math.dist(knee, shoulder) < math.dist(hip, shoulder)
        assert math.dist(b.points[f"{side}_hand"], knee) < 20  # hands behind the thighs
    assert b.points["head"][1] - HEAD_R - lay.floor > 10  # head lifted toward the knees
    assert not SHIPPED["back-rounders"].per_side


def test_article_wall_warrior():
    lay = layout(POSES["wall-warrior"], "right")
    assert len(lay.bodies) == 2 and "wall" in lay.surfaces
    for b in lay.bodies:
        assert _angle(b, "torso") == pytest.approx(0, abs=5)  # torso level
        for arm in ("work", "other"):  # arms straight and level, hands at hip height
            assert _angle(b, f"{arm}_upper_arm") == pytest.approx(0, abs=5)
            assert _angle(b, f"{arm}_forearm") == pytest.approx(0, abs=5)
        assert _angle(b, "other_thigh") == pytest.approx(270, abs=5)  # standing leg upright
        assert _angle(b, "other_shin") == pytest.approx(270, abs=5)
    start, end = lay.bodies
    assert _angle(start, "work_thigh") == pytest.approx(270, abs=5)
    assert _angle(end, "work_thigh") == pytest.approx(180, abs=5)  # lifted straight, level
    assert _angle(end, "work_shin") == pytest.approx(180, abs=5)


def test_article_figure_four():
    lay = layout(POSES["figure-four-glute"], "right")
    b = lay.bodies[0]
    assert _on_floor(lay, b, "head", "shoulder", "hip")
    assert math.dist(b.points["work_heel"], b.points["other_knee"]) < 16  # below the knee
    assert b.points["other_knee"][1] > b.points["hip"][1] + 25  # legs drawn to the chest
    assert math.dist(b.points["work_hand"], b.points["other_knee"]) < 16


def test_article_seated_hamstring():
    lay = layout(POSES["seated-hamstring"], "right")
    b = lay.bodies[0]
    assert _on_floor(lay, b, "hip", "work_heel", "other_knee")
    assert _angle(b, "work_thigh") == pytest.approx(_angle(b, "work_shin"), abs=3)  # straight
    assert 20 < _angle(b, "torso") < 70  # folded forward from the hips toward that leg
    knee, heel = b.points["work_knee"][0], b.points["work_heel"][0]
    assert knee - 5 <= b.points["work_hand"][0] <= heel  # the knee or shin is far enough


# -- drawing --------------------------------------------------------------------------
def test_svg_is_wellformed_titled_and_shaded(catalogue):
    for stretch_id in catalogue:
        svg = stretch_svg(catalogue, stretch_id)
        root = ET.fromstring(svg)
        assert root.find("{http://www.w3.org/2000/svg}title").text.startswith(
            catalogue[stretch_id].name)
        assert "#1f4e79" in svg  # the workbook's primary colour marks the main muscles


def test_a_moving_stretchs_still_shows_both_ends_and_nothing_moves(catalogue):
    still = stretch_svg(catalogue, "cat-cow")
    assert 'opacity="0.35"' in still and "@keyframes" not in still  # the start, faintly
    assert 'opacity="0.35"' not in stretch_svg(catalogue, "cat-cow", frame="start")


def test_names_are_escaped_in_the_figure():
    from backstretch.figures.scene import Scene

    svg = scene_svg(Scene(10, 10, (), ((),), ()), "<script>x</script> & $a$")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_png_is_a_picture(catalogue):
    png = stretch_png(catalogue, "wall-warrior", "left", 200)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_custom_catalogue_without_poses_draws_nothing(tmp_path, catalogue):
    (tmp_path / "stretches.yaml").write_text(
        poses_path(catalogue).with_name("stretches.yaml").read_text())
    mine = load_catalogue(tmp_path / "stretches.yaml")
    assert poses_for(mine) == {} and stretch_svg(mine, "sphinx") == ""
    (tmp_path / "poses.yaml").write_text("version: 1\nposes: {}\n")  # not read for a catalogue
    in_memory = Catalogue.from_dict(yaml.safe_load((tmp_path / "stretches.yaml").read_text()))
    assert poses_for(in_memory) == {}  # built in memory: no folder to look in


# -- bad pose data: one clear message naming the file, stretch and field ----------------
def _good() -> dict:
    return yaml.safe_load(poses_path(SHIPPED).read_text())


@pytest.mark.parametrize("edit, where, says", [
    (lambda d: d["poses"]["sphinx"].update(view="diagonal"), "poses.sphinx.view", "use one of"),
    (lambda d: d["poses"]["sphinx"]["frames"][0].update(torso="up"), "poses.sphinx.frames[0].torso",
     "angle in degrees"),
    (lambda d: d["poses"]["sphinx"]["frames"][0].update(work_leg=[1, 2]),
     "poses.sphinx.frames[0].work_leg", "3 angles"),
    (lambda d: d["poses"]["sphinx"]["frames"][0]["touch"].update(nose="floor"),
     "poses.sphinx.frames[0].touch.nose", "unknown body point"),
    (lambda d: d["poses"]["sphinx"]["frames"][0]["touch"].update(hip="wall"),
     "poses.sphinx.frames[0].touch.hip", "add wall to the pose's props"),
    (lambda d: d["poses"]["cat-cow"]["frames"].pop(), "poses.cat-cow.frames", "2 frames"),
    (lambda d: d["poses"]["strap-hamstring"].update(props=["mat"]),
     "poses.strap-hamstring.props", "needs strap"),
    (lambda d: d["poses"].update({"no-such": copy.deepcopy(d["poses"]["sphinx"])}), "poses.no-such",
     "no stretch with this id"),
    (lambda d: d["poses"]["sphinx"]["frames"][0].update(depth={"work_thigh": 3}),
     "poses.sphinx.frames[0].depth.work_thigh", "0.1 to 1"),
    (lambda d: d["poses"]["sphinx"]["start"].update(other_arm=[1]),
     "poses.sphinx.start.other_arm", "2 angles"),
    (lambda d: d["poses"]["sphinx"]["start"]["touch"].update(hip="chair"),
     "poses.sphinx.start.touch.hip", "add chair to the pose's props"),
    (lambda d: d["poses"]["sphinx"].update(between="lift"), "poses.sphinx.between",
     "up to 4 frames"),
    (lambda d: d["poses"]["sphinx"].update(between=[{**copy.deepcopy(d["poses"]["sphinx"]["start"]),
                                                     "work_leg": None}]),
     "poses.sphinx.between[0].work_leg", "is missing"),
    (lambda d: d["poses"]["sphinx"].update(between=[d["poses"]["sphinx"].pop("start")]),
     "poses.sphinx.start", "frames between need the frame they start from"),
    (lambda d: d["poses"]["sphinx"].update(way_in=["up"]), "poses.sphinx.way_in", "text"),
])
def test_bad_pose_data_is_named(tmp_path, edit, where, says):
    data = _good()
    edit(data)
    path = tmp_path / "poses.yaml"
    path.write_text(yaml.safe_dump(data))
    problems = check_file(str(path), SHIPPED)
    assert len(problems) == 1, problems
    assert problems[0].field == where and says in problems[0].message
    assert str(path) in str(problems[0])
    with pytest.raises(BackstretchError):
        poses_from_dict(data, SHIPPED, str(path))


def test_svg_figures_load_no_matplotlib():
    code = ("import sys; from backstretch import load_catalogue; "
            "from backstretch.figures.drawing import stretch_svg; "
            "assert stretch_svg(load_catalogue(), 'sphinx'); print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_contact_sheet_is_committed_with_every_stretch():
    from PIL import Image

    docs = Path(__file__).resolve().parents[2] / "docs"
    assert "(poses.png)" in (docs / "catalogue-format.md").read_text()
    # scripts/draw_poses.py: 3 stretches a row, each its start and hold 2.2 in wide, at 90 dpi
    rows = math.ceil(len(SHIPPED) / 3)
    with Image.open(docs / "poses.png") as sheet:
        width, height = sheet.size
    assert width == round(3 * 2 * 2.2 * 90) and abs(height - rows * (2.2 * 3 / 4 + 0.35) * 90) <= 1
