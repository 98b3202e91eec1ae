"""A stretch's figure as the page moves it: the shapes once, and their points in every
frame drawn on the way in (and through a moving stretch's cycle).

The page blends two neighbouring frames point by point (the frames are close enough
that a straight-line blend keeps every limb's length within 2%), so the rules of the
body stay here: the page draws nothing the package did not place. Coordinates are
SVG's (y down), to a tenth of a centimetre; the left side is the right side's mirror
image, which the page draws with a transform.
"""

from __future__ import annotations

import functools
import math

from ..base.language import current
from ..catalogue.stretches import Catalogue, Stretch
from .drawing import svg_shape
from .layout import Layout, layout
from .poses import Pose, poses_for
from .scene import Disc, Point, Shape, Stroke, Text, body_shapes, scene


def _n(v: float) -> float:
    return round(v, 1)


def _fill(points: tuple[Point, ...], n: int) -> tuple[Point, ...]:
    """``points`` with points added in the middle of the longest segments until there
    are ``n`` (the line drawn stays the same)."""
    pts = list(points)
    while len(pts) < n:
        i = max(range(len(pts) - 1), key=lambda k: math.dist(pts[k], pts[k + 1]))
        (ax, ay), (bx, by) = pts[i], pts[i + 1]
        pts.insert(i + 1, ((ax + bx) / 2, (ay + by) / 2))
    return tuple(pts)


def _template(shape: Shape, n: int, same: int | None) -> list:
    """A shape as the page makes it once: a stroke's colour, width, number of points and
    (when it runs through the same points as an earlier stroke, as a part's outline and
    its fill do) that stroke's index; a disc's colours and sizes."""
    if isinstance(shape, Stroke):
        return ["s", shape.colour, _n(shape.width), n, same]
    assert isinstance(shape, Disc)
    return ["d", shape.fill, _n(shape.r), shape.edge, _n(shape.edge_width)]


def _frames(lay: Layout, stretch: Stretch) -> tuple[list, dict[str, list[list[float]]]]:
    """The shapes' template and each run's frames as flat lists of numbers (a stroke that
    repeats an earlier one's points is given once)."""
    shade = (stretch.primary, stretch.secondary, stretch.per_side)
    runs = {"way": [body_shapes(lay, b, *shade) for b in lay.way],
            "cycle": [body_shapes(lay, b, *shade) for b in lay.cycle]}
    every = runs["way"] + runs["cycle"]
    if len({len(f) for f in every}) != 1:
        raise ValueError(f"{lay.pose.id}: the frames draw different shapes")
    first = every[0]
    counts = [max(len(f[i].points) if isinstance(f[i], Stroke) else 1 for f in every)
              for i in range(len(first))]
    same: list[int | None] = []
    for i, shape in enumerate(first):
        earlier = [j for j in range(i) if same[j] is None and isinstance(shape, Stroke)
                   and isinstance(first[j], Stroke)
                   and all(f[i].points == f[j].points for f in every)]
        same.append(earlier[0] if earlier else None)
    h = lay.height

    def flat(shapes: tuple[Shape, ...]) -> list[float]:
        out: list[float] = []
        for shape, n, again in zip(shapes, counts, same):
            if again is not None:
                continue
            points = _fill(shape.points, n) if isinstance(shape, Stroke) else (shape.centre,)
            for x, y in points:
                out += [_n(x), _n(h - y)]
        return out

    template = [_template(s, n, j) for s, n, j in zip(first, counts, same)]
    return template, {k: [flat(f) for f in v] for k, v in runs.items()}


def _labels(pose: Pose, stretch: Stretch) -> dict[str, str]:
    out = {}
    for side in ("left", "right") if stretch.per_side else ():
        sc = scene(layout(pose, side), (), (), True)
        out[side] = "".join(svg_shape(t, sc.height) for t in sc.labels if isinstance(t, Text))
    return out


@functools.lru_cache(maxsize=128)
def _motion(pose: Pose, stretch: Stretch, language: str) -> dict:
    lay = layout(pose, "right" if stretch.per_side else None)
    template, runs = _frames(lay, stretch)
    props = scene(lay, (), (), False)
    return {"w": _n(lay.width), "h": _n(lay.height),
            "props": "".join(svg_shape(s, lay.height) for s in props.props),
            "labels": _labels(pose, stretch), "shapes": template, **runs}


def motion_figure(catalogue: Catalogue, stretch_id: str) -> dict | None:
    """The moving figure of a stretch (its right side; mirror it for the left): the
    props' SVG, the side labels (in the language spoken now), a template of the body's
    shapes, and the points of every frame drawn on the ``way`` in and through the
    ``cycle``; None without a pose."""
    pose = poses_for(catalogue).get(stretch_id)
    return _motion(pose, catalogue[stretch_id], current().code) if pose else None
