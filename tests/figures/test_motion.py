"""The way into each stretch: a start for every pose, and every frame drawn on the way
(and every straight-line blend the page draws between two of them) keeps the body's
rules: nothing through the floor or a prop, what rests stays resting, limbs keep length."""

from __future__ import annotations

import math

import pytest
from test_poses import TOL, assert_clear  # the same rule for the holds, beside this file

from backstretch import load_catalogue
from backstretch.figures.layout import LENGTHS, Body, Layout, layout
from backstretch.figures.motion import MAX_TURN, steps_between, turns, tween
from backstretch.figures.poses import poses_for

BETWEEN_TOL = 9.0
"""Centimetres a point resting at both ends of a turn may rise off its surface in the
frames drawn between (each part turns evenly, so the body cannot keep every point down
exactly); key frames keep ``TOL``."""
BLENDS = 12
"""Moments sampled between two drawn frames, as the page blends them."""
SHIPPED = load_catalogue()
POSES = poses_for(SHIPPED)


def _layouts():
    for stretch_id, pose in POSES.items():
        for side in (("right", "left") if SHIPPED[stretch_id].per_side else (None,)):
            yield pytest.param(layout(pose, side), id=f"{stretch_id}-{side or 'both'}")


LAYOUTS = list(_layouts())


def blend(a: Body, b: Body, t: float) -> Body:
    """What the page draws a share ``t`` of the way between two drawn frames."""
    def mix(p, q):
        return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])

    parts = tuple(type(pa)(pa.name, tuple(mix(p, q) for p, q in zip(pa.points, pb.points)),
                           pa.width, pa.limb) for pa, pb in zip(a.parts, b.parts))
    return Body(parts, {k: mix(a.points[k], b.points[k]) for k in a.points}, a.radii)


def _shown(lay: Layout):
    """Every body the page can show: the drawn frames and blends between neighbours."""
    for run, name in ((lay.way, "way in"), (lay.cycle, "cycle")):
        for n, (a, b) in enumerate(zip(run, run[1:])):
            for k in range(BLENDS + 1):
                yield f"{name} {n + k / BLENDS:.2f}", blend(a, b, k / BLENDS)
        if len(run) == 1:
            yield f"{name} 0", run[0]


def test_every_pose_has_a_start_and_a_way_in():
    assert [s for s, p in POSES.items() if p.start is None] == []
    assert [s for s, p in POSES.items() if not p.way_in.strip()] == []


@pytest.mark.parametrize("lay", LAYOUTS)
def test_no_body_part_passes_through_the_floor_or_a_prop(lay: Layout):
    for when, b in _shown(lay):
        assert_clear(lay, b, when)


@pytest.mark.parametrize("lay", LAYOUTS)
def test_what_rests_stays_resting_in_every_drawn_frame(lay: Layout):
    keys = {id(f) for f in (lay.pose.start, *lay.pose.between, *lay.pose.frames)}
    for n, (frame, b) in enumerate(lay.drawn):
        tol = TOL if id(frame) in keys else BETWEEN_TOL
        for point, target in frame.touch:
            (x, y), r = b.points[point], b.radii[point]
            where = f"drawn frame {n}: {point} on {target}"
            if target in b.points:
                continue  # resting on the body itself: checked at the key frames
            if target == "floor":
                assert abs(y - r - lay.floor) <= tol, f"{where}: {y - r - lay.floor:.1f} cm off"
            elif target == "wall":
                assert abs(abs(x - lay.surfaces["wall"][1]) - r) <= tol, where
            else:
                assert abs(y - r - lay.surfaces[target][1]) <= tol, where


@pytest.mark.parametrize("lay", LAYOUTS)
def test_key_frames_touch_what_they_say(lay: Layout):
    keys = [lay.pose.start, *lay.pose.between]
    for frame, b in zip(keys, lay.keys):
        for point, target in frame.touch:
            if target in b.points:
                gap = math.dist(b.points[point], b.points[target]) - b.radii[point] \
                    - b.radii[target]
                assert gap <= TOL, f"{point} is {gap:.1f} cm off {target}"


@pytest.mark.parametrize("lay", LAYOUTS)
def test_limbs_keep_their_length_on_the_way_and_blends_stay_close(lay: Layout):
    for frame, b in lay.drawn:
        seen = dict(frame.depth)
        for part in b.parts:
            if part.kind in ("thigh", "shin", "upper_arm", "forearm"):
                chord = math.dist(part.points[0], part.points[-1]) / seen.get(part.name, 1.0)
                assert chord == pytest.approx(LENGTHS[part.kind], abs=0.01), part.name
    shortest = math.cos(math.radians(MAX_TURN) / 2)  # a blend cuts the corner by no more
    for run, frames in ((lay.way, lay.way_frames), (lay.cycle, lay.cycle_frames)):
        for (a, b), f in zip(zip(run, run[1:]), frames[1:]):
            mid = blend(a, b, 0.5)
            seen = dict(f.depth)
            for part in mid.parts:
                if part.kind in ("thigh", "shin", "upper_arm", "forearm") and part.name not in seen:
                    chord = math.dist(part.points[0], part.points[-1])
                    assert chord >= LENGTHS[part.kind] * shortest - 0.5, part.name


@pytest.mark.parametrize("lay", LAYOUTS)
def test_the_way_in_ends_at_the_hold_and_every_run_lines_up(lay: Layout):
    assert lay.way[-1].points == lay.bodies[0].points and lay.keys[0] is lay.way[0]
    for run in (lay.way, lay.cycle):  # the page blends part by part, point by point
        shapes = {tuple((p.name, len(p.points)) for p in b.parts) for b in run}
        assert len(shapes) <= 1


def test_a_frame_between_turns_each_part_the_short_way_and_rests_on_what_both_do():
    pose = POSES["knee-to-chest"]
    a, z = pose.start, pose.frames[0]
    mid = tween(a, z, 0.5)
    assert mid.work_leg[0] == pytest.approx((a.work_leg[0] + z.work_leg[0]) / 2)
    assert set(mid.touch) == set(a.touch) & set(z.touch)
    turned = tween(a.__class__(**{**a.__dict__, "torso": 170}),
                   a.__class__(**{**a.__dict__, "torso": -170}), 0.5)
    assert turned.torso % 360 == pytest.approx(180)  # through 180, not through 0
    written = tween(a.__class__(**{**a.__dict__, "torso": 0}),
                    a.__class__(**{**a.__dict__, "torso": -200}), 0.5)
    assert written.torso == pytest.approx(-100)  # nearly a half turn: the way it is written
    assert steps_between(a, z) == math.ceil(turns(a, z) / MAX_TURN)
    assert steps_between(a, a) == 1


@pytest.mark.parametrize("bent", [40.0, -40.0])
def test_a_planted_limb_reaches_its_place_bent_the_way_it_was(bent):
    from backstretch.figures.way import reach

    root, target = (0.0, 0.0), (20.0, -45.0)
    upper, lower = reach(root, target, bent, 30.0, 32.0)
    elbow = (30 * math.cos(math.radians(upper)), 30 * math.sin(math.radians(upper)))
    hand = (elbow[0] + 32 * math.cos(math.radians(lower)),
            elbow[1] + 32 * math.sin(math.radians(lower)))
    assert hand == pytest.approx(target, abs=1e-6)
    assert math.copysign(1, (lower - upper + 180) % 360 - 180) == math.copysign(1, bent)
    far = reach(root, (0.0, -100.0), bent, 30.0, 32.0)  # out of reach: straight toward it
    assert far == pytest.approx((-90.0, -90.0))
